//! Importing the development-plan workbook: rows are matched to goals and activities by
//! their hidden ids; rows without ids add records. Every change goes through the same
//! core functions the CLI and the app use, so the same rules hold.

use foldhash::{HashMap, HashSet};

use calamine::{Data, Range};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::cells::{Problem, SheetTable};
use super::{field, opt, Change, Preview};
use crate::export::plan::col;
use crate::export::PLAN_SHEET;
use crate::plans::{
    self, Activity, ActivityPatch, Goal, GoalPatch, GoalStatus, NewActivity, NewGoal, Phase,
    Resource, ResourceKind,
};
use crate::{competencies, people, validate, Error, Result};

/// What importing a plan workbook will do.
pub(crate) struct PlanImport {
    pub preview: Preview,
    ops: Vec<Op>,
}

/// A goal named by a row: one already in Ladder, or the n-th goal the file adds.
#[derive(Clone, PartialEq)]
enum GoalRef {
    Existing(String),
    New(usize),
}

enum Op {
    AddGoal(NewGoal, GoalStatus),
    EditGoal(String, GoalPatch),
    AddActivity(GoalRef, ActivityFields),
    EditActivity {
        id: String,
        patch: ActivityPatch,
        done: Option<Option<NaiveDate>>,
        move_to: Option<GoalRef>,
    },
}

/// The goal half of a row.
#[derive(Clone, PartialEq)]
struct GoalFields {
    person_id: String,
    competency_id: String,
    competency: String,
    outcome: String,
    status: GoalStatus,
}

/// The activity half of a row.
#[derive(Clone)]
struct ActivityFields {
    phase: Phase,
    description: String,
    resource_name: String,
    resource_kind: ResourceKind,
    target: NaiveDate,
    done: Option<NaiveDate>,
    notes: String,
}

const REQUIRED: &[&str] = &[
    col::PERSON,
    col::COMPETENCY,
    col::GOAL,
    col::GOAL_STATUS,
    col::PHASE,
    col::ACTIVITY,
    col::RESOURCE,
    col::RESOURCE_KIND,
    col::TARGET,
    col::DONE,
    col::NOTES,
    col::GOAL_ID,
    col::ACTIVITY_ID,
];

/// Reads the sheet against the database and works out every change, or every problem.
pub(crate) fn analyze(c: &Connection, range: &Range<Data>, today: NaiveDate) -> Result<PlanImport> {
    let sheet = SheetTable::new(PLAN_SHEET, range, REQUIRED)
        .map_err(|problems| Error::ImportRefused { problems })?;
    let mut reader = Reader::new(c, &sheet, today)?;
    reader.load_people_named()?;
    for row in sheet.rows() {
        reader.row(row)?;
    }
    reader.finish()
}

struct Reader<'a> {
    c: &'a Connection,
    sheet: &'a SheetTable<'a>,
    today: NaiveDate,
    people_by_name: HashMap<String, Vec<people::Person>>,
    competencies_by_name: HashMap<String, competencies::Competency>,
    goals: HashMap<String, Goal>,
    /// The goals of each person by outcome (lower case), for rows that name a goal
    /// without its id: made from `goals` when the first such row is read, since a file
    /// exported and edited has its ids (made for every import, it cost 14 MB at 10,000
    /// people).
    goals_by_outcome: Option<HashMap<(String, String), Vec<String>>>,
    activities: HashMap<String, Activity>,
    /// The goal each row key stands for, with its fields and the row that defined them.
    seen_goals: HashMap<String, (GoalRef, GoalFields, usize)>,
    new_goals: usize,
    seen_activities: HashMap<String, usize>,
    /// The activity ids the file holds, for rows without one: made when the first such
    /// row is read, as `goals_by_outcome` is.
    activity_ids_in_file: Option<HashSet<String>>,
    problems: Vec<Problem>,
    preview: Preview,
    ops: Vec<Op>,
}

