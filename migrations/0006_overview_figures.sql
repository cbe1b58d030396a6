-- Each person's plan figures as the team overview shows them (`checks::tally_in`), kept
-- so that opening a large organisation does not read every activity again. A row is
-- only a copy: the triggers below delete it whenever anything it counts changes, and
-- the next overview counts that person again and keeps the new figures.
--
-- The overdue count depends on the day: it was counted for `counted_on` and stays right
-- until the day after `valid_until`, the earliest target date of a pending activity on
-- or after `counted_on` (NULL: no pending activity falls due later, so it stays right).
CREATE TABLE plan_tally (
    person_id                TEXT PRIMARY KEY,
    open_goals               INTEGER NOT NULL,
    open_activities          INTEGER NOT NULL,
    overdue_activities       INTEGER NOT NULL,
    missing_phase            INTEGER NOT NULL,
    manager_only             INTEGER NOT NULL,
    feedback_before_practice INTEGER NOT NULL,
    counted_on               TEXT NOT NULL,
    valid_until              TEXT
) STRICT, WITHOUT ROWID;

-- An activity: its goal's person (both goals' when it moves).
CREATE TRIGGER plan_tally_activity_added AFTER INSERT ON activities BEGIN
    DELETE FROM plan_tally WHERE person_id = (SELECT person_id FROM goals WHERE id = NEW.goal_id);
END;
CREATE TRIGGER plan_tally_activity_changed AFTER UPDATE ON activities BEGIN
    DELETE FROM plan_tally
    WHERE person_id IN (SELECT person_id FROM goals WHERE id IN (OLD.goal_id, NEW.goal_id));
END;
CREATE TRIGGER plan_tally_activity_removed AFTER DELETE ON activities BEGIN
    DELETE FROM plan_tally WHERE person_id = (SELECT person_id FROM goals WHERE id = OLD.goal_id);
END;

-- A goal: its person (both people's when it moves).
CREATE TRIGGER plan_tally_goal_added AFTER INSERT ON goals BEGIN
    DELETE FROM plan_tally WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER plan_tally_goal_changed AFTER UPDATE ON goals BEGIN
    DELETE FROM plan_tally WHERE person_id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER plan_tally_goal_removed AFTER DELETE ON goals BEGIN
    DELETE FROM plan_tally WHERE person_id = OLD.person_id;
END;

-- A person's manager: whether their goals rely on the manager alone.
CREATE TRIGGER plan_tally_manager_changed AFTER UPDATE OF manager_id ON people BEGIN
    DELETE FROM plan_tally WHERE person_id = NEW.id;
END;
CREATE TRIGGER plan_tally_person_removed AFTER DELETE ON people BEGIN
    DELETE FROM plan_tally WHERE person_id = OLD.id;
END;

-- Each person's last held and next scheduled development meeting, from which the
-- meeting cadence is worked out (`meetings::cadence_in`). Unlike `plan_tally` this is
-- kept exact: every change to a person's meetings writes their row again.
CREATE TABLE meeting_dates (
    person_id      TEXT PRIMARY KEY,
    last_held      TEXT,
    next_scheduled TEXT
) STRICT, WITHOUT ROWID;

INSERT INTO meeting_dates (person_id, last_held, next_scheduled)
SELECT person_id,
       max(held_on) FILTER (WHERE status = 'held'),
       min(scheduled_on) FILTER (WHERE status = 'scheduled')
FROM meetings GROUP BY person_id;

CREATE TRIGGER meeting_dates_added AFTER INSERT ON meetings BEGIN
    INSERT OR REPLACE INTO meeting_dates (person_id, last_held, next_scheduled)
    SELECT person_id,
           max(held_on) FILTER (WHERE status = 'held'),
           min(scheduled_on) FILTER (WHERE status = 'scheduled')
    FROM meetings WHERE person_id = NEW.person_id GROUP BY person_id;
END;
CREATE TRIGGER meeting_dates_changed AFTER UPDATE ON meetings BEGIN
    DELETE FROM meeting_dates WHERE person_id = OLD.person_id;
    INSERT OR REPLACE INTO meeting_dates (person_id, last_held, next_scheduled)
    SELECT person_id,
           max(held_on) FILTER (WHERE status = 'held'),
           min(scheduled_on) FILTER (WHERE status = 'scheduled')
    FROM meetings WHERE person_id IN (OLD.person_id, NEW.person_id) GROUP BY person_id;
END;
CREATE TRIGGER meeting_dates_removed AFTER DELETE ON meetings BEGIN
    DELETE FROM meeting_dates WHERE person_id = OLD.person_id;
    INSERT INTO meeting_dates (person_id, last_held, next_scheduled)
    SELECT person_id,
           max(held_on) FILTER (WHERE status = 'held'),
           min(scheduled_on) FILTER (WHERE status = 'scheduled')
    FROM meetings WHERE person_id = OLD.person_id GROUP BY person_id;
END;
CREATE TRIGGER meeting_dates_person_removed AFTER DELETE ON people BEGIN
    DELETE FROM meeting_dates WHERE person_id = OLD.id;
END;

-- The Dashboard's rating trends read every current rating in scope, each person's
-- ratings of a competency together and in order (date, then as recorded), from this
-- index alone: no sort of every rating and no lookup in the table.
CREATE INDEX ratings_trend
    ON ratings(level, person_id, competency_id, rated_on, created_at, id, score);
