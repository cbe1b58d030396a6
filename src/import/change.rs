//! Importing the change-assessment workbook. Register rows with a Change id edit that
//! change (a new status moves it forward), rows without one register a change. The
//! Stakeholders cell of the register and the rows of ADKAR scores name the stakeholders:
//! a person in Ladder by name, a group with its head count (`Finance team (12)` on the
//! register, the People column on ADKAR scores); those Ladder does not have are added.
//! A row of ADKAR scores without an Assessment id records a new assessment; one with an
//! id must read as it was scored, because assessments are kept as history. The barrier
//! and the RACI check are Excel formulas: computed, never read. Phase plan, Influencers
//! and RACI rows with an id update that record (a RACI row its activity's name), rows
//! without one add it; each person column of the RACI sheet holds that person's letter.
//! A group's head count given differently from Ladder's changes it.
//!
//! Every change is tried with the same core functions the CLI uses, inside a savepoint
//! that is rolled back, so a rule they enforce (a single owner, one Accountable per
//! activity, a score from 1 to 5) is reported against its cell.

use foldhash::{HashMap, HashSet};

use calamine::{Data, Range};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::cells::{column_name, Problem, SheetTable};
use super::{changed, field, opt, Change as Entry, Located, Preview};
use crate::change::assessments::{self, NewAssessment};
use crate::change::plan::{self as phase, ActionStatus, ChangeActionPatch, InfluencerPatch};
use crate::change::plan::{NewChangeAction, NewInfluencer, PhasePlan};
use crate::change::raci::{self, RaciChart, RaciRole};
use crate::change::register::{
    self, Change, ChangePatch, ChangeStatus, Effect, Impact, NewChange, OrgAwareness,
};
use crate::change::stakeholders::{self, NewStakeholder};
use crate::change::Element;
use crate::export::change::{
    col, INFLUENCERS_SHEET, PLAN_SHEET, RACI_SHEET, REGISTER_SHEET, SCORES_SHEET,
};
use crate::{people, Error, Result};

/// The five sheets of the workbook.
pub(crate) struct Sheets {
    pub register: Range<Data>,
    pub scores: Range<Data>,
    pub plan: Range<Data>,
    pub influencers: Range<Data>,
    pub raci: Range<Data>,
}

/// What importing a change workbook will do.
pub(crate) struct ChangeImport {
    pub preview: Preview,
    ops: Vec<Located<Op>>,
}

/// A change the file names: one Ladder has, or one a Register row adds (by its name in
/// lower case).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ChangeRef {
    Existing(String),
    New(String),
}

/// A stakeholder or RACI activity: one Ladder has, or one the file adds to a change (by
/// its name in lower case).
#[derive(Debug, Clone)]
enum Ref {
    Existing(String),
    New(ChangeRef, String),
}

/// The ids of what the import added so far, for the rows that refer to it.
#[derive(Default)]
struct Made {
    changes: HashMap<String, String>,
    stakeholders: HashMap<(ChangeRef, String), String>,
    activities: HashMap<(ChangeRef, String), String>,
}

impl Made {
    /// `None` when what it names was not added: only in a trial, whose first problem is
    /// already reported.
    fn change(&self, r: &ChangeRef) -> Option<String> {
        match r {
            ChangeRef::Existing(id) => Some(id.clone()),
            ChangeRef::New(key) => self.changes.get(key).cloned(),
        }
    }

    fn stakeholder(&self, r: &Ref) -> Option<String> {
        match r {
            Ref::Existing(id) => Some(id.clone()),
            Ref::New(ch, key) => self.stakeholders.get(&(ch.clone(), key.clone())).cloned(),
        }
    }

    fn activity(&self, r: &Ref) -> Option<String> {
        match r {
            Ref::Existing(id) => Some(id.clone()),
            Ref::New(ch, key) => self.activities.get(&(ch.clone(), key.clone())).cloned(),
        }
    }
}

enum Op {
    AddChange {
        key: String,
        new: NewChange,
    },
    EditChange {
        id: String,
        patch: ChangePatch,
    },
    Status {
        change: ChangeRef,
        status: ChangeStatus,
    },
    AddStakeholder {
        change: ChangeRef,
        key: String,
        new: NewStakeholder,
    },
    HeadCount {
        id: String,
        head_count: i64,
    },
    Assess {
        stakeholder: Ref,
        on: NaiveDate,
        scores: [f64; 5],
    },
    AddAction {
        change: ChangeRef,
        element: Element,
        description: String,
        owner_id: Option<String>,
        due_date: Option<NaiveDate>,
        status: ActionStatus,
    },
    EditAction {
        id: String,
        patch: ChangeActionPatch,
    },
    AddInfluencer {
        change: ChangeRef,
        new: NewInfluencer,
    },
    EditInfluencer {
        change_id: String,
        person_id: String,
        patch: InfluencerPatch,
    },
    AddActivity {
        change: ChangeRef,
        key: String,
        name: String,
    },
    RenameActivity {
        id: String,
        name: String,
    },
    Assign {
        activity: Ref,
        person_id: String,
        role: Option<RaciRole>,
    },
}

impl Op {
    fn run(&self, c: &Connection, made: &mut Made, today: NaiveDate) -> Result<()> {
        match self {
            Op::AddChange { key, new } => {
                let ch = register::add_in(c, new.clone())?;
                made.changes.insert(key.clone(), ch.id);
            }
            Op::EditChange { id, patch } => {
                register::edit_in(c, id, patch.clone())?;
            }
            Op::Status { change, status } => {
                if let Some(id) = made.change(change) {
                    register::set_status_in(c, &id, *status)?;
                }
            }
            Op::AddStakeholder { change, key, new } => {
                if let Some(id) = made.change(change) {
                    let s = stakeholders::add_stakeholder_in(c, &id, new.clone())?;
                    made.stakeholders
                        .insert((change.clone(), key.clone()), s.id);
                }
            }
            Op::HeadCount { id, head_count } => {
                stakeholders::set_head_count_in(c, id, *head_count)?;
            }
            Op::Assess {
                stakeholder,
                on,
                scores,
            } => {
                if let Some(id) = made.stakeholder(stakeholder) {
                    assessments::assess_in(
                        c,
                        NewAssessment {
                            stakeholder_id: id,
                            assessed_on: *on,
                            scores: *scores,
                            notes: Default::default(),
                        },
                        today,
                    )?;
                }
            }
            Op::AddAction {
                change,
                element,
                description,
                owner_id,
                due_date,
                status,
            } => {
                if let Some(id) = made.change(change) {
                    let a = phase::add_action_in(
                        c,
                        NewChangeAction {
                            change_id: id,
                            element: *element,
                            description: description.clone(),
                            owner_id: owner_id.clone(),
                            due_date: *due_date,
                        },
                    )?;
                    if *status != a.status {
                        let patch = ChangeActionPatch {
                            status: Some(*status),
                            ..Default::default()
                        };
                        phase::edit_action_in(c, &a.id, patch)?;
                    }
                }
            }
            Op::EditAction { id, patch } => {
                phase::edit_action_in(c, id, patch.clone())?;
            }
            Op::AddInfluencer { change, new } => {
                if let Some(id) = made.change(change) {
                    let new = NewInfluencer {
                        change_id: id,
                        ..new.clone()
                    };
                    phase::add_influencer_in(c, new)?;
                }
            }
            Op::EditInfluencer {
                change_id,
                person_id,
                patch,
            } => {
                phase::edit_influencer_in(c, change_id, person_id, patch.clone())?;
            }
            Op::AddActivity { change, key, name } => {
                if let Some(id) = made.change(change) {
                    let a = raci::add_raci_activity_in(c, &id, name)?;
                    made.activities.insert((change.clone(), key.clone()), a.id);
                }
            }
            Op::RenameActivity { id, name } => {
                raci::rename_raci_activity_in(c, id, name)?;
            }
            Op::Assign {
                activity,
                person_id,
                role,
            } => {
                if let Some(id) = made.activity(activity) {
                    raci::assign_role_in(c, &id, person_id, *role)?;
                }
            }
        }
        Ok(())
    }
}