impl<'a> Reader<'a> {
    fn new(c: &'a Connection, sheet: &'a SheetTable<'a>, today: NaiveDate) -> Result<Self> {
        let everyone = people::list_in(
            c,
            &people::scope_ids_in(c, &crate::profile::Scope::Everyone, true)?,
        )?;
        let mut people_by_name: HashMap<String, Vec<people::Person>> = HashMap::default();
        for p in everyone {
            people_by_name
                .entry(p.name.to_lowercase())
                .or_default()
                .push(p);
        }
        // An archived namesake of an active person leaves the name to the active one.
        for named in people_by_name.values_mut() {
            if named.iter().any(|p| p.archived_at.is_none()) {
                named.retain(|p| p.archived_at.is_none());
            }
        }
        let competencies_by_name = competencies::list_in(c, true)?
            .into_iter()
            .map(|k| (k.name.to_lowercase(), k))
            .collect();
        Ok(Reader {
            c,
            sheet,
            today,
            people_by_name,
            competencies_by_name,
            goals: HashMap::default(),
            goals_by_outcome: None,
            activities: HashMap::default(),
            seen_goals: HashMap::default(),
            new_goals: 0,
            seen_activities: HashMap::default(),
            activity_ids_in_file: None,
            problems: Vec::new(),
            preview: Preview {
                workbook: "plan".into(),
                ..Preview::default()
            },
            ops: Vec::new(),
        })
    }

    /// Loads the whole plans of everyone the file names, in one read before the rows are
    /// checked (a read per person was half the import's analysis at 10,000 people): the
    /// people a row can name are exactly those whose name matches one person, as
    /// `goal_fields` resolves them. Other names are left to the rows' own checks.
    fn load_people_named(&mut self) -> Result<()> {
        let s = self.sheet;
        let mut ids = Vec::new();
        let mut seen = HashSet::default();
        for row in s.rows() {
            if let Some([p]) = self
                .people_by_name
                .get(&s.text(row, col::PERSON).to_lowercase())
                .map(Vec::as_slice)
            {
                if seen.insert(p.id.clone()) {
                    ids.push(p.id.clone());
                }
            }
        }
        self.load_plans(&ids)
    }

    fn load_plans(&mut self, person_ids: &[String]) -> Result<()> {
        if person_ids.is_empty() {
            return Ok(());
        }
        for g in plans::goals_of_in(self.c, person_ids, false)? {
            for a in &g.activities {
                self.activities.insert(a.id.clone(), a.clone());
            }
            self.goals.insert(g.id.clone(), g);
        }
        Ok(())
    }

    fn row(&mut self, row: usize) -> Result<()> {
        let ops = self.ops.len();
        self.read_row(row)?;
        // A file written before someone was archived still holds their rows: unchanged,
        // they read back and the rest of the file imports; a change to their plan is
        // refused at the Person cell, as the app refuses it.
        if self.ops.len() > ops {
            let refused = match self
                .people_by_name
                .get(&self.sheet.text(row, col::PERSON).to_lowercase())
                .map(Vec::as_slice)
            {
                Some([p]) => people::refuse_archived(p, "person", "plan for them").err(),
                _ => None,
            };
            if let Some(e) = refused {
                self.problem(row, col::PERSON, e);
            }
        }
        Ok(())
    }

    fn read_row(&mut self, row: usize) -> Result<()> {
        let s = self.sheet;
        if REQUIRED.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let before = self.problems.len();
        let Some(goal) = self.goal_fields(row)? else {
            return Ok(());
        };
        let goal_id = s.text(row, col::GOAL_ID);
        let goal_ref = self.goal_ref(row, &goal, &goal_id)?;
        let has_activity = REQUIRED[4..11].iter().any(|h| !s.is_empty(row, h))
            || !s.is_empty(row, col::ACTIVITY_ID);
        if !has_activity {
            return Ok(());
        }
        let activity = self.activity_fields(row);
        let (Some(goal_ref), Some(activity)) = (goal_ref, activity) else {
            return Ok(());
        };
        if self.problems.len() > before {
            return Ok(());
        }
        self.activity(row, &goal, goal_ref, activity)
    }

    fn problem(&mut self, row: usize, header: &str, rule: impl std::fmt::Display) {
        self.problems
            .push(format!("{}: {rule}", self.sheet.cell(row, header)));
    }

