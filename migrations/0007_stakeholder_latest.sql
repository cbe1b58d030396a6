-- Each stakeholder's latest ADKAR assessment (by date, then the one recorded last) and
-- its five scores, kept on the stakeholder's row by the triggers below, so that where a
-- change stands (the Dashboard, the rollup) is read from its stakeholders alone rather
-- than by looking up each one's latest assessment. Only a copy, kept exact: every
-- change to a stakeholder's assessments sets it again, NULL when none is left.
-- Forward only: once landed this file is never edited; later changes get a new file.
ALTER TABLE change_stakeholders ADD COLUMN latest_assessment_id TEXT;
ALTER TABLE change_stakeholders ADD COLUMN latest_awareness_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_desire_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_knowledge_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_ability_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_reinforcement_tenths INTEGER;

UPDATE change_stakeholders SET
    (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
     latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
    (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
            reinforcement_tenths
     FROM change_assessments a WHERE a.stakeholder_id = change_stakeholders.id
     ORDER BY assessed_on DESC, id DESC LIMIT 1);

CREATE TRIGGER change_latest_added AFTER INSERT ON change_assessments BEGIN
    UPDATE change_stakeholders SET
        (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
         latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
        (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
                reinforcement_tenths
         FROM change_assessments a WHERE a.stakeholder_id = change_stakeholders.id
         ORDER BY assessed_on DESC, id DESC LIMIT 1)
    WHERE id = NEW.stakeholder_id;
END;
CREATE TRIGGER change_latest_changed AFTER UPDATE ON change_assessments BEGIN
    UPDATE change_stakeholders SET
        (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
         latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
        (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
                reinforcement_tenths
         FROM change_assessments a WHERE a.stakeholder_id = change_stakeholders.id
         ORDER BY assessed_on DESC, id DESC LIMIT 1)
    WHERE id IN (OLD.stakeholder_id, NEW.stakeholder_id);
END;
CREATE TRIGGER change_latest_removed AFTER DELETE ON change_assessments BEGIN
    UPDATE change_stakeholders SET
        (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
         latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
        (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
                reinforcement_tenths
         FROM change_assessments a WHERE a.stakeholder_id = change_stakeholders.id
         ORDER BY assessed_on DESC, id DESC LIMIT 1)
    WHERE id = OLD.stakeholder_id;
END;
