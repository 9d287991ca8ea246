//! Any bytes at all, as an admin might choose them: the reader never panics or hangs (libFuzzer's
//! timeout), what it reads holds together, and the annotated file Roster hands back reads again.
//! `cargo xtask fuzz [--seconds N]` runs it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use roster_domain::authz::AuthzPolicy;
use roster_domain::import::{Checker, Context, Parser, read, write};

fuzz_target!(|bytes: &[u8]| {
    let policy = AuthzPolicy::default();
    let Ok(sheet) = read(bytes, &policy) else {
        return;
    };
    // Reading seven records at a time (as the page does, between frames) gives the same sheet.
    let mut parser = Parser::new(bytes, &policy).expect("a file read whole starts in steps too");
    while !parser
        .step(7)
        .expect("a file read whole is read in steps too")
    {}
    assert_eq!(parser.finish(), sheet, "read in steps, the same sheet");

    let width = sheet.headers.len();
    assert_eq!(sheet.columns.len(), width, "a column for every header");
    for row in &sheet.rows {
        assert_eq!(row.len(), width, "every row is lined up with the header");
    }
    let numbers: Vec<u32> = sheet.rows.iter().map(|r| r.number).collect();
    let mut checker = Checker::check(sheet, Context::default());
    holds_together(&checker, &numbers);

    // Edit a cell and drop a row as the bytes say, then everything must still add up.
    if !numbers.is_empty() {
        let row = usize::from(bytes[0]) % numbers.len();
        let column = usize::from(bytes.get(1).copied().unwrap_or(0)) % width.max(1);
        let value = String::from_utf8_lossy(bytes.get(2..bytes.len().min(40)).unwrap_or_default());
        checker.set_cell(row, column, &value);
        holds_together(&checker, &numbers);
        let dropped = usize::from(bytes[bytes.len() - 1]) % numbers.len();
        checker.drop_row(dropped);
        holds_together(&checker, &numbers);
    }

    // The annotated file of a readable sheet reads back, with every row not dropped.
    let rows = checker.summary().rows;
    let annotated = write::annotated(&checker, |code| code.message_en().to_owned());
    let back = match read(annotated.as_bytes(), &policy) {
        Ok(back) => back,
        Err(refusal) => panic!("the annotated file does not read back: {refusal:?}\n{annotated:?}"),
    };
    assert_eq!(
        back.rows.len(),
        rows,
        "the annotated file reads back with every row not dropped\n{annotated:?}"
    );
});

/// The checker's invariants: the counts add up, and every finding names the header (row 0) or a
/// row of the sheet.
fn holds_together(checker: &Checker, numbers: &[u32]) {
    let summary = checker.summary();
    assert_eq!(summary.valid + summary.errors, summary.rows, "{summary:?}");
    assert!(summary.rows <= numbers.len());
    assert!(checker.header_findings().iter().all(|f| f.row == 0));
    for index in 0..numbers.len() {
        for finding in checker.findings(index) {
            assert!(
                finding.row == 0 || numbers.contains(&finding.row),
                "{finding:?} names no row of the sheet"
            );
        }
    }
    for row in &checker.sheet().rows {
        assert_eq!(
            row.len(),
            checker.sheet().headers.len(),
            "an edit keeps rows lined up"
        );
    }
}
