//! The second half of a large file, read and checked beside the page (see `import/split.rs`):
//! its rows and each row's own checks, as bytes a Web Worker hands back ([`check_part`]), and
//! their joining the page's rows ([`Checker::absorb`]) before the checks that need every row.
//!
//! The bytes are little-endian `u32`s and length-prefixed texts: the rows' shared values as
//! they were read (no copy per value), then per row its number, place and record problem, then
//! per row its keys, flags and findings.

use super::{Checker, State};
use crate::codes::ErrorCode;
use crate::import::row::CellFinding;
use crate::import::sheet::{Chunk, RecordProblem, Row};
use crate::import::{Context, Field, FileRefusal, MAX_ROWS, Severity, read};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Why a part cannot join the page's rows; the page then reads the whole file itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartUnusable;

/// Reads `text` (a header and the file's second half, from [`crate::import::Parser::split_off`])
/// and checks each row on its own, for [`Checker::absorb`].
pub fn check_part(text: &[u8], ctx: Context) -> Result<Vec<u8>, FileRefusal> {
    let mut checker = Checker::new(read(text, &ctx.policy)?, ctx);
    while !checker.check_own_rows(usize::MAX) {}
    Ok(checker.part())
}

const USERNAME_GIVEN: u32 = 1;
const LICENCE: u32 = 2;
const EMAIL: u32 = 4;
const USERNAME: u32 = 8;
const USERNAME_IS_EMAIL: u32 = 16;

