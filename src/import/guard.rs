//! Checks a file before any spreadsheet reader sees it, so that a hostile or broken file
//! gets a clear error in bounded time and memory instead of exhausting either.
//!
//! The reader builds a dense grid from the extent of the cells it finds and keeps the
//! shared strings in memory, so the guard bounds: the file size, the number of parts, the
//! size of each part as declared *and* as actually inflated (a zip can lie), the cell
//! extent of every worksheet, and the shared-string count a file claims.

use std::io::{Cursor, Read};

use crate::{Error, Result};

/// Limits on what Ladder reads. Generous for real workbooks: a 10,000-person organisation's
/// plan (~300,000 rows × 13 columns) is well inside them.
pub mod limits {
    /// The largest file read.
    pub const FILE_BYTES: u64 = 100 * 1024 * 1024;
    /// The most parts (files) in the archive.
    pub const ENTRIES: usize = 10_000;
    /// The largest part, inflated.
    pub const PART_BYTES: u64 = 512 * 1024 * 1024;
    /// All parts together, inflated.
    pub const TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
    /// The most rows in a sheet.
    pub const ROWS: u64 = 500_000;
    /// The most columns in a sheet.
    pub const COLUMNS: u64 = 256;
    /// The most cells of a sheet's extent (rows × columns), which the reader allocates.
    pub const CELLS: u64 = 10_000_000;
    /// The most shared strings a file may claim.
    pub const SHARED_STRINGS: u64 = 5_000_000;
}

fn refuse(reason: impl Into<String>) -> Error {
    Error::BadWorkbook {
        reason: reason.into(),
    }
}

/// Checks that `bytes` is an .xlsx file within every limit.
pub fn check(bytes: &[u8]) -> Result<()> {
    if bytes.len() as u64 > limits::FILE_BYTES {
        return Err(refuse(format!(
            "the file is {} MB; Ladder reads workbooks up to {} MB",
            bytes.len() / 1_000_000,
            limits::FILE_BYTES / 1_000_000
        )));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(refuse(
            "it is an Excel 97-2003 (.xls) file; save it as an Excel workbook (.xlsx) and import that",
        ));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(refuse("it is not an Excel workbook (.xlsx)"));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| refuse("the file is damaged or truncated: its archive cannot be read"))?;
    if zip.len() > limits::ENTRIES {
        return Err(refuse(format!(
            "it holds {} parts; a workbook Ladder reads holds at most {}",
            zip.len(),
            limits::ENTRIES
        )));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|_| refuse("the file is damaged or truncated: a part cannot be read"))?;
        let declared = entry.size();
        total = total.saturating_add(declared);
        if declared > limits::PART_BYTES || total > limits::TOTAL_BYTES {
            return Err(refuse(format!(
                "it inflates to more than {} MB; Ladder reads at most {} MB",
                total.max(declared) / 1_000_000,
                limits::TOTAL_BYTES / 1_000_000
            )));
        }
    }
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|_| refuse("the file is damaged or truncated: a part cannot be read"))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let declared = entry.size();
        let kind = if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            Part::Sheet
        } else if name == "xl/sharedStrings.xml" {
            Part::SharedStrings
        } else {
            Part::Other
        };
        scan(entry, &name, declared, kind)?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Sheet,
    SharedStrings,
    Other,
}

