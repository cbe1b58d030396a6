//! A generated organisation of any size, for trying Ladder at scale and for the
//! benchmarks: `ladder demo --people N --seed S`. One root manager heads a hierarchy with
//! spans of 5–10; every associate has 3–6 goals of 4–8 activities, 12–24 ratings and 4–12
//! meetings with action items (the next one scheduled); about a third have readiness
//! assessments; a few changes have up to N stakeholders, each scored 2–3 times.
//!
//! The same seed, size and `today` give the same database, row for row: randomness comes
//! from a small seeded PRNG (splitmix64, identical on every platform), ids are drawn from
//! it in the shape of UUIDv7 (a counter where the timestamp would be, so they are unique
//! and sort by creation) and every `created_at`/`updated_at` is `today` at 09:00 UTC (or
//! the clock's instant, when that is earlier).
//!
//! Values go through the core's own validators (text, e-mail, cadence, score, ADKAR
//! score) and the schema's constraints and foreign keys; rows are written with prepared
//! statements in batched transactions (people first, then their records, a batch of people
//! at a time), so 10,000 people take seconds. Generated records are not in the audit
//! trail: nobody changed them.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection};

use crate::change::adkar::Score;
use crate::competencies::{self, check_score};
use crate::demo::DemoSummary;
use crate::people::check_cadence;
use crate::profile::{self, Role};
use crate::{validate, Db, Error, Result};

/// The largest organisation `generate` makes.
pub const MAX_PEOPLE: i64 = 1_000_000;

/// People whose records are written in one transaction.
const BATCH: usize = 1_000;

/// splitmix64: tiny, fast and the same sequence on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next_u64() % (high - low + 1) as u64) as i64
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// Ids in the shape of a UUIDv7: a counter in the 48 timestamp bits, random bits after,
/// so they are unique, sort by creation, and their last eight characters (the short id
/// people see) differ.
struct Ids {
    rng: Rng,
    counter: u64,
}

impl Ids {
    fn next(&mut self) -> String {
        self.counter += 1;
        let r = self.rng.next_u64();
        format!(
            "{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}",
            self.counter >> 16,
            self.counter & 0xffff,
            (r >> 52) & 0xfff,
            0x8000 | ((r >> 36) & 0x3fff),
            r & 0xffff_ffff_ffff
        )
    }
}

const FIRST: &[&str] = &[
    "Aisha", "Ben", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sanjay", "Tessa", "Umar", "Vera",
    "Wei", "Ximena", "Yusuf", "Zara", "Amara", "Bruno", "Chloe", "Diego",
];
const LAST: &[&str] = &[
    "Adeyemi",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Wójcik",
    "Xu",
    "Yilmaz",
    "Zhou",
];
const TEAMS: &[&str] = &[
    "Platform", "Payments", "Mobile", "Data", "Support", "Sales", "Finance", "People", "Security",
    "Design",
];
const TITLES: &[&str] = &[
    "Engineer",
    "Analyst",
    "Designer",
    "Specialist",
    "Consultant",
    "Coordinator",
];
const OUTCOMES: &[&str] = &[
    "Lead a design review without help",
    "Present the quarterly results to the department",
    "Coach a new joiner through their first project",
    "Run a retrospective that ends with owned actions",
    "Write a proposal that gets funded",
    "Negotiate scope with a difficult stakeholder",
    "Own an incident from page to post-mortem",
    "Plan a quarter's work for the team",
];
const ACTIVITIES: [&[&str]; 3] = [
    &[
        "Read the chapter on giving feedback",
        "Take the online course on facilitation",
        "Shadow a senior colleague for a week",
        "Study three past proposals that worked",
    ],
    &[
        "Run the weekly planning meeting",
        "Draft the next project brief",
        "Lead one customer call",
        "Present at the team demo",
    ],
    &[
        "Ask two peers for feedback on the session",
        "Review the outcome with the manager",
        "Collect written feedback from the stakeholder",
        "Debrief with the mentor",
    ],
];
const MATERIALS: &[&str] = &[
    "Crucial Conversations",
    "The Manager's Path",
    "Internal wiki: design reviews",
    "Facilitation course",
];
const EVENTS: &[&str] = &[
    "Quarterly all-hands",
    "Architecture guild",
    "Leadership offsite",
    "Customer summit",
];
const ACTIONS: &[&str] = &[
    "Book time with the mentor",
    "Send the draft for review",
    "Find a stretch project",
    "Update the plan after the review",
    "Ask the skip-level manager for feedback",
];
const SECTIONS: &[&str] = &[
    "career_goals",
    "behavioural_feedback",
    "feedback_to_manager",
    "development_in_daily_work",
];
const NOTES: &[&str] = &[
    "Wants to grow toward leading a team within two years.",
    "Meetings run well; could speak up earlier when plans slip.",
    "Asked for clearer priorities at the start of each sprint.",
    "Took the lead on the release checklist this month.",
];
const LEVELS: &[&str] = &["L1", "L2", "L3", "L4", "L5", "L6"];

