-- Each stakeholder's latest ADKAR assessment and its five scores, kept on the
-- stakeholder's row by the triggers below, so that where a change stands (the Dashboard,
-- the rollup) is read from its stakeholders alone rather than by looking up each one's
-- latest assessment. Only a copy, kept exact: every change to a stakeholder's assessments
-- that can move it sets it again, NULL when none is left.
-- Forward only: once landed this file is never edited; later changes get a new file.
ALTER TABLE change_stakeholders ADD COLUMN latest_assessment_id TEXT;
ALTER TABLE change_stakeholders ADD COLUMN latest_awareness_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_desire_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_knowledge_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_ability_tenths INTEGER;
ALTER TABLE change_stakeholders ADD COLUMN latest_reinforcement_tenths INTEGER;

-- Which assessment is a stakeholder's latest, written once: by date, then the one
-- recorded last (ids grow with time). Read for one stakeholder at a time, through the
-- (stakeholder, date, id) index.
CREATE VIEW change_latest_assessments AS
SELECT a.stakeholder_id, a.id, a.awareness_tenths, a.desire_tenths, a.knowledge_tenths,
       a.ability_tenths, a.reinforcement_tenths
FROM change_assessments a
WHERE a.id = (SELECT a2.id FROM change_assessments a2
              WHERE a2.stakeholder_id = a.stakeholder_id
              ORDER BY a2.assessed_on DESC, a2.id DESC LIMIT 1);

UPDATE change_stakeholders SET
    (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
     latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
    (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
            reinforcement_tenths
     FROM change_latest_assessments l WHERE l.stakeholder_id = change_stakeholders.id);

CREATE TRIGGER change_latest_added AFTER INSERT ON change_assessments BEGIN
    UPDATE change_stakeholders SET
        (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
         latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
        (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
                reinforcement_tenths
         FROM change_latest_assessments l WHERE l.stakeholder_id = change_stakeholders.id)
    WHERE id = NEW.stakeholder_id;
END;
-- Only the columns the copy depends on: scrubbing a note (erasing a person) moves nothing.
CREATE TRIGGER change_latest_changed AFTER UPDATE OF id, stakeholder_id, assessed_on,
    awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths, reinforcement_tenths
    ON change_assessments BEGIN
    UPDATE change_stakeholders SET
        (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
         latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
        (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
                reinforcement_tenths
         FROM change_latest_assessments l WHERE l.stakeholder_id = change_stakeholders.id)
    WHERE id IN (OLD.stakeholder_id, NEW.stakeholder_id);
END;
CREATE TRIGGER change_latest_removed AFTER DELETE ON change_assessments BEGIN
    UPDATE change_stakeholders SET
        (latest_assessment_id, latest_awareness_tenths, latest_desire_tenths,
         latest_knowledge_tenths, latest_ability_tenths, latest_reinforcement_tenths) =
        (SELECT id, awareness_tenths, desire_tenths, knowledge_tenths, ability_tenths,
                reinforcement_tenths
         FROM change_latest_assessments l WHERE l.stakeholder_id = change_stakeholders.id)
    WHERE id = OLD.stakeholder_id;
END;