    fn goal_fields(&mut self, row: usize) -> Result<Option<GoalFields>> {
        let s = self.sheet;
        let name = s.text(row, col::PERSON);
        let person = match self
            .people_by_name
            .get(&name.to_lowercase())
            .map(Vec::as_slice)
        {
            _ if name.is_empty() => {
                self.problem(row, col::PERSON, "person must not be empty");
                None
            }
            None | Some([]) => {
                self.problem(
                    row,
                    col::PERSON,
                    format!("person \"{name}\" is not in Ladder; add them first"),
                );
                None
            }
            Some([p]) => Some(p.clone()),
            Some(_) => {
                self.problem(
                    row,
                    col::PERSON,
                    format!("person \"{name}\" is ambiguous: several people have that name"),
                );
                None
            }
        };
        let comp_name = s.text(row, col::COMPETENCY);
        let competency = self
            .competencies_by_name
            .get(&comp_name.to_lowercase())
            .cloned();
        if competency.is_none() {
            let rule = if comp_name.is_empty() {
                "competency must not be empty".to_string()
            } else {
                format!("competency \"{comp_name}\" is not in the library")
            };
            self.problem(row, col::COMPETENCY, rule);
        }
        let outcome = validate::required_text("outcome", &s.text(row, col::GOAL));
        if let Err(e) = &outcome {
            self.problem(row, col::GOAL, e);
        }
        let status_text = s.text(row, col::GOAL_STATUS);
        let status = if status_text.is_empty() {
            Ok(GoalStatus::Open)
        } else {
            GoalStatus::parse(&status_text)
        };
        if let Err(e) = &status {
            self.problem(row, col::GOAL_STATUS, e);
        }
        let (Some(person), Some(competency), Ok(outcome), Ok(status)) =
            (person, competency, outcome, status)
        else {
            return Ok(None);
        };
        Ok(Some(GoalFields {
            person_id: person.id,
            competency_id: competency.id,
            competency: competency.name,
            outcome,
            status,
        }))
    }

    /// Which goal a row belongs to; records the goal's addition or change the first time.
    fn goal_ref(
        &mut self,
        row: usize,
        fields: &GoalFields,
        goal_id: &str,
    ) -> Result<Option<GoalRef>> {
        // A row without a goal id that repeats one of the person's goals (the sheet asks
        // for the goal on each of its rows, and its id column is hidden) belongs to that
        // goal: a new activity typed under it must not add a second goal of that name.
        let found;
        let goal_id = if goal_id.is_empty() {
            let goals = &self.goals;
            let by_outcome = self.goals_by_outcome.get_or_insert_with(|| {
                let mut index: HashMap<(String, String), Vec<String>> = HashMap::default();
                for g in goals.values() {
                    index
                        .entry((g.person_id.clone(), g.outcome.to_lowercase()))
                        .or_default()
                        .push(g.id.clone());
                }
                index
            });
            let key = (fields.person_id.clone(), fields.outcome.to_lowercase());
            match by_outcome.get(&key).map(Vec::as_slice) {
                None | Some([]) => goal_id,
                Some([one]) => {
                    found = one.clone();
                    found.as_str()
                }
                Some(many) => {
                    let n = many.len();
                    self.problem(row, col::GOAL, format!("{n} goals of this person read \"{}\"; copy the Goal id of the one meant from one of its rows", fields.outcome));
                    return Ok(None);
                }
            }
        } else {
            goal_id
        };
        let key = if goal_id.is_empty() {
            format!(
                "new\u{0}{}\u{0}{}",
                fields.person_id,
                fields.outcome.to_lowercase()
            )
        } else {
            goal_id.to_string()
        };
        if let Some((goal_ref, first, first_row)) = self.seen_goals.get(&key) {
            if first != fields {
                let first_cell = self.sheet.cell(*first_row, col::GOAL);
                self.problem(row, col::GOAL, format!("this goal's person, competency, outcome or status differs from its row at {first_cell}; make its rows agree"));
                return Ok(None);
            }
            return Ok(Some(goal_ref.clone()));
        }
        let goal_ref = if goal_id.is_empty() {
            if !self.competency_open(row, fields)? {
                return Ok(None);
            }
            let n = self.new_goals;
            self.new_goals += 1;
            self.preview.added.push(Change {
                cell: self.sheet.cell(row, col::GOAL),
                record: "goal",
                id: None,
                summary: format!("{} · {}", fields.competency, fields.outcome),
                fields: Vec::new(),
            });
            self.ops.push(Op::AddGoal(
                NewGoal {
                    person_id: fields.person_id.clone(),
                    competency_id: fields.competency_id.clone(),
                    outcome: fields.outcome.clone(),
                },
                fields.status,
            ));
            GoalRef::New(n)
        } else {
            let Some(existing) = self.goals.get(goal_id).cloned() else {
                let rule = match plans::get_goal_in(self.c, goal_id) {
                    Ok(_) => "this goal belongs to someone else; a goal cannot move to another person".to_string(),
                    Err(_) => format!("goal id {goal_id} is not in this database; clear it to add the goal as new"),
                };
                self.problem(row, col::GOAL_ID, rule);
                return Ok(None);
            };
            if existing.person_id != fields.person_id {
                self.problem(
                    row,
                    col::PERSON,
                    "this goal belongs to someone else; a goal cannot move to another person",
                );
                return Ok(None);
            }
            let mut changes = Vec::new();
            let mut patch = GoalPatch::default();
            if existing.outcome != fields.outcome {
                changes.push(field("outcome", &existing.outcome, &fields.outcome));
                patch.outcome = Some(fields.outcome.clone());
            }
            if existing.competency_id != fields.competency_id {
                if !self.competency_open(row, fields)? {
                    return Ok(None);
                }
                changes.push(field(
                    "competency",
                    &existing.competency,
                    &fields.competency,
                ));
                patch.competency_id = Some(fields.competency_id.clone());
            }
            if existing.status != fields.status {
                changes.push(field("status", existing.status, fields.status));
                patch.status = Some(fields.status);
            }
            if changes.is_empty() {
                self.preview.unchanged += usize::from(existing.activities.is_empty());
            } else {
                self.preview.changed.push(Change {
                    cell: self.sheet.cell(row, col::GOAL),
                    record: "goal",
                    id: Some(existing.id.clone()),
                    summary: format!("{} · {}", existing.competency, existing.outcome),
                    fields: changes,
                });
                self.ops.push(Op::EditGoal(existing.id.clone(), patch));
            }
            GoalRef::Existing(existing.id)
        };
        self.seen_goals
            .insert(key, (goal_ref.clone(), fields.clone(), row));
        Ok(Some(goal_ref))
    }

