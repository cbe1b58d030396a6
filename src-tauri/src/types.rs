//! The TypeScript declarations of every type that crosses to the UI, generated from the
//! Rust types with ts-rs into `ui/src/lib/types/` and committed. The test below fails when
//! a committed file differs from what the Rust types say; `LADDER_WRITE_TYPES=1 cargo test
//! -p ladder-desktop types` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

/// Where the declarations live, relative to this crate.
pub const TYPES_DIR: &str = "../ui/src/lib/types";

fn cfg() -> Config {
    // i64 values (cadence days, scores) are small: plain numbers, not bigint.
    Config::new().with_large_int("number")
}

/// One generated file: its name and its text.
struct Generated {
    file: PathBuf,
    text: String,
    deps: Vec<PathBuf>,
}

fn one<T: TS + 'static>() -> Generated {
    let cfg = cfg();
    Generated {
        file: T::output_path().expect("exportable type"),
        text: T::export_to_string(&cfg).expect("declaration"),
        deps: T::dependencies(&cfg)
            .into_iter()
            .map(|d| d.output_path)
            .collect(),
    }
}

/// Every declaration, keyed by file name.
pub fn declarations() -> BTreeMap<PathBuf, String> {
    use ladder::{
        audit, backup, change, checks, competencies, dashboard, demo, export, import, meetings,
        overview, people, plans, profile, promotion,
    };
    let all = vec![
        one::<crate::error::CommandError>(),
        one::<crate::forms::AppInfo>(),
        one::<crate::forms::PersonForm>(),
        one::<crate::forms::ActivityForm>(),
        one::<crate::forms::ActivityEdit>(),
        one::<people::Person>(),
        one::<profile::Me>(),
        one::<profile::Role>(),
        one::<overview::Overview>(),
        one::<overview::TeamRow>(),
        one::<meetings::Cadence>(),
        one::<meetings::CadenceStatus>(),
        one::<checks::Finding>(),
        one::<checks::FindingCode>(),
        one::<plans::Goal>(),
        one::<plans::GoalStatus>(),
        one::<plans::NewGoal>(),
        one::<plans::GoalPatch>(),
        one::<plans::Activity>(),
        one::<plans::Phase>(),
        one::<plans::Resource>(),
        one::<plans::ResourceKind>(),
        one::<competencies::Competency>(),
        one::<demo::DemoSummary>(),
        one::<backup::BackupFile>(),
        one::<backup::Restored>(),
        one::<backup::Checked>(),
        one::<backup::SetAside>(),
        one::<backup::Reason>(),
        // Meetings, competencies and ratings.
        one::<meetings::Meeting>(),
        one::<meetings::MeetingStatus>(),
        one::<meetings::SectionNotes>(),
        one::<meetings::Section>(),
        one::<meetings::ActionItem>(),
        one::<meetings::ActionStatus>(),
        one::<meetings::ActionOwner>(),
        one::<meetings::Agenda>(),
        one::<meetings::AgendaGoal>(),
        one::<meetings::AgendaActivity>(),
        one::<ladder::change::ChangeBarrier>(),
        one::<crate::commands::meetings::ActionForm>(),
        one::<crate::commands::meetings::ConversionForm>(),
        one::<crate::commands::meetings::Converted>(),
        one::<competencies::Rating>(),
        one::<competencies::Level>(),
        one::<competencies::Rater>(),
        one::<crate::commands::competencies::RatingForm>(),
        // Change management (ADKAR).
        one::<change::Change>(),
        one::<change::ChangePatch>(),
        one::<change::NewInfluencer>(),
        one::<change::InfluencerPatch>(),
        one::<crate::commands::change::ChangeActionForm>(),
        one::<crate::commands::change::ChangeActionEdit>(),
        one::<change::NewChange>(),
        one::<change::Impact>(),
        one::<change::Effect>(),
        one::<change::OrgAwareness>(),
        one::<change::ChangeStatus>(),
        one::<change::Stakeholder>(),
        one::<change::RemovedStakeholder>(),
        one::<change::StakeholderKind>(),
        one::<change::NewStakeholder>(),
        one::<change::Assessment>(),
        one::<change::assessments::StakeholderLatest>(),
        one::<change::assessments::BarrierCount>(),
        one::<change::Rollup>(),
        one::<change::Element>(),
        one::<change::Score>(),
        one::<change::Profile>(),
        one::<change::ChangeAction>(),
        one::<change::ActionStatus>(),
        one::<change::Influencer>(),
        one::<change::PhasePlan>(),
        one::<change::ChangeFinding>(),
        one::<change::ChangeFindingCode>(),
        one::<change::PersonChange>(),
        one::<change::RaciChart>(),
        one::<change::RaciActivity>(),
        one::<change::raci::RaciAssignment>(),
        one::<change::RaciRole>(),
        one::<change::raci::RaciPerson>(),
        // Promotion readiness.
        one::<promotion::Assessment>(),
        one::<promotion::Judgement>(),
        one::<promotion::CompetencyJudgement>(),
        one::<promotion::SkillsJudgement>(),
        one::<promotion::RoleAvailability>(),
        one::<promotion::AdvocacyJudgement>(),
        one::<promotion::Decision>(),
        one::<promotion::RequirementPatch>(),
        one::<promotion::RolePatch>(),
        one::<promotion::Suggestion>(),
        one::<promotion::Proposal>(),
        one::<promotion::ProposalLine>(),
        one::<promotion::Advocate>(),
        one::<promotion::AdvocacyAction>(),
        one::<promotion::AdvocacyKind>(),
        one::<promotion::Relation>(),
        one::<promotion::Influence>(),
        one::<promotion::Skill>(),
        one::<promotion::SkillStatus>(),
        one::<promotion::GapGoal>(),
        one::<promotion::TeamReadiness>(),
        one::<promotion::Comparison>(),
        one::<promotion::RequirementMove>(),
        one::<promotion::RoleMove>(),
        one::<promotion::VerdictMove>(),
        one::<promotion::SkillMove>(),
        one::<promotion::AdvocateMove>(),
        one::<promotion::Movement>(),
        one::<crate::commands::readiness::AdvocateForm>(),
        one::<crate::commands::readiness::AdvocateEdit>(),
        one::<crate::commands::readiness::AdvocacyActionForm>(),
        one::<promotion::ReadinessRow>(),
        one::<promotion::Weakest>(),
        one::<promotion::VerdictCount>(),
        one::<promotion::Flag>(),
        one::<promotion::Status>(),
        one::<promotion::Requirement>(),
        one::<promotion::Verdict>(),
        one::<promotion::Availability>(),
        one::<promotion::RolePath>(),
        // Excel workbooks: export and import.
        one::<export::Kind>(),
        one::<export::Fill>(),
        one::<import::Preview>(),
        one::<import::Applied>(),
        one::<import::Change>(),
        one::<import::FieldChange>(),
        one::<crate::commands::workbooks::ExportStage>(),
        one::<crate::commands::workbooks::Exported>(),
        one::<crate::commands::workbooks::ImportStage>(),
        one::<crate::commands::workbooks::ImportReview>(),
        // The dashboard and the audit trail.
        one::<dashboard::Dashboard>(),
        one::<dashboard::MeetingDue>(),
        one::<dashboard::PlanHealth>(),
        one::<dashboard::FindingCount>(),
        one::<dashboard::PlanAttention>(),
        one::<dashboard::Shortlist<dashboard::MeetingDue>>(),
        one::<dashboard::RatingTrend>(),
        one::<dashboard::MonthAverage>(),
        one::<dashboard::ReadinessCounts>(),
        one::<dashboard::ActiveChange>(),
        one::<audit::Entry>(),
        one::<audit::RecordKind>(),
        one::<audit::Action>(),
    ];
    let files: Vec<PathBuf> = all.iter().map(|g| g.file.clone()).collect();
    for g in &all {
        for d in &g.deps {
            assert!(
                files.contains(d),
                "{} uses {}, which is not in types::declarations()",
                g.file.display(),
                d.display()
            );
        }
    }
    all.into_iter().map(|g| (g.file, g.text)).collect()
}