/// Fills an empty database with a generated organisation of `people` associates and
/// makes its root manager the user of this copy. Refuses a database holding people.
pub fn generate(db: &Db, people: i64, seed: u64, today: NaiveDate) -> Result<DemoSummary> {
    let n = validate::in_range("people", people, 1, MAX_PEOPLE)? as usize;
    // Never after the clock: an import of a workbook exported later refuses rows whose
    // record changed after the export (`import::stale`), as one stamped ahead would seem.
    let now = format!("{today}T09:00:00.000Z").min(crate::timestamp());
    let mut gen = Gen {
        rng: Rng::new(seed),
        ids: Ids {
            rng: Rng::new(seed ^ 0x1ad_de12),
            counter: 0,
        },
        today,
        now,
        sum: DemoSummary::default(),
    };
    let (org, comps) = db.write(|c| {
        let existing: i64 = c.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(Error::conflict(
                "demo",
                format!("the database already holds {existing} people; a generated organisation only fills an empty database"),
            ));
        }
        let comps: Vec<String> = competencies::list_in(c, false)?
            .into_iter()
            .map(|k| k.id)
            .collect();
        if comps.is_empty() {
            return Err(Error::invalid(
                "competencies",
                "the competency library has no active competency to plan against",
            ));
        }
        let org = gen.people(c, n)?;
        profile::set_me_in(c, &org[0].id, Role::Manager)?;
        Ok((org, comps))
    })?;
    for batch in org.chunks(BATCH) {
        db.write(|c| {
            for p in batch {
                gen.records(c, p, &org, &comps)?;
            }
            Ok(())
        })?;
    }
    db.write(|c| gen.changes(c, &org))?;
    Ok(gen.sum)
}

/// One generated person: what their records need to know.
struct Member {
    id: String,
    manager: Option<usize>,
    cadence: i64,
}

struct Gen {
    rng: Rng,
    ids: Ids,
    today: NaiveDate,
    now: String,
    sum: DemoSummary,
}

