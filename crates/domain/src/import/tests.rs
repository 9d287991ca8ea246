//! The reader's limits and the checker's whole-file rules, and a property: however a sheet is
//! edited and rows dropped, what the checker says equals checking the edited sheet afresh.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use proptest::prelude::*;

fn sheet(text: &str) -> Sheet {
    read(text.as_bytes(), &AuthzPolicy::default()).expect("a readable file")
}

fn codes(checker: &Checker, index: usize) -> Vec<String> {
    checker
        .findings(index)
        .iter()
        .map(|f| format!("{} {}", f.column, f.code))
        .collect()
}

const HEAD: &str = "email,first_name,last_name,username,licence\n";

#[test]
fn the_delimiter_is_the_header_s_most_frequent() {
    assert_eq!(
        sheet("email;first_name;last_name\na@b.test;A;B\n").delimiter,
        b';'
    );
    assert_eq!(sheet("email\tfirst_name\tlast_name\n").delimiter, b'\t');
    assert_eq!(sheet("email,first_name,last_name\n").delimiter, b',');
    // A semicolon inside a quoted header does not count.
    let quoted = sheet("\"a;b;c\",email,first_name,last_name\n");
    assert_eq!(quoted.delimiter, b',');
}

#[test]
fn limits_refuse_the_file_before_reading_it_all() {
    let many = format!("{HEAD}{}", "x@y.test,A,B,,\n".repeat(MAX_ROWS + 1));
    let refused = read(many.as_bytes(), &AuthzPolicy::default());
    assert_eq!(refused.err(), Some(FileRefusal::TooManyRows));
    let enough = format!("{HEAD}{}", "x@y.test,A,B,,\n".repeat(MAX_ROWS));
    assert_eq!(sheet(&enough).rows.len(), MAX_ROWS);
    let wide = format!(
        "email,first_name,last_name{}\n",
        ",x".repeat(MAX_COLUMNS - 2)
    );
    assert_eq!(
        read(wide.as_bytes(), &AuthzPolicy::default()).err(),
        Some(FileRefusal::TooManyColumns)
    );
}

#[test]
fn quotes_that_never_pair_up_cannot_make_reading_slow() {
    // Every line opens a quote: each recovery would read to the end again.
    let hostile = format!("{HEAD}{}", "a,\"b\n".repeat(20_000));
    match read(hostile.as_bytes(), &AuthzPolicy::default()) {
        Ok(sheet) => assert!(sheet.rows.len() <= 20_000),
        Err(refusal) => assert_eq!(refusal, FileRefusal::QuotesUnbalanced),
    }
}

#[test]
fn a_duplicate_is_the_later_row_and_fixing_it_clears_both() {
    let mut checker = Checker::check(
        sheet(&format!(
            "{HEAD}ann@x.test,Ann,A,,\nANN@x.test,Ann,B,,\nbob@x.test,Bob,B,ann@x.test,\n"
        )),
        Context::default(),
    );
    assert!(codes(&checker, 0).is_empty());
    assert_eq!(codes(&checker, 1), ["email import.duplicate_email"]);
    assert_eq!(codes(&checker, 2), ["username import.duplicate_username"]);
    checker.set_cell(1, 0, " anna@x.test ");
    assert_eq!(checker.sheet().rows[1].cell(0), "anna@x.test");
    assert!(codes(&checker, 1).is_empty());
    assert_eq!(codes(&checker, 2), ["username import.duplicate_username"]);
    // Dropping the first occurrence makes the later one the first.
    checker.drop_row(0);
    assert!(codes(&checker, 2).is_empty());
    assert_eq!(
        checker.summary(),
        Summary {
            rows: 2,
            valid: 2,
            errors: 0,
            warnings: 0
        }
    );
}

#[test]
fn a_french_file_reads_with_french_headers_and_words() {
    let checker = Checker::check(
        sheet(
            "courriel;prénom;nom;langue;rôle;licence\n\
             ann@x.test;Ann;A;Français;administratrice;oui\n\
             bob@x.test;Bob;B;allemand;utilisateur;peut-être\n",
        ),
        Context::default(),
    );
    assert!(codes(&checker, 0).is_empty(), "{:?}", codes(&checker, 0));
    assert_eq!(
        codes(&checker, 1),
        [
            "language language.unsupported",
            "licence import.invalid_yes_no"
        ]
    );
}

