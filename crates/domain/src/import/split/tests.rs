//! A file read in two parts, the second as a Web Worker reads it, equals the file read whole:
//! the same rows, numbers, problems and findings, duplicates across the halves included; and
//! where the halves cannot meet between records, the part is refused.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::import::{Checker, Context, Parser, PartUnusable, check_part, read};
use proptest::prelude::*;

/// What the page does with a file it shares with a worker: `None` when it reads it whole from
/// the start, `Some(false)` when it read on past the split (the halves did not meet).
fn in_two(text: &str, ctx: &Context) -> Option<(Checker, bool)> {
    let mut parser = Parser::new(text.as_bytes(), &ctx.policy).ok()?;
    let second = parser.split_off(0)?;
    let part = check_part(second.as_bytes(), ctx.clone());
    let read = |parser: &mut Parser| loop {
        match parser.step(7) {
            Ok(true) => return Some(()),
            Ok(false) => {}
            Err(_) => return None,
        }
    };
    read(&mut parser)?;
    let met = parser.halves_met();
    if !met {
        parser.read_on();
        read(&mut parser)?;
    }
    let records = parser.records();
    let mut checker = Checker::new(parser.finish(), ctx.clone());
    while !checker.check_rows(5) {}
    if met {
        let part = part.expect("the second half reads when the halves meet");
        assert_eq!(checker.absorb(&part, records), Ok(()));
    }
    assert!(checker.step(usize::MAX));
    Some((checker, met))
}

/// Everything the page shows of a checked file.
fn shown(checker: &Checker) -> (Vec<String>, String, Vec<String>) {
    let rows = (0..checker.sheet().rows.len())
        .map(|i| {
            let row = &checker.sheet().rows[i];
            format!(
                "{} {:?} {:?} {:?} valid {}",
                row.number,
                row.cells().collect::<Vec<_>>(),
                row.problem,
                checker.findings(i),
                checker.is_valid(i)
            )
        })
        .collect();
    let mut keys: Vec<String> = checker
        .username_keys()
        .into_iter()
        .map(str::to_owned)
        .collect();
    keys.sort();
    (rows, format!("{:?}", checker.summary()), keys)
}

fn context() -> Context {
    Context {
        groups: Some(vec!["Finance".into()]),
        free_seats: Some(3),
        ..Context::default()
    }
}

#[test]
fn a_duplicate_across_the_halves_and_a_quoted_line_break_at_the_middle() {
    let head = "email,first_name,last_name,licence,group,notes\r\n";
    let mut text = String::from(head);
    for n in 0..40 {
        text.push_str(&format!(
            "p{n}@x.test,Ann,Lee,yes,finance,\"a line\nbreak\"\r\n"
        ));
    }
    text.push_str("P3@x.test,Dup,Row,no,,\r\n,,,,,\r\nbad,Bad,Row,maybe,Sales,\r\n");
    let whole = Checker::check(
        read(text.as_bytes(), &context().policy).expect("read"),
        context(),
    );
    let (two, met) = in_two(&text, &context()).expect("split");
    assert!(met);
    assert_eq!(shown(&two), shown(&whole));
    // The halves did share the rows, and the second's are numbered on, past the blank record.
    let mut parser = Parser::new(text.as_bytes(), &context().policy).expect("parser");
    let second = parser.split_off(0).expect("split");
    assert!(second.starts_with(&head[..head.len() - 1]), "{second}");
    assert!(second.len() < text.len() * 2 / 3, "{}", second.len());
    let numbers: Vec<u32> = two.sheet().rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers[39..], [40, 41, 43]);
    let codes = |row: usize| {
        two.findings(row)
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(40), ["import.duplicate_email"]);
    assert_eq!(
        codes(41),
        [
            "email.missing_at",
            "import.unknown_group",
            "import.invalid_yes_no"
        ]
    );
    // Three free seats: the fourth licence on is beyond them.
    assert!(two.is_valid(2) && !two.is_valid(3));
}

#[test]
fn a_small_file_or_one_whose_halves_cannot_meet_is_read_whole() {
    let small = "email,first_name,last_name\na@x.test,A,B\nb@x.test,C,D\n";
    let mut parser = Parser::new(small.as_bytes(), &Context::default().policy).expect("parser");
    assert_eq!(parser.split_off(small.len()), None);
    // A quote opened after the split point never closes: no line there starts a record.
    let open = format!("{small}c@x.test,\"E,F\ng@x.test,G,H\n");
    assert!(in_two(&open, &Context::default()).is_none());
    // A stray quote misleads the count: the split falls inside a quoted field, and the page
    // reads on.
    let stray = "email,first_name,last_name\nO\"Brien,A,B\na@x.test,\"x\ny\",B\nc@x.test,C,D\n";
    let (two, met) = in_two(stray, &Context::default()).expect("split");
    assert!(!met);
    let whole = Checker::check(
        read(stray.as_bytes(), &Context::default().policy).expect("read"),
        Context::default(),
    );
    assert_eq!(shown(&two), shown(&whole));
    assert_eq!(two.sheet().rows.len(), 3);
}

#[test]
fn a_part_not_written_by_check_part_is_refused_and_nothing_changes() {
    let text = "email,first_name,last_name\na@x.test,A,B\n";
    let mut checker = Checker::new(
        read(text.as_bytes(), &Context::default().policy).expect("read"),
        Context::default(),
    );
    while !checker.check_rows(1) {}
    let good = check_part(text.as_bytes(), Context::default()).expect("part");
    for broken in [
        &good[..good.len() - 1],
        &[good.as_slice(), &[0]].concat(),
        &[9, 9, 9, 9][..],
    ] {
        assert_eq!(checker.absorb(broken, 1), Err(PartUnusable));
        assert_eq!(checker.sheet().rows.len(), 1);
    }
    assert_eq!(checker.absorb(&good, 1), Ok(()));
    assert_eq!(checker.sheet().rows.len(), 2);
}

/// A field: plain, with a stray quote, quoted with a comma, a line break or doubled quotes, or
/// an email from a small pool (duplicates).
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex("[a-z ]{0,4}").expect("a pattern"),
        Just("O\"Brien".to_owned()),
        Just("\"Da, Silva\"".to_owned()),
        Just("\"two\nlines\"".to_owned()),
        Just("\"say \"\"hi\"\"\"".to_owned()),
        (0..6u8).prop_map(|n| format!("p{n}@x.test")),
        Just("yes".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reading_in_two_parts_equals_reading_whole(
        lines in proptest::collection::vec((proptest::collection::vec(field(), 1..6), prop_oneof![Just("\n"), Just("\r\n"), Just("\n\n")]), 2..30),
    ) {
        let mut text = String::from("email,first_name,last_name,licence\n");
        for (fields, end) in &lines {
            text.push_str(&fields.join(","));
            text.push_str(end);
        }
        let ctx = context();
        let Ok(sheet) = read(text.as_bytes(), &ctx.policy) else { return Ok(()) };
        let whole = Checker::check(sheet, ctx.clone());
        if let Some((two, _)) = in_two(&text, &ctx) {
            prop_assert_eq!(shown(&two), shown(&whole));
        }
    }
}
