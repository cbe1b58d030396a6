//! Importing the promotion-readiness workbook. Every row belongs to an assessment: the one
//! its Assessment id names, or, without an id, the person's latest assessment (whose
//! target the row must name). Requirements rows set the status and evidence of results,
//! skills and advocates, and the evidence of competencies (whose status is proposed from
//! ratings: overriding it needs a reason, given in Ladder). The Role row sets role
//! availability, its path and next step; Skills and Advocates rows with an id update that
//! skill or advocate, rows without one add it, and so do Advocacy actions rows (whose
//! advocate is named as on the Advocates sheet); the Verdict row records the decided
//! verdict. What Ladder fills in (the suggested verdict, Goal linked) is never read.
//!
//! Every change is tried with the same core functions the CLI uses, inside a savepoint
//! that is rolled back, so a rule they enforce is reported against its cell.

use foldhash::{HashMap, HashSet};

use calamine::{Data, Range};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::cells::{Problem, SheetTable};
use super::{changed, field, opt, Change, Preview};
use crate::export::readiness::{
    col, ADVOCACY_SHEET, ADVOCATES_SHEET, REQUIREMENTS_SHEET, ROLE_SHEET, SKILLS_SHEET,
    VERDICT_SHEET,
};
use crate::promotion::{
    self, AdvocacyActionPatch, AdvocacyKind, AdvocatePatch, Assessment, Availability, Influence,
    NewAdvocacyAction, NewAdvocate, Relation, Requirement, RequirementPatch, RolePatch, RolePath,
    SkillPatch, SkillStatus, Status, Verdict,
};
use crate::{people, Error, Result};

/// The sheets of the workbook.
pub(crate) struct Sheets {
    pub requirements: Range<Data>,
    pub role: Range<Data>,
    pub skills: Range<Data>,
    pub advocates: Range<Data>,
    /// Absent from workbooks saved before Ladder wrote advocacy actions.
    pub advocacy: Option<Range<Data>>,
    pub verdict: Range<Data>,
}

/// What importing a readiness workbook will do.
pub(crate) struct ReadinessImport {
    pub preview: Preview,
    ops: Vec<Located>,
}

type Located = super::Located<Op>;

enum Op {
    Requirement {
        id: String,
        requirement: Requirement,
        patch: RequirementPatch,
    },
    Role {
        id: String,
        patch: RolePatch,
    },
    AddSkill {
        assessment_id: String,
        name: String,
        status: SkillStatus,
        notes: String,
    },
    EditSkill {
        id: String,
        patch: SkillPatch,
    },
    AddAdvocate {
        assessment_id: String,
        new: NewAdvocate,
    },
    EditAdvocate {
        id: String,
        patch: AdvocatePatch,
    },
    /// The advocate by name, found when the change runs: it may be added by the same file.
    AddAction {
        assessment_id: String,
        kind: AdvocacyKind,
        description: String,
        advocate: String,
        due_date: NaiveDate,
    },
    EditAction {
        id: String,
        assessment_id: String,
        patch: AdvocacyActionPatch,
        advocate: Option<String>,
    },
    Decide {
        id: String,
        verdict: Verdict,
        rationale: String,
        on: NaiveDate,
    },
}

impl Op {
    fn run(&self, c: &Connection, today: NaiveDate) -> Result<()> {
        match self {
            Op::Requirement {
                id,
                requirement,
                patch,
            } => promotion::set_requirement_in(c, id, *requirement, patch.clone()).map(drop),
            Op::Role { id, patch } => promotion::set_role_in(c, id, patch.clone()).map(drop),
            Op::AddSkill {
                assessment_id,
                name,
                status,
                notes,
            } => promotion::add_skill_in(c, assessment_id, name, *status, notes).map(drop),
            Op::EditSkill { id, patch } => promotion::edit_skill_in(c, id, patch.clone()).map(drop),
            Op::AddAdvocate { assessment_id, new } => {
                promotion::add_advocate_in(c, assessment_id, new.clone(), today).map(drop)
            }
            Op::EditAdvocate { id, patch } => {
                promotion::edit_advocate_in(c, id, patch.clone(), today).map(drop)
            }
            Op::AddAction {
                assessment_id,
                kind,
                description,
                advocate,
                due_date,
            } => {
                let new = NewAdvocacyAction {
                    kind: *kind,
                    description: description.clone(),
                    advocate_id: advocate_named(c, assessment_id, advocate)?,
                    due_date: *due_date,
                };
                promotion::add_action_in(c, assessment_id, new).map(drop)
            }
            Op::EditAction {
                id,
                assessment_id,
                patch,
                advocate,
            } => {
                let mut patch = patch.clone();
                if let Some(name) = advocate {
                    patch.advocate_id = Some(advocate_named(c, assessment_id, name)?);
                }
                promotion::edit_action_in(c, id, patch).map(drop)
            }
            Op::Decide {
                id,
                verdict,
                rationale,
                on,
            } => promotion::decide_in(c, id, *verdict, rationale, *on, today).map(drop),
        }
    }
}