const REGISTER_INPUT: &[&str] = &[
    col::CHANGE_OR_WORKSTREAM,
    col::DESCRIPTION,
    col::OWNER,
    col::IMPACT,
    col::EFFECT,
    col::TRAINING,
    col::COMMS,
    col::ORG_CHANGES,
    col::AWARENESS,
    col::STAKEHOLDERS,
    col::STATUS,
    col::CHANGE_ID,
];
/// The scores, in A-D-K-A-R order, as the sheet heads them.
const SCORE_COLUMNS: [&str; 5] = [
    "Awareness",
    "Desire",
    "Knowledge",
    "Ability",
    "Reinforcement",
];
/// The Barrier column is Ladder's formula: required as a header, never read.
const SCORES_INPUT: &[&str] = &[
    col::CHANGE,
    col::STAKEHOLDER,
    col::PEOPLE,
    col::ASSESSED_ON,
    SCORE_COLUMNS[0],
    SCORE_COLUMNS[1],
    SCORE_COLUMNS[2],
    SCORE_COLUMNS[3],
    SCORE_COLUMNS[4],
    col::STAKEHOLDER_ID,
    col::ASSESSMENT_ID,
];
const PLAN_INPUT: &[&str] = &[
    col::CHANGE,
    col::ELEMENT,
    col::ACTION,
    col::OWNER,
    col::DUE,
    col::STATUS,
    col::ACTION_ID,
];
const INFLUENCERS_INPUT: &[&str] = &[
    col::CHANGE,
    col::INFLUENCER,
    col::CONCERNS,
    col::QUESTIONS,
    col::REACTIONS,
    col::INFLUENCER_ID,
];
/// The person columns of the RACI sheet lie between Activity and Check.
const RACI_REQUIRED: &[&str] = &[col::CHANGE, col::ACTIVITY, col::CHECK, col::ACTIVITY_ID];

/// Reads the five sheets against the database and works out every change, or every
/// problem.
pub(crate) fn analyze(c: &Connection, sheets: &Sheets, today: NaiveDate) -> Result<ChangeImport> {
    let scores_required: Vec<&str> = SCORES_INPUT.iter().copied().chain([col::BARRIER]).collect();
    let tables = [
        SheetTable::new(REGISTER_SHEET, &sheets.register, REGISTER_INPUT),
        SheetTable::new(SCORES_SHEET, &sheets.scores, &scores_required),
        SheetTable::new(PLAN_SHEET, &sheets.plan, PLAN_INPUT),
        SheetTable::new(INFLUENCERS_SHEET, &sheets.influencers, INFLUENCERS_INPUT),
        SheetTable::new(RACI_SHEET, &sheets.raci, RACI_REQUIRED),
    ];
    let mut problems: Vec<Problem> = Vec::new();
    let mut ok = Vec::new();
    for t in tables {
        match t {
            Ok(t) => ok.push(t),
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(Error::ImportRefused { problems });
    }
    let [register, scores, plan, influencers, raci] =
        <[SheetTable; 5]>::try_from(ok).unwrap_or_else(|_| unreachable!("five tables were read"));
    let mut r = Reader {
        c,
        today,
        all: register::list_in(c)?,
        names: HashMap::default(),
        loaded: HashMap::default(),
        touched: Vec::new(),
        stakes: HashMap::default(),
        counts: HashMap::default(),
        seen: HashSet::default(),
        in_register: HashSet::default(),
        ids_in_file: HashMap::default(),
        problems,
        preview: Preview {
            workbook: "change".into(),
            ..Preview::default()
        },
        ops: Vec::new(),
    };
    for row in register.rows() {
        r.register_row(&register, row)?;
    }
    for row in scores.rows() {
        r.score_row(&scores, row)?;
    }
    for row in plan.rows() {
        r.action_row(&plan, row)?;
    }
    for row in influencers.rows() {
        r.influencer_row(&influencers, row)?;
    }
    let columns = raci_people(&sheets.raci);
    for row in raci.rows() {
        r.raci_row(&raci, &sheets.raci, &columns, row)?;
    }
    r.finish()
}

/// The person columns of the RACI sheet: (column, header), between Activity and Check.
fn raci_people(range: &Range<Data>) -> Vec<(usize, String)> {
    let headers: Vec<(usize, String)> = (0..range.width())
        .filter_map(|c| match range.get((0, c)) {
            Some(Data::String(h)) => Some((c, h.trim().to_string())),
            _ => None,
        })
        .collect();
    let at = |name: &str| headers.iter().find(|(_, h)| h == name).map(|(c, _)| *c);
    let (Some(first), Some(last)) = (at(col::ACTIVITY), at(col::CHECK)) else {
        return Vec::new();
    };
    headers
        .into_iter()
        .filter(|(c, _)| *c > first && *c < last)
        .collect()
}

/// What Ladder holds of a change the file touches.
struct Loaded {
    change: Change,
    plan: PhasePlan,
    chart: RaciChart,
}

struct Reader<'a> {
    c: &'a Connection,
    /// New assessments are dated today at the latest.
    today: NaiveDate,
    /// Every change in Ladder.
    all: Vec<Change>,
    /// The changes the Register sheet names, by name in lower case.
    names: HashMap<String, ChangeRef>,
    /// Ladder's records of the existing changes the file touches, by id.
    loaded: HashMap<String, Loaded>,
    /// The existing changes the Register sheet lists, in order: their records missing
    /// from the file are reported.
    touched: Vec<String>,
    /// Stakeholders the file names, by change and name in lower case.
    stakes: HashMap<(ChangeRef, String), Ref>,
    /// Head counts the file changes, by stakeholder id, with the cell that gave them.
    counts: HashMap<String, (i64, String)>,
    /// Ids of records the file has rows for: `(kind, id)`.
    seen: HashSet<(&'static str, String)>,
    /// Ids of the stakeholders the Register's Stakeholders cells name: one taken out of
    /// its cell, though scored on another sheet, is reported as missing from it.
    in_register: HashSet<String>,
    /// The ids each id column of the file holds, by header, for rows without one: made
    /// when the first such row of that sheet is read ([`ids_in`]).
    ids_in_file: HashMap<&'static str, HashSet<String>>,
    problems: Vec<Problem>,
    preview: Preview,
    ops: Vec<Located<Op>>,
}

/// The ids an id column of the file holds (see [`SheetTable::ids`]), read once per import.
fn ids_in<'m>(
    made: &'m mut HashMap<&'static str, HashSet<String>>,
    s: &SheetTable,
    header: &'static str,
) -> &'m HashSet<String> {
    made.entry(header).or_insert_with(|| s.ids(header))
}

