//! The origins an account lets frame Roster's embedded pages: its portal's addresses.
//!
//! An origin is what a browser sends and compares: a scheme, a host and a port, nothing else.
//! `https://portal.example.com` or `https://portal.example.com:8443`; `http://` only for this
//! machine (`localhost` and `127.x.x.x` loopback addresses), where a developer tries a portal out,
//! since a page served in clear can be changed on its way by anyone on the network. A path, a
//! query, a fragment or a user name is refused rather than dropped: who wrote one meant a page,
//! and an origin allows every page of its site. The scheme and host are lower-cased and a default
//! port (`:443`, `:80`) left out, as browsers write an origin, so that the server's
//! `frame-ancestors` and the pages' message checks compare like with like. A single trailing `/`
//! is allowed (addresses are often copied with one) and dropped.
//!
//! IPv6 literals (`http://[::1]:8081`) are refused, with a code of their own: the grammar of a
//! `frame-ancestors` source has no brackets (CSP 3, `host-part = 1*host-char *( "." 1*host-char )`,
//! w3c/webappsec-csp#440), and browsers drop such a source from the directive. Seen in Chromium
//! 156: a page at `http://[::1]:9103` named in `frame-ancestors` was refused the frame, the console
//! quoting the directive without it, while `http://127.0.0.2:9102` and `http://localhost:9104`
//! named beside it framed the page. `localhost` names this machine over IPv6 as well. Wildcards
//! are refused too: each origin that may frame an account's pages is named.
//!
//! A list holds at most [`MAX_EMBEDDING_ORIGINS`] origins, each once (compared in their canonical
//! form); [`check_origins`] names every refused entry by its position.

use super::dns::{DnsNameError, parse_dns_name};
use crate::codes::{Coded, ErrorCode};
use std::net::Ipv4Addr;
use thiserror::Error;

/// The most origins an account may list.
pub const MAX_EMBEDDING_ORIGINS: usize = 20;

/// The longest origin, in characters: a host of DNS's longest, a scheme and a port.
const MAX_LENGTH: usize = 300;

/// An origin that may frame an account's embedded pages, in its canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmbeddingOrigin(String);

/// What is wrong with an origin.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EmbeddingOriginError {
    #[error("the origin is empty")]
    Empty,
    #[error("the origin has {actual} characters; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
    #[error("an origin starts with https://")]
    MissingScheme,
    #[error("an origin starts with https:// (or http:// for localhost), not {scheme}://")]
    UnsupportedScheme { scheme: String },
    #[error("http:// is only allowed for localhost and 127.0.0.1; use https://")]
    InsecureHttp,
    #[error("an origin has no user name or password (nothing before an @)")]
    HasUserinfo,
    #[error("an origin has no path: write only the scheme, host and port")]
    HasPath,
    #[error("an origin has no query (?)")]
    HasQuery,
    #[error("an origin has no fragment (#)")]
    HasFragment,
    #[error("a wildcard cannot be an origin: name each one")]
    Wildcard,
    #[error(
        "browsers cannot match an IPv6 address in frame-ancestors; name the host (http://localhost for this machine)"
    )]
    Ipv6,
    #[error("the host is not a valid name: {reason}")]
    InvalidHost { reason: DnsNameError },
    #[error("the port must be a number from 1 to 65535")]
    InvalidPort,
}

impl Coded for EmbeddingOriginError {
    fn code(&self) -> ErrorCode {
        match self {
            EmbeddingOriginError::InsecureHttp => ErrorCode::EmbeddingOriginInsecure,
            EmbeddingOriginError::Ipv6 => ErrorCode::EmbeddingOriginIpv6,
            _ => ErrorCode::EmbeddingOriginInvalid,
        }
    }
}

