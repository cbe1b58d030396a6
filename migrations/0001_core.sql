-- Ladder core schema: who this copy belongs to, people and reporting lines, the
-- competency library and ratings, Learn-Practice-Feedback plans, development meetings.
-- Ids are UUIDv7 text; calendar dates are YYYY-MM-DD text; instants are UTC RFC 3339.
-- Forward only: once landed this file is never edited; later changes get a new file.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email        TEXT,
    job_title    TEXT,
    level        TEXT,
    team         TEXT,
    start_date   TEXT,
    manager_id   TEXT REFERENCES people(id),
    cadence_days INTEGER NOT NULL DEFAULT 28 CHECK (cadence_days BETWEEN 7 AND 365),
    archived_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (manager_id IS NULL OR manager_id <> id)
) STRICT;
CREATE INDEX people_manager ON people(manager_id);

CREATE TABLE competencies (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    retired_at  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX competencies_name ON competencies(name COLLATE NOCASE);

CREATE TABLE competency_behaviours (
    competency_id TEXT NOT NULL REFERENCES competencies(id),
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    PRIMARY KEY (competency_id, position)
) STRICT;

CREATE TABLE ratings (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES people(id),
    competency_id TEXT NOT NULL REFERENCES competencies(id),
    level         TEXT NOT NULL CHECK (level IN ('current', 'next')),
    rater         TEXT NOT NULL CHECK (rater IN ('self', 'manager', 'other')),
    rater_name    TEXT,
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    rated_on      TEXT NOT NULL,
    evidence      TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX ratings_person ON ratings(person_id, competency_id, level, rated_on);

CREATE TABLE goals (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES people(id),
    competency_id TEXT NOT NULL REFERENCES competencies(id),
    outcome       TEXT NOT NULL CHECK (length(trim(outcome)) > 0),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    position      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX goals_person ON goals(person_id, position);

-- A resource is either a person in Ladder (resource_person_id) or a named person,
-- material or event (resource_name).
CREATE TABLE activities (
    id                 TEXT PRIMARY KEY,
    goal_id            TEXT NOT NULL REFERENCES goals(id),
    phase              TEXT NOT NULL CHECK (phase IN ('learn', 'practice', 'feedback')),
    description        TEXT NOT NULL CHECK (length(trim(description)) > 0),
    resource_kind      TEXT NOT NULL CHECK (resource_kind IN ('person', 'material', 'event')),
    resource_person_id TEXT REFERENCES people(id),
    resource_name      TEXT NOT NULL DEFAULT '',
    target_date        TEXT NOT NULL,
    completed_on       TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    position           INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (resource_person_id IS NULL OR resource_kind = 'person'),
    CHECK (resource_person_id IS NOT NULL OR length(trim(resource_name)) > 0)
) STRICT;
CREATE INDEX activities_goal ON activities(goal_id, phase, position);
CREATE INDEX activities_resource_person ON activities(resource_person_id);

CREATE TABLE meetings (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people(id),
    scheduled_on TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
    held_on      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((status = 'held') = (held_on IS NOT NULL))
) STRICT;
CREATE INDEX meetings_person ON meetings(person_id, scheduled_on);

CREATE TABLE meeting_notes (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    section    TEXT NOT NULL CHECK (section IN ('career_goals', 'behavioural_feedback', 'feedback_to_manager', 'development_in_daily_work')),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, section)
) STRICT;

CREATE TABLE action_items (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    owner       TEXT NOT NULL DEFAULT 'associate' CHECK (owner IN ('associate', 'manager')),
    due_date    TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'converted')),
    closed_on   TEXT,
    activity_id TEXT REFERENCES activities(id),
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    CHECK ((status = 'converted') = (activity_id IS NOT NULL)),
    CHECK ((status = 'open') = (closed_on IS NULL))
) STRICT;
CREATE INDEX action_items_meeting ON action_items(meeting_id, position);
CREATE UNIQUE INDEX action_items_activity ON action_items(activity_id) WHERE activity_id IS NOT NULL;