/// Inflates one part, at most one byte past its declared size, and for sheets finds the
/// extent of their cells; for shared strings, the count the file claims.
fn scan(mut entry: impl Read, name: &str, declared: u64, kind: Part) -> Result<()> {
    let sheet = name
        .rsplit('/')
        .next()
        .unwrap_or(name)
        .trim_end_matches(".xml");
    let mut inflated = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    // Keep the tail of the previous chunk so a cell reference split across two chunks
    // is still seen whole.
    let mut carry: Vec<u8> = Vec::new();
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let mut head_checked = false;
    loop {
        let n = entry
            .read(&mut buf)
            .map_err(|_| refuse(format!("part {name} does not inflate to the size it declares: the file is damaged or forged")))?;
        if n == 0 {
            break;
        }
        inflated += n as u64;
        if inflated > declared {
            return Err(refuse(format!(
                "part {name} does not inflate to the size it declares: the file is damaged or forged"
            )));
        }
        if kind == Part::Other {
            continue;
        }
        carry.extend_from_slice(&buf[..n]);
        if kind == Part::SharedStrings && !head_checked && (carry.len() >= 2048 || n < buf.len()) {
            head_checked = true;
            if let Some(claimed) = shared_string_count(&carry) {
                if claimed > limits::SHARED_STRINGS {
                    return Err(refuse(format!(
                        "its shared string table claims {claimed} entries; Ladder reads at most {}",
                        limits::SHARED_STRINGS
                    )));
                }
            }
        }
        if kind == Part::Sheet {
            let keep = cell_extent(&carry, &mut max_row, &mut max_col);
            check_extent(sheet, max_row, max_col)?;
            carry.drain(..keep);
        } else if head_checked {
            carry.clear();
        }
    }
    Ok(())
}

fn check_extent(sheet: &str, rows: u64, cols: u64) -> Result<()> {
    if rows > limits::ROWS || cols > limits::COLUMNS || rows.saturating_mul(cols) > limits::CELLS {
        return Err(refuse(format!(
            "a sheet ({sheet}) reaches row {rows} and column {cols}; Ladder reads at most {} rows, {} columns and {} cells a sheet (delete stray cells far from the table)",
            limits::ROWS,
            limits::COLUMNS,
            limits::CELLS
        )));
    }
    Ok(())
}

/// Scans `xml` for cell and row references (`<c r="AB12"`, `<row r="12"`) and widens the
/// extent. Returns how many leading bytes are fully scanned (the rest may hold a reference
/// cut in two and is kept for the next chunk).
fn cell_extent(xml: &[u8], max_row: &mut u64, max_col: &mut u64) -> usize {
    let mut i = 0;
    let mut done = 0;
    while let Some(pos) = find(&xml[i..], b" r=\"") {
        let start = i + pos + 4;
        let Some(len) = xml[start..].iter().position(|&b| b == b'"') else {
            return i + pos; // the reference continues in the next chunk
        };
        let reference = &xml[start..start + len];
        let letters = reference
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let col = reference[..letters].iter().fold(0u64, |acc, b| {
            acc.saturating_mul(26)
                .saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
        });
        let row = std::str::from_utf8(&reference[letters..])
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0);
        *max_row = (*max_row).max(row);
        *max_col = (*max_col).max(col);
        i = start + len;
        done = i;
    }
    // Keep a short tail in case " r=\"" itself is split.
    done.max(xml.len().saturating_sub(8))
}

fn shared_string_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let sst = &text[text.find("<sst")?..];
    let tag = &sst[..sst.find('>')?];
    ["uniqueCount=\"", "count=\""]
        .iter()
        .filter_map(|attr| {
            let at = tag.find(attr)? + attr.len();
            tag[at..].split('"').next()?.parse::<u64>().ok()
        })
        .max()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_extent_reads_references_across_chunks() {
        let (mut r, mut c) = (0, 0);
        let xml = b"<row r=\"3\"><c r=\"B3\"/><c r=\"AA7\" t=\"s\"><v>1</v></c><c r=\"XF";
        let keep = cell_extent(xml, &mut r, &mut c);
        assert_eq!((r, c), (7, 27));
        let mut rest = xml[keep..].to_vec();
        rest.extend_from_slice(b"D1048576\"/>");
        cell_extent(&rest, &mut r, &mut c);
        assert_eq!((r, c), (1_048_576, 16_384));
    }

    #[test]
    fn shared_string_counts_are_read_from_the_header() {
        let head =
            br#"<?xml version="1.0"?><sst xmlns="x" count="12" uniqueCount="4000000000"><si>"#;
        assert_eq!(shared_string_count(head), Some(4_000_000_000));
        assert_eq!(shared_string_count(b"<sst>"), None);
    }
}