    /// Whether a goal may take the row's competency (a new goal, or a goal changing its
    /// competency): a retired one is refused at its cell here, as the core would refuse it
    /// when applying, where no cell is known.
    fn competency_open(&mut self, row: usize, fields: &GoalFields) -> Result<bool> {
        match plans::active_competency(self.c, &fields.competency_id) {
            Ok(_) => Ok(true),
            Err(e @ Error::Invalid { .. }) => {
                self.problem(row, col::COMPETENCY, e);
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    fn activity_fields(&mut self, row: usize) -> Option<ActivityFields> {
        let s = self.sheet;
        let phase = Phase::parse(&s.text(row, col::PHASE));
        if let Err(e) = &phase {
            self.problem(row, col::PHASE, e);
        }
        let description = validate::required_text("description", &s.text(row, col::ACTIVITY));
        if let Err(e) = &description {
            self.problem(row, col::ACTIVITY, e);
        }
        let resource = validate::required_text("resource", &s.text(row, col::RESOURCE));
        if let Err(e) = &resource {
            self.problem(row, col::RESOURCE, e);
        }
        let kind = ResourceKind::parse(&s.text(row, col::RESOURCE_KIND));
        if let Err(e) = &kind {
            self.problem(row, col::RESOURCE_KIND, e);
        }
        let target = match s.date(row, col::TARGET, "target_date") {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                self.problem(row, col::TARGET, "target date is required");
                None
            }
            Err(p) => {
                self.problems.push(p);
                None
            }
        };
        let done = s
            .date(row, col::DONE, "completed_on")
            .map_err(|p| self.problems.push(p))
            .ok();
        let notes = validate::free_text("notes", &s.text(row, col::NOTES));
        if let Err(e) = &notes {
            self.problem(row, col::NOTES, e);
        }
        Some(ActivityFields {
            phase: phase.ok()?,
            description: description.ok()?,
            resource_name: resource.ok()?,
            resource_kind: kind.ok()?,
            target: target?,
            done: done?,
            notes: notes.ok()?,
        })
    }

    fn activity(
        &mut self,
        row: usize,
        goal: &GoalFields,
        goal_ref: GoalRef,
        a: ActivityFields,
    ) -> Result<()> {
        let id = self.sheet.text(row, col::ACTIVITY_ID);
        let cell = self.sheet.cell(row, col::ACTIVITY);
        if id.is_empty() {
            if let Some(earlier) = self.added_before(&goal_ref, &a) {
                self.seen_activities.insert(earlier, row);
                self.preview.unchanged += 1;
                return Ok(());
            }
            if !self.done_by_today(row, a.done) {
                return Ok(());
            }
            self.preview.added.push(Change {
                cell,
                record: "activity",
                id: None,
                summary: format!("{} · {}", a.phase, a.description),
                fields: Vec::new(),
            });
            self.ops.push(Op::AddActivity(goal_ref, a));
            return Ok(());
        }
        if let Some(first) = self.seen_activities.insert(id.clone(), row) {
            let first_cell = self.sheet.cell(first, col::ACTIVITY_ID);
            self.problem(
                row,
                col::ACTIVITY_ID,
                format!("this activity also appears at {first_cell}; keep one row per activity"),
            );
            return Ok(());
        }
        let Some(old) = self.activities.get(&id).cloned() else {
            let rule = match plans::get_activity_in(self.c, &id) {
                Ok(_) => "this activity belongs to someone else's plan".to_string(),
                Err(_) => format!(
                    "activity id {id} is not in this database; clear it to add the activity as new"
                ),
            };
            self.problem(row, col::ACTIVITY_ID, rule);
            return Ok(());
        };
        let mut changes = Vec::new();
        let mut patch = ActivityPatch::default();
        if old.phase != a.phase {
            changes.push(field("phase", old.phase, a.phase));
            patch.phase = Some(a.phase);
        }
        if old.description != a.description {
            changes.push(field("description", &old.description, &a.description));
            patch.description = Some(a.description.clone());
        }
        if old.resource.name != a.resource_name || old.resource.kind != a.resource_kind {
            changes.push(field(
                "resource",
                format!("{} ({})", old.resource.name, old.resource.kind),
                format!("{} ({})", a.resource_name, a.resource_kind),
            ));
            patch.resource = Some(Resource::named(a.resource_kind, &a.resource_name));
        }
        if old.target_date != a.target {
            changes.push(field("target_date", old.target_date, a.target));
            patch.target_date = Some(a.target);
        }
        if old.notes != a.notes {
            changes.push(field("notes", &old.notes, &a.notes));
            patch.notes = Some(a.notes.clone());
        }
        // A done date already stored is kept as it is: only a new one is checked.
        if old.completed_on != a.done && !self.done_by_today(row, a.done) {
            return Ok(());
        }
        let done = (old.completed_on != a.done).then(|| {
            changes.push(field("completed_on", opt(old.completed_on), opt(a.done)));
            a.done
        });
        let move_to = (goal_ref != GoalRef::Existing(old.goal_id.clone())).then(|| {
            let from = self
                .goals
                .get(&old.goal_id)
                .map(|g| g.outcome.clone())
                .unwrap_or_default();
            changes.push(field("goal", from, &goal.outcome));
            goal_ref.clone()
        });
        if changes.is_empty() {
            self.preview.unchanged += 1;
            return Ok(());
        }
        self.preview.changed.push(Change {
            cell,
            record: "activity",
            id: Some(id.clone()),
            summary: format!("{} · {}", old.phase, old.description),
            fields: changes,
        });
        self.ops.push(Op::EditActivity {
            id,
            patch,
            done,
            move_to,
        });
        Ok(())
    }

    /// The activity a row without an id already added, when this same file was imported
    /// before: an activity of the row's goal equal to it in every field, that no row of the
    /// file names by id and no other row has claimed. The file still has no id in that row
    /// (ids are written by an export), so importing it again must not add it twice.
    fn added_before(&mut self, goal_ref: &GoalRef, a: &ActivityFields) -> Option<String> {
        let GoalRef::Existing(goal_id) = goal_ref else {
            return None;
        };
        let goal = self.goals.get(goal_id)?;
        let s = self.sheet;
        let ids_in_file = self
            .activity_ids_in_file
            .get_or_insert_with(|| s.ids(col::ACTIVITY_ID));
        goal.activities
            .iter()
            .find(|old| {
                old.phase == a.phase
                    && old.description == a.description
                    && old.resource.name == a.resource_name
                    && old.resource.kind == a.resource_kind
                    && old.target_date == a.target
                    && old.completed_on == a.done
                    && old.notes == a.notes
                    && !ids_in_file.contains(&old.id.to_lowercase())
                    && !self.seen_activities.contains_key(&old.id)
            })
            .map(|old| old.id.clone())
    }

    /// Whether a done date is today at the latest; says so at its cell when not.
    fn done_by_today(&mut self, row: usize, done: Option<NaiveDate>) -> bool {
        match done.map(|d| plans::check_completed_on(d, self.today)) {
            Some(Err(e)) => {
                self.problem(row, col::DONE, e);
                false
            }
            _ => true,
        }
    }

    fn finish(mut self) -> Result<PlanImport> {
        if !self.problems.is_empty() {
            return Err(Error::ImportRefused {
                problems: self.problems,
            });
        }
        let seen_goals: HashSet<&str> = self
            .seen_goals
            .values()
            .filter_map(|(r, _, _)| match r {
                GoalRef::Existing(id) => Some(id.as_str()),
                GoalRef::New(_) => None,
            })
            .collect();
        let mut goals: Vec<&Goal> = self.goals.values().collect();
        goals.sort_by(|a, b| a.id.cmp(&b.id));
        for g in goals {
            if !seen_goals.contains(g.id.as_str()) {
                self.preview.missing.push(Change {
                    cell: String::new(),
                    record: "goal",
                    id: Some(g.id.clone()),
                    summary: format!("{} · {}", g.competency, g.outcome),
                    fields: Vec::new(),
                });
            }
            for a in &g.activities {
                if !self.seen_activities.contains_key(&a.id) {
                    self.preview.missing.push(Change {
                        cell: String::new(),
                        record: "activity",
                        id: Some(a.id.clone()),
                        summary: format!("{} · {}", a.phase, a.description),
                        fields: Vec::new(),
                    });
                }
            }
        }
        Ok(PlanImport {
            preview: self.preview,
            ops: self.ops,
        })
    }
}

impl PlanImport {
    /// Applies the changes; the caller holds the transaction.
    pub(crate) fn apply(&self, c: &Connection, today: NaiveDate) -> Result<()> {
        let mut new_goals: Vec<String> = Vec::new();
        let goal_id = |r: &GoalRef, new_goals: &[String]| match r {
            GoalRef::Existing(id) => id.clone(),
            GoalRef::New(n) => new_goals[*n].clone(),
        };
        for op in &self.ops {
            match op {
                Op::AddGoal(new, status) => {
                    let g = plans::add_goal_in(c, new.clone())?;
                    if *status != GoalStatus::Open {
                        plans::edit_goal_in(
                            c,
                            &g.id,
                            GoalPatch {
                                status: Some(*status),
                                ..GoalPatch::default()
                            },
                        )?;
                    }
                    new_goals.push(g.id);
                }
                Op::EditGoal(id, patch) => {
                    plans::edit_goal_in(c, id, patch.clone())?;
                }
                Op::AddActivity(goal, a) => {
                    let resource = Resource::named(a.resource_kind, &a.resource_name);
                    let added = plans::add_activity_in(
                        c,
                        NewActivity {
                            goal_id: goal_id(goal, &new_goals),
                            phase: a.phase,
                            description: a.description.clone(),
                            resource,
                            target_date: a.target,
                            notes: a.notes.clone(),
                        },
                    )?;
                    if a.done.is_some() {
                        plans::set_completed_in(c, &added.id, a.done, today)?;
                    }
                }
                Op::EditActivity {
                    id,
                    patch,
                    done,
                    move_to,
                } => {
                    plans::edit_activity_in(c, id, patch.clone())?;
                    if let Some(to) = move_to {
                        plans::move_activity_in(c, id, &goal_id(to, &new_goals), None)?;
                    }
                    if let Some(done) = done {
                        plans::set_completed_in(c, id, *done, today)?;
                    }
                }
            }
        }
        Ok(())
    }
}