/// Writes every declaration into `dir`, removing `.ts` files no type produces any more.
pub fn write_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let decls = declarations();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = PathBuf::from(path.file_name().unwrap_or_default());
        if path.extension().is_some_and(|e| e == "ts") && !decls.contains_key(&name) {
            std::fs::remove_file(&path)?;
        }
    }
    for (file, text) in decls {
        std::fs::write(dir.join(file), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(TYPES_DIR)
    }

    #[test]
    fn committed_typescript_types_match_the_rust_types() {
        if std::env::var_os("LADDER_WRITE_TYPES").is_some() {
            write_all(&dir()).unwrap();
        }
        let mut stale = Vec::new();
        let decls = declarations();
        for (file, text) in &decls {
            let on_disk = std::fs::read_to_string(dir().join(file)).unwrap_or_default();
            if on_disk != *text {
                stale.push(file.display().to_string());
            }
        }
        for entry in std::fs::read_dir(dir()).unwrap() {
            let name = PathBuf::from(entry.unwrap().file_name());
            if name.extension().is_some_and(|e| e == "ts") && !decls.contains_key(&name) {
                stale.push(format!("{} (no Rust type makes it)", name.display()));
            }
        }
        assert!(
            stale.is_empty(),
            "ui/src/lib/types is stale: {}. Regenerate with `make types`",
            stale.join(", ")
        );
    }
}
