//! The commands the window calls, one module per area. Each is a thin adapter: it turns
//! the UI's arguments into a core call and the result (or the core's error) back.

pub mod app;
// The audit trail shown on records.
pub mod audit;
pub mod backups;
// Change management (ADKAR).
pub mod change;
pub mod competencies;
// The dashboard.
pub mod dashboard;
pub mod meetings;
pub mod overview;
pub mod people;
pub mod plans;
// Promotion readiness.
pub mod readiness;
// Excel workbooks: export and import.
pub mod workbooks;
