//! Text to a sheet of rows: the delimiter, the header, and each record (RFC 4180 through
//! `csv-core`), in steps the app can run between frames.
//!
//! A problem with one record (too many or too few fields, a field over the limit, a quote that
//! never closes) stays on that record; the file is refused as a whole only for what makes every
//! row meaningless (no email, first or last name column) or could make reading it hang.

use super::columns::Field;
use super::decode::{decode, detect_delimiter};
use super::sheet::{Chunk, RecordProblem, Row, Sheet};
use super::{FileRefusal, MAX_COLUMNS, MAX_FIELD_CHARS, MAX_ROWS};
use crate::authz::AuthzPolicy;
use crate::values::text::trim;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use std::sync::Arc;

/// Reads a whole file at once (the server, the command line, tests).
pub fn read(bytes: &[u8], policy: &AuthzPolicy) -> Result<Sheet, FileRefusal> {
    let mut parser = Parser::new(bytes, policy)?;
    while !parser.step(usize::MAX)? {}
    Ok(parser.finish())
}

/// Reads a file a few records at a time, so a page can stay responsive.
#[derive(Debug)]
pub struct Parser {
    pub(super) text: String,
    pub(super) pos: usize,
    reader: Reader,
    sheet: Sheet,
    pub(super) records: u32,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Bytes read again after unterminated quotes; bounded so no file can make reading slow.
    reread: usize,
    /// The values of the rows read in this step, and the rows, until the step shares them out.
    pending: Chunk,
    pending_rows: Vec<(u32, Option<RecordProblem>, u32, u32, u32)>,
    /// Where a second reader takes over (see `split.rs`), and whether a record started there.
    pub(super) split: Option<usize>,
    pub(super) met: bool,
}

/// One record as `csv-core` gave it, its values appended to the pending chunk.
struct Raw {
    start: usize,
    first: usize,
    too_long: Option<usize>,
    unterminated: bool,
}

impl Parser {
    /// Decodes the file, finds the delimiter and reads the header.
    pub fn new(bytes: &[u8], policy: &AuthzPolicy) -> Result<Parser, FileRefusal> {
        let (text, encoding) = decode(bytes)?;
        let delimiter = detect_delimiter(&text);
        // `csv-core`'s output, for the lines with quotes: grown as they need.
        let out = vec![0; 4096];
        let mut parser = Parser {
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            pos: 0,
            sheet: Sheet {
                encoding,
                delimiter,
                headers: Vec::new(),
                columns: Vec::new(),
                rows: Vec::new(),
            },
            records: 0,
            out,
            ends: vec![0; MAX_COLUMNS + 1],
            reread: 0,
            pending: Chunk::default(),
            pending_rows: Vec::new(),
            split: None,
            met: false,
            text,
        };
        let header = parser.record()?.ok_or(FileRefusal::Empty)?;
        let mut from = header.start;
        let headers: Vec<String> = parser.pending.ends[header.first..]
            .iter()
            .map(|&end| {
                let value = parser.pending.text[from..end as usize].to_owned();
                from = end as usize;
                value
            })
            .collect();
        parser.pending = Chunk::default();
        // The `issues` column Roster adds to the files it hands back does not count: an
        // annotated file always reads back.
        if headers
            .iter()
            .filter(|h| !super::write::is_issues(h))
            .count()
            > MAX_COLUMNS
        {
            return Err(FileRefusal::TooManyColumns);
        }
        let mut columns: Vec<Option<Field>> = Vec::with_capacity(headers.len());
        for name in &headers {
            let field =
                Field::from_header(name, policy).filter(|f| !columns.contains(&Some(f.clone())));
            columns.push(field);
        }
        let has = |f: Field| columns.contains(&Some(f));
        if !(has(Field::Email) && has(Field::FirstName) && has(Field::LastName)) {
            return Err(FileRefusal::MissingColumns);
        }
        parser.sheet.headers = headers;
        parser.sheet.columns = columns;
        Ok(parser)
    }

    /// Reads up to `max` more records; `true` once the file is read to its end.
    pub fn step(&mut self, max: usize) -> Result<bool, FileRefusal> {
        let done = self.read_some(max);
        // Share the step's values out to its rows, whatever happened.
        let chunk = Arc::new(std::mem::take(&mut self.pending));
        for (number, problem, start, first, len) in self.pending_rows.drain(..) {
            self.sheet.rows.push(Row {
                number,
                problem,
                chunk: Arc::clone(&chunk),
                start,
                first,
                len,
            });
        }
        done
    }

