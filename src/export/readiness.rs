//! The promotion-readiness workbook: the latest assessment of each person with the five
//! requirements (four statuses with evidence, and role availability with its path), the
//! skills the target role needs and their gaps, the advocates and the actions that build
//! them, and the verdict Ladder suggests beside the one the manager decides.

use rusqlite::Connection;
use rust_xlsxwriter::{ConditionalFormatFormula, Workbook, Worksheet};

use super::sheet::{self, xlsx, Cell, Column, Formats, Kind};
use super::Input;
use crate::promotion::{
    self, AdvocacyKind, Assessment, Availability, Influence, Relation, Requirement, RolePath,
    SkillStatus, Status, Verdict,
};
use crate::{people, Result};

/// The data sheets, in order.
pub const REQUIREMENTS_SHEET: &str = "Requirements";
pub const ROLE_SHEET: &str = "Role";
pub const SKILLS_SHEET: &str = "Skills";
pub const ADVOCATES_SHEET: &str = "Advocates";
pub const ADVOCACY_SHEET: &str = "Advocacy actions";
pub const VERDICT_SHEET: &str = "Verdict";

/// The column headers, shared by the sheets that have them.
pub(crate) mod col {
    pub const PERSON: &str = "Person";
    pub const TARGET: &str = "Target role or level";
    pub const ASSESSED_ON: &str = "Assessed on";
    pub const REQUIREMENT: &str = "Requirement";
    pub const STATUS: &str = "Status";
    pub const EVIDENCE: &str = "Evidence";
    pub const AVAILABILITY: &str = "Availability";
    pub const ROLE_NOTES: &str = "Notes";
    pub const PATH: &str = "Path";
    pub const NEXT_STEP: &str = "Next step";
    pub const SKILL: &str = "Skill";
    pub const HAVE_GAP: &str = "Have or gap";
    pub const GOAL_LINKED: &str = "Goal linked";
    pub const SKILL_NOTES: &str = "Notes";
    pub const ADVOCATE: &str = "Advocate";
    pub const RELATION: &str = "Relation";
    pub const INFLUENCE: &str = "Influence";
    pub const LAST_CONTACT: &str = "Last contact";
    pub const ADVOCATE_NOTES: &str = "Notes";
    pub const SUGGESTED: &str = "Suggested verdict";
    pub const DECIDED: &str = "Decided verdict";
    pub const RATIONALE: &str = "Rationale";
    pub const DECIDED_ON: &str = "Decided on";
    pub const ASSESSMENT_ID: &str = "Assessment id";
    pub const SKILL_ID: &str = "Skill id";
    pub const ADVOCATE_ID: &str = "Advocate id";
    pub const KIND: &str = "Kind";
    pub const ACTION: &str = "Action";
    pub const DUE: &str = "Due";
    pub const PLAN_ACTIVITY: &str = "Plan activity";
    pub const ACTION_ID: &str = "Action id";
}

/// The requirements that take a status; role availability has its own sheet.
const REQUIREMENTS: &[&str] = &["results", "competencies", "skills", "advocates"];
const STATUSES: &[&str] = &["met", "partly", "not_yet", "unknown"];
const AVAILABILITIES: &[&str] = &["available", "not_available", "unknown"];
const PATHS: &[&str] = &[
    "influence_need",
    "create_role",
    "stay_and_grow",
    "look_beyond",
];
const SKILL_STATUSES: &[&str] = &["have", "gap"];
const RELATIONS: &[&str] = &[
    "manager_manager",
    "hr",
    "mentor",
    "cross_functional_leader",
    "peer_leader",
    "other",
];
const INFLUENCES: &[&str] = &["high", "medium", "low"];
const ADVOCACY_KINDS: &[&str] = &[
    "mentor",
    "beyond_day_job",
    "cross_functional_team",
    "questions_over_coffee",
    "visibility",
];
/// `not_assessed` is what unknowns suggest, never a decision.
const DECISIONS: &[&str] = &["ready_now", "ready_1_2_years", "ready_3_plus_years"];

