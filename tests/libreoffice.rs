//! Workbooks in LibreOffice Calc, the other spreadsheet people use: every workbook opens
//! (it converts to PDF), and the plan and meeting workbooks saved by Calc import back
//! cleanly.
//! `make deps` installs LibreOffice.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use ladder::export::{self, Fill, Kind};
use ladder::{demo, import, Db};

/// Runs headless LibreOffice with a private profile (parallel runs would share one).
fn soffice(dir: &Path, args: &[&str]) {
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let status = Command::new("soffice")
        .arg(&profile)
        .arg("--headless")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("LibreOffice (soffice) must be installed: run `make deps`");
    assert!(
        status.status.success(),
        "soffice {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn libreoffice_opens_every_workbook_and_what_it_saves_imports_cleanly() {
    let db = Db::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    demo::load(&db, today).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for kind in Kind::ALL {
        for (fill, label) in [(Fill::Blank, "blank"), (Fill::Team, "filled")] {
            let name = format!("{}-{label}.xlsx", kind.as_str());
            std::fs::write(
                dir.path().join(&name),
                export::workbook(&db, kind, &fill, today).unwrap(),
            )
            .unwrap();
            names.push(name);
        }
    }
    let mut args = vec!["--convert-to", "pdf"];
    args.extend(names.iter().map(String::as_str));
    soffice(dir.path(), &args);
    for name in &names {
        let pdf = std::fs::read(dir.path().join(name.replace(".xlsx", ".pdf")))
            .expect("a PDF for every workbook");
        assert!(
            pdf.starts_with(b"%PDF") && pdf.len() > 5_000,
            "{name} printed to an empty PDF"
        );
    }

    soffice(
        dir.path(),
        &[
            "--convert-to",
            "xlsx",
            "--outdir",
            "calc",
            "plan-filled.xlsx",
            "meeting-filled.xlsx",
        ],
    );
    // 27 activities of the plan; 3 scheduled meetings × 4 sections and 5 open action items.
    for (name, unchanged) in [("plan-filled.xlsx", 27), ("meeting-filled.xlsx", 17)] {
        let saved = std::fs::read(dir.path().join("calc").join(name)).unwrap();
        let preview = import::preview(&db, &saved, today).unwrap();
        assert!(
            preview.is_empty() && preview.missing.is_empty(),
            "{name}: {preview:?}"
        );
        assert_eq!(preview.unchanged, unchanged, "{name}");
    }
}
