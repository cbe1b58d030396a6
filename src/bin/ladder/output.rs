//! Printing: aligned tables for people, pretty JSON for programs.

use std::fmt::Display;

use serde::Serialize;

/// A table printed with aligned columns and an upper-case header.
pub struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
}

impl Table {
    pub fn new(head: &[&str]) -> Self {
        Table {
            head: head.iter().map(|h| h.to_uppercase()).collect(),
            rows: Vec::new(),
            indent: 0,
        }
    }

    /// Indents every line by `n` spaces.
    pub fn indent(mut self, n: usize) -> Self {
        self.indent = n;
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn print(&self) {
        let cols = self.head.len();
        let mut width = vec![0; cols];
        for line in std::iter::once(&self.head).chain(&self.rows) {
            for (i, cell) in line.iter().enumerate().take(cols) {
                width[i] = width[i].max(cell.chars().count());
            }
        }
        for line in std::iter::once(&self.head).chain(&self.rows) {
            let mut out = " ".repeat(self.indent);
            for (i, cell) in line.iter().enumerate().take(cols) {
                out.push_str(cell);
                if i + 1 < cols {
                    out.push_str(&" ".repeat(width[i] - cell.chars().count() + 2));
                }
            }
            println!("{}", out.trim_end());
        }
    }
}

/// Prints `value` as JSON with `--json`, or runs `human` to print it for people.
pub fn show<T: Serialize + ?Sized>(json: bool, value: &T, human: impl FnOnce()) {
    if json {
        self::json(value);
    } else {
        human();
    }
}

/// Prints a value as pretty JSON.
pub fn json<T: Serialize + ?Sized>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("could not write JSON: {e}"),
    }
}

/// An optional value, or a dash.
pub fn or_dash<T: Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "—".to_string(), ToString::to_string)
}

/// Shortens text to `max` characters for a table cell.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