    fn read_some(&mut self, max: usize) -> Result<bool, FileRefusal> {
        let u32_of = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        // Room for the step's values at once, as long as the lines so far (the header's at
        // first): a chunk grown a value at a time is copied over and over.
        let line = self.pos / (self.records as usize + 1);
        let room = max
            .saturating_mul(line)
            .min(self.text.len() - self.pos.min(self.text.len()));
        self.pending.text.reserve(room);
        // Each value but a line's last takes at least its delimiter.
        let columns = self.sheet.headers.len();
        self.pending
            .ends
            .reserve(max.saturating_mul(columns).min(room + columns));
        for _ in 0..max {
            let Some(raw) = self.record()? else {
                return Ok(true);
            };
            self.records += 1;
            if self.pending.text.len() == raw.start {
                // `,,,,` lines that spreadsheets leave below the data.
                self.pending.ends.truncate(raw.first);
                continue;
            }
            if self.sheet.rows.len() + self.pending_rows.len() == MAX_ROWS {
                return Err(FileRefusal::TooManyRows);
            }
            let expected = self.sheet.headers.len();
            let found = self.pending.ends.len() - raw.first;
            let problem = if raw.unterminated {
                Some(RecordProblem::UnterminatedQuote)
            } else if found != expected {
                Some(RecordProblem::FieldCount { found, expected })
            } else {
                raw.too_long
                    .map(|column| RecordProblem::FieldTooLong { column })
            };
            // Lined up with the header: short rows get empty values, long ones lose the extra.
            if found > expected {
                let end = match expected {
                    0 => raw.start,
                    n => self.pending.ends[raw.first + n - 1] as usize,
                };
                self.pending.ends.truncate(raw.first + expected);
                self.pending.text.truncate(end);
            }
            while self.pending.ends.len() - raw.first < expected {
                self.pending.push("");
            }
            self.pending_rows.push((
                self.records,
                problem,
                u32_of(raw.start),
                u32_of(raw.first),
                u32_of(expected),
            ));
        }
        Ok(self.pos >= self.text.len())
    }

    /// How far reading has got, in bytes of text, and the total.
    pub fn progress(&self) -> (usize, usize) {
        let end = self.split.unwrap_or(self.text.len());
        (self.pos.min(end), end)
    }

    /// The sheet read so far.
    pub fn finish(self) -> Sheet {
        self.sheet
    }

