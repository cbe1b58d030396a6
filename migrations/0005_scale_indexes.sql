-- Indexes for the organisation-wide reads at 10,000 people and more (see BENCHMARKS.md).

-- The plan figures of the team overview read every open goal's activities from this
-- index alone (phase, dates and resource), without touching the table.
CREATE INDEX activities_tally
    ON activities(goal_id, phase, target_date, completed_on, resource_person_id);

-- A change's stakeholders in order, without scanning every change's.
CREATE INDEX change_stakeholders_change ON change_stakeholders(change_id, position);

-- A stakeholder's latest assessment (by date, then the one recorded last) in one step;
-- it replaces the index on (stakeholder_id, assessed_on), which it extends.
DROP INDEX change_assessments_stakeholder;
CREATE INDEX change_assessments_latest ON change_assessments(stakeholder_id, assessed_on, id);

-- Each person's meeting cadence (the last held and the next scheduled meeting) from the
-- index alone.
CREATE INDEX meetings_cadence ON meetings(person_id, status, held_on, scheduled_on);
