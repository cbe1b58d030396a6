//! How `ladder readiness` prints assessments, comparisons and the team view for people.

use ladder::promotion::{
    AdvocacyAction, Assessment, Availability, Comparison, Influence, Movement, Requirement, Status,
    TeamReadiness, Verdict,
};
use ladder::short_id;

use crate::output::{clip, or_dash, Table};

/// The suggested verdict, naming what is missing when it is `not_assessed`.
pub fn suggestion(a: &Assessment) -> String {
    let s = &a.suggestion;
    if s.missing.is_empty() {
        s.verdict.title().to_string()
    } else {
        let missing: Vec<&str> = s.missing.iter().map(|r| r.as_str()).collect();
        format!("{} (unknown: {})", s.verdict.title(), missing.join(", "))
    }
}

pub fn print_list(list: &[Assessment]) {
    if list.is_empty() {
        println!("No readiness assessments yet. Open one with `ladder readiness open PERSON --target ROLE`.");
        return;
    }
    let mut t = Table::new(&["id", "assessed", "target", "suggested", "decided"]);
    for a in list {
        t.row(vec![
            short_id(&a.id).into(),
            a.assessed_on.to_string(),
            a.target.clone(),
            a.suggestion.verdict.title().into(),
            or_dash(&a.decision.as_ref().map(|d| d.verdict.title())),
        ]);
    }
    t.print();
}

pub fn print_assessment(a: &Assessment) {
    println!(
        "Promotion readiness of {} toward {} · assessed {} ({})",
        a.person,
        a.target,
        a.assessed_on,
        short_id(&a.id)
    );
    println!("Suggested verdict: {}", suggestion(a));
    match &a.decision {
        Some(d) => {
            let why = if d.needs_rationale {
                " · differs from the suggestion since a requirement changed; decide again, with a rationale if it stands".to_string()
            } else if d.rationale.is_empty() {
                String::new()
            } else {
                format!(" · {}", d.rationale)
            };
            println!(
                "Decided verdict:   {} on {}{why}",
                d.verdict.title(),
                d.decided_on
            );
        }
        None => println!("Decided verdict:   — (record it with `ladder readiness verdict`)"),
    }

    println!();
    let mut t = Table::new(&["", "requirement", "status", "evidence"]);
    let statuses = a.statuses();
    for r in Requirement::ALL {
        let (status, evidence) = match r {
            Requirement::Role => (a.role.availability.to_string(), a.role.notes.clone()),
            _ => {
                let status = statuses.of(*r).unwrap_or(Status::Unknown);
                let evidence = match r {
                    Requirement::Results => a.results.evidence.clone(),
                    Requirement::Competencies => competencies_evidence(a),
                    Requirement::Skills => a.skills.evidence.clone(),
                    _ => a.advocates.evidence.clone(),
                };
                (status.to_string(), evidence)
            }
        };
        t.row(vec![
            r.number().to_string(),
            r.title().into(),
            status,
            clip(&evidence, 70),
        ]);
    }
    t.print();

    let p = &a.competencies.proposal;
    println!(
        "\n2. Competencies at the next level: proposed {} from {} of {} rated (as of {})",
        p.status,
        p.rated(),
        p.competencies.len(),
        p.as_of
    );
    if let Some(reason) = &a.competencies.override_reason {
        println!("   Overridden to {}: {reason}", a.competencies.status);
    }
    let mut t = Table::new(&["", "competency", "next level", "rated"]).indent(3);
    for l in &p.competencies {
        t.row(vec![
            if l.holds_back { "!" } else { "·" }.into(),
            l.competency.clone(),
            l.score
                .map_or_else(|| "not rated".into(), |s| format!("{s}/5")),
            or_dash(&l.rated_on),
        ]);
    }
    t.print();

    println!("\n3. Job-specific skills");
    if a.skills.items.is_empty() {
        println!(
            "   None listed. Add one with `ladder readiness skill add {} SKILL --status have|gap`.",
            short_id(&a.id)
        );
    } else {
        let mut t = Table::new(&["skill", "status", "goal"]).indent(3);
        for s in &a.skills.items {
            let goal = match (&s.goal_id, s.goal_no_longer_required) {
                (Some(g), true) => format!("{} (no longer required)", short_id(g)),
                (Some(g), false) => short_id(g).to_string(),
                (None, _) => "—".into(),
            };
            t.row(vec![s.name.clone(), s.status.to_string(), goal]);
        }
        t.print();
    }

    println!("\n4. Role and scope available");
    print_role(a, 3);

    println!("\n5. Advocates");
    if a.advocates.advocates.is_empty() {
        println!("   None yet: who beyond the direct manager speaks for them?");
    } else {
        let mut t = Table::new(&["advocate", "relation", "influence", "last contact"]).indent(3);
        for x in &a.advocates.advocates {
            t.row(vec![
                x.name.clone(),
                x.relation.title().into(),
                x.influence.to_string(),
                or_dash(&x.last_contact_on),
            ]);
        }
        t.print();
    }
    if !a.advocates.actions.is_empty() {
        println!("\n   Advocacy actions");
        print_actions(&a.advocates.actions, 3);
    }
}

/// The manager's evidence, else where the status comes from: the override or the proposal.
fn competencies_evidence(a: &Assessment) -> String {
    let k = &a.competencies;
    match (&k.override_reason, k.evidence.is_empty()) {
        (_, false) => k.evidence.clone(),
        (Some(reason), true) => format!("overridden: {reason}"),
        (None, true) => format!(
            "proposed from next-level ratings ({} of {} rated)",
            k.proposal.rated(),
            k.proposal.competencies.len()
        ),
    }
}

