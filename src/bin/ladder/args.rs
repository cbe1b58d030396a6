//! The command line: every command, flag and its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Ladder: development plans, promotion readiness and change assessments for people
/// managers and their associates, kept in one local SQLite file.
#[derive(Parser)]
#[command(
    name = "ladder",
    version,
    propagate_version = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// The database file (default: the per-user data directory).
    #[arg(long, global = true, env = "LADDER_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print machine-readable JSON instead of tables (errors go to stderr as JSON).
    #[arg(long, global = true)]
    pub json: bool,
    /// The date to treat as today, YYYY-MM-DD (default: the system date).
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Open the database (creating it), offer the demo team when it is empty, and print
    /// the team overview with the plan checks.
    Start,
    /// The team overview and the plan checks.
    Overview,
    /// What needs you this week: meetings overdue and due, plan health, rating trends,
    /// readiness counts and the active changes with their barriers.
    Dashboard,
    /// Where the database lives and its schema version.
    Info,
    /// Who uses this copy: show, set or clear.
    Whoami {
        #[command(subcommand)]
        action: Option<WhoamiCmd>,
    },
    /// Associates and reporting lines.
    #[command(subcommand)]
    Person(PersonCmd),
    /// The competency library.
    #[command(subcommand)]
    Competency(CompetencyCmd),
    /// Rate a person on a competency (1–5).
    Rate(RateArgs),
    /// A person's ratings: history, or the latest per competency and level.
    Ratings {
        person: String,
        /// Only this competency.
        #[arg(long)]
        competency: Option<String>,
        /// Only the latest rating per competency and level.
        #[arg(long)]
        latest: bool,
    },
    /// Development goals.
    #[command(subcommand)]
    Goal(GoalCmd),
    /// Learn, Practice and Feedback activities of a goal.
    #[command(subcommand)]
    Activity(ActivityCmd),
    /// A person's plan and the plan checks.
    #[command(subcommand)]
    Plan(PlanCmd),
    /// Development meetings.
    #[command(subcommand)]
    Meeting(MeetingCmd),
    /// Action items of development meetings.
    #[command(subcommand)]
    Action(ActionCmd),
    /// Fill an empty database with a believable demo team, or with a generated
    /// organisation of any size (--people), the same for the same seed.
    Demo {
        /// Generate an organisation of this many people instead of the demo team.
        #[arg(long, value_name = "N")]
        people: Option<i64>,
        /// The seed of the generated organisation: the same seed gives the same data.
        #[arg(long, value_name = "S", default_value_t = 1, requires = "people")]
        seed: u64,
    },
    /// Save a workbook (plan, meeting, ratings, readiness or change): a blank template, one
    /// person's records, or the team's.
    Export(crate::cmd_workbooks::ExportArgs),
    /// Import a filled plan, ratings, meeting, readiness or change workbook (all or nothing;
    /// --dry-run to preview).
    Import(crate::cmd_workbooks::ImportArgs),
    /// Promotion readiness: assessments, requirements, skills, advocates, verdicts.
    #[command(subcommand)]
    Readiness(crate::cmd_readiness::ReadinessCmd),
    /// ADKAR change management: the register, scores, phase plan, checks and RACI.
    #[command(subcommand)]
    Change(crate::cmd_change::ChangeCmd),
    /// Back up the database now and print where the copy is (`backup list`: every backup).
    Backup {
        #[command(subcommand)]
        action: Option<crate::cmd_backup::BackupCmd>,
    },
    /// Put a backup in place of the database, after checking it; the current file is
    /// kept aside.
    Restore(crate::cmd_backup::RestoreArgs),
    /// The audit trail of a record (goal, activity, rating, readiness assessment, change
    /// score): who changed what, and when. Or every entry about one person's records.
    History {
        /// The record's id, or the end of it (six characters or more).
        #[arg(required_unless_present = "person")]
        record: Option<String>,
        /// Every entry about this person's records instead.
        #[arg(long, conflicts_with = "record")]
        person: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum WhoamiCmd {
    /// Say who you are.
    Set {
        person: String,
        /// manager (see your reports and theirs) or associate (track your own plan).
        #[arg(long)]
        role: String,
    },
    /// Forget who you are: everyone becomes visible.
    Clear,
}

#[derive(Args)]
pub struct PersonFields {
    #[arg(long)]
    pub email: Option<String>,
    /// Job title.
    #[arg(long)]
    pub title: Option<String>,
    /// Level or grade.
    #[arg(long)]
    pub level: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    /// Start date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Their manager (a person in Ladder).
    #[arg(long, value_name = "PERSON")]
    pub manager: Option<String>,
    /// Days between development meetings (7–365; default 28).
    #[arg(long, value_name = "DAYS")]
    pub cadence_days: Option<String>,
}

#[derive(Subcommand)]
pub enum PersonCmd {
    /// Add a person.
    Add {
        name: String,
        #[command(flatten)]
        fields: PersonFields,
    },
    /// Change a person's details (an empty value clears a field).
    Edit {
        person: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: PersonFields,
        /// Remove their manager.
        #[arg(long, conflicts_with = "manager")]
        no_manager: bool,
    },
    /// Archive a person: they leave lists and checks; their history is kept.
    Archive { person: String },
    /// Bring an archived person back.
    Restore { person: String },
    /// People you see (your reports, or yourself), or everyone.
    List {
        /// Everyone, not only your scope.
        #[arg(long)]
        all: bool,
        /// Include archived people.
        #[arg(long)]
        archived: bool,
    },
    /// One person's profile and reporting line.
    Show { person: String },
    /// Everything Ladder holds about a person (the right of access): a JSON document and
    /// a workbook, saved in a folder and readable by you only.
    Export {
        person: String,
        /// The folder to save both files in (created if missing).
        #[arg(long, short, value_name = "DIR")]
        output: PathBuf,
    },
    /// Erase a person everywhere, for good: their records go, and other people's records
    /// say "former associate" where they named them.
    Erase {
        person: String,
        /// Confirm the erasure; it cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// A person's reports, direct and indirect.
    Reports {
        person: String,
        /// Direct reports only.
        #[arg(long)]
        direct: bool,
    },
}

#[derive(Subcommand)]
pub enum CompetencyCmd {
    /// The library (active competencies, or all).
    List {
        /// Include retired competencies.
        #[arg(long)]
        retired: bool,
    },
    /// One competency and its behaviours.
    Show { competency: String },
    /// Add a competency.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
        /// A behaviour it covers (repeat for several).
        #[arg(long = "behaviour", value_name = "TEXT")]
        behaviours: Vec<String>,
    },
    /// Rename a competency; ratings and goals follow.
    Rename {
        competency: String,
        new_name: String,
    },
    /// Replace the behaviours a competency covers.
    Behaviours {
        competency: String,
        #[arg(required = true)]
        behaviours: Vec<String>,
    },
    /// Retire a competency (its history is kept).
    Retire { competency: String },
    /// Bring a retired competency back.
    Restore { competency: String },
}

#[derive(Args)]
pub struct RateArgs {
    pub person: String,
    pub competency: String,
    /// 1 not yet shown, 2 developing, 3 solid, 4 strong, 5 role model.
    pub score: String,
    /// current or next (level).
    #[arg(long, default_value = "current")]
    pub level: String,
    /// self, manager or other.
    #[arg(long = "by", default_value = "manager")]
    pub rater: String,
    /// The rater's name, for a rater who is not the person or their manager.
    #[arg(long)]
    pub rater_name: Option<String>,
    /// The date of the rating (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    #[arg(long, default_value = "")]
    pub evidence: String,
}

#[derive(Subcommand)]
pub enum GoalCmd {
    /// Add a goal tied to one competency.
    Add {
        person: String,
        #[arg(long)]
        competency: String,
        /// The outcome, e.g. "Improve my ability to influence decisions across departments".
        #[arg(long)]
        outcome: String,
    },
    /// Change a goal's outcome, competency or status.
    Edit {
        goal: String,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        competency: Option<String>,
        /// open, done or dropped.
        #[arg(long)]
        status: Option<String>,
    },
    /// One goal and its activities.
    Show { goal: String },
}

/// Who or what helps with an activity.
#[derive(Args)]
pub struct ResourceArgs {
    /// A person in Ladder who helps.
    #[arg(long, value_name = "PERSON", conflicts_with = "resource")]
    pub resource_person: Option<String>,
    /// A named person, material or event that helps.
    #[arg(long, value_name = "NAME", requires = "resource_kind")]
    pub resource: Option<String>,
    /// person, material or event (with --resource).
    #[arg(long, value_name = "KIND")]
    pub resource_kind: Option<String>,
}

#[derive(Subcommand)]
pub enum ActivityCmd {
    /// Add an activity at the end of its phase.
    Add {
        goal: String,
        /// learn, practice or feedback.
        #[arg(long)]
        phase: String,
        #[arg(long)]
        description: String,
        #[command(flatten)]
        resource: ResourceArgs,
        /// Target date, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        due: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Change an activity.
    Edit {
        activity: String,
        #[arg(long)]
        phase: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        resource: ResourceArgs,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Mark an activity done.
    Done {
        activity: String,
        /// Completion date (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Mark a done activity as not done.
    Undone { activity: String },
    /// Move an activity to another goal of the same person.
    Move {
        activity: String,
        #[arg(long)]
        goal: String,
        /// Place within its phase, from 1 (default: last).
        #[arg(long)]
        position: Option<String>,
    },
    /// Move an activity to a place within its phase (1 = first).
    Reorder { activity: String, position: String },
    /// Delete an activity (an action item it came from opens again).
    Delete {
        activity: String,
        /// Confirm the deletion.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
pub enum PlanCmd {
    /// A person's goals with their Learn, Practice and Feedback activities.
    Show { person: String },
    /// The plan checks for a person, a person's team, or your team.
    Check {
        person: Option<String>,
        /// The person's reports (direct and indirect); alone, your whole scope.
        #[arg(long)]
        team: bool,
    },
}

#[derive(Subcommand)]
pub enum MeetingCmd {
    /// Set how often a person has a development meeting.
    Cadence {
        person: String,
        /// Every N weeks.
        #[arg(long, conflicts_with = "days", required_unless_present = "days")]
        weeks: Option<String>,
        /// Every N days.
        #[arg(long)]
        days: Option<String>,
    },
    /// Schedule a development meeting.
    Schedule { person: String, date: String },
    /// Move a scheduled meeting (MEETING: its id, or the person).
    Reschedule { meeting: String, date: String },
    /// Cancel a scheduled meeting (MEETING: its id, or the person).
    Cancel { meeting: String },
    /// A person's meetings, newest first.
    List { person: String },
    /// One meeting with its notes and action items (MEETING: its id, or the person).
    Show { meeting: String },
    /// The prepared agenda of a person's next development meeting.
    Prepare { person: String },
    /// Write the notes of one section (MEETING: its id, or the person).
    Note {
        meeting: String,
        /// career_goals, behavioural_feedback, feedback_to_manager or development_in_daily_work.
        section: String,
        text: String,
    },
    /// Record that a meeting took place (today, its own day if that passed, or --on an
    /// earlier day); --next schedules the next one.
    Hold {
        meeting: String,
        /// The date it was held (default: today, or the meeting's own day if that passed).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Schedule the next meeting on this date.
        #[arg(long, value_name = "DATE")]
        next: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum ActionCmd {
    /// Add an action item to a meeting (MEETING: its id, or the person).
    Add {
        meeting: String,
        description: String,
        /// associate or manager.
        #[arg(long, default_value = "associate")]
        owner: String,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// Close an action item as done.
    Done {
        action: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Open a done action item again.
    Reopen { action: String },
    /// Turn an action item into a plan activity, in one step.
    ToActivity {
        action: String,
        #[arg(long)]
        goal: String,
        /// learn, practice or feedback.
        #[arg(long)]
        phase: String,
        #[command(flatten)]
        resource: ResourceArgs,
        /// Target date (default: the action item's due date).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Description (default: the action item's).
        #[arg(long)]
        description: Option<String>,
    },
}
