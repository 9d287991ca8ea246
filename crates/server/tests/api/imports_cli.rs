//! `roster import check`: the corpus's expected outcomes from the command line, the exit codes,
//! and the account's rules when given a database.

use crate::helpers::spawn_app;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import")
}

/// Runs the command; answers its exit code and its JSON lines.
fn check(args: &[&str]) -> (i32, Vec<Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_roster"))
        .args(["import", "check"])
        .args(args)
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code().unwrap(), lines)
}

/// The JSON lines in the `.expected` format (see the domain's corpus test).
fn as_expected(lines: &[Value]) -> String {
    let mut out = String::new();
    let (findings, summary) = match lines.last() {
        Some(last) if last.get("rows").is_some() => (&lines[..lines.len() - 1], Some(last)),
        _ => (lines, None),
    };
    if let Some(s) = summary {
        out.push_str(&format!(
            "rows {} valid {} errors {} warnings {}\n",
            s["rows"], s["valid"], s["errors"], s["warnings"]
        ));
    }
    for f in findings {
        assert!(!f["message"].as_str().unwrap().is_empty());
        if summary.is_none() {
            out.push_str(&format!("refused {}\n", f["code"].as_str().unwrap()));
            continue;
        }
        let column = f["column"].as_str().unwrap();
        out.push_str(&format!(
            "{} {} {} {}\n",
            f["row"],
            if column.is_empty() { "-" } else { column },
            f["code"].as_str().unwrap(),
            f["severity"].as_str().unwrap()
        ));
    }
    out
}

#[test]
fn every_file_of_the_corpus_gives_its_expected_outcome_and_exit_code() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expected") {
            continue;
        }
        let expected = std::fs::read_to_string(format!("{}.expected", path.display())).unwrap();
        let (code, lines) = check(&[path.to_str().unwrap()]);
        assert_eq!(as_expected(&lines), expected, "{}", path.display());
        let want = if expected.starts_with("refused") {
            2
        } else if expected.contains(" errors 0 ") {
            0
        } else {
            1
        };
        assert_eq!(code, want, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 15, "the corpus was found ({seen} files)");
}

#[tokio::test]
async fn with_a_database_the_account_s_rules_apply_too() {
    let app = spawn_app().await;
    let dir = std::env::temp_dir().join(format!("roster-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("people.csv");
    std::fs::write(
        &file,
        "email,first_name,last_name,group\n\
         admin@acme.test,Already,Here,\n\
         eu-admin@acme.test,Else,Where,\n\
         new@acme.test,New,Person,Finance\n\
         outside@example.com,Out,Side,Nowhere\n",
    )
    .unwrap();
    let (code, lines) = check(&[
        file.to_str().unwrap(),
        "--database",
        &app.database_url,
        "--account",
        "Acme Records",
    ]);
    let got: Vec<String> = lines
        .iter()
        .filter(|l| l.get("code").is_some())
        .map(|l| {
            format!(
                "{} {} {}",
                l["row"],
                l["column"].as_str().unwrap(),
                l["code"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "1 email user.already_member",
            "2 email import.exists_elsewhere",
            "4 email domain.not_approved",
            "4 group import.unknown_group",
        ]
    );
    assert_eq!(
        lines.last().unwrap(),
        &serde_json::json!({"rows": 4, "valid": 2, "errors": 2, "warnings": 1})
    );
    assert_eq!(code, 1);
    let (code, _) = check(&[
        file.to_str().unwrap(),
        "--database",
        &app.database_url,
        "--account",
        "No Such",
    ]);
    assert_eq!(code, 2);
    let (code, _) = check(&["/no/such/file.csv"]);
    assert_eq!(code, 2);
    let _ = std::fs::remove_dir_all(dir);
}
