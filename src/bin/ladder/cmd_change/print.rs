//! How `ladder change` prints for people: the register, the ADKAR heat map (scores of 3
//! or lower in brackets), the phase plan, findings, the RACI matrix and one person's view.

use ladder::change::{
    self, assessments::StakeholderHistory, Assessment, Change, ChangeAction, ChangeFinding,
    Element, PersonChange, PhasePlan, Profile, RaciChart, Rollup, Score,
};
use ladder::short_id;

use crate::output::{clip, or_dash, Table};

pub(super) fn people_count(n: i64) -> String {
    format!("{n} {}", if n == 1 { "person" } else { "people" })
}

/// A heat-map cell: scores at or below the barrier threshold in brackets.
fn cell(s: Score) -> String {
    if s.is_barrier() {
        format!("[{s}]")
    } else {
        format!(" {s}")
    }
}

pub(super) fn profile_text(p: &Profile) -> String {
    Element::ALL
        .iter()
        .map(|e| format!("{} {}", e.letter(), p.get(*e)))
        .collect::<Vec<_>>()
        .join("  ")
}

pub(super) fn barrier_text(b: Option<Element>) -> String {
    match b {
        Some(e) => format!("barrier: {}", e.title()),
        None => "no barrier".into(),
    }
}

fn heat_head(first: &[&str], last: &[&str]) -> Table {
    let mut head: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    head.extend(Element::ALL.iter().map(|e| format!(" {}", e.letter())));
    head.extend(last.iter().map(|s| s.to_string()));
    Table::new(&head.iter().map(String::as_str).collect::<Vec<_>>())
}

fn heat_cells(p: &Profile) -> Vec<String> {
    Element::ALL.iter().map(|e| cell(p.get(*e))).collect()
}

pub(super) fn print_list(list: &[Change], rollups: &[Rollup]) {
    if list.is_empty() {
        println!("No changes yet. Register one with `ladder change add NAME --owner PERSON ...`.");
        return;
    }
    let mut t = Table::new(&[
        "id",
        "change",
        "status",
        "owner",
        "impact",
        "stakeholders",
        "barrier",
    ]);
    for (ch, r) in list.iter().zip(rollups) {
        let name = match &ch.parent {
            Some(_) => format!("  └ {}", ch.name),
            None => ch.name.clone(),
        };
        let people: i64 = ch.stakeholders.iter().map(|s| s.head_count).sum();
        t.row(vec![
            short_id(&ch.id).into(),
            name,
            ch.status.to_string(),
            ch.owner.clone(),
            format!("{}, {}", ch.impact, ch.effect),
            format!("{} ({})", ch.stakeholders.len(), people_count(people)),
            r.average_barrier
                .map_or_else(|| "—".into(), |e| e.title().to_string()),
        ]);
    }
    t.print();
}

pub(super) fn print_change(ch: &Change, r: &Rollup) {
    println!("{} ({}) · {}", ch.name, short_id(&ch.id), ch.status);
    if !ch.description.is_empty() {
        println!("{}", ch.description);
    }
    let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
    let line = |label: &str, v: String| println!("  {label:<21}{v}");
    if let Some(p) = &ch.parent {
        line("workstream of", p.clone());
    }
    line("owner", ch.owner.clone());
    line(
        "impact",
        format!("{}, {} for stakeholders", ch.impact, ch.effect),
    );
    line("training required", yes(ch.training_required));
    line("comms plan required", yes(ch.comms_plan_required));
    line("org changes", yes(ch.org_changes));
    line(
        "awareness",
        format!("{} (how aware the organisation already is)", ch.awareness),
    );
    line("RACI reviewed", or_dash(&ch.raci_reviewed_on));

    println!("\nStakeholders, latest assessment ([n] is 3 or lower)");
    if r.stakeholders.is_empty() {
        println!(
            "  None yet: `ladder change stakeholder add \"{}\" PERSON`.",
            ch.name
        );
        return;
    }
    let mut t = heat_head(&["stakeholder", "people", "assessed"], &["barrier"]).indent(2);
    for s in &r.stakeholders {
        let mut row = vec![
            s.stakeholder.name.clone(),
            s.stakeholder.head_count.to_string(),
        ];
        match &s.latest {
            Some(a) => {
                row.push(a.assessed_on.to_string());
                row.extend(heat_cells(&a.scores));
                row.push(
                    a.barrier
                        .map_or_else(|| "none".into(), |e| e.title().into()),
                );
            }
            None => row.push("not assessed".into()),
        }
        t.row(row);
    }
    if let Some(avg) = &r.average {
        let assessed = r.stakeholders.len() - r.not_assessed;
        let mut row = vec![
            format!("Average of {assessed}"),
            String::new(),
            String::new(),
        ];
        row.extend(heat_cells(avg));
        row.push(
            r.average_barrier
                .map_or_else(|| "none".into(), |e| e.title().into()),
        );
        t.row(row);
    }
    t.print();

    println!("\nWhere people are stuck");
    let mut t = Table::new(&["barrier", "stakeholders", "people"]).indent(2);
    for d in &r.distribution {
        t.row(vec![
            d.barrier
                .map_or_else(|| "none".into(), |e| e.title().into()),
            d.stakeholders.to_string(),
            d.people.to_string(),
        ]);
    }
    if r.not_assessed > 0 {
        t.row(vec![
            "not assessed".into(),
            r.not_assessed.to_string(),
            String::new(),
        ]);
    }
    t.print();
    if let Some(b) = r.average_barrier {
        println!(
            "\nThe change's barrier is {}: work on later elements waits until it is cleared.",
            b.title()
        );
    }
}