impl Checker {
    /// Every row, checked on its own, as bytes.
    fn part(&self) -> Vec<u8> {
        let mut out = Out(Vec::new());
        let mut chunks: FxHashMap<*const Chunk, u32> = FxHashMap::default();
        let mut listed: Vec<&Chunk> = Vec::new();
        let places: Vec<u32> = self
            .sheet
            .rows
            .iter()
            .map(|row| {
                *chunks.entry(Arc::as_ptr(&row.chunk)).or_insert_with(|| {
                    listed.push(&row.chunk);
                    clamp(listed.len() - 1)
                })
            })
            .collect();
        out.len(listed.len());
        for chunk in listed {
            out.bytes(chunk.text.as_bytes());
            out.len(chunk.ends.len());
            for &end in &chunk.ends {
                out.u32(end);
            }
        }
        out.len(self.sheet.rows.len());
        for (row, place) in self.sheet.rows.iter().zip(places) {
            let (kind, a, b) = match row.problem {
                None => (0, 0, 0),
                Some(RecordProblem::FieldCount { found, expected }) => {
                    (1, clamp(found), clamp(expected))
                }
                Some(RecordProblem::FieldTooLong { column }) => (2, clamp(column), 0),
                Some(RecordProblem::UnterminatedQuote) => (3, 0, 0),
            };
            for n in [row.number, place, row.start, row.first, row.len, kind, a, b] {
                out.u32(n);
            }
        }
        for state in &self.states {
            let shared =
                matches!((&state.email, &state.username), (Some(e), Some(u)) if Arc::ptr_eq(e, u));
            let flags = [
                (state.username_given, USERNAME_GIVEN),
                (state.licence, LICENCE),
                (state.email.is_some(), EMAIL),
                (state.username.is_some(), USERNAME),
                (shared, USERNAME_IS_EMAIL),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .fold(0, |flags, (_, bit)| flags | bit);
            out.u32(flags);
            if let Some(email) = &state.email {
                out.bytes(email.as_bytes());
            }
            if let (Some(username), false) = (&state.username, shared) {
                out.bytes(username.as_bytes());
            }
            out.len(state.own.len());
            for finding in &state.own {
                out.bytes(finding.field.name().as_bytes());
                out.bytes(finding.code.as_str().as_bytes());
                out.u32(u32::from(finding.severity == Severity::Warning));
            }
        }
        out.0
    }

    /// Adds the rows of a part after this checker's, numbered on from `records` (the records
    /// this checker's parser read, [`crate::import::Parser::records`], once the halves met),
    /// once every row here is checked and before the checks that need every row. Refused,
    /// leaving this checker as it was, when the rows would be too many or the part is not one
    /// [`check_part`] wrote.
    pub fn absorb(&mut self, part: &[u8], records: u32) -> Result<(), PartUnusable> {
        if self.indexed || self.checked < self.states.len() {
            return Err(PartUnusable);
        }
        let mut input = In(part);
        let mut chunks = Vec::new();
        for _ in 0..input.u32()? {
            let text = input.text()?.to_owned();
            let count = input.u32()? as usize;
            let ends = input
                .take(count.checked_mul(4).ok_or(PartUnusable)?)?
                .chunks_exact(4)
                .map(|end| u32::from_le_bytes([end[0], end[1], end[2], end[3]]))
                .collect();
            chunks.push(Arc::new(Chunk { text, ends }));
        }
        let count = input.u32()? as usize;
        if self.sheet.rows.len() + count > MAX_ROWS {
            return Err(PartUnusable);
        }
        let mut rows = Vec::with_capacity(count);
        for _ in 0..count {
            let [number, place, start, first, len, kind, a, b] = input.array()?;
            let problem = match kind {
                0 => None,
                1 => Some(RecordProblem::FieldCount {
                    found: a as usize,
                    expected: b as usize,
                }),
                2 => Some(RecordProblem::FieldTooLong { column: a as usize }),
                3 => Some(RecordProblem::UnterminatedQuote),
                _ => return Err(PartUnusable),
            };
            rows.push(Row {
                number: number.checked_add(records).ok_or(PartUnusable)?,
                problem,
                chunk: Arc::clone(chunks.get(place as usize).ok_or(PartUnusable)?),
                start,
                first,
                len,
            });
        }
        let mut states = Vec::with_capacity(count);
        for _ in 0..count {
            let flags = input.u32()?;
            let email: Option<Arc<str>> = match flags & EMAIL {
                0 => None,
                _ => Some(input.text()?.into()),
            };
            let username = match (flags & USERNAME, flags & USERNAME_IS_EMAIL, &email) {
                (0, _, _) => None,
                (_, 0, _) => Some(input.text()?.into()),
                (_, _, Some(email)) => Some(Arc::clone(email)),
                (_, _, None) => return Err(PartUnusable),
            };
            let mut own = Vec::new();
            for _ in 0..input.u32()? {
                let field = Field::from_header(input.text()?, &self.ctx.policy);
                let code = ErrorCode::parse(input.text()?);
                let severity = match input.u32()? {
                    0 => Severity::Error,
                    _ => Severity::Warning,
                };
                let (Some(field), Some(code)) = (field, code) else {
                    return Err(PartUnusable);
                };
                own.push(CellFinding {
                    field,
                    code,
                    severity,
                });
            }
            states.push(State {
                own,
                email,
                username,
                username_given: flags & USERNAME_GIVEN != 0,
                licence: flags & LICENCE != 0,
                ..State::default()
            });
        }
        if !input.0.is_empty() {
            return Err(PartUnusable);
        }
        self.sheet.rows.extend(rows);
        self.states.extend(states);
        self.checked = self.states.len();
        Ok(())
    }
}

/// A count or an index: within `u32`, as the rows' own are.
fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Bytes being written.
struct Out(Vec<u8>);

impl Out {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, n: usize) -> u32 {
        let n = clamp(n);
        self.u32(n);
        n
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.0.extend_from_slice(bytes);
    }
}

/// Bytes being read.
struct In<'a>(&'a [u8]);

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], PartUnusable> {
        if self.0.len() < n {
            return Err(PartUnusable);
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(taken)
    }

    fn u32(&mut self) -> Result<u32, PartUnusable> {
        let bytes = self.take(4)?.try_into().map_err(|_| PartUnusable)?;
        Ok(u32::from_le_bytes(bytes))
    }

    fn array<const N: usize>(&mut self) -> Result<[u32; N], PartUnusable> {
        let mut out = [0; N];
        for n in &mut out {
            *n = self.u32()?;
        }
        Ok(out)
    }

    fn text(&mut self) -> Result<&'a str, PartUnusable> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| PartUnusable)
    }
}