impl EmbeddingOrigin {
    /// Parses an origin (see the module documentation); surrounding spaces are ignored.
    pub fn parse(input: &str) -> Result<Self, EmbeddingOriginError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(EmbeddingOriginError::Empty);
        }
        let length = input.chars().count();
        if length > MAX_LENGTH {
            return Err(EmbeddingOriginError::TooLong {
                max: MAX_LENGTH,
                actual: length,
            });
        }
        let (scheme, rest) = input
            .split_once("://")
            .ok_or(EmbeddingOriginError::MissingScheme)?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => return Err(EmbeddingOriginError::UnsupportedScheme { scheme }),
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains('#') {
            return Err(EmbeddingOriginError::HasFragment);
        }
        if rest.contains('?') {
            return Err(EmbeddingOriginError::HasQuery);
        }
        if rest.contains('/') {
            return Err(EmbeddingOriginError::HasPath);
        }
        if rest.contains('@') {
            return Err(EmbeddingOriginError::HasUserinfo);
        }
        if rest.contains('*') {
            return Err(EmbeddingOriginError::Wildcard);
        }
        if rest.starts_with('[') {
            return Err(EmbeddingOriginError::Ipv6);
        }
        let (host, port) = match rest.split_once(':') {
            Some((host, port)) => (host, Some(parse_port(port)?)),
            None => (rest, None),
        };
        let host = host.to_ascii_lowercase();
        let loopback = if host == "localhost" {
            true
        } else if let Ok(ip) = host.parse::<Ipv4Addr>() {
            ip.is_loopback()
        } else {
            parse_dns_name(&host).map_err(|reason| EmbeddingOriginError::InvalidHost { reason })?;
            false
        };
        if scheme == "http" && !loopback {
            return Err(EmbeddingOriginError::InsecureHttp);
        }
        let origin = match port.filter(|p| *p != default_port) {
            Some(port) => format!("{scheme}://{host}:{port}"),
            None => format!("{scheme}://{host}"),
        };
        Ok(EmbeddingOrigin(origin))
    }

    /// The canonical origin, as a browser writes it: `https://portal.example.com`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A port: 1 to 65535, digits only.
fn parse_port(text: &str) -> Result<u16, EmbeddingOriginError> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EmbeddingOriginError::InvalidPort);
    }
    match text.parse::<u16>() {
        Ok(0) | Err(_) => Err(EmbeddingOriginError::InvalidPort),
        Ok(port) => Ok(port),
    }
}

string_value!(EmbeddingOrigin, EmbeddingOriginError);

/// Why an entry of a list of origins is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OriginEntryError {
    /// The entry is no origin.
    #[error(transparent)]
    Invalid(#[from] EmbeddingOriginError),
    /// The same origin as the entry at `first` (from 0), once both are written canonically.
    #[error("this origin is already listed")]
    Duplicate { first: usize },
    /// Beyond the first [`MAX_EMBEDDING_ORIGINS`].
    #[error("at most {max} origins may be listed")]
    TooMany { max: usize },
}

impl Coded for OriginEntryError {
    fn code(&self) -> ErrorCode {
        match self {
            OriginEntryError::Invalid(error) => error.code(),
            OriginEntryError::Duplicate { .. } => ErrorCode::EmbeddingOriginDuplicate,
            OriginEntryError::TooMany { .. } => ErrorCode::EmbeddingOriginsTooMany,
        }
    }
}

/// An entry of a list of origins that is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedOrigin {
    /// Its position in the list, from 0 (a line of the settings' text is this plus one, counting
    /// blank lines: see [`refused_origin_lines`]).
    pub index: usize,
    /// The entry, trimmed.
    pub text: String,
    pub error: OriginEntryError,
}

/// Checks a whole list: the origins in canonical form and in their order, or every refused
/// entry (unparsable, repeated, beyond the maximum).
pub fn check_origins<S: AsRef<str>>(
    entries: &[S],
) -> Result<Vec<EmbeddingOrigin>, Vec<RefusedOrigin>> {
    let mut origins: Vec<(usize, EmbeddingOrigin)> = Vec::new();
    let mut refused = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let text = entry.as_ref().trim();
        let error = match EmbeddingOrigin::parse(text) {
            Err(error) => OriginEntryError::Invalid(error),
            Ok(origin) => match origins.iter().find(|(_, seen)| *seen == origin) {
                Some((first, _)) => OriginEntryError::Duplicate { first: *first },
                None if origins.len() == MAX_EMBEDDING_ORIGINS => OriginEntryError::TooMany {
                    max: MAX_EMBEDDING_ORIGINS,
                },
                None => {
                    origins.push((index, origin));
                    continue;
                }
            },
        };
        refused.push(RefusedOrigin {
            index,
            text: text.to_owned(),
            error,
        });
    }
    if refused.is_empty() {
        Ok(origins.into_iter().map(|(_, origin)| origin).collect())
    } else {
        Err(refused)
    }
}

/// The refused lines of the settings' text, one origin per line; blank lines are skipped (saving
/// drops them) but counted, so that `index + 1` is the line's number.
pub fn refused_origin_lines(text: &str) -> Vec<RefusedOrigin> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let entries: Vec<&str> = lines.iter().map(|(_, line)| *line).collect();
    match check_origins(&entries) {
        Ok(_) => Vec::new(),
        Err(refused) => refused
            .into_iter()
            .map(|r| {
                let line = |i: usize| lines.get(i).map_or(i, |(n, _)| *n);
                let error = match r.error {
                    OriginEntryError::Duplicate { first } => {
                        OriginEntryError::Duplicate { first: line(first) }
                    }
                    other => other,
                };
                RefusedOrigin {
                    index: line(r.index),
                    error,
                    ..r
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
