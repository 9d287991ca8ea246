//! The corpus of real-world and hostile files under `tests/fixtures/import/`, each with its
//! expected outcome beside it (`NAME.expected`), run natively and in headless Chromium. The
//! command line's test reads the same files and the same expectations.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::{Checker, Context, read};
use crate::codes::Coded;

/// Declares the corpus: each file and its expectation, compiled in so the browser has them too.
macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        const CORPUS: &[(&str, &[u8], &str)] = &[$(
            (
                $name,
                include_bytes!(concat!("../../../../tests/fixtures/import/", $name)),
                include_str!(concat!("../../../../tests/fixtures/import/", $name, ".expected")),
            ),
        )*];
    };
}

corpus![
    "template-filled-utf8-bom.csv",
    "excel-fr-semicolon-windows-1252.csv",
    "excel-unicode-text-utf16le.csv",
    "quoted-lf-no-bom.csv",
    "common-mistakes.csv",
    "unterminated-quote.csv",
    "field-too-long.csv",
    "formula-cells.csv",
    "zip-renamed.csv",
    "xls-renamed.csv",
    "nul-bytes.csv",
    "empty.csv",
    "only-bom-and-blank-lines.csv",
    "missing-email-column.csv",
    "too-many-columns.csv",
];

/// A file's outcome without an account, one line each: `refused CODE`, or the summary then
/// `ROW COLUMN CODE SEVERITY` per finding (the format of the `.expected` files).
pub(crate) fn outcome(bytes: &[u8]) -> String {
    let ctx = Context::default();
    let sheet = match read(bytes, &ctx.policy) {
        Ok(sheet) => sheet,
        Err(refusal) => return format!("refused {}\n", refusal.code()),
    };
    let checker = Checker::check(sheet, ctx);
    let s = checker.summary();
    let mut out = format!(
        "rows {} valid {} errors {} warnings {}\n",
        s.rows, s.valid, s.errors, s.warnings
    );
    let rows = checker.sheet().rows.len();
    let findings = checker
        .header_findings()
        .into_iter()
        .chain((0..rows).flat_map(|i| checker.findings(i)));
    for f in findings {
        let severity = serde_json::to_string(&f.severity).unwrap_or_default();
        out.push_str(&format!(
            "{} {} {} {}\n",
            f.row,
            if f.column.is_empty() { "-" } else { &f.column },
            f.code,
            severity.trim_matches('"')
        ));
    }
    out
}

/// Checks every file against its expectation. With `ROSTER_BLESS=1` (natively) it writes the
/// `.expected` files from the current outcomes instead, to be read by a person and committed.
#[test]
fn every_file_of_the_corpus_has_its_expected_outcome() {
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("ROSTER_BLESS").is_some() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/import/");
        for (name, bytes, _) in CORPUS {
            std::fs::write(format!("{dir}{name}.expected"), outcome(bytes)).expect("write");
        }
        return;
    }
    let mut wrong = Vec::new();
    for (name, bytes, expected) in CORPUS {
        let actual = outcome(bytes);
        if actual != *expected {
            wrong.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
