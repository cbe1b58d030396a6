//! The change checks: the domain's cross-checks of the register against the phase plan,
//! the barrier against the work under way, and the RACI rules, each with a stable code.
//! They only read; `today` is always an argument. Closed changes are not checked: there
//! is nothing left to act on.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::adkar::Element;
use super::assessments::{self, Rollup};
use super::plan::{self, ActionStatus, ChangeAction, PhasePlan};
use super::raci::{self, RaciChart, RaciRole};
use super::register::{self, Change, ChangeStatus};
use crate::codes::code_enum;
use crate::{Db, Result};

code_enum!(
    /// What a change finding is about:
    /// - `owner_archived`: the change's one owner has been archived since;
    /// - `training_without_knowledge_action`: training is required, no Knowledge action;
    /// - `comms_without_awareness_action`: a communication plan is required, no Awareness
    ///   action;
    /// - `desire_barrier_without_influencers`: someone's latest barrier is Desire and no
    ///   influential associate is consulted;
    /// - `influencers_count`: fewer than two or more than four influential associates
    ///   (not said again when `desire_barrier_without_influencers` already asks for them);
    /// - `action_without_due_date`: an action planned or in progress has no due date (each
    ///   action has an owner, a due date and a status; starter actions come without one);
    /// - `action_overdue`: an action planned or in progress is past its due date;
    /// - `work_past_barrier`: an action on an element after the change's barrier (the
    ///   barrier of its average profile) is already in progress;
    /// - `raci_no_accountable`: a RACI activity has nobody accountable;
    /// - `raci_many_consulted`: a RACI activity consults and informs more than twice as
    ///   many people as are responsible or accountable;
    /// - `raci_review_due`: the chart has not been reviewed for [`RACI_REVIEW_DAYS`].
    ChangeFindingCode, "code", {
        OwnerArchived = "owner_archived",
        TrainingWithoutKnowledgeAction = "training_without_knowledge_action",
        CommsWithoutAwarenessAction = "comms_without_awareness_action",
        DesireBarrierWithoutInfluencers = "desire_barrier_without_influencers",
        InfluencersCount = "influencers_count",
        ActionWithoutDueDate = "action_without_due_date",
        ActionOverdue = "action_overdue",
        WorkPastBarrier = "work_past_barrier",
        RaciNoAccountable = "raci_no_accountable",
        RaciManyConsulted = "raci_many_consulted",
        RaciReviewDue = "raci_review_due",
    }
);

/// The number of influential associates the domain asks for, at least and at most.
pub const INFLUENCERS: (usize, usize) = (2, 4);

/// Days after which a RACI chart is due for review: about six months.
pub const RACI_REVIEW_DAYS: i64 = 183;

/// One finding about one change.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChangeFinding {
    pub code: ChangeFindingCode,
    pub change_id: String,
    pub change: String,
    /// The phase-plan action concerned, if any.
    pub action_id: Option<String>,
    /// The RACI activity concerned, if any.
    pub raci_activity_id: Option<String>,
    pub message: String,
}

/// Runs every check on one change, or on every change that is not closed.
pub fn check(db: &Db, change_id: Option<&str>, today: NaiveDate) -> Result<Vec<ChangeFinding>> {
    db.read(|c| check_in(c, change_id, today))
}