impl Reader<'_> {
    fn problem(&mut self, s: &SheetTable, row: usize, header: &str, rule: impl std::fmt::Display) {
        self.problems
            .push(format!("{}: {rule}", s.cell(row, header)));
    }

    fn push(&mut self, op: Op, at: String, cells: Vec<(&'static str, String)>) {
        self.ops.push(Located { op, at, cells });
    }

    /// False (and a problem) when an earlier row already had this record.
    fn once(
        &mut self,
        s: &SheetTable,
        row: usize,
        header: &str,
        kind: &'static str,
        id: &str,
    ) -> bool {
        if self.seen.insert((kind, id.to_lowercase())) {
            return true;
        }
        self.problem(
            s,
            row,
            header,
            format!("this {kind} is already in an earlier row"),
        );
        false
    }

    fn load(&mut self, id: &str) -> Result<&Loaded> {
        if !self.loaded.contains_key(id) {
            let l = Loaded {
                change: register::get_in(self.c, id)?,
                plan: phase::phase_plan_in(self.c, id)?,
                chart: raci::chart_in(self.c, id)?,
            };
            self.loaded.insert(id.to_string(), l);
        }
        Ok(&self.loaded[id])
    }

    /// The record of an existing change that a row's id names, picked from what Ladder
    /// holds of the change; or a problem at the id cell (`rule`) when the change has no
    /// such record, or when an earlier row already had it.
    #[allow(clippy::too_many_arguments)]
    fn existing<T: Clone>(
        &mut self,
        s: &SheetTable,
        row: usize,
        header: &str,
        kind: &'static str,
        change: &ChangeRef,
        id: &str,
        pick: impl Fn(&Loaded) -> Option<&T>,
        rule: &str,
    ) -> Result<Option<T>> {
        let found = match change {
            ChangeRef::Existing(cid) => pick(self.load(cid)?).cloned(),
            ChangeRef::New(_) => None,
        };
        let Some(found) = found else {
            self.problem(s, row, header, format!("{kind} id {id} {rule}"));
            return Ok(None);
        };
        Ok(self.once(s, row, header, kind, id).then_some(found))
    }

    /// A person in Ladder by exact name (archived since the file was written too: a row
    /// naming them as it did is no change, and a new part for them is refused by the
    /// core at its cell), or a problem at the cell.
    fn person(
        &mut self,
        s: &SheetTable,
        row: usize,
        header: &str,
        name: &str,
    ) -> Result<Option<people::Person>> {
        match people::exact_name_archived_too_in(self.c, name) {
            Ok(p) => Ok(Some(p)),
            Err(e @ (Error::NotFound { .. } | Error::Ambiguous { .. } | Error::Invalid { .. })) => {
                self.problem(s, row, header, e);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The change a row of the other sheets belongs to: one the Register sheet lists, or
    /// one Ladder has.
    fn change_of(&mut self, s: &SheetTable, row: usize) -> Option<ChangeRef> {
        let name = s.text(row, col::CHANGE);
        if name.is_empty() {
            self.problem(s, row, col::CHANGE, "change must not be empty");
            return None;
        }
        let key = name.to_lowercase();
        if let Some(r) = self.names.get(&key) {
            return Some(r.clone());
        }
        if let Some(ch) = self.all.iter().find(|ch| ch.name.to_lowercase() == key) {
            return Some(ChangeRef::Existing(ch.id.clone()));
        }
        self.problem(
            s,
            row,
            col::CHANGE,
            format!("change \"{name}\" is neither on the {REGISTER_SHEET} sheet nor in Ladder"),
        );
        None
    }

    fn register_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if REGISTER_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let name = s.text(row, col::CHANGE_OR_WORKSTREAM);
        let description = s.text(row, col::DESCRIPTION);
        // Several owners are passed on, so the core says why there must be one.
        let mut owner_ids = Vec::new();
        let mut owners_ok = true;
        for owner in split_owners(&s.text(row, col::OWNER)) {
            match self.person(s, row, col::OWNER, &owner)? {
                Some(p) => owner_ids.push(p.id),
                None => owners_ok = false,
            }
        }
        let impact = parsed(self, s, row, col::IMPACT, Impact::parse);
        let effect = parsed(self, s, row, col::EFFECT, Effect::parse);
        let training = parsed(self, s, row, col::TRAINING, |t| {
            yes_no("training_required", t)
        });
        let comms = parsed(self, s, row, col::COMMS, |t| {
            yes_no("comms_plan_required", t)
        });
        let org = parsed(self, s, row, col::ORG_CHANGES, |t| yes_no("org_changes", t));
        let awareness = parsed(self, s, row, col::AWARENESS, OrgAwareness::parse);
        let status_text = s.text(row, col::STATUS);
        let status = if status_text.is_empty() {
            Some(None)
        } else {
            parsed(self, s, row, col::STATUS, |t| {
                ChangeStatus::parse(t).map(Some)
            })
        };
        let id = s.text(row, col::CHANGE_ID);
        let (
            true,
            Some(impact),
            Some(effect),
            Some(training),
            Some(comms),
            Some(org),
            Some(awareness),
            Some(status),
        ) = (
            owners_ok, impact, effect, training, comms, org, awareness, status,
        )
        else {
            return Ok(());
        };
        let cells = vec![
            ("name", s.cell(row, col::CHANGE_OR_WORKSTREAM)),
            ("description", s.cell(row, col::DESCRIPTION)),
            ("owner", s.cell(row, col::OWNER)),
            ("status", s.cell(row, col::STATUS)),
        ];
        let at = s.cell(row, col::CHANGE_OR_WORKSTREAM);
        // A row without an id that is a change Ladder has, field for field, is that change
        // (one this same file registered when it was imported before keeps no id until
        // exported again), unless another row names it by id. A row that differs stays a
        // new change, refused as a name in use: it is never taken as an edit of a change
        // the file does not hold.
        let id = if id.is_empty() {
            let ids_in_file = ids_in(&mut self.ids_in_file, s, col::CHANGE_ID);
            let key = name.to_lowercase();
            self.all
                .iter()
                .find(|ch| {
                    ch.name.to_lowercase() == key
                        && ch.description == description
                        && owner_ids == [ch.owner_id.clone()]
                        && (ch.impact, ch.effect, ch.awareness) == (impact, effect, awareness)
                        && (ch.training_required, ch.comms_plan_required, ch.org_changes)
                            == (training, comms, org)
                        && status.is_none_or(|st| st == ch.status)
                        && !ids_in_file.contains(&ch.id.to_lowercase())
                })
                .map_or(id, |ch| ch.id.clone())
        } else {
            id
        };
        let change = if id.is_empty() {
            let key = name.to_lowercase();
            if self.names.contains_key(&key) {
                self.problem(
                    s,
                    row,
                    col::CHANGE_OR_WORKSTREAM,
                    format!("change \"{name}\" is already in an earlier row"),
                );
                return Ok(());
            }
            let change = ChangeRef::New(key.clone());
            self.names.insert(key.clone(), change.clone());
            self.preview.add(
                &at,
                "change",
                format!("{name} (owner {})", s.text(row, col::OWNER)),
            );
            self.push(
                Op::AddChange {
                    key,
                    new: NewChange {
                        name: name.clone(),
                        description,
                        parent_id: None,
                        owner_ids,
                        impact,
                        effect,
                        training_required: training,
                        comms_plan_required: comms,
                        org_changes: org,
                        awareness,
                    },
                },
                at.clone(),
                cells.clone(),
            );
            if let Some(st) = status.filter(|st| *st != ChangeStatus::Draft) {
                self.push(
                    Op::Status {
                        change: change.clone(),
                        status: st,
                    },
                    s.cell(row, col::STATUS),
                    cells,
                );
            }
            change
        } else {
            let Some(old) = self.all.iter().find(|ch| ch.id == id).cloned() else {
                self.problem(
                    s,
                    row,
                    col::CHANGE_ID,
                    format!("change id {id} is not in this database; clear it to register the change as new"),
                );
                return Ok(());
            };
            if !self.once(s, row, col::CHANGE_ID, "change", &id) {
                return Ok(());
            }
            let change = ChangeRef::Existing(old.id.clone());
            self.names.insert(name.to_lowercase(), change.clone());
            self.names
                .entry(old.name.to_lowercase())
                .or_insert(change.clone());
            self.touched.push(old.id.clone());
            let mut fields = Vec::new();
            let mut patch = ChangePatch {
                name: changed(&mut fields, "name", &old.name, name.clone()),
                description: changed(&mut fields, "description", &old.description, description),
                ..Default::default()
            };
            if owner_ids != [old.owner_id.clone()] {
                fields.push(field("owner", &old.owner, s.text(row, col::OWNER)));
                patch.owner_ids = Some(owner_ids);
            }
            patch.impact = changed(&mut fields, "impact", &old.impact, impact);
            patch.effect = changed(&mut fields, "effect", &old.effect, effect);
            if training != old.training_required {
                fields.push(field(
                    "training_required",
                    yes(old.training_required),
                    yes(training),
                ));
                patch.training_required = Some(training);
            }
            if comms != old.comms_plan_required {
                fields.push(field(
                    "comms_plan_required",
                    yes(old.comms_plan_required),
                    yes(comms),
                ));
                patch.comms_plan_required = Some(comms);
            }
            if org != old.org_changes {
                fields.push(field("org_changes", yes(old.org_changes), yes(org)));
                patch.org_changes = Some(org);
            }
            patch.awareness = changed(&mut fields, "awareness", &old.awareness, awareness);
            let new_status = status.filter(|st| *st != old.status);
            if let Some(st) = new_status {
                fields.push(field("status", old.status, st));
            }
            if fields.is_empty() {
                self.preview.unchanged += 1;
            } else {
                self.preview.changed.push(Entry {
                    cell: at.clone(),
                    record: "change",
                    id: Some(old.id.clone()),
                    summary: old.name.clone(),
                    fields,
                });
                self.push(
                    Op::EditChange {
                        id: old.id.clone(),
                        patch,
                    },
                    at.clone(),
                    cells.clone(),
                );
                if let Some(st) = new_status {
                    self.push(
                        Op::Status {
                            change: change.clone(),
                            status: st,
                        },
                        s.cell(row, col::STATUS),
                        cells,
                    );
                }
            }
            change
        };
        for (who, count) in split_stakeholders(&s.text(row, col::STAKEHOLDERS)) {
            let cell = s.cell(row, col::STAKEHOLDERS);
            if let Some(Ref::Existing(id)) = self.stakeholder(&change, &who, count, &cell, &cell)? {
                self.in_register.insert(id);
            }
        }
        Ok(())
    }

    /// A group's head count as the file gives it: a change when it differs from Ladder's,
    /// a problem when two cells give it differently. A person always counts as one.
    fn head_count(&mut self, x: &stakeholders::Stakeholder, count: Option<i64>, at: &str) {
        if let (Some(n), Some(_)) = (count.filter(|n| *n != 1), &x.person_id) {
            // Read as nothing, it would be an edit silently dropped.
            self.problems.push(format!(
                "{at}: {} is a person, counted as 1, not {n}; a head count is for groups",
                x.name
            ));
            return;
        }
        let Some(n) = count.filter(|n| x.person_id.is_none() && *n != x.head_count) else {
            return;
        };
        match self.counts.get(&x.id) {
            Some((m, _)) if *m == n => {}
            Some((m, cell)) => {
                self.problems.push(format!(
                    "{at}: the head count of {} is {m} at {cell}, not {n}",
                    x.name
                ));
            }
            None => {
                self.counts.insert(x.id.clone(), (n, at.to_string()));
                self.preview.changed.push(Entry {
                    cell: at.to_string(),
                    record: "stakeholder",
                    id: Some(x.id.clone()),
                    summary: x.name.clone(),
                    fields: vec![field("head_count", x.head_count, n)],
                });
                self.push(
                    Op::HeadCount {
                        id: x.id.clone(),
                        head_count: n,
                    },
                    at.to_string(),
                    vec![("head_count", at.to_string())],
                );
            }
        }
    }

    /// The stakeholder of a change by name: one Ladder has, one an earlier row adds, or
    /// one added now (a person in Ladder, or else a group with its head count).
    fn stakeholder(
        &mut self,
        change: &ChangeRef,
        name: &str,
        count: Option<i64>,
        at: &str,
        count_at: &str,
    ) -> Result<Option<Ref>> {
        let key = (change.clone(), name.to_lowercase());
        if let ChangeRef::Existing(id) = change {
            let existing = self
                .load(id)?
                .change
                .stakeholders
                .iter()
                .find(|x| x.name.to_lowercase() == key.1)
                .cloned();
            if let Some(x) = existing {
                self.head_count(&x, count, count_at);
                self.seen.insert(("stakeholder", x.id.clone()));
                let r = Ref::Existing(x.id);
                self.stakes.insert(key, r.clone());
                return Ok(Some(r));
            }
        }
        if let Some(r) = self.stakes.get(&key) {
            return Ok(Some(r.clone()));
        }
        let new = match people::exact_name_archived_too_in(self.c, name) {
            Ok(p) => NewStakeholder::Person { person_id: p.id },
            Err(Error::NotFound { .. }) => match count {
                Some(head_count) if head_count > 1 => NewStakeholder::Group {
                    name: name.to_string(),
                    head_count,
                },
                // A count of one is what every person's row carries, so a name that is
                // no one's is far likelier a misspelt person than a group of one: taken
                // as a group, it would be scored and counted in the change's barrier.
                Some(_) => {
                    self.problems.push(format!(
                        "{at}: {name} is not a person in Ladder; check the spelling, or give a group's head count (2 or more)"
                    ));
                    return Ok(None);
                }
                None => {
                    self.problems.push(format!(
                        "{at}: {name} is not a person in Ladder; a group needs its head count, as \"{name} (12)\""
                    ));
                    return Ok(None);
                }
            },
            Err(e @ (Error::Ambiguous { .. } | Error::Invalid { .. })) => {
                self.problems.push(format!("{at}: {e}"));
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        self.preview.add(
            at,
            "stakeholder",
            match &new {
                NewStakeholder::Person { .. } => name.to_string(),
                NewStakeholder::Group { head_count, .. } => format!("{name} ({head_count})"),
            },
        );
        self.push(
            Op::AddStakeholder {
                change: change.clone(),
                key: key.1.clone(),
                new,
            },
            at.to_string(),
            vec![
                ("stakeholder", at.to_string()),
                ("group", at.to_string()),
                ("head_count", count_at.to_string()),
            ],
        );
        let r = Ref::New(change.clone(), key.1.clone());
        self.stakes.insert(key, r.clone());
        Ok(Some(r))
    }

    fn score_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if SCORES_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let Some(change) = self.change_of(s, row) else {
            return Ok(());
        };
        let people_text = s.text(row, col::PEOPLE);
        let count = if people_text.is_empty() {
            None
        } else {
            match people_text.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.problem(
                        s,
                        row,
                        col::PEOPLE,
                        format!("head count '{people_text}' is not a whole number"),
                    );
                    return Ok(());
                }
            }
        };
        let sid = s.text(row, col::STAKEHOLDER_ID);
        let name = s.text(row, col::STAKEHOLDER);
        let stakeholder = if sid.is_empty() {
            if name.is_empty() {
                self.problem(s, row, col::STAKEHOLDER, "stakeholder must not be empty");
                return Ok(());
            }
            let (at, count_at) = (s.cell(row, col::STAKEHOLDER), s.cell(row, col::PEOPLE));
            match self.stakeholder(&change, &name, count, &at, &count_at)? {
                Some(r) => r,
                None => return Ok(()),
            }
        } else {
            let known = match &change {
                ChangeRef::Existing(id) => self
                    .load(id)?
                    .change
                    .stakeholders
                    .iter()
                    .find(|x| x.id == sid)
                    .cloned(),
                ChangeRef::New(_) => None,
            };
            let Some(x) = known else {
                self.problem(
                    s,
                    row,
                    col::STAKEHOLDER_ID,
                    format!("stakeholder id {sid} is not a stakeholder of this change; clear it to add the stakeholder by name"),
                );
                return Ok(());
            };
            if !name.is_empty() && !name.eq_ignore_ascii_case(&x.name) {
                self.problem(
                    s,
                    row,
                    col::STAKEHOLDER,
                    format!("this stakeholder is {}, not {name}", x.name),
                );
                return Ok(());
            }
            self.head_count(&x, count, &s.cell(row, col::PEOPLE));
            self.seen.insert(("stakeholder", x.id.clone()));
            self.stakes.insert(
                (change.clone(), x.name.to_lowercase()),
                Ref::Existing(x.id.clone()),
            );
            Ref::Existing(x.id)
        };

        // The five scores go together, with their date.
        let texts: Vec<String> = SCORE_COLUMNS.iter().map(|h| s.text(row, h)).collect();
        let on = match s.date(row, col::ASSESSED_ON, "assessed_on") {
            Ok(d) => d,
            Err(p) => {
                self.problems.push(p);
                return Ok(());
            }
        };
        let aid = s.text(row, col::ASSESSMENT_ID);
        if texts.iter().all(String::is_empty) && on.is_none() && aid.is_empty() {
            if matches!(stakeholder, Ref::Existing(_)) {
                self.preview.unchanged += 1;
            }
            return Ok(());
        }
        let mut scores = [0.0; 5];
        let mut fine = true;
        for (i, (h, t)) in SCORE_COLUMNS.iter().zip(&texts).enumerate() {
            let label = h.to_lowercase();
            if t.is_empty() {
                self.problem(
                    s,
                    row,
                    h,
                    format!("{label} score is required: an assessment scores all five elements"),
                );
                fine = false;
            } else if let Ok(v) = t.parse::<f64>() {
                scores[i] = v;
            } else {
                self.problem(
                    s,
                    row,
                    h,
                    format!("{label} score '{t}' is not a number from 1 to 5"),
                );
                fine = false;
            }
        }
        let Some(on) = on else {
            self.problem(
                s,
                row,
                col::ASSESSED_ON,
                "assessed on is required with the scores",
            );
            return Ok(());
        };
        if !fine {
            return Ok(());
        }
        if !aid.is_empty() {
            let Ref::Existing(sid) = &stakeholder else {
                self.problem(
                    s,
                    row,
                    col::ASSESSMENT_ID,
                    format!("assessment id {aid} is not in this database; clear it to record a new assessment"),
                );
                return Ok(());
            };
            let old = assessments::of_stakeholder_in(self.c, sid)?
                .into_iter()
                .find(|a| a.id == aid);
            let Some(old) = old else {
                self.problem(
                    s,
                    row,
                    col::ASSESSMENT_ID,
                    format!("assessment id {aid} is not an assessment of this stakeholder; clear it to record a new assessment"),
                );
                return Ok(());
            };
            if !self.once(s, row, col::ASSESSMENT_ID, "assessment", &aid) {
                return Ok(());
            }
            // Said at the first cell that differs, with what it held (the id's column is
            // hidden).
            let differs = if old.assessed_on != on {
                Some((
                    col::ASSESSED_ON,
                    format!("dated {}, not {on}", old.assessed_on),
                ))
            } else {
                old.scores
                    .scores()
                    .iter()
                    .zip(scores)
                    .zip(SCORE_COLUMNS)
                    .find(|((o, v), _)| (o.value() - v).abs() > 1e-6)
                    .map(|((o, v), h)| (h, format!("{h} {}, not {v}", o.value())))
            };
            if let Some((header, what)) = differs {
                self.problem(
                    s,
                    row,
                    header,
                    format!(
                        "the assessment of {} is kept as it was scored ({what}); to score again, add a row with the new date and no assessment id",
                        old.assessed_on
                    ),
                );
            } else {
                self.preview.unchanged += 1;
            }
            return Ok(());
        }
        // A row this same file added when it was imported before still has no id (ids
        // are written by an export): it is that assessment, not a second one that day.
        if let Ref::Existing(sid) = &stakeholder {
            let ids_in_file = ids_in(&mut self.ids_in_file, s, col::ASSESSMENT_ID);
            let earlier = assessments::of_stakeholder_in(self.c, sid)?
                .into_iter()
                .find(|a| {
                    let id = a.id.to_lowercase();
                    a.assessed_on == on
                        && a.scores
                            .scores()
                            .iter()
                            .zip(scores)
                            .all(|(o, v)| (o.value() - v).abs() <= 1e-6)
                        && !ids_in_file.contains(&id)
                        && !self.seen.contains(&("assessment", id))
                });
            if let Some(a) = earlier {
                self.seen.insert(("assessment", a.id.to_lowercase()));
                self.preview.unchanged += 1;
                return Ok(());
            }
        }
        if let Err(e) = assessments::check_assessed_on(on, self.today) {
            self.problem(s, row, col::ASSESSED_ON, e.to_string());
            return Ok(());
        }
        let mut cells: Vec<(&'static str, String)> = Element::ALL
            .iter()
            .zip(SCORE_COLUMNS)
            .map(|(e, h)| (e.score_field(), s.cell(row, h)))
            .collect();
        cells.push(("assessed_on", s.cell(row, col::ASSESSED_ON)));
        let at = s.cell(row, SCORE_COLUMNS[0]);
        self.preview.add(
            &at,
            "score",
            format!(
                "{} · {name} · {on}: {}",
                s.text(row, col::CHANGE),
                texts.join(" ")
            ),
        );
        self.push(
            Op::Assess {
                stakeholder,
                on,
                scores,
            },
            at,
            cells,
        );
        Ok(())
    }

    fn action_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if PLAN_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let element = parsed(self, s, row, col::ELEMENT, Element::parse);
        let status_text = s.text(row, col::STATUS);
        let status = if status_text.is_empty() {
            Some(None)
        } else {
            parsed(self, s, row, col::STATUS, |t| {
                ActionStatus::parse(t).map(Some)
            })
        };
        let due = s
            .date(row, col::DUE, "due_date")
            .map_err(|p| self.problems.push(p))
            .ok();
        let owner_name = s.text(row, col::OWNER);
        let owner = if owner_name.is_empty() {
            Some(None)
        } else {
            self.person(s, row, col::OWNER, &owner_name)?
                .map(|p| Some(p.id))
        };
        let change = self.change_of(s, row);
        let (Some(change), Some(element), Some(status), Some(due), Some(owner)) =
            (change, element, status, due, owner)
        else {
            return Ok(());
        };
        let description = s.text(row, col::ACTION);
        let id = s.text(row, col::ACTION_ID);
        let at = s.cell(row, col::ACTION);
        let cells = vec![
            ("description", s.cell(row, col::ACTION)),
            ("owner", s.cell(row, col::OWNER)),
            ("due_date", s.cell(row, col::DUE)),
            ("status", s.cell(row, col::STATUS)),
            ("element", s.cell(row, col::ELEMENT)),
        ];
        if id.is_empty() {
            // A row this same file added when it was imported before still has no id (ids
            // are written by an export): it is that action, not a second one.
            if let ChangeRef::Existing(cid) = &change {
                self.load(cid)?;
                let ids_in_file = ids_in(&mut self.ids_in_file, s, col::ACTION_ID);
                let earlier = self.loaded[cid].plan.actions.iter().find(|a| {
                    let id = a.id.to_lowercase();
                    a.element == element
                        && a.description == description
                        && owner.as_ref().is_none_or(|o| *o == a.owner_id)
                        && a.due_date == due
                        && status.is_none_or(|st| st == a.status)
                        && !ids_in_file.contains(&id)
                        && !self.seen.contains(&("change action", id))
                });
                if let Some(id) = earlier.map(|a| a.id.to_lowercase()) {
                    self.seen.insert(("change action", id));
                    self.preview.unchanged += 1;
                    return Ok(());
                }
            }
            self.preview.add(
                &at,
                "change action",
                format!("{} · {element} · {description}", s.text(row, col::CHANGE)),
            );
            self.push(
                Op::AddAction {
                    change,
                    element,
                    description,
                    owner_id: owner,
                    due_date: due,
                    status: status.unwrap_or(ActionStatus::Planned),
                },
                at,
                cells,
            );
            return Ok(());
        }
        let Some(old) = self.existing(
            s,
            row,
            col::ACTION_ID,
            "change action",
            &change,
            &id,
            |l| l.plan.actions.iter().find(|a| a.id == id),
            "is not an action of this change; clear it to add the action as new",
        )?
        else {
            return Ok(());
        };
        let mut fields = Vec::new();
        let mut patch = ChangeActionPatch {
            element: changed(&mut fields, "element", &old.element, element),
            description: changed(&mut fields, "description", &old.description, description),
            ..Default::default()
        };
        if let Some(o) = owner.filter(|o| *o != old.owner_id) {
            fields.push(field("owner", &old.owner, &owner_name));
            patch.owner_id = Some(o);
        }
        if due != old.due_date {
            fields.push(field("due_date", opt(old.due_date), opt(due)));
            patch.due_date = Some(due);
        }
        if let Some(st) = status.filter(|st| *st != old.status) {
            fields.push(field("status", old.status, st));
            patch.status = Some(st);
        }
        if !self.preview.change(
            at.clone(),
            "change action",
            id.clone(),
            format!(
                "{} · {} · {}",
                s.text(row, col::CHANGE),
                old.element,
                old.description
            ),
            fields,
        ) {
            return Ok(());
        }
        self.push(Op::EditAction { id, patch }, at, cells);
        Ok(())
    }

    fn influencer_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if INFLUENCERS_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let name = s.text(row, col::INFLUENCER);
        let person = if name.is_empty() {
            self.problem(
                s,
                row,
                col::INFLUENCER,
                "influential associate must not be empty",
            );
            None
        } else {
            self.person(s, row, col::INFLUENCER, &name)?
        };
        let change = self.change_of(s, row);
        let (Some(change), Some(person)) = (change, person) else {
            return Ok(());
        };
        let concerns = s.text(row, col::CONCERNS);
        let questions = s.text(row, col::QUESTIONS);
        let reactions = s.text(row, col::REACTIONS);
        let id = s.text(row, col::INFLUENCER_ID);
        // A row without an id that is what the change already has of someone consulted,
        // word for word, is that record (one this same file added when it was imported
        // before keeps no id until exported again), unless another row names it by id.
        let id = match &change {
            ChangeRef::Existing(cid) if id.is_empty() => {
                self.load(cid)?;
                let ids_in_file = ids_in(&mut self.ids_in_file, s, col::INFLUENCER_ID);
                self.loaded[cid]
                    .plan
                    .influencers
                    .iter()
                    .find(|i| {
                        i.person_id == person.id
                            && (&i.concerns, &i.questions, &i.expected_reactions)
                                == (&concerns, &questions, &reactions)
                            && !ids_in_file.contains(&i.id.to_lowercase())
                    })
                    .map_or(id, |i| i.id.clone())
            }
            _ => id,
        };
        let at = s.cell(row, col::INFLUENCER);
        let cells = vec![
            ("influencer", s.cell(row, col::INFLUENCER)),
            ("concerns", s.cell(row, col::CONCERNS)),
            ("questions", s.cell(row, col::QUESTIONS)),
            ("expected_reactions", s.cell(row, col::REACTIONS)),
        ];
        if id.is_empty() {
            self.preview.add(
                &at,
                "influencer",
                format!("{} · {}", s.text(row, col::CHANGE), person.name),
            );
            self.push(
                Op::AddInfluencer {
                    change,
                    new: NewInfluencer {
                        change_id: String::new(),
                        person_id: person.id,
                        concerns,
                        questions,
                        expected_reactions: reactions,
                    },
                },
                at,
                cells,
            );
            return Ok(());
        }
        let Some(old) = self.existing(
            s,
            row,
            col::INFLUENCER_ID,
            "influencer",
            &change,
            &id,
            |l| l.plan.influencers.iter().find(|i| i.id == id),
            "is not an influential associate of this change; clear it to add them as new",
        )?
        else {
            return Ok(());
        };
        if person.id != old.person_id {
            self.problem(
                s,
                row,
                col::INFLUENCER,
                format!("this row is about {}; to consult someone else, add a row without an influencer id", old.person),
            );
            return Ok(());
        }
        let mut fields = Vec::new();
        let mut patch = InfluencerPatch {
            concerns: changed(&mut fields, "concerns", &old.concerns, concerns),
            questions: changed(&mut fields, "questions", &old.questions, questions),
            ..Default::default()
        };
        if reactions != old.expected_reactions {
            fields.push(field(
                "expected_reactions",
                &old.expected_reactions,
                &reactions,
            ));
            patch.expected_reactions = Some(reactions);
        }
        if !self.preview.change(
            at.clone(),
            "influencer",
            id.clone(),
            format!("{} · {}", s.text(row, col::CHANGE), old.person),
            fields,
        ) {
            return Ok(());
        }
        self.push(
            Op::EditInfluencer {
                change_id: old.change_id,
                person_id: old.person_id,
                patch,
            },
            at,
            cells,
        );
        Ok(())
    }

    fn raci_row(
        &mut self,
        s: &SheetTable,
        range: &Range<Data>,
        columns: &[(usize, String)],
        row: usize,
    ) -> Result<()> {
        let letter_at = |c: usize| match range.get((row, c)) {
            Some(Data::String(t)) => t.trim().to_string(),
            _ => String::new(),
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let cell_at = |r: usize, c: usize| {
            format!(
                "{RACI_SHEET}!{}{}",
                column_name(c as u32 + c0),
                r as u32 + r0 + 1
            )
        };
        if [col::CHANGE, col::ACTIVITY, col::ACTIVITY_ID]
            .iter()
            .all(|h| s.is_empty(row, h))
            && columns.iter().all(|(c, _)| letter_at(*c).is_empty())
        {
            return Ok(());
        }
        // Each letter, with the person its column names; a bad letter or header is a
        // problem at its cell.
        let mut letters: Vec<(String, String, Option<RaciRole>, String)> = Vec::new();
        let mut fine = true;
        for (c, header) in columns {
            let text = letter_at(*c);
            let role = if text.is_empty() {
                None
            } else {
                match RaciRole::parse(&text) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        self.problems.push(format!("{}: {e}", cell_at(row, *c)));
                        fine = false;
                        continue;
                    }
                }
            };
            match people::exact_name_archived_too_in(self.c, header) {
                Ok(p) => letters.push((p.id, p.name, role, cell_at(row, *c))),
                Err(
                    e @ (Error::NotFound { .. } | Error::Ambiguous { .. } | Error::Invalid { .. }),
                ) => {
                    if role.is_some() {
                        self.problems.push(format!(
                            "{}: the column heads a person of Ladder: {e}",
                            cell_at(0, *c)
                        ));
                        fine = false;
                    }
                }
                Err(e) => return Err(e),
            }
        }
        let change = self.change_of(s, row);
        let name = s.text(row, col::ACTIVITY);
        let (Some(change), true) = (change, fine) else {
            return Ok(());
        };
        let id = s.text(row, col::ACTIVITY_ID);
        // A row without an id that is an activity of the chart, name and letters alike, is
        // that activity (one this same file added when it was imported before keeps no id
        // until exported again), unless another row names it by id. A row that differs
        // stays new, refused as a name in use, never taken as new roles for it.
        let id = match &change {
            ChangeRef::Existing(cid) if id.is_empty() => {
                self.load(cid)?;
                let ids_in_file = ids_in(&mut self.ids_in_file, s, col::ACTIVITY_ID);
                let key = name.to_lowercase();
                self.loaded[cid]
                    .chart
                    .activities
                    .iter()
                    .find(|a| {
                        a.name.to_lowercase() == key
                            && letters
                                .iter()
                                .all(|(pid, _, role, _)| a.role_of(pid) == *role)
                            && !ids_in_file.contains(&a.id.to_lowercase())
                    })
                    .map_or(id, |a| a.id.clone())
            }
            _ => id,
        };
        let at = s.cell(row, col::ACTIVITY);
        let (activity, old) = if id.is_empty() {
            let key = name.to_lowercase();
            self.preview.add(
                &at,
                "raci activity",
                format!("{} · {name}", s.text(row, col::CHANGE)),
            );
            self.push(
                Op::AddActivity {
                    change: change.clone(),
                    key: key.clone(),
                    name: name.clone(),
                },
                at.clone(),
                vec![("activity", at.clone())],
            );
            (Ref::New(change, key), None)
        } else {
            let Some(old) = self.existing(
                s,
                row,
                col::ACTIVITY_ID,
                "raci activity",
                &change,
                &id,
                |l| l.chart.activities.iter().find(|a| a.id == id),
                "is not an activity of this change's RACI chart; clear it to add the activity as new",
            )?
            else {
                return Ok(());
            };
            (Ref::Existing(old.id.clone()), Some(old))
        };
        // Roles other than Accountable first, so an A can move from one person to another
        // in the same row.
        letters.sort_by_key(|(_, _, role, _)| *role == Some(RaciRole::Accountable));
        let mut fields = Vec::new();
        if let Some(old) = old.as_ref().filter(|a| a.name != name) {
            fields.push(field("activity", &old.name, &name));
            self.push(
                Op::RenameActivity {
                    id: old.id.clone(),
                    name: name.clone(),
                },
                at.clone(),
                vec![("activity", at.clone())],
            );
        }
        for (person_id, person, role, cell) in letters {
            let before = old.as_ref().and_then(|a| a.role_of(&person_id));
            if before == role {
                continue;
            }
            let show = |r: Option<RaciRole>| r.map(|r| r.letter().to_string()).unwrap_or_default();
            fields.push(field(
                "role",
                format!("{person}: {}", show(before)),
                format!("{person}: {}", show(role)),
            ));
            self.push(
                Op::Assign {
                    activity: activity.clone(),
                    person_id,
                    role,
                },
                cell.clone(),
                vec![("role", cell.clone()), ("person", cell)],
            );
        }
        if let Some(old) = old {
            if fields.is_empty() {
                self.preview.unchanged += 1;
            } else {
                self.preview.changed.push(Entry {
                    cell: at,
                    record: "raci activity",
                    id: Some(old.id.clone()),
                    summary: format!("{} · {}", s.text(row, col::CHANGE), old.name),
                    fields,
                });
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ChangeImport> {
        // The rows that read well are tried even when others did not, so every problem
        // is listed at once.
        let c = self.c;
        let mut made = Made::default();
        let broken = super::trial(c, &self.ops, |op| op.run(c, &mut made, self.today))?;
        self.problems.extend(broken);
        if !self.problems.is_empty() {
            return Err(Error::ImportRefused {
                problems: self.problems,
            });
        }
        for id in &self.touched {
            let Some(l) = self.loaded.get(id) else {
                continue;
            };
            let name = &l.change.name;
            // Scored on another sheet, so not missing from the file, but taken out of the
            // Register's list: kept, and said.
            let out_of_register: Vec<Entry> = l
                .change
                .stakeholders
                .iter()
                .filter(|x| {
                    self.seen.contains(&("stakeholder", x.id.to_lowercase()))
                        && !self.in_register.contains(&x.id)
                })
                .map(|x| Entry {
                    cell: String::new(),
                    record: "stakeholder",
                    id: Some(x.id.clone()),
                    summary: format!("{name} · {}, not in the Register's Stakeholders", x.name),
                    fields: Vec::new(),
                })
                .collect();
            self.preview.missing.extend(out_of_register);
            let mut missing = |kind: &'static str, id: &str, what: String| {
                if !self.seen.contains(&(kind, id.to_lowercase())) {
                    self.preview.missing.push(Entry {
                        cell: String::new(),
                        record: kind,
                        id: Some(id.to_string()),
                        summary: format!("{name} · {what}"),
                        fields: Vec::new(),
                    });
                }
            };
            for x in &l.change.stakeholders {
                missing("stakeholder", &x.id, x.name.clone());
            }
            for a in &l.plan.actions {
                missing(
                    "change action",
                    &a.id,
                    format!("{} · {}", a.element, a.description),
                );
            }
            for i in &l.plan.influencers {
                missing("influencer", &i.id, i.person.clone());
            }
            for a in &l.chart.activities {
                missing("raci activity", &a.id, a.name.clone());
            }
        }
        Ok(ChangeImport {
            preview: self.preview,
            ops: self.ops,
        })
    }
}

/// Reads a cell through a parser, reporting its error at the cell.
fn parsed<T>(
    r: &mut Reader,
    s: &SheetTable,
    row: usize,
    header: &str,
    parse: impl Fn(&str) -> Result<T>,
) -> Option<T> {
    parse(&s.text(row, header))
        .map_err(|e| r.problem(s, row, header, e))
        .ok()
}

fn yes_no(field: &'static str, text: &str) -> Result<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(Error::invalid(
            field,
            format!(
                "{} '{text}' is not yes or no",
                crate::validate::label(field)
            ),
        )),
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The owners written in a cell: one name, or several (`Ana; Bo`, `Ana and Bo`), which
/// the core refuses with its reason.
fn split_owners(text: &str) -> Vec<String> {
    text.replace(" and ", ";")
        .split([';', ',', '/', '&'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect()
}

/// The Stakeholders cell of the register: `Priya Raman; Finance team (12)`.
fn split_stakeholders(text: &str) -> Vec<(String, Option<i64>)> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| {
            if let Some(open) = x
                .strip_suffix(')')
                .and_then(|x| x.rfind('(').map(|i| (x, i)))
            {
                let (body, i) = open;
                if let Ok(n) = body[i + 1..].trim().parse::<i64>() {
                    return (body[..i].trim().to_string(), Some(n));
                }
            }
            (x.to_string(), None)
        })
        .collect()
}

impl ChangeImport {
    /// Applies the changes; the caller holds the transaction.
    pub(crate) fn apply(&self, c: &Connection, today: NaiveDate) -> Result<()> {
        let mut made = Made::default();
        for l in &self.ops {
            l.op.run(c, &mut made, today)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stakeholder_cells_and_owner_cells_split_as_written() {
        assert_eq!(
            split_stakeholders("Priya Raman; Finance team (12);  Ops (x)"),
            [
                ("Priya Raman".to_string(), None),
                ("Finance team".to_string(), Some(12)),
                ("Ops (x)".to_string(), None),
            ]
        );
        assert_eq!(split_owners("Ana and Bo"), ["Ana", "Bo"]);
        assert_eq!(split_owners(" Jordan Avery "), ["Jordan Avery"]);
        assert!(yes_no("org_changes", "maybe").is_err());
    }
}