    /// The next record, or `None` at the end of the text.
    fn record(&mut self) -> Result<Option<Raw>, FileRefusal> {
        let bytes = self.text.as_bytes();
        // Blank lines between records are skipped, as `csv-core` skips them.
        let from = self.pos
            + bytes[self.pos..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        if from == bytes.len() {
            self.pos = from;
            return Ok(None);
        }
        if let Some(split) = self.split
            && from >= split
        {
            self.met = from == split;
            return Ok(None);
        }
        // Most lines hold no quote: their fields are the text between delimiters, read without
        // `csv-core`'s copy (a line ends at `\n` or `\r`, as it says). A line with a quote goes
        // to `csv-core`, from the start of a record.
        let end = bytes[from..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r' || b == b'"')
            .map_or(bytes.len(), |i| from + i);
        if bytes.get(end) != Some(&b'"') {
            self.pos = (end + 1).min(bytes.len());
            let line = self.text.get(from..end).unwrap_or_default();
            return Ok(Some(push_fields(
                &mut self.pending,
                split(line, self.sheet.delimiter),
            )));
        }
        self.pos = from;
        self.reader.reset();
        let start = self.pos;
        let (mut outlen, mut endlen) = (0, 0);
        loop {
            let input = &bytes[self.pos..];
            let (result, nin, nout, nend) =
                self.reader
                    .read_record(input, &mut self.out[outlen..], &mut self.ends[endlen..]);
            self.pos += nin;
            outlen += nout;
            endlen += nend;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2 + 1, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => break,
                ReadRecordResult::End => return Ok(None),
            }
        }
        let span = &bytes[start..self.pos];
        if self.pos == bytes.len() && opens_unclosed_quote(span, self.sheet.delimiter) {
            return self.recover(start).map(Some);
        }
        let ends = std::mem::take(&mut self.ends);
        let raw = self.fields(&ends[..endlen], outlen);
        self.ends = ends;
        Ok(Some(raw))
    }

    /// The fields of the record `csv-core` just read, appended to the pending chunk.
    fn fields(&mut self, ends: &[usize], outlen: usize) -> Raw {
        // The text was valid UTF-8 and the delimiter and quote are ASCII, so the record and each
        // field are too; the lossy conversion is never taken (and is no panic if it were).
        let bytes = self.out.get(..outlen).unwrap_or_default();
        let record = match std::str::from_utf8(bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        let mut from = 0;
        let fields = ends.iter().map(|&end| {
            let end = end.min(record.len());
            let field = record.get(from..end).unwrap_or_default();
            from = end;
            field
        });
        push_fields(&mut self.pending, fields)
    }

    /// A quote opened in the record at `start` and ran to the end of the file: reads that
    /// record's first line alone (quotes as plain text) and goes on from the next line.
    fn recover(&mut self, start: usize) -> Result<Raw, FileRefusal> {
        let bytes = self.text.as_bytes();
        let first = start
            + bytes[start..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        let line_end = bytes[first..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| first + i);
        let line = &bytes[first..line_end];
        let mut plain = ReaderBuilder::new()
            .delimiter(self.sheet.delimiter)
            .quoting(false)
            .build();
        let mut ends = vec![0; line.len() + 2];
        if self.out.len() <= line.len() {
            self.out.resize(line.len() + 1, 0);
        }
        // The line holds no newline, so the record ends at a `\r` or at the end of the input.
        let (_, _, nout, nend) = plain.read_record(line, &mut self.out, &mut ends);
        let (_, _, more, more_ends) =
            plain.read_record(&[], &mut self.out[nout..], &mut ends[nend..]);
        let total = bytes.len();
        let mut raw = self.fields(&ends[..nend + more_ends], nout + more);
        raw.unterminated = true;
        let next = (line_end + 1).min(total);
        self.reread += total - next;
        if self.reread > 2 * total {
            return Err(FileRefusal::QuotesUnbalanced);
        }
        self.pos = next;
        self.reader.reset();
        Ok(raw)
    }
}

/// The fields of a line without quotes: the text between its delimiters (ASCII, so each cut
/// falls between characters).
fn split(line: &str, delimiter: u8) -> impl Iterator<Item = &str> {
    let mut from = 0;
    line.bytes()
        .enumerate()
        .filter(move |&(_, b)| b == delimiter)
        .map(|(at, _)| at)
        .chain(std::iter::once(line.len()))
        .map(move |end| {
            let field = line.get(from..end).unwrap_or_default();
            from = end + 1;
            field
        })
}

/// Appends a record's fields to `pending`, each trimmed, its formula guard taken off, and cut
/// at the limit.
fn push_fields<'a>(pending: &mut Chunk, fields: impl Iterator<Item = &'a str>) -> Raw {
    let start = pending.text.len();
    let first = pending.ends.len();
    let mut too_long = None;
    for (column, field) in fields.enumerate() {
        let mut text = super::write::unguard(trim(field));
        if text.len() > MAX_FIELD_CHARS && text.chars().count() > MAX_FIELD_CHARS {
            too_long.get_or_insert(column);
            let cut = text
                .char_indices()
                .nth(MAX_FIELD_CHARS)
                .map_or(text.len(), |(i, _)| i);
            text = &text[..cut];
        }
        pending.push(text);
    }
    Raw {
        start,
        first,
        too_long,
        unterminated: false,
    }
}

/// Whether a record that ran to the end of the file did so inside a quoted field: an odd number
/// of quotes, one of them opening a field.
fn opens_unclosed_quote(span: &[u8], delimiter: u8) -> bool {
    let quotes = span.iter().filter(|&&b| b == b'"').count();
    quotes % 2 == 1
        && span.iter().enumerate().any(|(i, &b)| {
            b == b'"'
                && span[..i]
                    .iter()
                    .rev()
                    .find(|&&p| p != b' ')
                    .is_none_or(|&p| p == delimiter || p == b'\n' || p == b'\r')
        })
}