pub(super) fn print_history(ch: &Change, h: &[StakeholderHistory]) {
    println!("Assessments of {}", ch.name);
    for s in h {
        println!(
            "\n{} ({})",
            s.stakeholder.name,
            people_count(s.stakeholder.head_count)
        );
        if s.assessments.is_empty() {
            println!("  not assessed yet");
            continue;
        }
        let mut t = heat_head(&["assessed"], &["barrier", "notes"]).indent(2);
        for a in &s.assessments {
            let mut row = vec![a.assessed_on.to_string()];
            row.extend(heat_cells(&a.scores));
            row.push(
                a.barrier
                    .map_or_else(|| "none".into(), |e| e.title().into()),
            );
            row.push(notes_text(a));
            t.row(row);
        }
        t.print();
    }
}

fn notes_text(a: &Assessment) -> String {
    a.notes
        .iter()
        .map(|(e, n)| format!("{}: {}", e.letter(), clip(n, 60)))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(super) fn print_plan(plan: &PhasePlan) {
    println!("Phase plan of {}", plan.change);
    for e in Element::ALL {
        println!("\n{}", e.title().to_uppercase());
        let actions: Vec<&ChangeAction> = plan.actions.iter().filter(|a| a.element == *e).collect();
        if actions.is_empty() {
            println!("  (no actions yet)");
        } else {
            let mut t = Table::new(&["id", "action", "owner", "due", "status"]).indent(2);
            for a in actions {
                t.row(vec![
                    short_id(&a.id).into(),
                    clip(&a.description, 70),
                    a.owner.clone(),
                    or_dash(&a.due_date),
                    a.status.to_string(),
                ]);
            }
            t.print();
        }
        if *e == Element::Desire {
            println!(
                "  Influential associates consulted ({}; two to four)",
                plan.influencers.len()
            );
            for i in &plan.influencers {
                print_influencer(i, 4);
            }
        }
    }
}

pub(super) fn print_influencer(i: &change::Influencer, indent: usize) {
    let pad = " ".repeat(indent);
    println!("{pad}{}", i.person);
    for (label, text) in [
        ("concerns", &i.concerns),
        ("questions", &i.questions),
        ("expected reactions", &i.expected_reactions),
    ] {
        if !text.is_empty() {
            println!("{pad}  {label}: {text}");
        }
    }
}

pub(super) fn print_findings(findings: &[ChangeFinding]) {
    if findings.is_empty() {
        println!("No findings.");
        return;
    }
    let mut t = Table::new(&["code", "change", "detail"]);
    for f in findings {
        t.row(vec![
            f.code.to_string(),
            f.change.clone(),
            f.message.clone(),
        ]);
    }
    t.print();
}

pub(super) fn print_raci(chart: &RaciChart, findings: &[ChangeFinding]) {
    let reviewed = chart.reviewed_on.map_or_else(
        || "not reviewed yet".to_string(),
        |d| format!("reviewed {d}"),
    );
    println!("RACI chart of {} · {reviewed}", chart.change);
    if chart.activities.is_empty() {
        println!(
            "No activities yet: `ladder change raci activity \"{}\" NAME`.",
            chart.change
        );
        return;
    }
    let mut head = vec!["activity".to_string()];
    head.extend(chart.people.iter().map(|p| p.name.clone()));
    let mut t = Table::new(&head.iter().map(String::as_str).collect::<Vec<_>>());
    for a in &chart.activities {
        let mut row = vec![a.name.clone()];
        row.extend(chart.people.iter().map(|p| {
            a.role_of(&p.person_id)
                .map_or_else(|| "·".into(), |r| r.letter().to_string())
        }));
        t.row(row);
    }
    t.print();
    println!("R responsible · A accountable (exactly one) · C consulted · I informed");
    let raci: Vec<&ChangeFinding> = findings
        .iter()
        .filter(|f| {
            f.raci_activity_id.is_some() || f.code == change::ChangeFindingCode::RaciReviewDue
        })
        .collect();
    if !raci.is_empty() {
        println!();
        for f in raci {
            println!("! {}: {}", f.code, f.message);
        }
    }
}

pub(super) fn print_person(name: &str, view: &[PersonChange]) {
    println!("Changes of {name}");
    if view.is_empty() {
        println!("\n{name} is not a stakeholder in any change.");
        return;
    }
    let mut t = heat_head(&["change", "status", "assessed"], &["barrier", "note"]);
    for pc in view {
        let mut row = vec![pc.change.clone(), pc.status.to_string()];
        match &pc.latest {
            Some(a) => {
                row.push(a.assessed_on.to_string());
                row.extend(heat_cells(&a.scores));
                row.push(
                    a.barrier
                        .map_or_else(|| "none".into(), |e| e.title().into()),
                );
                let note = a
                    .barrier
                    .and_then(|b| a.notes.get(&b))
                    .map_or_else(String::new, |n| clip(n, 60));
                row.push(note);
            }
            None => row.push("not assessed".into()),
        }
        t.row(row);
    }
    t.print();
}