pub fn print_role(a: &Assessment, indent: usize) {
    let pad = " ".repeat(indent);
    let r = &a.role;
    println!("{pad}{}", r.availability);
    if !r.notes.is_empty() {
        println!("{pad}Notes: {}", r.notes);
    }
    match r.path {
        Some(p) => println!("{pad}Path: {p} ({})", p.title()),
        None if r.availability == Availability::NotAvailable => println!(
            "{pad}Path: not chosen yet (influence_need, create_role, stay_and_grow or look_beyond)"
        ),
        None => {}
    }
    if !r.next_step.is_empty() {
        println!("{pad}Next step: {}", r.next_step);
    }
}

fn print_actions(actions: &[AdvocacyAction], indent: usize) {
    let mut t =
        Table::new(&["id", "kind", "action", "advocate", "due", "in the plan"]).indent(indent);
    for x in actions {
        t.row(vec![
            short_id(&x.id).into(),
            x.kind.to_string(),
            clip(&x.description, 50),
            or_dash(&x.advocate),
            x.due_date.to_string(),
            x.activity_id
                .as_deref()
                .map_or_else(|| "—".into(), |id| short_id(id).to_string()),
        ]);
    }
    t.print();
}

fn moved(m: Movement) -> &'static str {
    match m {
        Movement::Better => "▲ better",
        Movement::Worse => "▼ worse",
        Movement::Same => "=",
        Movement::Changed => "changed",
    }
}

pub fn print_comparison(c: &Comparison) {
    let (e, l) = (&c.earlier, &c.later);
    println!(
        "Promotion readiness of {}: {} → {}",
        c.person, e.assessed_on, l.assessed_on
    );
    if e.target == l.target {
        println!("Target: {}", l.target);
    } else {
        println!("Target: {} → {}", e.target, l.target);
    }
    println!(
        "Verdict: {} → {} ({})",
        e.verdict().title(),
        l.verdict().title(),
        moved(c.verdict.movement)
    );
    println!();
    let mut rows: Vec<Vec<String>> = c
        .requirements
        .iter()
        .map(|m| {
            vec![
                m.requirement.number().to_string(),
                m.requirement.title().into(),
                m.before.to_string(),
                m.after.to_string(),
                moved(m.movement).into(),
            ]
        })
        .collect();
    let role = Requirement::Role;
    rows.insert(
        role.number() - 1,
        vec![
            role.number().to_string(),
            role.title().into(),
            c.role.before.to_string(),
            c.role.after.to_string(),
            if c.role.moved { "changed" } else { "=" }.into(),
        ],
    );
    let mut t = Table::new(&["", "requirement", "before", "after", "moved"]);
    for row in rows {
        t.row(row);
    }
    t.print();
    let either = |v: &Option<String>| v.clone().unwrap_or_else(|| "not listed".into());
    if !c.skills.is_empty() {
        println!("\nSkills");
        for s in &c.skills {
            println!(
                "  {}: {} → {}",
                s.name,
                either(&s.before.map(|x| x.to_string())),
                either(&s.after.map(|x| x.to_string()))
            );
        }
    }
    if !c.advocates.is_empty() {
        println!("\nAdvocates");
        for x in &c.advocates {
            let side = |influence: Option<Influence>, contact| match influence {
                Some(i) => format!("{i} influence, last contact {}", or_dash(&contact)),
                None => "not an advocate".into(),
            };
            println!(
                "  {}: {} → {}",
                x.name,
                side(x.before, x.last_contact_before),
                side(x.after, x.last_contact_after)
            );
        }
    }
}

pub fn print_team(t: &TeamReadiness) {
    if t.rows.is_empty() {
        println!("Nobody to show yet. Add people with `ladder person add NAME --manager YOU`.");
        return;
    }
    let mut table = Table::new(&[
        "name",
        "level",
        "target",
        "verdict",
        "assessed",
        "weakest",
        "open gaps",
    ]);
    for r in &t.rows {
        let verdict = if r.decided || r.verdict == Verdict::NotAssessed {
            r.verdict.title().to_string()
        } else {
            format!("{} (suggested)", r.verdict.title())
        };
        let assessed = match (r.assessed_on, r.flag) {
            (Some(d), Some(_)) => format!("! {d}"),
            (Some(d), None) => d.to_string(),
            (None, _) => "! never".into(),
        };
        table.row(vec![
            r.name.clone(),
            or_dash(&r.level),
            clip(r.target.as_deref().unwrap_or("—"), 28),
            verdict,
            assessed,
            r.weakest.as_ref().map_or_else(
                || "—".into(),
                |w| format!("{} ({})", w.requirement, w.status),
            ),
            if r.open_gaps.is_empty() {
                "—".into()
            } else {
                r.open_gaps.join(", ")
            },
        ]);
    }
    table.print();
    let counts: Vec<String> = t
        .counts
        .iter()
        .map(|c| format!("{} {}", c.verdict.title(), c.count))
        .collect();
    println!("\n{}", counts.join(" · "));
    let flagged: Vec<_> = t.rows.iter().filter(|r| r.flag.is_some()).collect();
    if !flagged.is_empty() {
        println!("\nTo assess ({})", flagged.len());
        for r in flagged {
            match r.assessed_on {
                Some(d) => println!("  ! {}: last assessed {d}, more than 12 months ago", r.name),
                None => println!("  ! {}: never assessed", r.name),
            }
        }
    }
}