pub(crate) fn check_in(
    c: &Connection,
    change_id: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<ChangeFinding>> {
    let changes = match change_id {
        Some(id) => vec![register::get_in(c, id)?],
        None => register::list_in(c)?,
    };
    let mut out = Vec::new();
    for ch in changes
        .iter()
        .filter(|ch| ch.status != ChangeStatus::Closed)
    {
        let rollup = assessments::rollup_in(c, &ch.id)?;
        let plan = plan::phase_plan_in(c, &ch.id)?;
        let chart = raci::chart_in(c, &ch.id)?;
        out.extend(findings(ch, &rollup, &plan, &chart, today));
    }
    Ok(out)
}

/// The rules, over what is stored about one change.
fn findings(
    ch: &Change,
    rollup: &Rollup,
    plan: &PhasePlan,
    chart: &RaciChart,
    today: NaiveDate,
) -> Vec<ChangeFinding> {
    let finding =
        |code, action_id: Option<&str>, activity_id: Option<&str>, message| ChangeFinding {
            code,
            change_id: ch.id.clone(),
            change: ch.name.clone(),
            action_id: action_id.map(Into::into),
            raci_activity_id: activity_id.map(Into::into),
            message,
        };
    let mut out = Vec::new();
    let planned = |e: Element| {
        plan.actions
            .iter()
            .any(|a| a.element == e && a.status != ActionStatus::Dropped)
    };

    if ch.owner_archived {
        out.push(finding(
            ChangeFindingCode::OwnerArchived,
            None,
            None,
            format!(
                "the owner, {}, is archived; give the change an active owner",
                ch.owner
            ),
        ));
    }
    if ch.training_required && !planned(Element::Knowledge) {
        out.push(finding(
            ChangeFindingCode::TrainingWithoutKnowledgeAction,
            None,
            None,
            "training is required but the plan has no Knowledge action".into(),
        ));
    }
    if ch.comms_plan_required && !planned(Element::Awareness) {
        out.push(finding(
            ChangeFindingCode::CommsWithoutAwarenessAction,
            None,
            None,
            "a communication plan is required but the plan has no Awareness action".into(),
        ));
    }

    let at_desire: Vec<&str> = rollup
        .stakeholders
        .iter()
        .filter(|s| s.latest.as_ref().and_then(|a| a.barrier) == Some(Element::Desire))
        .map(|s| s.stakeholder.name.as_str())
        .collect();
    let desire_unanswered = !at_desire.is_empty() && plan.influencers.is_empty();
    if desire_unanswered {
        out.push(finding(
            ChangeFindingCode::DesireBarrierWithoutInfluencers,
            None,
            None,
            format!(
                "{} stuck at Desire ({}) and no influential associates are consulted; bring in two to four",
                plural(at_desire.len(), "stakeholder is", "stakeholders are"),
                at_desire.join(", ")
            ),
        ));
    }
    // With nobody consulted while someone is stuck at Desire, the finding above already
    // asks for two to four; saying "0 influential associates" beside it is the same
    // advice twice.
    let n = plan.influencers.len();
    if !desire_unanswered && (n < INFLUENCERS.0 || n > INFLUENCERS.1) {
        out.push(finding(
            ChangeFindingCode::InfluencersCount,
            None,
            None,
            format!(
                "{} consulted for Desire; consult {} to {}",
                plural(n, "influential associate", "influential associates"),
                INFLUENCERS.0,
                INFLUENCERS.1
            ),
        ));
    }

    let open: Vec<&ChangeAction> = plan
        .actions
        .iter()
        .filter(|a| matches!(a.status, ActionStatus::Planned | ActionStatus::InProgress))
        .collect();
    let named = |a: &ChangeAction| format!("{} action \"{}\"", a.element.title(), a.description);
    // Said once for the plan: the starter actions all come without a date.
    let undated: Vec<&ChangeAction> = open
        .iter()
        .copied()
        .filter(|a| a.due_date.is_none())
        .collect();
    match undated.as_slice() {
        [] => {}
        [a] => out.push(finding(
            ChangeFindingCode::ActionWithoutDueDate,
            Some(&a.id),
            None,
            format!("{} has no due date; give each action a due date", named(a)),
        )),
        many => out.push(finding(
            ChangeFindingCode::ActionWithoutDueDate,
            None,
            None,
            format!(
                "{} actions have no due date ({}); give each action a due date",
                many.len(),
                Element::ALL
                    .iter()
                    .filter_map(|e| {
                        let n = many.iter().filter(|a| a.element == *e).count();
                        (n > 0).then(|| format!("{n} {}", e.title()))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
    for a in &open {
        let Some(due) = a.due_date.filter(|due| *due < today) else {
            continue;
        };
        out.push(finding(
            ChangeFindingCode::ActionOverdue,
            Some(&a.id),
            None,
            format!(
                "{} was due {} ({} ago) and is {}",
                named(a),
                crate::dates::written(due),
                crate::dates::days((today - due).num_days()),
                a.status.as_str().replace('_', " ")
            ),
        ));
    }

    if let Some(barrier) = rollup.average_barrier {
        for a in plan
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::InProgress && a.element.index() > barrier.index())
        {
            out.push(finding(
                ChangeFindingCode::WorkPastBarrier,
                Some(&a.id),
                None,
                format!(
                    "{} action \"{}\" is in progress but the change's barrier is {}; work on later elements waits until it is cleared",
                    a.element.title(),
                    a.description,
                    barrier.title()
                ),
            ));
        }
    }

    for act in &chart.activities {
        if act.count(RaciRole::Accountable) == 0 {
            out.push(finding(
                ChangeFindingCode::RaciNoAccountable,
                None,
                Some(&act.id),
                format!(
                    "RACI activity \"{}\" has nobody accountable; exactly one person holds the decision",
                    act.name
                ),
            ));
        }
        let doing = act.count(RaciRole::Responsible) + act.count(RaciRole::Accountable);
        let around = act.count(RaciRole::Consulted) + act.count(RaciRole::Informed);
        if around > 2 * doing {
            out.push(finding(
                ChangeFindingCode::RaciManyConsulted,
                None,
                Some(&act.id),
                format!(
                    "RACI activity \"{}\" consults or informs {around} people for {doing} responsible or accountable; keep C and I to the minimum",
                    act.name
                ),
            ));
        }
    }
    let since = chart
        .reviewed_on
        .map(|d| (d, "last reviewed"))
        .or(chart.started_on.map(|d| (d, "made")));
    if let (false, Some((base, what))) = (chart.activities.is_empty(), since) {
        let days = (today - base).num_days();
        if days >= RACI_REVIEW_DAYS {
            let base = crate::dates::written(base);
            out.push(finding(
                ChangeFindingCode::RaciReviewDue,
                None,
                None,
                format!(
                    "the RACI chart was {what} {base}, {days} days ago; review it about every six months"
                ),
            ));
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::super::plan::{
        add_action, add_influencer, edit_action, ChangeActionPatch, NewChangeAction, NewInfluencer,
    };
    use super::super::raci::{add_raci_activity, assign_role, review_raci};
    use super::super::register::{edit, set_status, ChangePatch};
    use super::super::testing::{date, fixture, person, Fixture};
    use super::*;

    impl Fixture {
        fn codes(&self, today: &str) -> Vec<ChangeFindingCode> {
            check(&self.db, Some(&self.change), date(today))
                .unwrap()
                .into_iter()
                .map(|f| f.code)
                .collect()
        }

        fn action(&self, element: Element) -> String {
            add_action(
                &self.db,
                NewChangeAction {
                    change_id: self.change.clone(),
                    element,
                    description: format!("{element} work"),
                    owner_id: None,
                    due_date: Some(date("2026-12-15")),
                },
            )
            .unwrap()
            .id
        }

        fn influencers(&self, people: &[&String]) {
            for p in people {
                add_influencer(
                    &self.db,
                    NewInfluencer {
                        change_id: self.change.clone(),
                        person_id: (*p).clone(),
                        concerns: String::new(),
                        questions: String::new(),
                        expected_reactions: String::new(),
                    },
                )
                .unwrap();
            }
        }
    }

    const DAY: &str = "2026-11-23";

    fn has(codes: &[ChangeFindingCode], code: ChangeFindingCode) -> bool {
        codes.contains(&code)
    }

    #[test]
    fn a_new_change_without_requirements_only_lacks_influencers() {
        let f = fixture();
        assert_eq!(f.codes(DAY), [ChangeFindingCode::InfluencersCount]);
        f.influencers(&[&f.ana, &f.bo]);
        assert!(f.codes(DAY).is_empty());
    }

    #[test]
    fn an_archived_owner_asks_for_an_active_one() {
        let f = fixture();
        f.influencers(&[&f.ana, &f.bo]);
        crate::people::archive(&f.db, &f.owner).unwrap();
        let findings = check(&f.db, Some(&f.change), date(DAY)).unwrap();
        assert_eq!(
            findings
                .iter()
                .map(|x| (x.code, x.message.as_str()))
                .collect::<Vec<_>>(),
            [(
                ChangeFindingCode::OwnerArchived,
                "the owner, Olive Owner, is archived; give the change an active owner"
            )]
        );
        edit(
            &f.db,
            &f.change,
            ChangePatch {
                owner_ids: Some(vec![f.ana.clone()]),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(f.codes(DAY).is_empty());
    }

    #[test]
    fn training_without_knowledge_action_fires_until_one_is_planned() {
        let f = fixture();
        f.influencers(&[&f.ana, &f.bo]);
        edit(
            &f.db,
            &f.change,
            ChangePatch {
                training_required: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            f.codes(DAY),
            [ChangeFindingCode::TrainingWithoutKnowledgeAction]
        );
        let a = f.action(Element::Knowledge);
        assert!(f.codes(DAY).is_empty());
        // A dropped action does not count.
        edit_action(
            &f.db,
            &a,
            ChangeActionPatch {
                status: Some(ActionStatus::Dropped),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            f.codes(DAY),
            [ChangeFindingCode::TrainingWithoutKnowledgeAction]
        );
    }

    #[test]
    fn comms_without_awareness_action_fires_until_one_is_planned() {
        let f = fixture();
        f.influencers(&[&f.ana, &f.bo]);
        edit(
            &f.db,
            &f.change,
            ChangePatch {
                comms_plan_required: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            f.codes(DAY),
            [ChangeFindingCode::CommsWithoutAwarenessAction]
        );
        f.action(Element::Desire);
        assert!(has(
            &f.codes(DAY),
            ChangeFindingCode::CommsWithoutAwarenessAction
        ));
        f.action(Element::Awareness);
        assert!(f.codes(DAY).is_empty());
    }

    #[test]
    fn desire_barrier_without_influencers_fires_for_anyone_stuck_at_desire() {
        let f = fixture();
        let ana = f.stakeholder(&f.ana);
        f.score(&ana, "2026-11-01", [4.0, 4.0, 2.0, 1.0, 1.0]);
        assert!(!has(
            &f.codes(DAY),
            ChangeFindingCode::DesireBarrierWithoutInfluencers
        ));
        f.score(&ana, "2026-11-10", [4.0, 3.0, 2.0, 1.0, 1.0]);
        let findings = check(&f.db, Some(&f.change), date(DAY)).unwrap();
        let desire = findings
            .iter()
            .find(|x| x.code == ChangeFindingCode::DesireBarrierWithoutInfluencers)
            .expect("fires");
        assert!(desire
            .message
            .starts_with("1 stakeholder is stuck at Desire (Ana)"));
        f.influencers(&[&f.bo]);
        assert!(!has(
            &f.codes(DAY),
            ChangeFindingCode::DesireBarrierWithoutInfluencers
        ));
    }

    #[test]
    fn influencers_count_fires_outside_two_to_four() {
        let f = fixture();
        let (p0, p1) = (person(&f.db, "Dee"), person(&f.db, "Eve"));
        let people = [&f.ana, &f.bo, &f.cy, &p0, &p1];
        for n in 0..=people.len() {
            assert_eq!(
                has(&f.codes(DAY), ChangeFindingCode::InfluencersCount),
                !(2..=4).contains(&n),
                "{n} influencers"
            );
            if let Some(p) = people.get(n) {
                f.influencers(&[p]);
            }
        }
    }

    #[test]
    fn an_open_action_wants_a_due_date_and_is_overdue_past_it() {
        let f = fixture();
        f.influencers(&[&f.ana, &f.bo]);
        let a = f.action(Element::Awareness);
        let set = |patch: ChangeActionPatch| edit_action(&f.db, &a, patch).unwrap();
        set(ChangeActionPatch {
            due_date: Some(None),
            ..Default::default()
        });
        let findings = check(&f.db, Some(&f.change), date(DAY)).unwrap();
        assert_eq!(
            findings
                .iter()
                .map(|x| (x.code, x.action_id.as_deref()))
                .collect::<Vec<_>>(),
            [(ChangeFindingCode::ActionWithoutDueDate, Some(a.as_str()))]
        );
        assert_eq!(
            findings[0].message,
            "Awareness action \"awareness work\" has no due date; give each action a due date"
        );
        // Several without a date are said once, counted per element.
        let k = f.action(Element::Knowledge);
        edit_action(
            &f.db,
            &k,
            ChangeActionPatch {
                due_date: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
        let findings = check(&f.db, Some(&f.change), date(DAY)).unwrap();
        assert_eq!(
            findings
                .iter()
                .map(|x| (x.code, x.action_id.as_deref(), x.message.as_str()))
                .collect::<Vec<_>>(),
            [(
                ChangeFindingCode::ActionWithoutDueDate,
                None,
                "2 actions have no due date (1 Awareness, 1 Knowledge); give each action a due date"
            )]
        );
        edit_action(
            &f.db,
            &k,
            ChangeActionPatch {
                status: Some(ActionStatus::Dropped),
                ..Default::default()
            },
        )
        .unwrap();
        // Due on Friday: on time until then, overdue after, until done or dropped.
        set(ChangeActionPatch {
            due_date: Some(Some(date("2026-11-20"))),
            ..Default::default()
        });
        assert!(f.codes("2026-11-20").is_empty());
        let findings = check(&f.db, Some(&f.change), date(DAY)).unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].message.as_str()),
            (
                ChangeFindingCode::ActionOverdue,
                "Awareness action \"awareness work\" was due 20 Nov 2026 (3 days ago) and is planned"
            )
        );
        for status in [ActionStatus::Done, ActionStatus::Dropped] {
            set(ChangeActionPatch {
                status: Some(status),
                ..Default::default()
            });
            assert!(f.codes(DAY).is_empty(), "{status:?}");
        }
    }

    #[test]
    fn work_past_barrier_fires_for_later_elements_in_progress() {
        let f = fixture();
        f.influencers(&[&f.ana, &f.bo]);
        let ana = f.stakeholder(&f.ana);
        let bo = f.stakeholder(&f.bo);
        // Averages: A 4.5, D 4, K 3 → the change's barrier is Knowledge.
        f.score(&ana, "2026-11-01", [4.0, 4.0, 3.0, 2.0, 1.0]);
        f.score(&bo, "2026-11-01", [5.0, 4.0, 3.0, 2.0, 1.0]);
        let k = f.action(Element::Knowledge);
        let ab = f.action(Element::Ability);
        let start = |id: &str| {
            edit_action(
                &f.db,
                id,
                ChangeActionPatch {
                    status: Some(ActionStatus::InProgress),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        start(&k);
        assert!(f.codes(DAY).is_empty(), "work at the barrier is the point");
        start(&ab);
        let findings = check(&f.db, Some(&f.change), date(DAY)).unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].action_id.as_deref()),
            (ChangeFindingCode::WorkPastBarrier, Some(ab.as_str()))
        );
        // Once Knowledge clears, the barrier moves to Ability and the work is in order.
        f.score(&ana, "2026-11-20", [4.0, 4.0, 4.0, 2.0, 1.0]);
        f.score(&bo, "2026-11-20", [5.0, 4.0, 4.0, 2.0, 1.0]);
        assert!(f.codes(DAY).is_empty());
    }

    #[test]
    fn raci_checks_fire_and_clear() {
        let f = fixture();
        f.influencers(&[&f.ana, &f.bo]);
        let act = add_raci_activity(&f.db, &f.change, "Design the rota").unwrap();
        assert_eq!(f.codes(DAY), [ChangeFindingCode::RaciNoAccountable]);
        assign_role(&f.db, &act.id, &f.owner, Some(RaciRole::Accountable)).unwrap();
        assert!(f.codes(DAY).is_empty());
        // 1 accountable: two consulted or informed is the most that passes.
        assign_role(&f.db, &act.id, &f.ana, Some(RaciRole::Consulted)).unwrap();
        assign_role(&f.db, &act.id, &f.bo, Some(RaciRole::Informed)).unwrap();
        assert!(f.codes(DAY).is_empty());
        assign_role(&f.db, &act.id, &f.cy, Some(RaciRole::Informed)).unwrap();
        assert_eq!(f.codes(DAY), [ChangeFindingCode::RaciManyConsulted]);
        assign_role(&f.db, &act.id, &f.cy, Some(RaciRole::Responsible)).unwrap();
        assert!(f.codes(DAY).is_empty());

        // Made today (the unit test's clock): due 183 days later, not 182.
        let made = raci::chart(&f.db, &f.change).unwrap().started_on.unwrap();
        let at = |days| (made + chrono::Duration::days(days)).to_string();
        assert!(f.codes(&at(182)).is_empty());
        assert_eq!(f.codes(&at(183)), [ChangeFindingCode::RaciReviewDue]);
        review_raci(
            &f.db,
            &f.change,
            made + chrono::Duration::days(100),
            made + chrono::Duration::days(100),
        )
        .unwrap();
        assert!(f.codes(&at(282)).is_empty());
        assert_eq!(f.codes(&at(283)), [ChangeFindingCode::RaciReviewDue]);
    }

    #[test]
    fn closed_changes_are_not_checked() {
        let f = fixture();
        assert!(!f.codes(DAY).is_empty());
        set_status(&f.db, &f.change, ChangeStatus::Closed).unwrap();
        assert!(f.codes(DAY).is_empty());
        assert!(check(&f.db, None, date(DAY)).unwrap().is_empty());
    }
}
