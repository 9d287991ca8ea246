//! Any bytes at all, as an admin might choose them: the reader never panics or hangs (libFuzzer's
//! timeout), and what it reads holds together.

#![no_main]

use libfuzzer_sys::fuzz_target;
use roster_domain::authz::AuthzPolicy;
use roster_domain::import::{Checker, Context, Parser, read, write};

fuzz_target!(|bytes: &[u8]| {
    let policy = AuthzPolicy::default();
    let Ok(sheet) = read(bytes, &policy) else {
        return;
    };
    // Reading a few records at a time gives the very same sheet.
    if let Ok(mut parser) = Parser::new(bytes, &policy) {
        while !parser
            .step(7)
            .expect("a file read whole is read in steps too")
        {}
        assert_eq!(parser.finish(), sheet);
    }
    let width = sheet.headers.len();
    for row in &sheet.rows {
        assert_eq!(row.len(), width, "every row is lined up with the header");
    }
    let numbers: Vec<u32> = sheet.rows.iter().map(|r| r.number).collect();
    let mut checker = Checker::check(sheet, Context::default());
    // Edit and drop as the bytes say, then everything must still add up.
    if let (Some(&first), false) = (bytes.first(), numbers.is_empty()) {
        let row = usize::from(first) % numbers.len();
        let column = usize::from(bytes.get(1).copied().unwrap_or(0)) % width.max(1);
        let value = String::from_utf8_lossy(bytes.get(2..bytes.len().min(40)).unwrap_or_default());
        checker.set_cell(row, column, &value);
        checker.drop_row(usize::from(bytes.last().copied().unwrap_or(0)) % numbers.len());
    }
    let summary = checker.summary();
    assert_eq!(summary.valid + summary.errors, summary.rows);
    for index in 0..numbers.len() {
        for finding in checker.findings(index) {
            assert!(finding.row == 0 || numbers.contains(&finding.row));
        }
    }
    // The annotated file Roster writes reads back, with every row not dropped.
    let annotated = write::annotated(&checker, |code| code.message_en().to_owned());
    let back = read(annotated.as_bytes(), &policy).expect("the annotated file reads back");
    assert_eq!(back.rows.len(), summary.rows);
});
