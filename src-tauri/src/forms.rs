//! What the UI sends when the core's own input types hold parsed values (dates). Dates
//! arrive as the text the user typed and are parsed by the core's `validate::date`, so a
//! bad date comes back as the core's field-named error, exactly as the CLI reports it.

use ladder::people::{NewPerson, PersonPatch};
use ladder::plans::{ActivityPatch, NewActivity, Phase, Resource};
use ladder::{validate, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A new person, as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PersonForm {
    pub name: String,
    pub email: Option<String>,
    pub job_title: Option<String>,
    pub level: Option<String>,
    pub team: Option<String>,
    pub start_date: Option<String>,
    pub manager_id: Option<String>,
    pub cadence_days: Option<i64>,
}

impl PersonForm {
    /// The whole form as an edit of a person: every field becomes what the form holds
    /// (an emptied one is cleared), the cadence kept when the form leaves it out.
    pub fn into_patch(self) -> Result<PersonPatch> {
        let new = self.parse()?;
        Ok(PersonPatch {
            name: Some(new.name),
            email: Some(new.email),
            job_title: Some(new.job_title),
            level: Some(new.level),
            team: Some(new.team),
            start_date: Some(new.start_date),
            manager_id: Some(new.manager_id),
            cadence_days: new.cadence_days,
        })
    }

    pub fn parse(self) -> Result<NewPerson> {
        Ok(NewPerson {
            start_date: validate::optional_date("start_date", self.start_date.as_deref())?,
            name: self.name,
            email: self.email,
            job_title: self.job_title,
            level: self.level,
            team: self.team,
            manager_id: self.manager_id,
            cadence_days: self.cadence_days,
        })
    }
}

/// A new activity, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActivityForm {
    pub goal_id: String,
    pub phase: Phase,
    pub description: String,
    pub resource: Resource,
    pub target_date: String,
    #[serde(default)]
    pub notes: String,
}

impl ActivityForm {
    pub fn parse(self) -> Result<NewActivity> {
        Ok(NewActivity {
            target_date: validate::date("target_date", &self.target_date)?,
            goal_id: self.goal_id,
            phase: self.phase,
            description: self.description,
            resource: self.resource,
            notes: self.notes,
        })
    }
}

/// A change to an activity, as typed; an absent field stays as it is.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ActivityEdit {
    pub phase: Option<Phase>,
    pub description: Option<String>,
    pub resource: Option<Resource>,
    pub target_date: Option<String>,
    pub notes: Option<String>,
}

impl ActivityEdit {
    pub fn parse(self) -> Result<ActivityPatch> {
        let target_date = match self.target_date.as_deref() {
            Some(d) => Some(validate::date("target_date", d)?),
            None => None,
        };
        Ok(ActivityPatch {
            target_date,
            phase: self.phase,
            description: self.description,
            resource: self.resource,
            notes: self.notes,
        })
    }
}

/// What the app knows about itself: where the database lives and today's date.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub db_path: Option<String>,
    pub schema_version: i64,
    pub today: String,
    pub version: String,
    /// Why today's backup could not be taken when the app started (a full disk, a
    /// read-only folder): the database is fine, but the user should know.
    pub backup_warning: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CommandError;
    use ladder::plans::ResourceKind;

    fn form(date: &str) -> ActivityForm {
        ActivityForm {
            goal_id: "g".into(),
            phase: Phase::Learn,
            description: "Read".into(),
            resource: Resource::named(ResourceKind::Material, "A book"),
            target_date: date.into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_bad_date_crosses_as_the_cores_field_error() {
        let err = CommandError::from(form("2026-13-01").parse().unwrap_err());
        assert_eq!(
            err,
            CommandError {
                code: "invalid_input".into(),
                message: "target date 2026-13-01 is not a date (YYYY-MM-DD)".into(),
                field: Some("target_date".into()),
            }
        );
        assert_eq!(
            form("2026-02-28").parse().unwrap().target_date.to_string(),
            "2026-02-28"
        );
    }

    #[test]
    fn an_absent_date_in_an_edit_leaves_it_alone() {
        assert_eq!(ActivityEdit::default().parse().unwrap().target_date, None);
        let err = ActivityEdit {
            target_date: Some(String::new()),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(err.field(), Some("target_date"));
        let person = PersonForm {
            name: "Ana".into(),
            start_date: Some("yesterday".into()),
            ..Default::default()
        };
        assert_eq!(person.parse().unwrap_err().field(), Some("start_date"));
    }
}
