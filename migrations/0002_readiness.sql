-- Promotion readiness: dated assessments of a person toward a target role or level, the
-- five requirements, job-specific skills (gaps link to development goals), advocates and
-- advocacy actions (which may become plan activities), and the manager's decided verdict.
-- Ids are UUIDv7 text; calendar dates are YYYY-MM-DD text; instants are UTC RFC 3339.
-- Forward only: once landed this file is never edited; later changes get a new file.

-- One row per assessment; assessments are kept, never overwritten, so progress shows.
-- Requirement 4 (role availability) lives here: it has an availability, not a status, and
-- a path only when the role is not available.
CREATE TABLE readiness_assessments (
    id                TEXT PRIMARY KEY,
    person_id         TEXT NOT NULL REFERENCES people(id),
    target            TEXT NOT NULL CHECK (length(trim(target)) > 0),
    assessed_on       TEXT NOT NULL,
    role_availability TEXT NOT NULL DEFAULT 'unknown'
                      CHECK (role_availability IN ('available', 'not_available', 'unknown')),
    role_notes        TEXT NOT NULL DEFAULT '',
    role_path         TEXT CHECK (role_path IN ('influence_need', 'create_role', 'stay_and_grow', 'look_beyond')),
    role_next_step    TEXT NOT NULL DEFAULT '',
    decided_verdict   TEXT CHECK (decided_verdict IN ('ready_now', 'ready_1_2_years', 'ready_3_plus_years')),
    rationale         TEXT NOT NULL DEFAULT '',
    decided_on        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (role_path IS NULL OR role_availability = 'not_available'),
    CHECK (role_path IS NULL OR length(trim(role_next_step)) > 0),
    CHECK ((decided_verdict IS NULL) = (decided_on IS NULL))
) STRICT;
CREATE INDEX readiness_assessments_person ON readiness_assessments(person_id, assessed_on);

-- Requirements 1, 2, 3 and 5. A missing row means status unknown and no evidence. For
-- competencies the status is NULL while it follows the proposal from next-level ratings;
-- a status there is the manager's override and needs a reason.
CREATE TABLE readiness_requirements (
    assessment_id   TEXT NOT NULL REFERENCES readiness_assessments(id),
    requirement     TEXT NOT NULL CHECK (requirement IN ('results', 'competencies', 'skills', 'advocates')),
    status          TEXT CHECK (status IN ('met', 'partly', 'not_yet', 'unknown')),
    evidence        TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, requirement),
    CHECK (status IS NOT NULL OR requirement = 'competencies'),
    CHECK (requirement = 'competencies' OR override_reason = ''),
    CHECK (status IS NULL OR requirement <> 'competencies' OR length(trim(override_reason)) > 0)
) STRICT;

-- The skills the target role needs on day one. A gap may become a development goal; the
-- link stays when the skill is later marked `have` (the goal is then no longer required).
-- A new assessment copies the previous one's skills, links included, so one goal may be
-- linked from several assessments of the same person.
CREATE TABLE readiness_skills (
    id            TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES readiness_assessments(id),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    status        TEXT NOT NULL CHECK (status IN ('have', 'gap')),
    notes         TEXT NOT NULL DEFAULT '',
    goal_id       TEXT REFERENCES goals(id),
    position      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX readiness_skills_name ON readiness_skills(assessment_id, name COLLATE NOCASE);
CREATE INDEX readiness_skills_goal ON readiness_skills(goal_id) WHERE goal_id IS NOT NULL;

-- An advocate is a person in Ladder (person_id) or a named person (name).
CREATE TABLE readiness_advocates (
    id              TEXT PRIMARY KEY,
    assessment_id   TEXT NOT NULL REFERENCES readiness_assessments(id),
    person_id       TEXT REFERENCES people(id),
    name            TEXT NOT NULL DEFAULT '',
    relation        TEXT NOT NULL CHECK (relation IN ('manager_manager', 'hr', 'mentor', 'cross_functional_leader', 'peer_leader', 'other')),
    influence       TEXT NOT NULL CHECK (influence IN ('high', 'medium', 'low')),
    last_contact_on TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (person_id IS NOT NULL OR length(trim(name)) > 0),
    CHECK (person_id IS NULL OR name = '')
) STRICT;
CREATE INDEX readiness_advocates_assessment ON readiness_advocates(assessment_id, position);
CREATE INDEX readiness_advocates_person ON readiness_advocates(person_id) WHERE person_id IS NOT NULL;

-- Ways to build advocacy, each with a due date; one may become a plan activity, once.
CREATE TABLE readiness_actions (
    id            TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES readiness_assessments(id),
    kind          TEXT NOT NULL CHECK (kind IN ('mentor', 'beyond_day_job', 'cross_functional_team', 'questions_over_coffee', 'visibility')),
    description   TEXT NOT NULL CHECK (length(trim(description)) > 0),
    advocate_id   TEXT REFERENCES readiness_advocates(id),
    due_date      TEXT NOT NULL,
    activity_id   TEXT REFERENCES activities(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX readiness_actions_assessment ON readiness_actions(assessment_id, due_date);
CREATE UNIQUE INDEX readiness_actions_activity ON readiness_actions(activity_id) WHERE activity_id IS NOT NULL;
