//! The commands the window calls, one module per area. Each is a thin adapter: it turns
//! the UI's arguments into a core call and the result (or the core's error) back.
//!
//! A command runs on the main thread, which also draws the window, unless it is marked
//! `async`: those that read across the whole organisation (the Team, Dashboard and
//! Readiness screens, a change's stakeholders), copy the database (a backup) or work
//! through a workbook run on a worker thread, so that the window keeps drawing, its
//! spinners turning, for the second or more they take at 10,000 people. The reads among
//! them change nothing, so one that runs beside a write sent just after it shows the
//! database a moment earlier or later, as any read would.

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
// The window's close, held while a form holds typing not saved.
pub mod window;
// Excel workbooks: export and import.
pub mod workbooks;
