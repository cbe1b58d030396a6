//! Workbooks in LibreOffice Calc, the other spreadsheet people use: every workbook opens
//! (it converts to PDF), and the plan, meeting, readiness and change workbooks saved by
//! Calc import back cleanly.
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
            "readiness-filled.xlsx",
            "change-filled.xlsx",
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
    // The readiness workbook as Calc saved it reads as the one Ladder wrote: no change.
    let ours = std::fs::read(dir.path().join("readiness-filled.xlsx")).unwrap();
    let saved = std::fs::read(dir.path().join("calc").join("readiness-filled.xlsx")).unwrap();
    let expected = import::preview(&db, &ours, today).unwrap();
    let preview = import::preview(&db, &saved, today).unwrap();
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "readiness: {preview:?}"
    );
    assert!(expected.unchanged > 20, "{expected:?}");
    assert_eq!(preview.unchanged, expected.unchanged);

    // So does the change workbook: its dates, decimal scores, head counts and RACI
    // letters as Calc writes them.
    let ours = std::fs::read(dir.path().join("change-filled.xlsx")).unwrap();
    let saved = std::fs::read(dir.path().join("calc").join("change-filled.xlsx")).unwrap();
    let expected = import::preview(&db, &ours, today).unwrap();
    let preview = import::apply(&db, &saved, today).unwrap();
    assert!(
        preview.is_empty() && preview.missing.is_empty(),
        "change: {preview:?}"
    );
    assert!(expected.unchanged > 15, "{expected:?}");
    assert_eq!(preview.unchanged, expected.unchanged);
}

/// Fills cells of a sheet's XML with numbers or text, as a person typing in the template
/// would, and drops the cached results of `uncache` so the spreadsheet must compute them.
fn fill(xml: &str, cells: &[(&str, &str)], uncache: &[&str]) -> String {
    let mut xml = xml.to_string();
    for (cell, value) in cells {
        let start = xml
            .find(&format!("<c r=\"{cell}\""))
            .unwrap_or_else(|| panic!("{cell} in the template"));
        let end = start + xml[start..].find("/>").unwrap() + 2;
        let style = xml[start..end]
            .split(" s=\"")
            .nth(1)
            .map(|s| s.split('"').next().unwrap().to_string());
        let style = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
        let new = match value.parse::<f64>() {
            Ok(_) => format!("<c r=\"{cell}\"{style}><v>{value}</v></c>"),
            Err(_) => format!("<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{value}</t></is></c>"),
        };
        xml.replace_range(start..end, &new);
    }
    for cell in uncache {
        let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
        let end = start + xml[start..].find("</c>").unwrap();
        let cached = start + xml[start..end].find("<v>").unwrap();
        xml.replace_range(cached..end, "");
        let head_end = start + xml[start..].find('>').unwrap();
        let head = xml[start..head_end].replace(" t=\"str\"", "");
        xml.replace_range(start..head_end, &head);
    }
    xml
}

fn replace_part(bytes: &[u8], name: &str, data: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let entry_name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        out.start_file(&entry_name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(if entry_name == name {
            data.as_bytes()
        } else {
            &content
        })
        .unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn a_change_template_filled_by_hand_computes_the_barrier_and_the_one_a_check() {
    let db = Db::open_in_memory().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    demo::load(&db, today).unwrap();
    let blank = export::workbook(&db, Kind::Change, &Fill::Blank, today).unwrap();
    // Sheets: Instructions, Lists, Register, ADKAR scores, Phase plan, Influencers, RACI.
    let scores = part(&blank, "xl/worksheets/sheet4.xml");
    assert!(
        scores.contains("<f>IF(COUNT(E2:I2)&lt;5"),
        "the barrier formula is in the template"
    );
    let rows = [
        ("2", ["4", "3", "1", "5", "5"]),
        ("3", ["3.0", "5", "5", "5", "5"]),
        ("4", ["3.1", "4", "4", "4", "4"]),
        ("5", ["5", "5", "5", "5", "2"]),
    ];
    let mut cells = Vec::new();
    for (row, values) in &rows {
        for (col, v) in ["E", "F", "G", "H", "I"].iter().zip(values) {
            cells.push((format!("{col}{row}"), *v));
        }
    }
    let cells: Vec<(&str, &str)> = cells.iter().map(|(c, v)| (c.as_str(), *v)).collect();
    let scores = fill(&scores, &cells, &["J2", "J3", "J4", "J5"]);

    // RACI: the first person column is C; two A's on row 2, one on row 3.
    let raci = part(&blank, "xl/worksheets/sheet7.xml");
    let check = raci
        .find("<f>IF(COUNTA(")
        .map(|at| {
            raci[..at]
                .rsplit("<c r=\"")
                .next()
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        })
        .unwrap();
    let check_col: String = check
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let raci = fill(
        &raci,
        &[("C2", "A"), ("D2", "A"), ("C3", "A"), ("D3", "R")],
        &[&format!("{check_col}2"), &format!("{check_col}3")],
    );

    let filled = replace_part(
        &replace_part(&blank, "xl/worksheets/sheet4.xml", &scores),
        "xl/worksheets/sheet7.xml",
        &raci,
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("change.xlsx"), filled).unwrap();
    soffice(
        dir.path(),
        &[
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1",
            "change.xlsx",
        ],
    );
    let csv = std::fs::read_to_string(dir.path().join("change-ADKAR scores.csv")).unwrap();
    let barriers: Vec<&str> = csv
        .lines()
        .skip(1)
        .take(4)
        .map(|l| l.split(',').nth(9).unwrap())
        .collect();
    assert_eq!(
        barriers,
        ["Desire", "Awareness", "none", "Reinforcement"],
        "{csv}"
    );
    let csv = std::fs::read_to_string(dir.path().join("change-RACI.csv")).unwrap();
    let checks: Vec<&str> = csv
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split(',').rev().nth(1).unwrap())
        .collect();
    assert_eq!(checks, ["needs exactly one A", "ok"], "{csv}");
}
