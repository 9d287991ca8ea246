//! `roster import check FILE [--database URL --account NAME]`: the import's checks from the
//! command line, for administrators who script imports. One JSON object per finding, then a
//! summary; exit 0 when no row has an error, 1 when some do, 2 when the file is refused.

use roster_domain::import::{Checker, Context, Finding, Severity, Summary, read};
use roster_domain::{Coded, ErrorCode};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// A finding as printed.
#[derive(Debug, Serialize)]
struct Line<'a> {
    row: u32,
    column: &'a str,
    code: ErrorCode,
    severity: Severity,
    message: &'a str,
}

impl<'a> From<&'a Finding> for Line<'a> {
    fn from(f: &'a Finding) -> Self {
        Line {
            row: f.row,
            column: &f.column,
            code: f.code,
            severity: f.severity,
            message: f.code.message_en(),
        }
    }
}

/// Where to look up the account, when asked to.
#[derive(Debug, Clone)]
pub struct AccountRef {
    pub database: String,
    pub account: String,
}

/// Runs the check and prints its findings to `out`; answers the exit code.
pub async fn check(file: &Path, account: Option<AccountRef>, out: &mut impl Write) -> ExitCode {
    match run(file, account, out).await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("roster import check: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(
    file: &Path,
    account: Option<AccountRef>,
    out: &mut impl Write,
) -> Result<ExitCode, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let (ctx, db) = match &account {
        Some(account) => {
            let pool = crate::store::open_read_only(&account.database).await?;
            let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
            let id = account_id(&mut conn, &account.account).await?;
            let ctx = super::context(&mut conn, id, None)
                .await
                .map_err(|e| format!("reading the account: {e:?}"))?;
            (ctx, Some((conn, id)))
        }
        None => (Context::default(), None),
    };
    let sheet = match read(&bytes, &ctx.policy) {
        Ok(sheet) => sheet,
        Err(refusal) => {
            let code = refusal.code();
            let finding = Finding {
                row: 0,
                column: String::new(),
                code,
                severity: Severity::Error,
            };
            print(out, &Line::from(&finding))?;
            return Ok(ExitCode::from(2));
        }
    };
    let mut checker = Checker::check(sheet, ctx);
    if let Some((mut conn, id)) = db {
        let found = super::existing(&mut conn, id, None, &checker.username_keys())
            .await
            .map_err(|e| format!("looking up existing users: {e:?}"))?;
        checker.set_existing(found);
    }
    let findings = checker
        .header_findings()
        .into_iter()
        .chain((0..checker.sheet().rows.len()).flat_map(|i| checker.findings(i)));
    for finding in findings {
        print(out, &Line::from(&finding))?;
    }
    let summary: Summary = checker.summary();
    print(out, &summary)?;
    Ok(if summary.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print(out: &mut impl Write, value: &impl Serialize) -> Result<(), String> {
    let line = serde_json::to_string(value).map_err(|e| e.to_string())?;
    writeln!(out, "{line}").map_err(|e| e.to_string())
}

async fn account_id(conn: &mut crate::store::Conn, name: &str) -> Result<i64, String> {
    let found = crate::store::accounts::ids_named(conn, name)
        .await
        .map_err(|e| format!("finding the account: {e:?}"))?;
    match found.as_slice() {
        [id] => Ok(*id),
        [] => Err(format!("no account named {name:?}")),
        _ => Err(format!("several accounts are named {name:?}")),
    }
}