pub(crate) fn write(c: &Connection, input: &Input) -> Result<Vec<u8>> {
    // The codes in the drop-downs are the ones Ladder parses.
    debug_assert!(REQUIREMENTS
        .iter()
        .all(|r| Requirement::parse(r).is_ok_and(|r| r != Requirement::Role)));
    debug_assert_eq!(REQUIREMENTS.len() + 1, Requirement::ALL.len());
    debug_assert_eq!(STATUSES.len(), Status::ALL.len());
    debug_assert_eq!(AVAILABILITIES.len(), Availability::ALL.len());
    debug_assert_eq!(PATHS.len(), RolePath::ALL.len());
    debug_assert_eq!(SKILL_STATUSES.len(), SkillStatus::ALL.len());
    debug_assert_eq!(RELATIONS.len(), Relation::ALL.len());
    debug_assert_eq!(INFLUENCES.len(), Influence::ALL.len());
    debug_assert_eq!(ADVOCACY_KINDS.len(), AdvocacyKind::ALL.len());
    debug_assert_eq!(DECISIONS.len() + 1, Verdict::ALL.len());

    let people_names: Vec<String> = people::list_in(
        c,
        &people::scope_ids_in(c, &crate::profile::Scope::Everyone, false)?,
    )?
    .into_iter()
    .map(|p| p.name)
    .collect();
    let mut assessments: Vec<Assessment> = Vec::new();
    if !input.blank {
        for id in input.ids {
            assessments.extend(promotion::latest_in(c, id)?);
        }
        assessments.sort_by_cached_key(|a| a.person.to_lowercase());
    }

    let mut wb = Workbook::new();
    let f = Formats::new();
    sheet::importable(
        &mut wb,
        "Promotion readiness",
        "Promotion readiness: the five requirements, skills, advocates and the verdict",
        input,
    )?;
    let paths = RolePath::ALL
        .iter()
        .map(|p| format!("{} ({p})", p.title()))
        .collect::<Vec<_>>()
        .join("; ");
    let ideas = AdvocacyKind::ALL
        .iter()
        .map(|k| k.title())
        .collect::<Vec<_>>()
        .join("; ");
    let verdicts = Verdict::ALL
        .iter()
        .map(|v| format!("{} ({v})", v.title()))
        .collect::<Vec<_>>()
        .join(", ");
    sheet::instructions(
        &mut wb,
        &f,
        "Promotion readiness",
        &[
            "Promotion feels out of the associate's control. Making its drivers explicit takes the grievance out of the conversation. An assessment is dated and targets one role or level; assessments are kept, so progress shows.",
            "The five requirements: 1. results in the current role show the potential to succeed in the next (results); 2. competencies are demonstrated at the next level, so the associate can compete with future peers (competencies); 3. the technical and job-specific skills the new role needs on day one (skills); 4. the role and its scope are available; 5. advocates beyond the direct manager, preferably influential (advocates).",
            "On the Requirements sheet give requirements 1, 2, 3 and 5 a status: met, partly, not_yet or unknown, with the evidence. not_yet turns red and partly amber.",
            &format!("Requirement 4 is on the Role sheet: available, not_available or unknown. When the role is not available, pick one of four paths and say what happens next: {paths}."),
            "On the Skills sheet list the skills the role needs on day one (managing people, budgets, public speaking, negotiation, programme management...), each have or gap. Each gap should become a goal in the development plan: Goal linked says whether it has, and a gap without one is highlighted.",
            &format!("On the Advocates sheet list the people who speak for the associate when promotion is decided (it is rarely one person's decision: the manager's manager and HR are usually involved), with how they relate and how much influence they have. Ways to build advocacy: {ideas}. On the Advocacy actions sheet plan them: the kind, what the associate will do, the advocate it builds (a name from the Advocates sheet, or empty) and when it is due. Plan activity says whether it has become an activity of the development plan."),
            &format!("The verdict uses these categories: {verdicts}. Ladder suggests one from the four statuses: any unknown gives not_assessed; results or competencies not_yet gives ready_3_plus_years; all four met gives ready_now; anything else ready_1_2_years. Role availability decides the path, not the person's readiness. On the Verdict sheet the manager decides, with a rationale when the decision differs from the suggestion."),
            "Assessments are opened in Ladder (a new date or target is a new assessment), and this file fills one that exists: a row without an Assessment id belongs to the person's latest assessment, so open it in Ladder before filling in a blank template. The competencies status is proposed from ratings: overriding it needs a reason, given in Ladder. Suggested verdict and Goal linked are filled by Ladder and not read back.",
        ],
        true,
    )?;
    let refs = sheet::lists(&mut wb, &[("People", people_names)])?;
    let person = || {
        Column::new(
            col::PERSON,
            20.0,
            Kind::List(refs[0].clone()),
            "The associate assessed.",
        )
    };
    let target = || {
        Column::new(
            col::TARGET,
            24.0,
            Kind::Text,
            "The role or level the associate is assessed toward.",
        )
    };
    let assessed_on = || {
        Column::new(
            col::ASSESSED_ON,
            12.0,
            Kind::Date,
            "The date of the assessment (YYYY-MM-DD).",
        )
    };
    let assessment_id = || {
        Column::new(
            col::ASSESSMENT_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the assessment.",
        )
    };
    let head = |a: &Assessment| {
        vec![
            Cell::text(&a.person),
            Cell::text(&a.target),
            Cell::Date(Some(a.assessed_on)),
        ]
    };

    // Requirements 1, 2, 3 and 5.
    let columns = [
        person(),
        target(),
        assessed_on(),
        Column::new(
            col::REQUIREMENT,
            14.0,
            Kind::Choice(REQUIREMENTS),
            "results, competencies, skills or advocates.",
        ),
        Column::new(
            col::STATUS,
            10.0,
            Kind::Choice(STATUSES),
            "met, partly, not_yet or unknown.",
        ),
        Column::new(
            col::EVIDENCE,
            60.0,
            Kind::Wrap,
            "What shows it: results, ratings, behaviours seen.",
        ),
        assessment_id(),
    ];
    let mut rows = Vec::new();
    for a in &assessments {
        let statuses = a.statuses();
        for (requirement, status) in statuses.by_requirement() {
            let evidence = match requirement {
                Requirement::Results => &a.results.evidence,
                Requirement::Competencies => &a.competencies.evidence,
                Requirement::Skills => &a.skills.evidence,
                _ => &a.advocates.evidence,
            };
            let mut row = head(a);
            row.extend([
                Cell::text(requirement.as_str()),
                Cell::text(status.as_str()),
                Cell::text(evidence),
                Cell::text(&a.id),
            ]);
            rows.push(row);
        }
    }
    let ws = data_sheet(&mut wb, REQUIREMENTS_SHEET)?;
    let last = sheet::table(ws, &f, "Requirements", &columns, &rows, sheet::SPARE_ROWS)?;
    // The status cell of a requirement not met yet, or only partly.
    for (status, format) in [("not_yet", &f.alert), ("partly", &f.warn)] {
        let rule = ConditionalFormatFormula::new()
            .set_rule(format!("=$E2=\"{status}\"").as_str())
            .set_format(format);
        ws.add_conditional_format(1, 4, last, 4, &rule)
            .map_err(xlsx)?;
    }
    ws.set_active(true);

    // Requirement 4.
    let columns = [
        person(),
        target(),
        assessed_on(),
        Column::new(
            col::AVAILABILITY,
            13.0,
            Kind::Choice(AVAILABILITIES),
            "available, not_available or unknown: does the role and its scope exist?",
        ),
        Column::new(
            col::ROLE_NOTES,
            36.0,
            Kind::Wrap,
            "What is known about the role: headcount, timing, who decides.",
        ),
        Column::new(
            col::PATH,
            15.0,
            Kind::Choice(PATHS),
            "Only when not available: influence_need, create_role, stay_and_grow or look_beyond.",
        ),
        Column::new(
            col::NEXT_STEP,
            36.0,
            Kind::Wrap,
            "With a path: what happens next.",
        ),
        assessment_id(),
    ];
    let rows: Vec<Vec<Cell>> = assessments
        .iter()
        .map(|a| {
            let mut row = head(a);
            row.extend([
                Cell::text(a.role.availability.as_str()),
                Cell::text(&a.role.notes),
                Cell::text(a.role.path.map(RolePath::as_str).unwrap_or_default()),
                Cell::text(&a.role.next_step),
                Cell::text(&a.id),
            ]);
            row
        })
        .collect();
    let ws = data_sheet(&mut wb, ROLE_SHEET)?;
    sheet::table(ws, &f, "Role", &columns, &rows, sheet::SPARE_ROWS)?;

    // Requirement 3, skill by skill.
    let columns = [
        person(),
        target(),
        Column::new(
            col::SKILL,
            24.0,
            Kind::Text,
            "A skill the role needs on day one, e.g. Budgets.",
        ),
        Column::new(
            col::HAVE_GAP,
            11.0,
            Kind::Choice(SKILL_STATUSES),
            "have or gap.",
        ),
        Column::new(
            col::GOAL_LINKED,
            11.0,
            Kind::Text,
            "yes when the gap became a development goal.",
        )
        .locked(),
        Column::new(col::SKILL_NOTES, 40.0, Kind::Wrap, "Anything worth noting."),
        assessment_id(),
        Column::new(col::SKILL_ID, 10.0, Kind::Id, "Ladder's id of the skill."),
    ];
    let rows: Vec<Vec<Cell>> = assessments
        .iter()
        .flat_map(|a| {
            a.skills.items.iter().map(move |s| {
                vec![
                    Cell::text(&a.person),
                    Cell::text(&a.target),
                    Cell::text(&s.name),
                    Cell::text(s.status.as_str()),
                    Cell::text(if s.goal_id.is_some() { "yes" } else { "no" }),
                    Cell::text(&s.notes),
                    Cell::text(&a.id),
                    Cell::text(&s.id),
                ]
            })
        })
        .collect();
    let ws = data_sheet(&mut wb, SKILLS_SHEET)?;
    let last = sheet::table(ws, &f, "Skills", &columns, &rows, sheet::SPARE_ROWS)?;
    // A gap that has not become a goal yet.
    let rule = ConditionalFormatFormula::new()
        .set_rule("=AND($D2=\"gap\",$E2<>\"yes\")")
        .set_format(&f.warn);
    ws.add_conditional_format(1, 3, last, 3, &rule)
        .map_err(xlsx)?;

    // Requirement 5, advocate by advocate.
    let columns = [
        person(),
        target(),
        Column::new(
            col::ADVOCATE,
            22.0,
            Kind::Text,
            "Someone beyond the direct manager who speaks for the associate.",
        ),
        Column::new(
            col::RELATION,
            22.0,
            Kind::Choice(RELATIONS),
            "manager_manager, hr, mentor, cross_functional_leader, peer_leader or other.",
        ),
        Column::new(
            col::INFLUENCE,
            10.0,
            Kind::Choice(INFLUENCES),
            "high, medium or low: the weight of their word in the decision.",
        ),
        Column::new(
            col::LAST_CONTACT,
            12.0,
            Kind::Date,
            "When the associate last spoke with them (YYYY-MM-DD).",
        ),
        Column::new(
            col::ADVOCATE_NOTES,
            36.0,
            Kind::Wrap,
            "Anything worth noting.",
        ),
        assessment_id(),
        Column::new(
            col::ADVOCATE_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the advocate.",
        ),
    ];
    let rows: Vec<Vec<Cell>> = assessments
        .iter()
        .flat_map(|a| {
            a.advocates.advocates.iter().map(move |v| {
                vec![
                    Cell::text(&a.person),
                    Cell::text(&a.target),
                    Cell::text(&v.name),
                    Cell::text(v.relation.as_str()),
                    Cell::text(v.influence.as_str()),
                    Cell::Date(v.last_contact_on),
                    Cell::text(&v.notes),
                    Cell::text(&a.id),
                    Cell::text(&v.id),
                ]
            })
        })
        .collect();
    let ws = data_sheet(&mut wb, ADVOCATES_SHEET)?;
    sheet::table(ws, &f, "Advocates", &columns, &rows, sheet::SPARE_ROWS)?;

    // The actions that build advocacy.
    let columns = [
        person(),
        target(),
        Column::new(
            col::KIND,
            22.0,
            Kind::Choice(ADVOCACY_KINDS),
            "mentor, beyond_day_job, cross_functional_team, questions_over_coffee or visibility.",
        ),
        Column::new(
            col::ACTION,
            40.0,
            Kind::Wrap,
            "What the associate will do to build advocacy.",
        ),
        Column::new(
            col::ADVOCATE,
            22.0,
            Kind::Text,
            "The advocate it builds, as named on the Advocates sheet; empty for none.",
        ),
        Column::new(col::DUE, 12.0, Kind::Date, "When it is due (YYYY-MM-DD)."),
        Column::new(
            col::PLAN_ACTIVITY,
            12.0,
            Kind::Text,
            "yes when it has become a plan activity, filled by Ladder.",
        )
        .locked(),
        assessment_id(),
        Column::new(
            col::ACTION_ID,
            10.0,
            Kind::Id,
            "Ladder's id of the advocacy action.",
        ),
    ];
    let rows: Vec<Vec<Cell>> = assessments
        .iter()
        .flat_map(|a| {
            a.advocates.actions.iter().map(move |x| {
                vec![
                    Cell::text(&a.person),
                    Cell::text(&a.target),
                    Cell::text(x.kind.as_str()),
                    Cell::text(&x.description),
                    Cell::text(x.advocate.as_deref().unwrap_or_default()),
                    Cell::Date(Some(x.due_date)),
                    Cell::text(if x.activity_id.is_some() { "yes" } else { "" }),
                    Cell::text(&a.id),
                    Cell::text(&x.id),
                ]
            })
        })
        .collect();
    let ws = data_sheet(&mut wb, ADVOCACY_SHEET)?;
    sheet::table(
        ws,
        &f,
        "AdvocacyActions",
        &columns,
        &rows,
        sheet::SPARE_ROWS,
    )?;

    // The verdict: Ladder's suggestion, locked, beside the manager's decision.
    let columns = [
        person(),
        target(),
        Column::new(
            col::SUGGESTED,
            18.0,
            Kind::Text,
            "What the four statuses suggest, filled by Ladder.",
        )
        .locked(),
        Column::new(
            col::DECIDED,
            18.0,
            Kind::Choice(DECISIONS),
            "ready_now, ready_1_2_years or ready_3_plus_years.",
        ),
        Column::new(
            col::RATIONALE,
            50.0,
            Kind::Wrap,
            "Why; required when the decision differs from the suggestion.",
        ),
        Column::new(
            col::DECIDED_ON,
            12.0,
            Kind::Date,
            "When the verdict was decided (YYYY-MM-DD).",
        ),
        assessment_id(),
    ];
    let rows: Vec<Vec<Cell>> = assessments
        .iter()
        .map(|a| {
            let d = a.decision.as_ref();
            vec![
                Cell::text(&a.person),
                Cell::text(&a.target),
                Cell::text(a.suggestion.verdict.as_str()),
                Cell::text(d.map(|d| d.verdict.as_str()).unwrap_or_default()),
                Cell::text(d.map(|d| d.rationale.as_str()).unwrap_or_default()),
                Cell::Date(d.map(|d| d.decided_on)),
                Cell::text(&a.id),
            ]
        })
        .collect();
    let ws = data_sheet(&mut wb, VERDICT_SHEET)?;
    sheet::table(ws, &f, "Verdict", &columns, &rows, sheet::SPARE_ROWS)?;

    wb.save_to_buffer().map_err(xlsx)
}

fn data_sheet<'a>(wb: &'a mut Workbook, name: &str) -> Result<&'a mut Worksheet> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xlsx)?;
    Ok(ws)
}
