//! `ladder readiness`: promotion readiness assessments, their five requirements, skills,
//! advocates and advocacy actions, verdicts, history and the team view.

use clap::Subcommand;
use ladder::plans::{self, Phase};
use ladder::promotion::{
    self, ActionToActivity, AdvocacyKind, Assessment, Availability, GoalFromGap, Influence,
    NewAdvocacyAction, NewAdvocate, Relation, Requirement, RequirementPatch, RolePatch, RolePath,
    SkillStatus, Status, Verdict,
};
use ladder::{competencies, people, profile, short_id, validate, Error, Result};

use crate::args::ResourceArgs;
use crate::output::or_dash;
use crate::Ctx;

mod print;
use print::{print_assessment, print_comparison, print_list, print_role, print_team, suggestion};

/// The `ladder readiness` commands.
#[derive(Subcommand)]
pub enum ReadinessCmd {
    /// Open a dated assessment of a person toward a target role or level. It starts from
    /// the skills and advocates of their previous assessment.
    Open {
        person: String,
        /// The role or level, e.g. "Staff Engineer (L6)".
        #[arg(long)]
        target: String,
        /// The date of the assessment (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// A person's assessments, newest first.
    List { person: String },
    /// One assessment in full: the five requirements, the suggested and decided verdicts.
    Show {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
    },
    /// Record the status and evidence of results, competencies, skills or advocates.
    Requirement {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// results, competencies, skills or advocates (role has its own command).
        requirement: String,
        /// met, partly, not_yet or unknown. For competencies it overrides the proposal
        /// from next-level ratings and needs --reason.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        evidence: Option<String>,
        /// Why your competencies status replaces the proposal.
        #[arg(long)]
        reason: Option<String>,
        /// Competencies: drop your override and follow the proposal again.
        #[arg(long, conflicts_with_all = ["status", "reason"])]
        use_proposal: bool,
    },
    /// Job-specific skills the target role needs on day one.
    #[command(subcommand)]
    Skill(SkillCmd),
    /// Record whether the target role and its scope are available, and the path if not.
    Role {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// available, not_available or unknown.
        #[arg(long)]
        availability: String,
        #[arg(long)]
        notes: Option<String>,
        /// When not available: influence_need, create_role, stay_and_grow or look_beyond.
        #[arg(long)]
        path: Option<String>,
        /// What happens next on that path.
        #[arg(long)]
        next_step: Option<String>,
    },
    /// Advocates beyond the direct manager.
    #[command(subcommand)]
    Advocate(AdvocateCmd),
    /// Actions that build advocacy.
    #[command(subcommand)]
    Action(AdvocacyCmd),
    /// Record your verdict: ready_now, ready_1_2_years or ready_3_plus_years. One that
    /// differs from the suggestion needs --rationale.
    Verdict {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        verdict: String,
        #[arg(long, default_value = "")]
        rationale: String,
        /// The date of the decision (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// What moved between a person's last two assessments.
    Compare { person: String },
    /// Everyone you see with their latest verdict, weakest requirement and open gaps.
    Team,
    /// The skill gap a goal came from, if it came from one.
    Goal {
        /// The goal's id (the short id `plan show` prints).
        goal: String,
    },
}

#[derive(Subcommand)]
pub enum SkillCmd {
    /// Add a skill: managing people, budgets, public speaking, negotiation, programme
    /// management, or your own.
    Add {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// The skill, e.g. "Budgets" (a usual skill takes its usual spelling).
        skill: String,
        /// have or gap.
        #[arg(long)]
        status: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Mark a skill have or gap (a goal it became stays in the plan).
    Set {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// The skill's name (any case, or a unique part of it).
        skill: String,
        /// have or gap.
        #[arg(long)]
        status: String,
    },
    /// Take a skill off the assessment (a goal it became stays in the plan).
    Remove {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// The skill's name (any case, or a unique part of it).
        skill: String,
    },
    /// Turn a gap into a development goal with empty Learn, Practice and Feedback phases.
    /// Asking again gives the same goal.
    ToGoal {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// The skill's name (any case, or a unique part of it).
        skill: String,
        /// The competency the goal develops (default: the usual one for the skill).
        #[arg(long)]
        competency: Option<String>,
        /// The goal's outcome (default: one naming the skill and the target role).
        #[arg(long)]
        outcome: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum AdvocateCmd {
    /// Add an advocate: a person in Ladder (--person) or anyone else (--name).
    Add {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        #[arg(
            long,
            value_name = "PERSON",
            conflicts_with = "name",
            required_unless_present = "name"
        )]
        person: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// manager_manager, hr, mentor, cross_functional_leader, peer_leader or other.
        #[arg(long)]
        relation: String,
        /// high, medium or low.
        #[arg(long)]
        influence: String,
        /// The date of the last contact.
        #[arg(long, value_name = "DATE")]
        last_contact: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Record a contact with an advocate.
    Contact {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// The advocate's name (any case, or a unique part of it).
        advocate: String,
        /// The date of the contact (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum AdvocacyCmd {
    /// Add an advocacy action with a due date.
    Add {
        /// The assessment's id, or a person (for their latest assessment).
        assessment: String,
        /// mentor, beyond_day_job, cross_functional_team, questions_over_coffee or
        /// visibility.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        description: String,
        #[arg(long, value_name = "DATE")]
        due: String,
        /// The advocate it builds (one of the assessment's advocates).
        #[arg(long)]
        advocate: Option<String>,
    },
    /// Turn an advocacy action into a plan activity, once.
    ToActivity {
        /// The advocacy action's id (the short id `readiness show` prints).
        action: String,
        #[arg(long)]
        goal: String,
        /// learn, practice or feedback.
        #[arg(long)]
        phase: String,
        /// The resource (default: the action's advocate).
        #[command(flatten)]
        resource: ResourceArgs,
        /// Target date (default: the action's due date).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Description (default: the action's).
        #[arg(long)]
        description: Option<String>,
    },
}

pub fn readiness(ctx: &Ctx, cmd: ReadinessCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        ReadinessCmd::Open { person, target, on } => {
            let on = ctx.date_or_today("assessed_on", on.as_deref())?;
            let a = promotion::open(
                db,
                &people::resolve(db, &person)?.id,
                &target,
                on,
                ctx.today,
            )?;
            ctx.show(&a, || {
                println!(
                    "Opened the readiness assessment of {} toward {} on {} ({})",
                    a.person,
                    a.target,
                    a.assessed_on,
                    short_id(&a.id)
                );
                let (skills, advocates) = (a.skills.items.len(), a.advocates.advocates.len());
                if skills + advocates > 0 {
                    println!("From the previous assessment: {skills} skills, {advocates} advocates");
                }
                println!(
                    "Next: `ladder readiness requirement \"{}\" results --status met|partly|not_yet --evidence TEXT`",
                    a.person
                );
            });
        }
        ReadinessCmd::List { person } => {
            let list = promotion::list(db, &people::resolve(db, &person)?.id)?;
            ctx.show(&list, || print_list(&list));
        }
        ReadinessCmd::Show { assessment: key } => {
            let a = assessment(ctx, &key)?;
            ctx.show(&a, || print_assessment(&a));
        }
        ReadinessCmd::Requirement {
            assessment: key,
            requirement,
            status,
            evidence,
            reason,
            use_proposal,
        } => {
            let requirement = Requirement::parse(&requirement)?;
            let patch = RequirementPatch {
                status: status.as_deref().map(Status::parse).transpose()?,
                evidence,
                reason,
                use_proposal,
            };
            let a = promotion::set_requirement(db, &assessment(ctx, &key)?.id, requirement, patch)?;
            ctx.show(&a, || {
                let status = a.statuses().of(requirement).unwrap_or(Status::Unknown);
                println!(
                    "{}. {} of {}: {status}",
                    requirement.number(),
                    requirement.title(),
                    a.person
                );
                println!("Suggested verdict now: {}", suggestion(&a));
            });
        }
        ReadinessCmd::Skill(cmd) => skill(ctx, cmd)?,
        ReadinessCmd::Role {
            assessment: key,
            availability,
            notes,
            path,
            next_step,
        } => {
            let patch = RolePatch {
                availability: Availability::parse(&availability)?,
                path: path.as_deref().map(RolePath::parse).transpose()?,
                notes,
                next_step,
            };
            let a = promotion::set_role(db, &assessment(ctx, &key)?.id, patch)?;
            ctx.show(&a, || {
                println!("4. Role and scope available for {}:", a.person);
                print_role(&a, 3);
            });
        }
        ReadinessCmd::Advocate(cmd) => advocate(ctx, cmd)?,
        ReadinessCmd::Action(cmd) => advocacy(ctx, cmd)?,
        ReadinessCmd::Verdict {
            assessment: key,
            verdict,
            rationale,
            on,
        } => {
            let verdict = Verdict::parse(&verdict)?;
            let on = ctx.date_or_today("decided_on", on.as_deref())?;
            let a = promotion::decide(
                db,
                &assessment(ctx, &key)?.id,
                verdict,
                &rationale,
                on,
                ctx.today,
            )?;
            ctx.show(&a, || {
                println!(
                    "Decided: {} is {} for {} (suggested: {})",
                    a.person,
                    verdict.title(),
                    a.target,
                    a.suggestion.verdict.title()
                );
            });
        }
        ReadinessCmd::Compare { person } => {
            let cmp = promotion::compare(db, &people::resolve(db, &person)?.id)?;
            ctx.show(&cmp, || print_comparison(&cmp));
        }
        ReadinessCmd::Team => {
            let t = promotion::team(db, ctx.today)?;
            let me = profile::whoami(db)?;
            ctx.show(&t, || {
                match &me {
                    Some(me) => println!(
                        "Promotion readiness: team of {} ({}) · {}",
                        me.name, me.role, t.today
                    ),
                    None => println!("Promotion readiness: everyone in Ladder · {}", t.today),
                }
                println!();
                print_team(&t);
            });
        }
        ReadinessCmd::Goal { goal } => {
            let g = plans::resolve_goal(db, &goal)?;
            let origin = promotion::origin_of_goal(db, &g.id)?;
            ctx.show(&origin, || match &origin {
                None => println!(
                    "Goal {} ({}) did not come from a readiness skill gap",
                    short_id(&g.id),
                    g.outcome
                ),
                Some(o) => {
                    println!(
                        "Goal {} came from the skill gap '{}' of the readiness assessment toward {} of {} ({})",
                        short_id(&g.id),
                        o.skill.name,
                        o.target,
                        o.assessed_on,
                        short_id(&o.assessment_id)
                    );
                    if o.still_required {
                        println!("The skill is still a gap: the goal is required for the role.");
                    } else {
                        println!("The skill is now have: the goal stays in the plan but is no longer required for the role.");
                    }
                }
            });
        }
    }
    Ok(())
}

fn skill(ctx: &Ctx, cmd: SkillCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        SkillCmd::Add {
            assessment: key,
            skill,
            status,
            notes,
        } => {
            let status = SkillStatus::parse(&status)?;
            let s = promotion::add_skill(db, &assessment(ctx, &key)?.id, &skill, status, &notes)?;
            ctx.show(&s, || {
                println!("Added skill {} ({})", s.name, s.status);
                if s.status == SkillStatus::Gap {
                    println!(
                        "Make it a development goal with `ladder readiness skill to-goal {} \"{}\"`",
                        short_id(&s.assessment_id),
                        s.name
                    );
                }
            });
        }
        SkillCmd::Set {
            assessment: key,
            skill,
            status,
        } => {
            let status = SkillStatus::parse(&status)?;
            let a = assessment(ctx, &key)?;
            let s =
                promotion::set_skill(db, &promotion::resolve_skill(db, &a.id, &skill)?.id, status)?;
            ctx.show(&s, || {
                println!("Skill {} is now {}", s.name, s.status);
                if let (true, Some(goal)) = (s.goal_no_longer_required, &s.goal_id) {
                    println!(
                        "Its goal {} stays in the plan, no longer required for this role",
                        short_id(goal)
                    );
                }
            });
        }
        SkillCmd::Remove {
            assessment: key,
            skill,
        } => {
            let a = assessment(ctx, &key)?;
            let s = promotion::remove_skill(db, &promotion::resolve_skill(db, &a.id, &skill)?.id)?;
            ctx.show(&s, || {
                println!("Removed skill {} from the assessment", s.name);
                if let Some(goal) = &s.goal_id {
                    println!("Its goal {} stays in the plan", short_id(goal));
                }
            });
        }
        SkillCmd::ToGoal {
            assessment: key,
            skill,
            competency,
            outcome,
        } => {
            let how = GoalFromGap {
                competency_id: match competency {
                    Some(k) => Some(competencies::resolve(db, &k)?.id),
                    None => None,
                },
                outcome,
            };
            let a = assessment(ctx, &key)?;
            let made =
                promotion::gap_to_goal(db, &promotion::resolve_skill(db, &a.id, &skill)?.id, how)?;
            ctx.show(&made, || {
                let g = &made.goal;
                let verb = if made.created { "is now" } else { "already has" };
                println!(
                    "Skill gap {} {verb} goal {} ({}): {}",
                    made.skill.name,
                    short_id(&g.id),
                    g.competency,
                    g.outcome
                );
                if made.created {
                    println!(
                        "Next: add a learn, a practice and a feedback activity with `ladder activity add {}`.",
                        short_id(&g.id)
                    );
                }
            });
        }
    }
    Ok(())
}

fn advocate(ctx: &Ctx, cmd: AdvocateCmd) -> Result<()> {
    let db = &ctx.db;
    let x = match cmd {
        AdvocateCmd::Add {
            assessment: key,
            person,
            name,
            relation,
            influence,
            last_contact,
            notes,
        } => {
            let new = NewAdvocate {
                relation: Relation::parse(&relation)?,
                influence: Influence::parse(&influence)?,
                last_contact_on: validate::optional_date(
                    "last_contact_on",
                    last_contact.as_deref(),
                )?,
                person_id: match &person {
                    Some(p) => Some(people::resolve_as(db, "advocate", p)?.id),
                    None => None,
                },
                name,
                notes,
            };
            promotion::add_advocate(db, &assessment(ctx, &key)?.id, new, ctx.today)?
        }
        AdvocateCmd::Contact {
            assessment: key,
            advocate,
            on,
        } => {
            let on = ctx.date_or_today("last_contact_on", on.as_deref())?;
            let a = assessment(ctx, &key)?;
            promotion::record_contact(
                db,
                &promotion::resolve_advocate(db, &a.id, &advocate)?.id,
                on,
                ctx.today,
            )?
        }
    };
    ctx.show(&x, || {
        println!(
            "Advocate {} ({}, {} influence), last contact {}",
            x.name,
            x.relation.title(),
            x.influence,
            or_dash(&x.last_contact_on)
        )
    });
    Ok(())
}

fn advocacy(ctx: &Ctx, cmd: AdvocacyCmd) -> Result<()> {
    let db = &ctx.db;
    match cmd {
        AdvocacyCmd::Add {
            assessment: key,
            kind,
            description,
            due,
            advocate,
        } => {
            let kind = AdvocacyKind::parse(&kind)?;
            let due_date = validate::date("due_date", &due)?;
            let a = assessment(ctx, &key)?;
            let advocate_id = advocate
                .map(|n| promotion::resolve_advocate(db, &a.id, &n).map(|x| x.id))
                .transpose()?;
            let act = promotion::add_action(
                db,
                &a.id,
                NewAdvocacyAction {
                    kind,
                    description,
                    advocate_id,
                    due_date,
                },
            )?;
            ctx.show(&act, || {
                println!(
                    "Added advocacy action {} ({}): {} · due {}",
                    short_id(&act.id),
                    act.kind.title(),
                    act.description,
                    act.due_date
                )
            });
        }
        AdvocacyCmd::ToActivity {
            action,
            goal,
            phase,
            resource,
            due,
            description,
        } => {
            let how = ActionToActivity {
                phase: Phase::parse(&phase)?,
                target_date: validate::optional_date("target_date", due.as_deref())?,
                resource: crate::cmd_plans::resource_of(ctx, &resource)?,
                goal_id: plans::resolve_goal(db, &goal)?.id,
                description,
            };
            let (act, activity) = promotion::action_to_activity(
                db,
                &promotion::resolve_action(db, &action)?.id,
                how,
            )?;
            let value = serde_json::json!({ "advocacy_action": act, "activity": activity });
            ctx.show(&value, || {
                println!(
                    "Advocacy action '{}' is now {} activity {} (resource {}, due {})",
                    act.description,
                    activity.phase,
                    short_id(&activity.id),
                    activity.resource.name,
                    activity.target_date
                )
            });
        }
    }
    Ok(())
}

/// An assessment from its id, or a person's latest assessment.
fn assessment(ctx: &Ctx, key: &str) -> Result<Assessment> {
    match promotion::resolve(&ctx.db, key) {
        Err(Error::NotFound { .. }) => {
            let p = people::resolve(&ctx.db, key).map_err(|e| match e {
                Error::NotFound { .. } => Error::not_found("assessment", key.trim()),
                other => other,
            })?;
            promotion::latest(&ctx.db, &p.id)?.ok_or_else(|| {
                Error::invalid(
                    "assessment",
                    format!(
                        "{} has no readiness assessment yet; open one with `ladder readiness open \"{}\" --target ROLE`",
                        p.name, p.name
                    ),
                )
            })
        }
        found => found,
    }
}