impl Gen {
    /// The hierarchy, breadth first: each manager gets 5–10 reports until there are `n`.
    fn people(&mut self, c: &Connection, n: usize) -> Result<Vec<Member>> {
        let mut stmt = c.prepare_cached(
            "INSERT INTO people (id, name, email, job_title, level, team, start_date, manager_id,
                cadence_days, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?;
        let mut org: Vec<Member> = Vec::with_capacity(n);
        let mut depth: Vec<usize> = Vec::with_capacity(n);
        let mut next_manager = 0;
        let mut taken: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
        let mut left_for_manager = 0;
        for i in 0..n {
            let manager = if i == 0 {
                None
            } else {
                if left_for_manager == 0 {
                    if i > 1 {
                        next_manager += 1;
                    }
                    left_for_manager = self.rng.range(5, 10);
                }
                left_for_manager -= 1;
                Some(next_manager)
            };
            let d = manager.map_or(0, |m| depth[m] + 1);
            let first = *self.rng.pick(FIRST);
            let last = *self.rng.pick(LAST);
            // Names are unique (workbooks name people), with a middle initial or a number
            // once the plain first-and-last pairs run out.
            let seen = taken.entry(format!("{first} {last}")).or_insert(0);
            let name = match *seen {
                0 => format!("{first} {last}"),
                k @ 1..=26 => format!("{first} {}. {last}", (b'A' + k as u8 - 1) as char),
                k => format!("{first} {last} ({k})"),
            };
            *seen += 1;
            let name = validate::required_text("name", &name)?;
            let email = validate::optional_email(Some(&format!(
                "{}.{}{i}@example.com",
                first.to_lowercase(),
                last.to_lowercase()
            )))?;
            let cadence = check_cadence(*self.rng.pick(&[14, 21, 28, 28, 28, 42]))?;
            let level = LEVELS[LEVELS.len().saturating_sub(1 + d).min(LEVELS.len() - 1)];
            let title = if d == 0 {
                "Director".to_string()
            } else {
                format!("{}{}", level_word(d), self.rng.pick(TITLES))
            };
            let id = self.ids.next();
            let ago = self.rng.range(30, 3650);
            let start = shift(self.today, -ago);
            stmt.execute(params![
                id,
                name,
                email,
                title,
                level,
                self.rng.pick(TEAMS),
                start,
                manager.map(|m: usize| org[m].id.as_str()),
                cadence,
                self.now
            ])?;
            org.push(Member {
                id,
                manager,
                cadence,
            });
            depth.push(d);
        }
        self.sum.people = n;
        self.sum.manager =
            c.query_row("SELECT name FROM people WHERE id = ?1", [&org[0].id], |r| {
                r.get(0)
            })?;
        Ok(org)
    }

    /// One person's plan, ratings, meetings and readiness assessments.
    fn records(
        &mut self,
        c: &Connection,
        p: &Member,
        org: &[Member],
        comps: &[String],
    ) -> Result<()> {
        let goal_ids = self.plan(c, p, org, comps)?;
        self.ratings(c, p, comps)?;
        self.meetings(c, p)?;
        if self.rng.chance(33) {
            self.readiness(c, p, org, &goal_ids)?;
        }
        Ok(())
    }

    fn plan(
        &mut self,
        c: &Connection,
        p: &Member,
        org: &[Member],
        comps: &[String],
    ) -> Result<Vec<String>> {
        let mut goal_stmt = c.prepare_cached(
            "INSERT INTO goals (id, person_id, competency_id, outcome, status, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?;
        let mut act_stmt = c.prepare_cached(
            "INSERT INTO activities (id, goal_id, phase, description, resource_kind,
                resource_person_id, resource_name, target_date, completed_on, notes, position,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '', ?10, ?11, ?11)",
        )?;
        let goals = self.rng.range(3, 6);
        let mut ids = Vec::new();
        for g in 0..goals {
            let id = self.ids.next();
            let outcome = validate::required_text("outcome", self.rng.pick::<&str>(OUTCOMES))?;
            let status = match self.rng.range(0, 9) {
                0 => "done",
                1 => "dropped",
                _ => "open",
            };
            goal_stmt.execute(params![
                id,
                p.id,
                self.rng.pick(comps),
                outcome,
                status,
                g + 1,
                self.now
            ])?;
            let activities = self.rng.range(4, 8);
            let mut positions = [0i64; 3];
            for a in 0..activities {
                // Every phase once first, then any: a plan shows the whole cycle.
                let phase = if a < 3 {
                    a as usize
                } else {
                    self.rng.range(0, 2) as usize
                };
                positions[phase] += 1;
                let description = validate::required_text(
                    "description",
                    self.rng.pick::<&str>(ACTIVITIES[phase]),
                )?;
                let (kind, person, name) = match self.rng.range(0, 2) {
                    0 => match p.manager {
                        Some(m) => ("person", Some(org[m].id.as_str()), String::new()),
                        None => ("person", None, "An external coach".to_string()),
                    },
                    1 => ("material", None, self.rng.pick(MATERIALS).to_string()),
                    _ => ("event", None, self.rng.pick(EVENTS).to_string()),
                };
                let target = shift(self.today, self.rng.range(-120, 180));
                let done = (status == "done" || (target < self.today && self.rng.chance(70)))
                    .then(|| target.min(self.today));
                act_stmt.execute(params![
                    self.ids.next(),
                    id,
                    ["learn", "practice", "feedback"][phase],
                    description,
                    kind,
                    person,
                    name,
                    target,
                    done,
                    positions[phase],
                    self.now
                ])?;
                self.sum.activities += 1;
            }
            self.sum.goals += 1;
            ids.push(id);
        }
        Ok(ids)
    }

    fn ratings(&mut self, c: &Connection, p: &Member, comps: &[String]) -> Result<()> {
        let mut stmt = c.prepare_cached(
            "INSERT INTO ratings (id, person_id, competency_id, level, rater, rater_name, score,
                rated_on, evidence, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for _ in 0..self.rng.range(12, 24) {
            let rater = *self.rng.pick(&["self", "manager", "manager", "other"]);
            let rater_name = (rater == "other").then_some("A peer");
            let score = check_score(self.rng.range(1, 5))?;
            let evidence = validate::free_text("evidence", "Seen in the last project review.")?;
            stmt.execute(params![
                self.ids.next(),
                p.id,
                self.rng.pick(comps),
                *self.rng.pick(&["current", "current", "next"]),
                rater,
                rater_name,
                score,
                shift(self.today, -self.rng.range(0, 720)),
                evidence,
                self.now
            ])?;
            self.sum.ratings += 1;
        }
        Ok(())
    }

    /// Past meetings at the person's cadence, held (a few cancelled), then the next one
    /// scheduled; action items on the held ones, the older ones mostly closed.
    fn meetings(&mut self, c: &Connection, p: &Member) -> Result<()> {
        let mut meeting = c.prepare_cached(
            "INSERT INTO meetings (id, person_id, scheduled_on, status, held_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?;
        let mut note = c.prepare_cached(
            "INSERT INTO meeting_notes (meeting_id, section, body, updated_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut action = c.prepare_cached(
            "INSERT INTO action_items (id, meeting_id, description, owner, due_date, status,
                closed_on, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        let count = self.rng.range(4, 12);
        let next_in = self.rng.range(-3, p.cadence);
        for k in 0..count {
            let id = self.ids.next();
            let past = count - 1 - k;
            let on = shift(self.today, next_in - past * p.cadence);
            let status = if past == 0 && on >= self.today {
                "scheduled"
            } else if self.rng.chance(8) {
                "cancelled"
            } else {
                "held"
            };
            let held = (status == "held").then_some(on);
            meeting.execute(params![id, p.id, on, status, held, self.now])?;
            self.sum.meetings += 1;
            if status != "held" {
                continue;
            }
            for section in SECTIONS {
                if self.rng.chance(50) {
                    note.execute(params![id, section, self.rng.pick(NOTES), self.now])?;
                }
            }
            for pos in 1..=self.rng.range(0, 3) {
                let description =
                    validate::required_text("description", self.rng.pick::<&str>(ACTIONS))?;
                let due = on + Duration::days(self.rng.range(7, 42));
                let closed = (due < self.today && self.rng.chance(75)).then_some(due);
                action.execute(params![
                    self.ids.next(),
                    id,
                    description,
                    *self.rng.pick(&["associate", "associate", "manager"]),
                    due,
                    if closed.is_some() { "done" } else { "open" },
                    closed,
                    pos,
                    self.now
                ])?;
                self.sum.action_items += 1;
            }
        }
        Ok(())
    }

    /// One or two assessments toward the next level: the five requirements, a skill gap
    /// linked to a goal, an advocate, and a decided verdict on the older one.
    fn readiness(
        &mut self,
        c: &Connection,
        p: &Member,
        org: &[Member],
        goals: &[String],
    ) -> Result<()> {
        let mut head = c.prepare_cached(
            "INSERT INTO readiness_assessments (id, person_id, target, assessed_on,
                role_availability, decided_verdict, rationale, decided_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        let mut req = c.prepare_cached(
            "INSERT INTO readiness_requirements (assessment_id, requirement, status, evidence, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut skill = c.prepare_cached(
            "INSERT INTO readiness_skills (id, assessment_id, name, status, goal_id, position,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?;
        let mut advocate = c.prepare_cached(
            "INSERT INTO readiness_advocates (id, assessment_id, person_id, name, relation,
                influence, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
        )?;
        let target = validate::required_text("target", "Next level")?;
        let count = self.rng.range(1, 2);
        for k in 0..count {
            let id = self.ids.next();
            let on = shift(self.today, -self.rng.range(0, 180) - (count - 1 - k) * 180);
            let decided = k + 1 < count;
            let verdict = decided.then(|| {
                *self
                    .rng
                    .pick(&["ready_now", "ready_1_2_years", "ready_3_plus_years"])
            });
            head.execute(params![
                id,
                p.id,
                target,
                on,
                *self.rng.pick(&["available", "unknown"]),
                verdict,
                if decided { "Discussed with HR." } else { "" },
                decided.then_some(on),
                self.now
            ])?;
            for r in ["results", "skills", "advocates"] {
                let status = *self.rng.pick(&["met", "partly", "not_yet", "unknown"]);
                req.execute(params![id, r, status, "From the last review.", self.now])?;
            }
            skill.execute(params![
                self.ids.next(),
                id,
                "Budget planning",
                "gap",
                self.rng.pick(goals),
                1,
                self.now
            ])?;
            let (person, name) = match p.manager.and_then(|m| org[m].manager) {
                Some(skip) => (Some(org[skip].id.as_str()), ""),
                None => (None, "HR business partner"),
            };
            advocate.execute(params![
                self.ids.next(),
                id,
                person,
                name,
                if person.is_some() {
                    "manager_manager"
                } else {
                    "hr"
                },
                *self.rng.pick(&["high", "medium", "low"]),
                self.now
            ])?;
            self.sum.readiness_assessments += 1;
        }
        Ok(())
    }

    /// A few changes: the first reaches everyone, the others a slice of the organisation.
    /// Every stakeholder is scored 2–3 times, a month apart, improving a little each time.
    fn changes(&mut self, c: &Connection, org: &[Member]) -> Result<()> {
        let mut change = c.prepare_cached(
            "INSERT INTO changes (id, name, description, owner_id, impact, effect,
                training_required, comms_plan_required, org_changes, awareness, status,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        )?;
        let mut stakeholder = c.prepare_cached(
            "INSERT INTO change_stakeholders (id, change_id, person_id, head_count, position, created_at)
             VALUES (?1, ?2, ?3, 1, ?4, ?5)",
        )?;
        let mut assessment = c.prepare_cached(
            "INSERT INTO change_assessments (id, stakeholder_id, assessed_on, awareness_tenths,
                desire_tenths, knowledge_tenths, ability_tenths, reinforcement_tenths, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let n = org.len();
        let changes = (1 + n / 2_000).min(8);
        for k in 0..changes {
            let id = self.ids.next();
            let name =
                validate::required_text("name", &format!("Change {} of the organisation", k + 1))?;
            change.execute(params![
                id,
                name,
                "A generated change for trying Ladder at scale.",
                org[self.rng.range(0, (n - 1).min(10) as i64) as usize].id,
                *self.rng.pick(&["high", "medium", "low"]),
                *self.rng.pick(&["positive", "negative", "neutral"]),
                self.rng.chance(50),
                self.rng.chance(50),
                self.rng.chance(30),
                *self.rng.pick(&["low", "medium", "high"]),
                "in_progress",
                self.now
            ])?;
            let reach = if k == 0 {
                n
            } else {
                self.rng.range(1, n as i64) as usize
            };
            let start = if reach == n {
                0
            } else {
                self.rng.range(0, (n - reach) as i64) as usize
            };
            for (pos, member) in org[start..start + reach].iter().enumerate() {
                let sid = self.ids.next();
                stakeholder.execute(params![sid, id, member.id, pos as i64 + 1, self.now])?;
                let rounds = self.rng.range(2, 3);
                let mut scores: [i64; 5] = std::array::from_fn(|_| self.rng.range(10, 45));
                for round in 0..rounds {
                    let on = shift(
                        self.today,
                        -30 * (rounds - 1 - round) - self.rng.range(0, 10),
                    );
                    let tenths: Vec<i64> = scores
                        .iter()
                        .map(|t| Score::new("score", *t as f64 / 10.0).map(Score::tenths))
                        .collect::<Result<_>>()?;
                    assessment.execute(params![
                        self.ids.next(),
                        sid,
                        on,
                        tenths[0],
                        tenths[1],
                        tenths[2],
                        tenths[3],
                        tenths[4],
                        self.now
                    ])?;
                    for s in scores.iter_mut() {
                        *s = (*s + self.rng.range(0, 5)).min(50);
                    }
                }
            }
            self.sum.changes += 1;
        }
        Ok(())
    }
}

fn shift(today: NaiveDate, days: i64) -> NaiveDate {
    today + Duration::days(days)
}

fn level_word(depth: usize) -> &'static str {
    match depth {
        1 => "Principal ",
        2 => "Lead ",
        3 => "Senior ",
        _ => "",
    }
}
