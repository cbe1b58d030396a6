//! `ladder change`: the ADKAR change assessment register, scoring, the phase plan, the
//! checks, RACI charts and one person's changes.

use std::collections::BTreeMap;

use clap::Subcommand;
use ladder::change::{
    self, ActionStatus, ChangeActionPatch, ChangePatch, ChangeStatus, Effect, Element, Impact,
    InfluencerPatch, NewAssessment, NewChange, NewChangeAction, NewInfluencer, NewStakeholder,
    OrgAwareness, RaciRole,
};
use ladder::{people, short_id, validate, Error, Result};

use crate::output::or_dash;
use crate::{confirmed, Ctx};

mod print;
use print::{
    barrier_text, people_count, print_change, print_findings, print_history, print_influencer,
    print_list, print_person, print_plan, print_raci, profile_text,
};

#[derive(Subcommand)]
pub enum ChangeCmd {
    /// Register a change (or a workstream of one) with the ten fields of the assessment.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
        /// The single owner, a person in Ladder (never a committee).
        #[arg(long = "owner", value_name = "PERSON")]
        owners: Vec<String>,
        /// Impact on stakeholders: high, medium or low.
        #[arg(long)]
        impact: Option<String>,
        /// For the stakeholders: positive, negative or neutral.
        #[arg(long)]
        effect: Option<String>,
        /// Is training required? yes or no.
        #[arg(long, value_name = "YES|NO")]
        training: Option<String>,
        /// Is a communication plan required? yes or no.
        #[arg(long, value_name = "YES|NO")]
        comms: Option<String>,
        /// Are there organisational changes? yes or no.
        #[arg(long, value_name = "YES|NO")]
        org_changes: Option<String>,
        /// How aware the organisation already is: low, medium or high.
        #[arg(long)]
        awareness: Option<String>,
        /// Register a workstream of this change.
        #[arg(long, value_name = "CHANGE")]
        workstream_of: Option<String>,
    },
    /// Change the register fields of a change.
    Edit {
        change: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long = "owner", value_name = "PERSON")]
        owners: Vec<String>,
        #[arg(long)]
        impact: Option<String>,
        #[arg(long)]
        effect: Option<String>,
        #[arg(long, value_name = "YES|NO")]
        training: Option<String>,
        #[arg(long, value_name = "YES|NO")]
        comms: Option<String>,
        #[arg(long, value_name = "YES|NO")]
        org_changes: Option<String>,
        #[arg(long)]
        awareness: Option<String>,
    },
    /// Move a change forward: draft, announced, in_progress, reinforcing, closed.
    Status {
        change: String,
        status: String,
        /// Confirm closing: a closed change cannot be reopened and is no longer checked.
        #[arg(long)]
        yes: bool,
    },
    /// Every change with its status and current barrier.
    List,
    /// A change: the register, the heat map of stakeholders' latest scores, the barriers.
    Show { change: String },
    /// Stakeholders of a change.
    #[command(subcommand)]
    Stakeholder(StakeholderCmd),
    /// Score a stakeholder: five scores 1–5 (one decimal at most) in A-D-K-A-R order.
    Score {
        change: String,
        stakeholder: String,
        /// Awareness, Desire, Knowledge, Ability, Reinforcement, e.g. `4 3 2.5 1 1`.
        #[arg(required = true, allow_negative_numbers = true, value_name = "SCORE")]
        scores: Vec<String>,
        /// The date of the assessment (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// A note on one element, ELEMENT=TEXT (repeat for several).
        #[arg(long = "note", value_name = "ELEMENT=TEXT")]
        notes: Vec<String>,
    },
    /// Every assessment of a change, or of one stakeholder, oldest first.
    History {
        change: String,
        stakeholder: Option<String>,
    },
    /// The phase plan: actions per element and the influential associates.
    Plan {
        change: String,
        /// Add the starter actions of each element first (never twice).
        #[arg(long)]
        suggest: bool,
    },
    /// Actions of the phase plan.
    #[command(subcommand)]
    Action(ChangeActionCmd),
    /// Influential associates consulted for Desire.
    #[command(subcommand)]
    Influencer(InfluencerCmd),
    /// The change checks, for one change or every change not closed.
    Check { change: Option<String> },
    /// RACI charts: the matrix, activities, roles and reviews.
    #[command(subcommand)]
    Raci(RaciCmd),
    /// One person's changes with their latest scores and barrier.
    Person { person: String },
}

