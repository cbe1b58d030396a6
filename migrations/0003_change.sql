-- ADKAR change management: the change assessment register (one row per change or
-- workstream, with a single owner), its stakeholders (people in Ladder and named groups),
-- dated ADKAR assessments, the phase plan with the influential associates consulted for
-- Desire, and RACI charts.
-- Schema version 3 (after 0002, promotion readiness).
-- Forward only: once landed this file is never edited; later changes get a new file.

CREATE TABLE changes (
    id                  TEXT PRIMARY KEY,
    -- Set when this row is a workstream of a larger change.
    parent_id           TEXT REFERENCES changes(id),
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description         TEXT NOT NULL DEFAULT '',
    -- Exactly one owner, never a committee: one NOT NULL column cannot hold zero or two.
    owner_id            TEXT NOT NULL REFERENCES people(id),
    impact              TEXT NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
    effect              TEXT NOT NULL CHECK (effect IN ('positive', 'negative', 'neutral')),
    training_required   INTEGER NOT NULL CHECK (training_required IN (0, 1)),
    comms_plan_required INTEGER NOT NULL CHECK (comms_plan_required IN (0, 1)),
    org_changes         INTEGER NOT NULL CHECK (org_changes IN (0, 1)),
    -- How aware the organisation already is.
    awareness           TEXT NOT NULL CHECK (awareness IN ('low', 'medium', 'high')),
    status              TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'announced', 'in_progress', 'reinforcing', 'closed')),
    raci_reviewed_on    TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE UNIQUE INDEX changes_name ON changes(name COLLATE NOCASE);
CREATE INDEX changes_owner ON changes(owner_id);
CREATE INDEX changes_parent ON changes(parent_id);

-- A stakeholder is a person in Ladder (head count 1) or a named group with a head count.
CREATE TABLE change_stakeholders (
    id         TEXT PRIMARY KEY,
    change_id  TEXT NOT NULL REFERENCES changes(id),
    person_id  TEXT REFERENCES people(id),
    group_name TEXT CHECK (group_name IS NULL OR length(trim(group_name)) > 0),
    head_count INTEGER NOT NULL DEFAULT 1 CHECK (head_count >= 1),
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((person_id IS NULL) <> (group_name IS NULL)),
    CHECK (person_id IS NULL OR head_count = 1)
) STRICT;
CREATE UNIQUE INDEX change_stakeholders_person
    ON change_stakeholders(change_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX change_stakeholders_group
    ON change_stakeholders(change_id, group_name COLLATE NOCASE) WHERE group_name IS NOT NULL;
CREATE INDEX change_stakeholders_of_person ON change_stakeholders(person_id);

-- One ADKAR assessment of one stakeholder on a date; kept, never overwritten. Scores
-- are stored in tenths (10–50 for 1.0–5.0) so one decimal is exact and the barrier test
-- (score 3 or lower) never meets a rounding error.
CREATE TABLE change_assessments (
    id                   TEXT PRIMARY KEY,
    stakeholder_id       TEXT NOT NULL REFERENCES change_stakeholders(id),
    assessed_on          TEXT NOT NULL,
    awareness_tenths     INTEGER NOT NULL CHECK (awareness_tenths BETWEEN 10 AND 50),
    desire_tenths        INTEGER NOT NULL CHECK (desire_tenths BETWEEN 10 AND 50),
    knowledge_tenths     INTEGER NOT NULL CHECK (knowledge_tenths BETWEEN 10 AND 50),
    ability_tenths       INTEGER NOT NULL CHECK (ability_tenths BETWEEN 10 AND 50),
    reinforcement_tenths INTEGER NOT NULL CHECK (reinforcement_tenths BETWEEN 10 AND 50),
    awareness_note       TEXT NOT NULL DEFAULT '',
    desire_note          TEXT NOT NULL DEFAULT '',
    knowledge_note       TEXT NOT NULL DEFAULT '',
    ability_note         TEXT NOT NULL DEFAULT '',
    reinforcement_note   TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL
) STRICT;
CREATE INDEX change_assessments_stakeholder ON change_assessments(stakeholder_id, assessed_on);

-- The phase plan: actions per ADKAR element.
CREATE TABLE change_actions (
    id          TEXT PRIMARY KEY,
    change_id   TEXT NOT NULL REFERENCES changes(id),
    element     TEXT NOT NULL
                CHECK (element IN ('awareness', 'desire', 'knowledge', 'ability', 'reinforcement')),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    owner_id    TEXT NOT NULL REFERENCES people(id),
    due_date    TEXT,
    status      TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    -- The starter action it came from, so suggesting the starters again adds nothing.
    starter     TEXT,
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX change_actions_change ON change_actions(change_id, element, position);
CREATE UNIQUE INDEX change_actions_starter
    ON change_actions(change_id, starter) WHERE starter IS NOT NULL;

-- The influential associates consulted early for Desire.
CREATE TABLE change_influencers (
    id                 TEXT PRIMARY KEY,
    change_id          TEXT NOT NULL REFERENCES changes(id),
    person_id          TEXT NOT NULL REFERENCES people(id),
    concerns           TEXT NOT NULL DEFAULT '',
    questions          TEXT NOT NULL DEFAULT '',
    expected_reactions TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (change_id, person_id)
) STRICT;

CREATE TABLE change_raci_activities (
    id         TEXT PRIMARY KEY,
    change_id  TEXT NOT NULL REFERENCES changes(id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX change_raci_activities_name
    ON change_raci_activities(change_id, name COLLATE NOCASE);

-- One role per person per activity.
CREATE TABLE change_raci_roles (
    activity_id TEXT NOT NULL REFERENCES change_raci_activities(id),
    person_id   TEXT NOT NULL REFERENCES people(id),
    role        TEXT NOT NULL CHECK (role IN ('r', 'a', 'c', 'i')),
    PRIMARY KEY (activity_id, person_id)
) STRICT;
-- Exactly one Accountable per activity: a second 'a' is refused here as well as by the
-- core. An activity with none is a check finding, since it is being filled in.
CREATE UNIQUE INDEX change_raci_one_accountable
    ON change_raci_roles(activity_id, role) WHERE role = 'a';