/// The advocate of an assessment an advocacy action names, by name; none for an empty one.
fn advocate_named(c: &Connection, assessment_id: &str, name: &str) -> Result<Option<String>> {
    if name.trim().is_empty() {
        return Ok(None);
    }
    match promotion::resolve_advocate_in(c, assessment_id, name) {
        Ok(a) => Ok(Some(a.id)),
        Err(Error::NotFound { .. } | Error::Ambiguous { .. } | Error::Invalid { .. }) => {
            Err(Error::invalid(
                "advocate",
                format!(
                    "{name} is not an advocate of this assessment; add them on the {ADVOCATES_SHEET} sheet, or leave the advocate empty"
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

const REQUIREMENTS_INPUT: &[&str] = &[
    col::PERSON,
    col::TARGET,
    col::ASSESSED_ON,
    col::REQUIREMENT,
    col::STATUS,
    col::EVIDENCE,
    col::ASSESSMENT_ID,
];
const ROLE_INPUT: &[&str] = &[
    col::PERSON,
    col::TARGET,
    col::ASSESSED_ON,
    col::AVAILABILITY,
    col::ROLE_NOTES,
    col::PATH,
    col::NEXT_STEP,
    col::ASSESSMENT_ID,
];
const SKILLS_INPUT: &[&str] = &[
    col::PERSON,
    col::TARGET,
    col::SKILL,
    col::HAVE_GAP,
    col::SKILL_NOTES,
    col::ASSESSMENT_ID,
    col::SKILL_ID,
];
const ADVOCATES_INPUT: &[&str] = &[
    col::PERSON,
    col::TARGET,
    col::ADVOCATE,
    col::RELATION,
    col::INFLUENCE,
    col::LAST_CONTACT,
    col::ADVOCATE_NOTES,
    col::ASSESSMENT_ID,
    col::ADVOCATE_ID,
];
const ADVOCACY_INPUT: &[&str] = &[
    col::PERSON,
    col::TARGET,
    col::KIND,
    col::ACTION,
    col::ADVOCATE,
    col::DUE,
    col::ASSESSMENT_ID,
    col::ACTION_ID,
];
/// The suggested verdict is Ladder's: required as a header, never read.
const VERDICT_REQUIRED: &[&str] = &[
    col::PERSON,
    col::TARGET,
    col::SUGGESTED,
    col::DECIDED,
    col::RATIONALE,
    col::DECIDED_ON,
    col::ASSESSMENT_ID,
];
const VERDICT_INPUT: &[&str] = &[
    col::PERSON,
    col::TARGET,
    col::DECIDED,
    col::RATIONALE,
    col::DECIDED_ON,
    col::ASSESSMENT_ID,
];

/// Reads the five sheets against the database and works out every change, or every
/// problem.
pub(crate) fn analyze(
    c: &Connection,
    sheets: &Sheets,
    today: NaiveDate,
) -> Result<ReadinessImport> {
    let skills_required: Vec<&str> = SKILLS_INPUT
        .iter()
        .copied()
        .chain([col::GOAL_LINKED])
        .collect();
    let tables = [
        SheetTable::new(REQUIREMENTS_SHEET, &sheets.requirements, REQUIREMENTS_INPUT),
        SheetTable::new(ROLE_SHEET, &sheets.role, ROLE_INPUT),
        SheetTable::new(SKILLS_SHEET, &sheets.skills, &skills_required),
        SheetTable::new(ADVOCATES_SHEET, &sheets.advocates, ADVOCATES_INPUT),
        SheetTable::new(VERDICT_SHEET, &sheets.verdict, VERDICT_REQUIRED),
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
    let [req, role, skills, advocates, verdict] =
        <[SheetTable; 5]>::try_from(ok).unwrap_or_else(|_| unreachable!("five tables were read"));
    // Plan activity is Ladder's: required as a header, never read.
    let advocacy_required: Vec<&str> = ADVOCACY_INPUT
        .iter()
        .copied()
        .chain([col::PLAN_ACTIVITY])
        .collect();
    let advocacy = match &sheets.advocacy {
        Some(range) => match SheetTable::new(ADVOCACY_SHEET, range, &advocacy_required) {
            Ok(t) => Some(t),
            Err(p) => return Err(Error::ImportRefused { problems: p }),
        },
        None => None,
    };
    let mut r = Reader {
        c,
        assessments: Vec::new(),
        latest: HashMap::default(),
        seen: HashSet::default(),
        action_ids_in_file: None,
        problems,
        preview: Preview {
            workbook: "readiness".into(),
            ..Preview::default()
        },
        ops: Vec::new(),
        today,
        advocacy: advocacy.is_some(),
    };
    for row in req.rows() {
        r.requirement_row(&req, row)?;
    }
    for row in role.rows() {
        r.role_row(&role, row)?;
    }
    for row in skills.rows() {
        r.skill_row(&skills, row)?;
    }
    for row in advocates.rows() {
        r.advocate_row(&advocates, row)?;
    }
    if let Some(t) = &advocacy {
        for row in t.rows() {
            r.advocacy_row(t, row)?;
        }
    }
    for row in verdict.rows() {
        r.verdict_row(&verdict, row)?;
    }
    r.finish()
}

struct Reader<'a> {
    c: &'a Connection,
    /// The assessments the file touches, in order, as they are in Ladder.
    assessments: Vec<Assessment>,
    /// Each person's latest assessment, by person id.
    latest: HashMap<String, Option<String>>,
    /// What the file already set: `(sheet, assessment, key)` → seen once.
    seen: HashSet<(&'static str, String, String)>,
    /// The advocacy action ids the Advocacy actions sheet holds (lower case), for rows
    /// without one: made when the first such row is read.
    action_ids_in_file: Option<HashSet<String>>,
    problems: Vec<Problem>,
    preview: Preview,
    ops: Vec<Located>,
    today: NaiveDate,
    /// Whether the file has the advocacy actions sheet, so that those it lacks are missing.
    advocacy: bool,
}

impl Reader<'_> {
    fn problem(&mut self, s: &SheetTable, row: usize, header: &str, rule: impl std::fmt::Display) {
        self.problems
            .push(format!("{}: {rule}", s.cell(row, header)));
    }

    /// The assessment a row belongs to, after checking its Person and Target (and
    /// Assessed on, when the sheet has it) agree with it.
    fn assessment(
        &mut self,
        s: &SheetTable,
        row: usize,
        dated: bool,
    ) -> Result<Option<Assessment>> {
        let id = s.text(row, col::ASSESSMENT_ID);
        let name = s.text(row, col::PERSON);
        let found = if id.is_empty() {
            if name.is_empty() {
                self.problem(s, row, col::PERSON, "person must not be empty");
                return Ok(None);
            }
            let person = match people::exact_name_in(self.c, &name) {
                Ok(p) => p,
                Err(
                    e @ (Error::NotFound { .. } | Error::Ambiguous { .. } | Error::Invalid { .. }),
                ) => {
                    self.problem(s, row, col::PERSON, e);
                    return Ok(None);
                }
                Err(e) => return Err(e),
            };
            let latest = match self.latest.get(&person.id) {
                Some(l) => l.clone(),
                None => {
                    let l = promotion::latest_in(self.c, &person.id)?.map(|a| a.id);
                    self.latest.insert(person.id.clone(), l.clone());
                    l
                }
            };
            let Some(latest) = latest else {
                self.problem(
                    s,
                    row,
                    col::PERSON,
                    format!(
                        "{} has no readiness assessment; open one in Ladder first (ladder readiness open)",
                        person.name
                    ),
                );
                return Ok(None);
            };
            latest
        } else {
            id
        };
        let a = match self.assessments.iter().find(|a| a.id == found) {
            Some(a) => a.clone(),
            None => match promotion::get_in(self.c, &found) {
                Ok(a) => {
                    self.assessments.push(a.clone());
                    a
                }
                Err(Error::NotFound { .. }) => {
                    self.problem(
                        s,
                        row,
                        col::ASSESSMENT_ID,
                        format!("assessment id {found} is not in this database; clear it to use the person's latest assessment"),
                    );
                    return Ok(None);
                }
                Err(e) => return Err(e),
            },
        };
        let mut fine = true;
        if !name.is_empty() && !name.eq_ignore_ascii_case(&a.person) {
            self.problem(
                s,
                row,
                col::PERSON,
                format!("this assessment is of {}, not {name}", a.person),
            );
            fine = false;
        }
        let target = s.text(row, col::TARGET);
        if target != a.target {
            self.problem(
                s,
                row,
                col::TARGET,
                format!(
                    "this assessment is toward \"{}\"; to assess toward another role or level, open a new assessment in Ladder",
                    a.target
                ),
            );
            fine = false;
        }
        if dated {
            match s.date(row, col::ASSESSED_ON, "assessed_on") {
                Ok(Some(d)) if d == a.assessed_on => {}
                // Left empty, it is the date of the assessment the row belongs to: an
                // assessment's date is never cleared, so there is nothing to refuse.
                Ok(None) => {}
                Ok(_) => {
                    self.problem(
                        s,
                        row,
                        col::ASSESSED_ON,
                        format!(
                            "this assessment is of {}; a new date is a new assessment, opened in Ladder",
                            a.assessed_on
                        ),
                    );
                    fine = false;
                }
                Err(p) => {
                    self.problems.push(p);
                    fine = false;
                }
            }
        }
        Ok(fine.then_some(a))
    }

    /// False (and a problem) when the sheet already set this for the assessment.
    fn once(
        &mut self,
        s: &SheetTable,
        row: usize,
        header: &str,
        key: (&'static str, &str, &str),
        what: &str,
    ) -> bool {
        if self
            .seen
            .insert((key.0, key.1.to_string(), key.2.to_lowercase()))
        {
            return true;
        }
        self.problem(
            s,
            row,
            header,
            format!("{what} is already in an earlier row for this assessment"),
        );
        false
    }

    fn push(&mut self, op: Op, at: String, cells: Vec<(&'static str, String)>) {
        self.ops.push(Located { op, at, cells });
    }

    fn requirement_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if REQUIREMENTS_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let requirement = match Requirement::parse(&s.text(row, col::REQUIREMENT)) {
            Ok(Requirement::Role) => {
                self.problem(
                    s,
                    row,
                    col::REQUIREMENT,
                    "role availability is on the Role sheet",
                );
                None
            }
            Ok(r) => Some(r),
            Err(e) => {
                self.problem(s, row, col::REQUIREMENT, e);
                None
            }
        };
        let status = Status::parse(&s.text(row, col::STATUS))
            .map_err(|e| self.problem(s, row, col::STATUS, e))
            .ok();
        let Some(a) = self.assessment(s, row, true)? else {
            return Ok(());
        };
        let (Some(requirement), Some(status)) = (requirement, status) else {
            return Ok(());
        };
        if !self.once(
            s,
            row,
            col::REQUIREMENT,
            ("requirement", &a.id, requirement.as_str()),
            &format!("requirement {requirement}"),
        ) {
            return Ok(());
        }
        let (old_status, old_evidence) = match requirement {
            Requirement::Results => (a.results.status, &a.results.evidence),
            Requirement::Competencies => (a.competencies.status, &a.competencies.evidence),
            Requirement::Skills => (a.skills.status, &a.skills.evidence),
            _ => (a.advocates.status, &a.advocates.evidence),
        };
        let evidence = s.text(row, col::EVIDENCE);
        let mut fields = Vec::new();
        let mut patch = RequirementPatch::default();
        if status != old_status {
            if requirement == Requirement::Competencies {
                self.problem(
                    s,
                    row,
                    col::STATUS,
                    format!(
                        "the competencies status ({old_status}) is proposed from ratings; overriding it needs a reason, so change it in Ladder (ladder readiness requirement PERSON competencies --status S --reason R)"
                    ),
                );
                return Ok(());
            }
            fields.push(field("status", old_status, status));
            patch.status = Some(status);
        }
        if &evidence != old_evidence {
            fields.push(field("evidence", old_evidence, &evidence));
            patch.evidence = Some(evidence);
        }
        if !self.preview.change(
            s.cell(row, col::STATUS),
            "requirement",
            a.id.clone(),
            format!("{} · {} · {requirement}", a.person, a.target),
            fields,
        ) {
            return Ok(());
        }
        self.push(
            Op::Requirement {
                id: a.id,
                requirement,
                patch,
            },
            s.cell(row, col::STATUS),
            vec![
                ("status", s.cell(row, col::STATUS)),
                ("evidence", s.cell(row, col::EVIDENCE)),
            ],
        );
        Ok(())
    }

    fn role_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if ROLE_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let availability = Availability::parse(&s.text(row, col::AVAILABILITY))
            .map_err(|e| self.problem(s, row, col::AVAILABILITY, e))
            .ok();
        let path_text = s.text(row, col::PATH);
        let path = if path_text.is_empty() {
            Some(None)
        } else {
            RolePath::parse(&path_text)
                .map(Some)
                .map_err(|e| self.problem(s, row, col::PATH, e))
                .ok()
        };
        let Some(a) = self.assessment(s, row, true)? else {
            return Ok(());
        };
        let (Some(availability), Some(path)) = (availability, path) else {
            return Ok(());
        };
        if !self.once(
            s,
            row,
            col::AVAILABILITY,
            ("role", &a.id, ""),
            "role availability",
        ) {
            return Ok(());
        }
        let notes = s.text(row, col::ROLE_NOTES);
        let next_step = s.text(row, col::NEXT_STEP);
        let old = &a.role;
        let mut fields = Vec::new();
        if availability != old.availability {
            fields.push(field("availability", old.availability, availability));
        }
        if notes != old.notes {
            fields.push(field("notes", &old.notes, &notes));
        }
        if path != old.path {
            fields.push(field(
                "path",
                old.path.map(RolePath::as_str).unwrap_or_default(),
                path.map(RolePath::as_str).unwrap_or_default(),
            ));
        }
        if next_step != old.next_step {
            fields.push(field("next_step", &old.next_step, &next_step));
        }
        if !self.preview.change(
            s.cell(row, col::AVAILABILITY),
            "role",
            a.id.clone(),
            format!("{} · {} · role availability", a.person, a.target),
            fields,
        ) {
            return Ok(());
        }
        self.push(
            Op::Role {
                id: a.id,
                patch: RolePatch {
                    availability,
                    notes: Some(notes),
                    path,
                    next_step: Some(next_step),
                },
            },
            s.cell(row, col::AVAILABILITY),
            vec![
                ("notes", s.cell(row, col::ROLE_NOTES)),
                ("path", s.cell(row, col::PATH)),
                ("next_step", s.cell(row, col::NEXT_STEP)),
            ],
        );
        Ok(())
    }

    fn skill_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if SKILLS_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let status = SkillStatus::parse(&s.text(row, col::HAVE_GAP))
            .map_err(|e| self.problem(s, row, col::HAVE_GAP, e))
            .ok();
        let Some(a) = self.assessment(s, row, false)? else {
            return Ok(());
        };
        let Some(status) = status else {
            return Ok(());
        };
        let name = s.text(row, col::SKILL);
        let notes = s.text(row, col::SKILL_NOTES);
        let id = s.text(row, col::SKILL_ID);
        let cells = vec![
            ("skill", s.cell(row, col::SKILL)),
            ("status", s.cell(row, col::HAVE_GAP)),
            ("notes", s.cell(row, col::SKILL_NOTES)),
        ];
        if id.is_empty() {
            self.preview.add(
                &s.cell(row, col::SKILL),
                "skill",
                format!("{} · {} · {name} ({status})", a.person, a.target),
            );
            self.push(
                Op::AddSkill {
                    assessment_id: a.id,
                    name,
                    status,
                    notes,
                },
                s.cell(row, col::SKILL),
                cells,
            );
            return Ok(());
        }
        let Some(old) = a.skills.items.iter().find(|k| k.id == id) else {
            self.problem(
                s,
                row,
                col::SKILL_ID,
                format!(
                    "skill id {id} is not in this assessment of {}; clear it to add the skill as new",
                    a.person
                ),
            );
            return Ok(());
        };
        if !self.once(s, row, col::SKILL_ID, ("skill", &a.id, &id), "this skill") {
            return Ok(());
        }
        let mut fields = Vec::new();
        let patch = SkillPatch {
            name: changed(&mut fields, "skill", &old.name, name),
            status: changed(&mut fields, "status", &old.status, status),
            notes: changed(&mut fields, "notes", &old.notes, notes),
        };
        if !self.preview.change(
            s.cell(row, col::SKILL),
            "skill",
            id.clone(),
            format!("{} · {} · {}", a.person, a.target, old.name),
            fields,
        ) {
            return Ok(());
        }
        self.push(Op::EditSkill { id, patch }, s.cell(row, col::SKILL), cells);
        Ok(())
    }

    fn advocate_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if ADVOCATES_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let relation = Relation::parse(&s.text(row, col::RELATION))
            .map_err(|e| self.problem(s, row, col::RELATION, e))
            .ok();
        let influence = Influence::parse(&s.text(row, col::INFLUENCE))
            .map_err(|e| self.problem(s, row, col::INFLUENCE, e))
            .ok();
        let last_contact = s
            .date(row, col::LAST_CONTACT, "last_contact_on")
            .map_err(|p| self.problems.push(p))
            .ok();
        let Some(a) = self.assessment(s, row, false)? else {
            return Ok(());
        };
        let (Some(relation), Some(influence), Some(last_contact)) =
            (relation, influence, last_contact)
        else {
            return Ok(());
        };
        let name = s.text(row, col::ADVOCATE);
        let notes = s.text(row, col::ADVOCATE_NOTES);
        let id = s.text(row, col::ADVOCATE_ID);
        let stored = a
            .advocates
            .advocates
            .iter()
            .find(|v| !id.is_empty() && v.id == id)
            .and_then(|v| v.last_contact_on);
        // A date already stored is kept as it is: only a new one is checked.
        if let Some(on) = last_contact.filter(|d| Some(*d) != stored) {
            if let Err(e) = promotion::check_contact_on(on, self.today) {
                self.problem(s, row, col::LAST_CONTACT, e);
                return Ok(());
            }
        }
        let cells = vec![
            ("advocate", s.cell(row, col::ADVOCATE)),
            ("notes", s.cell(row, col::ADVOCATE_NOTES)),
        ];
        if id.is_empty() {
            self.preview.add(
                &s.cell(row, col::ADVOCATE),
                "advocate",
                format!("{} · {} · {name} ({relation})", a.person, a.target),
            );
            self.push(
                Op::AddAdvocate {
                    assessment_id: a.id,
                    new: NewAdvocate {
                        person_id: None,
                        name: Some(name),
                        relation,
                        influence,
                        last_contact_on: last_contact,
                        notes,
                    },
                },
                s.cell(row, col::ADVOCATE),
                cells,
            );
            return Ok(());
        }
        let Some(old) = a.advocates.advocates.iter().find(|v| v.id == id) else {
            self.problem(
                s,
                row,
                col::ADVOCATE_ID,
                format!(
                    "advocate id {id} is not in this assessment of {}; clear it to add the advocate as new",
                    a.person
                ),
            );
            return Ok(());
        };
        if !self.once(
            s,
            row,
            col::ADVOCATE_ID,
            ("advocate", &a.id, &id),
            "this advocate",
        ) {
            return Ok(());
        }
        let mut fields = Vec::new();
        let mut patch = AdvocatePatch {
            name: changed(&mut fields, "advocate", &old.name, name),
            relation: changed(&mut fields, "relation", &old.relation, relation),
            influence: changed(&mut fields, "influence", &old.influence, influence),
            ..Default::default()
        };
        if last_contact != old.last_contact_on {
            fields.push(field(
                "last_contact_on",
                opt(old.last_contact_on),
                opt(last_contact),
            ));
            patch.last_contact_on = Some(last_contact);
        }
        patch.notes = changed(&mut fields, "notes", &old.notes, notes);
        if !self.preview.change(
            s.cell(row, col::ADVOCATE),
            "advocate",
            id.clone(),
            format!("{} · {} · {}", a.person, a.target, old.name),
            fields,
        ) {
            return Ok(());
        }
        self.push(
            Op::EditAdvocate { id, patch },
            s.cell(row, col::ADVOCATE),
            cells,
        );
        Ok(())
    }

    fn advocacy_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if ADVOCACY_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let kind = AdvocacyKind::parse(&s.text(row, col::KIND))
            .map_err(|e| self.problem(s, row, col::KIND, e))
            .ok();
        let due = match s.date(row, col::DUE, "due_date") {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                self.problem(s, row, col::DUE, "due date is required");
                None
            }
            Err(p) => {
                self.problems.push(p);
                None
            }
        };
        let Some(a) = self.assessment(s, row, false)? else {
            return Ok(());
        };
        let (Some(kind), Some(due)) = (kind, due) else {
            return Ok(());
        };
        let description = s.text(row, col::ACTION);
        let advocate = s.text(row, col::ADVOCATE);
        let id = s.text(row, col::ACTION_ID);
        let at = s.cell(row, col::ACTION);
        let cells = vec![
            ("description", s.cell(row, col::ACTION)),
            ("advocate", s.cell(row, col::ADVOCATE)),
            ("due_date", s.cell(row, col::DUE)),
            ("kind", s.cell(row, col::KIND)),
        ];
        if id.is_empty() {
            // A row this same file added when it was imported before still has no id (ids
            // are written by an export): it is that action, not a second one.
            let ids_in_file = self
                .action_ids_in_file
                .get_or_insert_with(|| s.ids(col::ACTION_ID));
            let earlier = a.advocates.actions.iter().find(|x| {
                let key = ("advocacy action", a.id.clone(), x.id.to_lowercase());
                x.kind == kind
                    && x.description == description
                    && x.advocate
                        .as_deref()
                        .unwrap_or_default()
                        .eq_ignore_ascii_case(&advocate)
                    && x.due_date == due
                    && !ids_in_file.contains(&key.2)
                    && !self.seen.contains(&key)
            });
            if let Some(x) = earlier {
                self.seen
                    .insert(("advocacy action", a.id.clone(), x.id.to_lowercase()));
                self.preview.unchanged += 1;
                return Ok(());
            }
            self.preview.add(
                &at,
                "advocacy action",
                format!("{} · {} · {description} ({kind})", a.person, a.target),
            );
            self.push(
                Op::AddAction {
                    assessment_id: a.id,
                    kind,
                    description,
                    advocate,
                    due_date: due,
                },
                at,
                cells,
            );
            return Ok(());
        }
        let Some(old) = a.advocates.actions.iter().find(|x| x.id == id).cloned() else {
            self.problem(
                s,
                row,
                col::ACTION_ID,
                format!(
                    "advocacy action id {id} is not in this assessment of {}; clear it to add the action as new",
                    a.person
                ),
            );
            return Ok(());
        };
        if !self.once(
            s,
            row,
            col::ACTION_ID,
            ("advocacy action", &a.id, &id),
            "this advocacy action",
        ) {
            return Ok(());
        }
        let mut fields = Vec::new();
        let mut patch = AdvocacyActionPatch {
            kind: changed(&mut fields, "kind", &old.kind, kind),
            description: changed(&mut fields, "description", &old.description, description),
            ..Default::default()
        };
        let old_advocate = old.advocate.clone().unwrap_or_default();
        let new_advocate = (!advocate.eq_ignore_ascii_case(&old_advocate)).then(|| {
            fields.push(field("advocate", &old_advocate, &advocate));
            advocate
        });
        patch.due_date = changed(&mut fields, "due_date", &old.due_date, due);
        if !self.preview.change(
            at.clone(),
            "advocacy action",
            id.clone(),
            format!("{} · {} · {}", a.person, a.target, old.description),
            fields,
        ) {
            return Ok(());
        }
        self.push(
            Op::EditAction {
                id,
                assessment_id: a.id,
                patch,
                advocate: new_advocate,
            },
            at,
            cells,
        );
        Ok(())
    }

    fn verdict_row(&mut self, s: &SheetTable, row: usize) -> Result<()> {
        if VERDICT_INPUT.iter().all(|h| s.is_empty(row, h)) {
            return Ok(());
        }
        let decided = s.text(row, col::DECIDED);
        let verdict = if decided.is_empty() {
            Some(None)
        } else {
            Verdict::parse(&decided)
                .map(Some)
                .map_err(|e| self.problem(s, row, col::DECIDED, e))
                .ok()
        };
        let on = s
            .date(row, col::DECIDED_ON, "decided_on")
            .map_err(|p| self.problems.push(p))
            .ok();
        let Some(a) = self.assessment(s, row, false)? else {
            return Ok(());
        };
        let (Some(verdict), Some(on)) = (verdict, on) else {
            return Ok(());
        };
        if !self.once(s, row, col::DECIDED, ("verdict", &a.id, ""), "the verdict") {
            return Ok(());
        }
        let rationale = s.text(row, col::RATIONALE);
        let Some(verdict) = verdict else {
            if let Some(d) = &a.decision {
                self.problem(
                    s,
                    row,
                    col::DECIDED,
                    format!(
                        "the decided verdict {} of {} cannot be taken back; decide again instead",
                        d.verdict, d.decided_on
                    ),
                );
            } else if !rationale.is_empty() || on.is_some() {
                self.problem(
                    s,
                    row,
                    col::DECIDED,
                    "give the decided verdict with its rationale and date",
                );
            } else {
                self.preview.unchanged += 1;
            }
            return Ok(());
        };
        // Without a date the decision keeps its own, or is made on the day of the import.
        let on = on
            .or(a.decision.as_ref().map(|d| d.decided_on))
            .unwrap_or(self.today);
        let old = a.decision.as_ref();
        let mut fields = Vec::new();
        if old.map(|d| d.verdict) != Some(verdict) {
            fields.push(field(
                "verdict",
                old.map(|d| d.verdict.as_str()).unwrap_or_default(),
                verdict,
            ));
        }
        if old.map(|d| d.rationale.as_str()) != Some(rationale.as_str()) {
            fields.push(field(
                "rationale",
                old.map(|d| d.rationale.as_str()).unwrap_or_default(),
                &rationale,
            ));
        }
        if old.map(|d| d.decided_on) != Some(on) {
            fields.push(field("decided_on", opt(old.map(|d| d.decided_on)), on));
        }
        if !self.preview.change(
            s.cell(row, col::DECIDED),
            "verdict",
            a.id.clone(),
            format!("{} · {} · decided verdict", a.person, a.target),
            fields,
        ) {
            return Ok(());
        }
        self.push(
            Op::Decide {
                id: a.id,
                verdict,
                rationale,
                on,
            },
            s.cell(row, col::DECIDED),
            vec![
                ("verdict", s.cell(row, col::DECIDED)),
                ("rationale", s.cell(row, col::RATIONALE)),
                ("decided_on", s.cell(row, col::DECIDED_ON)),
            ],
        );
        Ok(())
    }

    fn finish(mut self) -> Result<ReadinessImport> {
        // The rows that read well are tried even when others did not, so every problem
        // is listed at once.
        let c = self.c;
        let broken = super::trial(c, &self.ops, |op| op.run(c, self.today))?;
        self.problems.extend(broken);
        if !self.problems.is_empty() {
            return Err(Error::ImportRefused {
                problems: self.problems,
            });
        }
        for a in &self.assessments {
            for k in &a.skills.items {
                if !self
                    .seen
                    .contains(&("skill", a.id.clone(), k.id.to_lowercase()))
                {
                    self.preview.missing.push(Change {
                        cell: String::new(),
                        record: "skill",
                        id: Some(k.id.clone()),
                        summary: format!("{} · {} · {}", a.person, a.target, k.name),
                        fields: Vec::new(),
                    });
                }
            }
            for x in a.advocates.actions.iter().filter(|_| self.advocacy) {
                if !self
                    .seen
                    .contains(&("advocacy action", a.id.clone(), x.id.to_lowercase()))
                {
                    self.preview.missing.push(Change {
                        cell: String::new(),
                        record: "advocacy action",
                        id: Some(x.id.clone()),
                        summary: format!("{} · {} · {}", a.person, a.target, x.description),
                        fields: Vec::new(),
                    });
                }
            }
            for v in &a.advocates.advocates {
                if !self
                    .seen
                    .contains(&("advocate", a.id.clone(), v.id.to_lowercase()))
                {
                    self.preview.missing.push(Change {
                        cell: String::new(),
                        record: "advocate",
                        id: Some(v.id.clone()),
                        summary: format!("{} · {} · {}", a.person, a.target, v.name),
                        fields: Vec::new(),
                    });
                }
            }
        }
        Ok(ReadinessImport {
            preview: self.preview,
            ops: self.ops,
        })
    }
}

impl ReadinessImport {
    /// Applies the changes; the caller holds the transaction.
    pub(crate) fn apply(&self, c: &Connection, today: NaiveDate) -> Result<()> {
        for l in &self.ops {
            l.op.run(c, today)?;
        }
        Ok(())
    }
}