#[derive(Subcommand)]
pub enum StakeholderCmd {
    /// Add a person in Ladder, or a named group with its head count.
    Add {
        change: String,
        /// A person in Ladder.
        #[arg(conflicts_with = "group")]
        person: Option<String>,
        /// A named group instead of a person.
        #[arg(long, requires = "head_count")]
        group: Option<String>,
        /// How many people the group stands for.
        #[arg(long, value_name = "N")]
        head_count: Option<String>,
    },
    /// Take a person or group off a change, with every score of theirs.
    Remove {
        change: String,
        stakeholder: String,
        /// Confirm the removal; the scores cannot be brought back.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
pub enum ChangeActionCmd {
    /// Add an action to the phase plan.
    Add {
        change: String,
        /// awareness, desire, knowledge, ability or reinforcement.
        #[arg(long)]
        element: String,
        #[arg(long)]
        description: String,
        /// Who carries it (default: the change's owner).
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// Change an action (an empty --due clears the date).
    Edit {
        action: String,
        #[arg(long)]
        element: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// planned, in_progress, done or dropped.
        #[arg(long)]
        status: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum InfluencerCmd {
    /// Record an influential associate consulted for Desire (two to four per change).
    Add {
        change: String,
        person: String,
        #[arg(long, default_value = "")]
        concerns: String,
        #[arg(long, default_value = "")]
        questions: String,
        /// The reactions they expect from everyone else.
        #[arg(long, default_value = "")]
        reactions: String,
    },
    /// Update what an influential associate said.
    Edit {
        change: String,
        person: String,
        #[arg(long)]
        concerns: Option<String>,
        #[arg(long)]
        questions: Option<String>,
        #[arg(long)]
        reactions: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum RaciCmd {
    /// The RACI matrix of a change.
    Show { change: String },
    /// Add an activity to the chart.
    Activity { change: String, name: String },
    /// Give a person a role in an activity: r, a, c or i (`none` takes it away).
    Assign {
        change: String,
        activity: String,
        person: String,
        role: String,
    },
    /// Record that the chart was reviewed.
    Review {
        change: String,
        /// The date of the review (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
}

pub fn change(ctx: &Ctx, cmd: ChangeCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        ChangeCmd::Add {
            name,
            description,
            owners,
            impact,
            effect,
            training,
            comms,
            org_changes,
            awareness,
            workstream_of,
        } => {
            let new = NewChange {
                name,
                description,
                parent_id: match workstream_of {
                    Some(p) => Some(
                        change::resolve(db, &p)
                            .map_err(as_field("workstream_of"))?
                            .id,
                    ),
                    None => None,
                },
                owner_ids: owner_ids(ctx, &owners)?,
                impact: Impact::parse(required(
                    "impact",
                    "impact",
                    "high, medium or low",
                    &impact,
                )?)?,
                effect: Effect::parse(required(
                    "effect",
                    "effect",
                    "positive, negative or neutral",
                    &effect,
                )?)?,
                training_required: validate::yes_no(
                    "training_required",
                    required("training_required", "training", "yes or no", &training)?,
                )?,
                comms_plan_required: validate::yes_no(
                    "comms_plan_required",
                    required("comms_plan_required", "comms", "yes or no", &comms)?,
                )?,
                org_changes: validate::yes_no(
                    "org_changes",
                    required("org_changes", "org-changes", "yes or no", &org_changes)?,
                )?,
                awareness: OrgAwareness::parse(required(
                    "awareness",
                    "awareness",
                    "low, medium or high",
                    &awareness,
                )?)?,
            };
            let ch = change::add(db, new)?;
            ctx.show(&ch, || {
                println!(
                    "Registered {} ({}), owned by {}, as a draft",
                    ch.name,
                    short_id(&ch.id),
                    ch.owner
                );
                println!(
                    "Next: `ladder change stakeholder add \"{}\" PERSON`, then `ladder change plan \"{}\" --suggest`.",
                    ch.name, ch.name
                );
            });
        }
        ChangeCmd::Edit {
            change: key,
            name,
            description,
            owners,
            impact,
            effect,
            training,
            comms,
            org_changes,
            awareness,
        } => {
            let yes_no =
                |field, v: Option<String>| v.map(|v| validate::yes_no(field, &v)).transpose();
            let patch = ChangePatch {
                name,
                description,
                owner_ids: if owners.is_empty() {
                    None
                } else {
                    Some(owner_ids(ctx, &owners)?)
                },
                impact: impact.as_deref().map(Impact::parse).transpose()?,
                effect: effect.as_deref().map(Effect::parse).transpose()?,
                training_required: yes_no("training_required", training)?,
                comms_plan_required: yes_no("comms_plan_required", comms)?,
                org_changes: yes_no("org_changes", org_changes)?,
                awareness: awareness.as_deref().map(OrgAwareness::parse).transpose()?,
            };
            let ch = change::edit(db, &change::resolve(db, &key)?.id, patch)?;
            ctx.show(&ch, || {
                println!("Updated {} ({})", ch.name, short_id(&ch.id))
            });
        }
        ChangeCmd::Status {
            change: key,
            status,
            yes,
        } => {
            let status = ChangeStatus::parse(&status)?;
            let ch = change::resolve(db, &key)?;
            // Every step is for good, but closing ends the change's checks as well; the
            // app asks before every step.
            if status == ChangeStatus::Closed && ch.status != ChangeStatus::Closed {
                confirmed(yes, || {
                    format!(
                        "closing {} is for good: a closed change cannot be reopened and is no longer checked",
                        ch.name
                    )
                })?;
            }
            let ch = change::set_status(db, &ch.id, status)?;
            ctx.show(&ch, || println!("{} is now {}", ch.name, ch.status));
        }
        ChangeCmd::List => {
            let list = change::list(db)?;
            let rollups = list
                .iter()
                .map(|ch| change::rollup(db, &ch.id))
                .collect::<Result<Vec<_>>>()?;
            ctx.show(&list, || print_list(&list, &rollups));
        }
        ChangeCmd::Show { change: key } => {
            let ch = change::resolve(db, &key)?;
            let rollup = change::rollup(db, &ch.id)?;
            let value = serde_json::json!({ "change": ch, "rollup": rollup });
            ctx.show(&value, || print_change(&ch, &rollup));
        }
        ChangeCmd::Stakeholder(StakeholderCmd::Add {
            change: key,
            person,
            group,
            head_count,
        }) => {
            let new = match (person, group, head_count) {
                (Some(p), None, None) => NewStakeholder::Person {
                    person_id: people::resolve_as(db, "stakeholder", &p)?.id,
                },
                (None, Some(name), Some(n)) => NewStakeholder::Group {
                    name,
                    head_count: validate::integer("head_count", &n)?,
                },
                _ => {
                    return Err(Error::invalid(
                        "stakeholder",
                        "give a PERSON in Ladder, or --group NAME with --head-count N",
                    ))
                }
            };
            let ch = change::resolve(db, &key)?;
            let s = change::add_stakeholder(db, &ch.id, new)?;
            ctx.show(&s, || {
                println!(
                    "{} ({}) is a stakeholder of {}",
                    s.name,
                    people_count(s.head_count),
                    ch.name
                )
            });
        }
        ChangeCmd::Stakeholder(StakeholderCmd::Remove {
            change: key,
            stakeholder,
            yes,
        }) => {
            let ch = change::resolve(db, &key)?;
            let s = change::resolve_stakeholder(db, &ch.id, &stakeholder)?;
            confirmed(yes, || {
                format!(
                    "removing {} from {} takes every score of theirs with them, and cannot be undone",
                    s.name, ch.name
                )
            })?;
            let removed = change::remove_stakeholder(db, &s.id)?;
            ctx.show(&removed, || {
                let n = removed.assessments;
                println!(
                    "{} is no longer a stakeholder of {} ({n} assessment{} removed)",
                    s.name,
                    ch.name,
                    if n == 1 { "" } else { "s" }
                )
            });
        }
        ChangeCmd::Score {
            change: key,
            stakeholder,
            scores,
            on,
            notes,
        } => {
            let values = score_values(&scores)?;
            let notes = parse_notes(&notes)?;
            let assessed_on = ctx.date_or_today("assessed_on", on.as_deref())?;
            let ch = change::resolve(db, &key)?;
            let s = change::resolve_stakeholder(db, &ch.id, &stakeholder)?;
            let a = change::assess(
                db,
                NewAssessment {
                    stakeholder_id: s.id.clone(),
                    assessed_on,
                    scores: values,
                    notes,
                },
                ctx.today,
            )?;
            ctx.show(&a, || {
                println!(
                    "Scored {} on {}: {} · {}",
                    s.name,
                    a.assessed_on,
                    profile_text(&a.scores),
                    barrier_text(a.barrier)
                )
            });
        }
        ChangeCmd::History {
            change: key,
            stakeholder,
        } => {
            let ch = change::resolve(db, &key)?;
            let only = match stakeholder {
                Some(s) => Some(change::resolve_stakeholder(db, &ch.id, &s)?.id),
                None => None,
            };
            let h = change::history(db, &ch.id, only.as_deref())?;
            ctx.show(&h, || print_history(&ch, &h));
        }
        ChangeCmd::Plan {
            change: key,
            suggest,
        } => {
            let ch = change::resolve(db, &key)?;
            let added = if suggest {
                Some(change::suggest(db, &ch.id)?)
            } else {
                None
            };
            let plan = change::phase_plan(db, &ch.id)?;
            match &added {
                Some(added) => {
                    let value = serde_json::json!({ "added": added, "plan": plan });
                    ctx.show(&value, || {
                        println!(
                            "Added {} starter action{}\n",
                            added.len(),
                            if added.len() == 1 { "" } else { "s" }
                        );
                        print_plan(&plan);
                    });
                }
                None => ctx.show(&plan, || print_plan(&plan)),
            }
        }
        ChangeCmd::Action(cmd) => action(ctx, cmd)?,
        ChangeCmd::Influencer(cmd) => influencer(ctx, cmd)?,
        ChangeCmd::Check { change: key } => {
            let id = match key {
                Some(k) => Some(change::resolve(db, &k)?.id),
                None => None,
            };
            let findings = change::check(db, id.as_deref(), ctx.today)?;
            ctx.show(&findings, || print_findings(&findings));
        }
        ChangeCmd::Raci(cmd) => raci(ctx, cmd)?,
        ChangeCmd::Person { person } => {
            let p = people::resolve(db, &person)?;
            let view = change::person_view(db, &p.id)?;
            ctx.show(&view, || print_person(&p.name, &view));
        }
    }
    Ok(())
}

fn action(ctx: &Ctx, cmd: ChangeActionCmd) -> Result<()> {
    let db = &ctx.db;
    let (verb, a) = match cmd {
        ChangeActionCmd::Add {
            change: key,
            element,
            description,
            owner,
            due,
        } => {
            let new = NewChangeAction {
                element: Element::parse(&element)?,
                due_date: validate::optional_date("due_date", due.as_deref())?,
                owner_id: person_id(ctx, "owner", owner.as_deref())?,
                change_id: change::resolve(db, &key)?.id,
                description,
            };
            ("Added", change::add_action(db, new)?)
        }
        ChangeActionCmd::Edit {
            action,
            element,
            description,
            owner,
            due,
            status,
        } => {
            let patch = ChangeActionPatch {
                element: element.as_deref().map(Element::parse).transpose()?,
                status: status.as_deref().map(ActionStatus::parse).transpose()?,
                due_date: match due {
                    Some(d) => Some(validate::optional_date("due_date", Some(&d))?),
                    None => None,
                },
                owner_id: person_id(ctx, "owner", owner.as_deref())?,
                description,
            };
            let id = change::resolve_action(db, &action)?.id;
            ("Updated", change::edit_action(db, &id, patch)?)
        }
    };
    ctx.show(&a, || {
        println!(
            "{verb} {} action {} '{}' ({}, owner {}, due {})",
            a.element,
            short_id(&a.id),
            a.description,
            a.status,
            a.owner,
            or_dash(&a.due_date)
        )
    });
    Ok(())
}

fn influencer(ctx: &Ctx, cmd: InfluencerCmd) -> Result<()> {
    let db = &ctx.db;
    let i = match cmd {
        InfluencerCmd::Add {
            change: key,
            person,
            concerns,
            questions,
            reactions,
        } => {
            let new = NewInfluencer {
                person_id: people::resolve_as(db, "influencer", &person)?.id,
                change_id: change::resolve(db, &key)?.id,
                concerns,
                questions,
                expected_reactions: reactions,
            };
            change::add_influencer(db, new)?
        }
        InfluencerCmd::Edit {
            change: key,
            person,
            concerns,
            questions,
            reactions,
        } => {
            let p = people::resolve_as(db, "influencer", &person)?;
            let patch = InfluencerPatch {
                concerns,
                questions,
                expected_reactions: reactions,
            };
            change::edit_influencer(db, &change::resolve(db, &key)?.id, &p.id, patch)?
        }
    };
    ctx.show(&i, || {
        println!("{} is consulted for Desire", i.person);
        print_influencer(&i, 2);
    });
    Ok(())
}

fn raci(ctx: &Ctx, cmd: RaciCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        RaciCmd::Show { change: key } => {
            let ch = change::resolve(db, &key)?;
            let chart = change::chart(db, &ch.id)?;
            let findings = change::check(db, Some(&ch.id), ctx.today)?;
            ctx.show(&chart, || print_raci(&chart, &findings));
        }
        RaciCmd::Activity { change: key, name } => {
            let ch = change::resolve(db, &key)?;
            let a = change::add_raci_activity(db, &ch.id, &name)?;
            ctx.show(&a, || {
                println!(
                    "Added the activity \"{}\" to the RACI chart of {}; give it one accountable person with `ladder change raci assign`",
                    a.name, ch.name
                )
            });
        }
        RaciCmd::Assign {
            change: key,
            activity,
            person,
            role,
        } => {
            let role = match role.trim().to_ascii_lowercase().as_str() {
                "none" | "-" => None,
                other => Some(RaciRole::parse(other)?),
            };
            let ch = change::resolve(db, &key)?;
            let act = change::resolve_raci_activity(db, &ch.id, &activity)?;
            let p = people::resolve(db, &person)?;
            let a = change::assign_role(db, &act.id, &p.id, role)?;
            ctx.show(&a, || match role {
                Some(r) => println!("{} is {} for \"{}\"", p.name, r.title(), a.name),
                None => println!("{} no longer has a role in \"{}\"", p.name, a.name),
            });
        }
        RaciCmd::Review { change: key, on } => {
            let on = ctx.date_or_today("reviewed_on", on.as_deref())?;
            let ch = change::review_raci(db, &change::resolve(db, &key)?.id, on, ctx.today)?;
            ctx.show(&ch, || {
                println!("The RACI chart of {} was reviewed on {on}", ch.name)
            });
        }
    }
    Ok(())
}

/// A register field `change add` needs: every question of the assessment is answered,
/// none defaults, so "no training" is a decision, not an omission.
fn required<'a>(
    field: &'static str,
    flag: &str,
    choices: &str,
    v: &'a Option<String>,
) -> Result<&'a str> {
    v.as_deref()
        .ok_or_else(|| Error::invalid(field, format!("--{flag} is required: {choices}")))
}

/// Reports a change reference that matched nothing under the field the user typed it in.
fn as_field(field: &'static str) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::NotFound { key, .. } => Error::not_found(field, key),
        other => other,
    }
}

fn owner_ids(ctx: &Ctx, owners: &[String]) -> Result<Vec<String>> {
    owners
        .iter()
        .map(|o| Ok(people::resolve_as(&ctx.db, "owner", o)?.id))
        .collect()
}

fn person_id(ctx: &Ctx, field: &'static str, key: Option<&str>) -> Result<Option<String>> {
    key.map(|k| Ok(people::resolve_as(&ctx.db, field, k)?.id))
        .transpose()
}

/// The five scores typed on the command line, as numbers; the core checks the scale.
fn score_values(texts: &[String]) -> Result<[f64; 5]> {
    if texts.len() != Element::ALL.len() {
        return Err(Error::invalid(
            "scores",
            format!(
                "give five scores in A-D-K-A-R order (awareness desire knowledge ability reinforcement), not {}",
                texts.len()
            ),
        ));
    }
    let mut values = [0.0; 5];
    for (e, t) in Element::ALL.iter().zip(texts) {
        values[e.index()] = validate::number(e.score_field(), t)?;
    }
    Ok(values)
}

/// `--note desire="Fears night pages"` → {desire: "Fears night pages"}.
fn parse_notes(notes: &[String]) -> Result<BTreeMap<Element, String>> {
    let mut out = BTreeMap::new();
    for n in notes {
        let (element, text) = n.split_once('=').ok_or_else(|| {
            Error::invalid(
                "note",
                format!(
                    "note '{n}' must be ELEMENT=TEXT, for example desire=\"Fears night pages\""
                ),
            )
        })?;
        let element = Element::parse(element)?;
        if out.insert(element, text.to_string()).is_some() {
            return Err(Error::invalid(
                "note",
                format!("two notes for {element}; give one --note per element"),
            ));
        }
    }
    Ok(out)
}
