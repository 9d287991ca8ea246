//! Every CSV Roster hands out (the template, the annotated file, the results, the export): RFC
//! 4180 quoting, CRLF line ends, a UTF-8 byte order mark so Excel shows accents, and no cell a
//! spreadsheet would run as a formula.

use super::check::Checker;
use super::columns::template_fields;
use crate::authz::AuthzPolicy;
use crate::codes::ErrorCode;
use crate::values::Language;

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// The column of the annotated file telling each row's findings.
pub const ISSUES: &str = "issues";

/// Whether a header names the `issues` column of an annotated file (read, and ignored).
pub(crate) fn is_issues(header: &str) -> bool {
    header.trim().eq_ignore_ascii_case(ISSUES)
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Appends one cell: an apostrophe before a leading formula character (spreadsheets show the
/// text and do not run it; the reader drops that apostrophe again), and quotes around a cell
/// holding a comma, a quote or a line break, its quotes doubled. NUL characters are left out:
/// no text file holds them, and a file with one would be read as binary.
pub fn cell(out: &mut String, value: &str) {
    // Most cells need nothing: one pass over the bytes tells (a file has 50,000 rows of them).
    let plain = !value.starts_with(FORMULA_STARTS)
        && !value
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r' | b';' | b'\0'));
    if plain {
        out.push_str(value);
        return;
    }
    let without_nul;
    let value = if value.contains('\0') {
        without_nul = value.replace('\0', "");
        without_nul.as_str()
    } else {
        value
    };
    let guarded = value.starts_with(FORMULA_STARTS);
    let quoted = guarded || value.contains([',', '"', '\n', '\r', ';']);
    if quoted {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    if quoted {
        for (n, part) in value.split('"').enumerate() {
            if n > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Appends one record and its CRLF.
pub fn record<'a>(out: &mut String, values: impl IntoIterator<Item = &'a str>) {
    for (n, value) in values.into_iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        cell(out, value);
    }
    out.push_str("\r\n");
}

/// Whether a cell read from a file was guarded by [`cell`]: an apostrophe before a formula
/// character. The reader keeps the text after it.
pub fn unguard(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => value,
    }
}

/// The template: the header the reader expects, for this account's authority kinds.
pub fn template(policy: &AuthzPolicy) -> String {
    template_in(policy, Language::En)
}

/// The template for a person reading `language`: the English header, comma separated; or the
/// French header (`courriel;prénom;nom`), semicolon separated, as French Excel saves and opens
/// CSV files (it would show a comma-separated file in one column). The reader takes either.
pub fn template_in(policy: &AuthzPolicy, language: Language) -> String {
    let mut out = String::from(BOM);
    let fields = template_fields(policy);
    match language {
        Language::En => record(&mut out, fields.iter().map(|f| f.name())),
        Language::Fr => {
            let names: Vec<&str> = fields.iter().map(|f| f.french_name()).collect();
            // No French name holds a semicolon, a quote or a formula character: none is quoted.
            out.push_str(&names.join(";"));
            out.push_str("\r\n");
        }
    }
    out
}

/// The file as read (and edited), rows dropped left out, with an `issues` column telling each
/// row's findings as `column: message`, in the reader's language (an `issues` column the file
/// had, from an earlier round, is replaced).
pub fn annotated(checker: &Checker, message: impl Fn(ErrorCode) -> String) -> String {
    let sheet = checker.sheet();
    let kept: Vec<usize> = (0..sheet.headers.len())
        .filter(|&c| !is_issues(&sheet.headers[c]))
        .collect();
    let mut out = String::from(BOM);
    record(
        &mut out,
        kept.iter()
            .map(|&c| sheet.headers[c].as_str())
            .chain([ISSUES]),
    );
    for (index, row) in sheet.rows.iter().enumerate() {
        if checker.is_dropped(index) {
            continue;
        }
        let issues: Vec<String> = checker
            .findings(index)
            .iter()
            .map(|f| match f.column.as_str() {
                "" => message(f.code),
                column => format!("{column}: {}", message(f.code)),
            })
            .collect();
        let issues = issues.join(" | ");
        record(
            &mut out,
            kept.iter().map(|&c| row.cell(c)).chain([issues.as_str()]),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn line(values: &[&str]) -> String {
        let mut out = String::new();
        record(&mut out, values.iter().copied());
        out
    }

    #[test]
    fn formulas_are_neutralised_and_quoting_is_rfc_4180() {
        assert_eq!(
            line(&["plain", "a,b", "say \"hi\""]),
            "plain,\"a,b\",\"say \"\"hi\"\"\"\r\n"
        );
        assert_eq!(
            line(&["=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx"]),
            "\"'=1+1\",\"'+33 1\",\"'-2\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\"\r\n"
        );
        assert_eq!(line(&["two\nlines", ""]), "\"two\nlines\",\r\n");
        assert_eq!(
            line(&["a=b", "x-y"]),
            "a=b,x-y\r\n",
            "only a leading character counts"
        );
    }

    #[test]
    fn the_reader_undoes_the_guard_only() {
        assert_eq!(unguard("'+33 1"), "+33 1");
        assert_eq!(unguard("'=x"), "=x");
        assert_eq!(unguard("'tis"), "'tis");
        assert_eq!(unguard("O'Brien"), "O'Brien");
    }

    #[test]
    fn the_template_starts_with_a_bom_and_reads_back() {
        let text = template(&AuthzPolicy::default());
        assert!(text.starts_with(BOM));
        assert!(text.ends_with("exchange_domain,exchange_username\r\n"));
        let refused = super::super::read(text.as_bytes(), &AuthzPolicy::default());
        let sheet = refused.expect("the template reads");
        assert!(sheet.columns.iter().all(Option::is_some));
        assert!(sheet.rows.is_empty());
    }

    #[test]
    fn the_french_template_is_semicolon_separated_and_reads_back() {
        let policy = AuthzPolicy::default();
        let text = template_in(&policy, Language::Fr);
        assert!(text.starts_with(&format!("{BOM}courriel;prénom;nom;identifiant;")));
        assert!(text.ends_with(";domaine_exchange;identifiant_exchange\r\n"));
        let sheet = super::super::read(text.as_bytes(), &policy).expect("the template reads");
        assert_eq!(sheet.delimiter, b';');
        assert_eq!(
            sheet.columns,
            template_fields(&policy)
                .into_iter()
                .map(Some)
                .collect::<Vec<_>>()
        );
        assert_eq!(template_in(&policy, Language::En), template(&policy));
    }
}