#[test]
fn existing_logins_and_seats_come_from_the_account() {
    let text = format!(
        "{HEAD}here@x.test,A,A,,yes\nthere@x.test,B,B,,yes\nnew@x.test,C,C,,yes\nlate@x.test,D,D,,oui\n"
    );
    let ctx = Context {
        free_seats: Some(2),
        ..Context::default()
    };
    let mut checker = Checker::check(sheet(&text), ctx);
    let mut keys = checker.username_keys();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["here@x.test", "late@x.test", "new@x.test", "there@x.test"]
    );
    assert_eq!(codes(&checker, 2), ["licence import.seats_exceeded"]);
    let existing = [
        ("here@x.test".to_owned(), Existing::Here),
        ("there@x.test".to_owned(), Existing::Elsewhere),
    ];
    checker.set_existing(existing.into_iter().collect());
    // The member already here is an error and so needs no seat: the seats move down.
    assert_eq!(codes(&checker, 0), ["email user.already_member"]);
    assert_eq!(codes(&checker, 1), ["email import.exists_elsewhere"]);
    assert!(codes(&checker, 2).is_empty());
    assert_eq!(codes(&checker, 3), ["licence import.seats_exceeded"]);
    assert!(checker.is_valid(1) && !checker.is_valid(3));
    checker.set_cell(3, 4, "no");
    assert!(checker.is_valid(3));
    assert_eq!(
        checker.summary(),
        Summary {
            rows: 4,
            valid: 3,
            errors: 1,
            warnings: 1
        }
    );
    assert_eq!(checker.attention(), [0, 1]);
}

#[test]
fn a_login_the_admin_does_not_manage_everywhere_will_be_asked_to_join() {
    let text = format!("{HEAD}shared@x.test,A,A,,no\n");
    let mut checker = Checker::check(sheet(&text), Context::default());
    let existing = [("shared@x.test".to_owned(), Existing::Consent)];
    checker.set_existing(existing.into_iter().collect());
    assert_eq!(codes(&checker, 0), ["email import.join_request"]);
    assert!(checker.is_valid(0), "a warning: the row is sent");
}

#[test]
fn editing_a_broken_record_clears_its_problem() {
    let mut checker = Checker::check(
        sheet("email,first_name,last_name\nshort@x.test,Short\n"),
        Context::default(),
    );
    assert_eq!(
        codes(&checker, 0),
        [" import.field_count", "last_name person_name.required"]
    );
    checker.set_cell(0, 2, "Row");
    assert!(codes(&checker, 0).is_empty());
}

#[test]
fn the_annotated_file_has_the_issues_column_and_reads_back() {
    let mut checker = Checker::check(
        sheet(
            "email,first_name,last_name,department\nbad,=Eve,X,HR\nok@x.test,Ok,Y,IT\ngone@x.test,G,Z,IT\n",
        ),
        Context::default(),
    );
    checker.drop_row(2);
    let text = write::annotated(&checker, |code| code.message_en().to_owned());
    let back = sheet(&text);
    assert_eq!(
        back.headers,
        ["email", "first_name", "last_name", "department", "issues"]
    );
    assert_eq!(back.rows.len(), 2);
    assert_eq!(
        back.rows[0].cell(1),
        "=Eve",
        "guarded on the way out, read back as written"
    );
    assert!(text.contains("\"'=Eve\""));
    assert!(
        back.rows[0]
            .cell(4)
            .starts_with("email: An email address needs an @")
    );
    assert_eq!(back.rows[1].cell(4), "");
    // Read back, the issues column is neither a warning nor repeated, and a file of 64 columns
    // with its issues still reads.
    let again = Checker::check(back, Context::default());
    assert!(again.header_findings().iter().all(|f| f.column != "issues"));
    let twice = write::annotated(&again, |code| code.message_en().to_owned());
    assert_eq!(
        twice.lines().next().map(|l| l.matches("issues").count()),
        Some(1)
    );
    let wide = format!(
        "email,first_name,last_name{},issues\n",
        ",x".repeat(MAX_COLUMNS - 3)
    );
    assert!(read(wide.as_bytes(), &AuthzPolicy::default()).is_ok());
}

