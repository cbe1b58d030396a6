//! Arbitrary bytes offered to the workbook import, as `ladder import FILE --dry-run`
//! does, against the demo team in memory. Every file must end in a clear error or a
//! preview; a panic, a crash or a runaway allocation is a bug.

#![no_main]

use ladder::{demo, import, Db};
use libfuzzer_sys::fuzz_target;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

thread_local! {
    static DB: Db = {
        let db = Db::open_in_memory().expect("in-memory database");
        demo::load(&db, today()).expect("demo team");
        db
    };
}

fuzz_target!(|data: &[u8]| {
    DB.with(|db| {
        let _ = import::preview(db, data, today());
    });
});
