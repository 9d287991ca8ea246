//! The import's words: its columns as people read them, and the counts it shows.

use crate::i18n::{Key, count, fill, t};
use roster_domain::authz::AuthzPolicy;
use roster_domain::import::{Field, Summary};

/// The words of a column: `First name` for `first_name`, `records level` for an authority.
pub(super) fn column_word(field: &Field) -> String {
    let word = match field {
        Field::Email => t(Key::Email),
        Field::FirstName => t(Key::FirstName),
        Field::LastName => t(Key::LastName),
        Field::Username => t(Key::UsernameLabel),
        Field::Phone => t(Key::ImportColumnPhone),
        Field::Language => t(Key::Language),
        Field::Group => t(Key::Group),
        Field::Role => t(Key::Role),
        Field::Licence => t(Key::Licence),
        Field::ExchangeDomain => t(Key::ImportColumnExchangeDomain),
        Field::ExchangeUsername => t(Key::ImportColumnExchangeUsername),
        Field::Authority(kind) => return fill(t(Key::ImportColumnAuthority), &[("kind", kind)]),
    };
    word.to_owned()
}

/// The words of the column a finding names by its template name (`first_name`); a name that
/// is no column (a header Roster does not read) stays as written.
pub(super) fn column_named(name: &str, policy: &AuthzPolicy) -> String {
    Field::from_header(name, policy).map_or_else(|| name.to_owned(), |f| column_word(&f))
}

/// The review's counts: "5 rows · 4 ready to create · 1 needs attention", and the rows left
/// out when there are some.
pub(super) fn review_counts(summary: Summary, left_out: usize) -> String {
    let mut parts = vec![
        count(summary.rows, t(Key::ImportRows)),
        count(summary.valid, t(Key::ImportReady)),
        count(summary.errors, t(Key::ImportNeedAttention)),
    ];
    if left_out > 0 {
        parts.push(count(left_out, t(Key::ImportLeftOut)));
    }
    parts.join(" · ")
}

/// How long reading and checking took: "Read and checked 14 rows in 3 ms."
pub(super) fn timing(rows: usize, ms: f64) -> String {
    fill(
        t(Key::ImportCheckedIn),
        &[
            ("rows", &count(rows, t(Key::ImportRows))),
            ("ms", &format!("{ms:.0}")),
        ],
    )
}

/// What became of every row of the file once the import is done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Outcome {
    pub created: usize,
    pub added: usize,
    pub requested: usize,
    pub refused: usize,
    /// Rows with errors when creating started: never sent.
    pub errors: usize,
    /// Rows the admin left out.
    pub left_out: usize,
    /// Valid rows not sent because the admin cancelled.
    pub cancelled: usize,
}

/// The results' counts: what was created, added, refused, and each row not sent and why.
/// Requests to join and cancelled rows are named only when there are some.
pub(super) fn results_counts(o: Outcome) -> String {
    let mut parts = vec![
        count(o.created, t(Key::ImportCreated)),
        count(o.added, t(Key::ImportAdded)),
    ];
    // Only a file with people of other administrators' accounts has requests.
    if o.requested > 0 {
        parts.push(count(o.requested, t(Key::ImportRequested)));
    }
    parts.push(count(o.refused, t(Key::ImportRefused)));
    parts.push(count(o.errors, t(Key::ImportLeftWithErrors)));
    parts.push(count(o.left_out, t(Key::ImportLeftOut)));
    if o.cancelled > 0 {
        parts.push(count(o.cancelled, t(Key::ImportNotSent)));
    }
    parts.join(" · ")
}
