-- The audit trail: who changed what, and when, in development plans (goals and
-- activities), ratings, readiness verdicts and ADKAR change scores, and when a person was
-- erased. Entries are written by the core in the same transaction as the change they
-- describe, and are owned by src/audit.rs. Instants are UTC RFC 3339.
-- Forward only: once landed this file is never edited; later changes get a new file.

-- No foreign keys: an entry outlives the record it describes, so a deleted activity keeps
-- its history. `person_id` is whom the record is about (a person export includes these
-- entries; erasing the person removes them). `actor` is the user of this copy as named
-- when the change was made, or 'unknown user' before anyone said who they are.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    TEXT,
    actor       TEXT NOT NULL CHECK (length(trim(actor)) > 0),
    record_kind TEXT NOT NULL CHECK (record_kind IN ('goal', 'activity', 'rating',
                    'readiness_assessment', 'change_assessment', 'person')),
    record_id   TEXT NOT NULL,
    person_id   TEXT,
    action      TEXT NOT NULL CHECK (action IN ('added', 'changed', 'deleted', 'erased')),
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,
    CHECK ((action = 'changed') = (field IS NOT NULL))
) STRICT;
CREATE INDEX audit_log_record ON audit_log(record_id, seq);
CREATE INDEX audit_log_person ON audit_log(person_id, seq) WHERE person_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log(actor_id) WHERE actor_id IS NOT NULL;