/// An edit: set a cell of a row to one of a few values, or drop a row.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, usize, &'static str),
    Drop(usize),
}

const VALUES: [&str; 8] = [
    "a@x.test", "A@x.test", "b@x.test", "bad", "", "yes", "no", "Bo",
];

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (0..6usize, 0..5usize, 0..VALUES.len()).prop_map(|(r, c, v)| Edit::Set(r, c, VALUES[v])),
        (0..6usize).prop_map(Edit::Drop),
    ];
    proptest::collection::vec(edit, 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn incremental_checks_equal_a_fresh_check(edits in edits(), free in 0..4u32) {
        let text = format!(
            "{HEAD}a@x.test,A,A,,yes\nb@x.test,B,B,a@x.test,yes\nA@x.test,C,C,,no\n\
             c@x.test,D,D,,yes\nbad,E,E,,yes\nd@x.test,F,F,c@x.test,yes\n"
        );
        let ctx = Context { free_seats: Some(free), ..Context::default() };
        let mut live = Checker::check(sheet(&text), ctx.clone());
        for edit in &edits {
            match *edit {
                Edit::Set(row, column, value) => live.set_cell(row, column, value),
                Edit::Drop(row) => live.drop_row(row),
            }
        }
        // Afresh: the edited rows that were not dropped, numbers kept.
        let mut kept = live.sheet().clone();
        let rows = std::mem::take(&mut kept.rows);
        kept.rows = rows.into_iter().enumerate().filter(|(i, _)| !live.is_dropped(*i)).map(|(_, r)| r).collect();
        let fresh = Checker::check(kept, ctx);
        let live_findings: Vec<Finding> = (0..6).filter(|&i| !live.is_dropped(i)).flat_map(|i| live.findings(i)).collect();
        let fresh_findings: Vec<Finding> = (0..fresh.sheet().rows.len()).flat_map(|i| fresh.findings(i)).collect();
        prop_assert_eq!(live_findings, fresh_findings);
        prop_assert_eq!(live.summary(), fresh.summary());
    }
}

/// A line's fields, and how it ends.
type Line = (Vec<String>, &'static str);

fn lines() -> impl Strategy<Value = Vec<Line>> {
    let field = proptest::string::string_regex("[a-zé' @.=+-]{0,6}").expect("a pattern");
    let line = (
        // One empty field is a blank line unquoted, and a record quoted: not the same file.
        proptest::collection::vec(field, 1..6).prop_filter("not blank", |f| f != &[""]),
        prop_oneof![
            Just("\n"),
            Just("\r\n"),
            Just("\r"),
            Just("\n\n"),
            Just("\r\n\r\n")
        ],
    );
    proptest::collection::vec(line, 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Lines without a quote are read apart from `csv-core`; with every field quoted, the same
    /// lines go through it: both must give the same sheet, whatever the line ends, blank lines,
    /// field counts or which lines are quoted.
    #[test]
    fn lines_without_quotes_read_as_csv_core_reads_them(lines in lines(), quoted in any::<u8>(), last_end in any::<bool>()) {
        let write = |quote: &dyn Fn(usize) -> bool| {
            let mut text = String::from("email,first_name,last_name\r\n");
            for (n, (fields, end)) in lines.iter().enumerate() {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| if quote(n) { format!("\"{f}\"") } else { f.clone() })
                    .collect();
                text.push_str(&fields.join(","));
                if last_end || n + 1 < lines.len() {
                    text.push_str(end);
                }
            }
            text
        };
        let plain = sheet(&write(&|_| false));
        prop_assert_eq!(&plain, &sheet(&write(&|_| true)));
        prop_assert_eq!(&plain, &sheet(&write(&|n| quoted & (1 << (n % 8)) != 0)));
    }
}
