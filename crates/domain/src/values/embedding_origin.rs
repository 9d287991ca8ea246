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
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    fn origin(text: &str) -> String {
        EmbeddingOrigin::parse(text).unwrap().as_str().to_owned()
    }

    fn refused(text: &str) -> EmbeddingOriginError {
        EmbeddingOrigin::parse(text).unwrap_err()
    }

    #[test]
    fn an_origin_is_written_as_browsers_write_it() {
        assert_eq!(
            origin(" HTTPS://Portal.Example.COM "),
            "https://portal.example.com"
        );
        assert_eq!(
            origin("https://portal.example.com:443/"),
            "https://portal.example.com"
        );
        assert_eq!(
            origin("https://portal.example.com:8443"),
            "https://portal.example.com:8443"
        );
        assert_eq!(origin("http://localhost:8081"), "http://localhost:8081");
        assert_eq!(origin("http://LOCALHOST:80"), "http://localhost");
        assert_eq!(origin("http://127.0.0.1:8081"), "http://127.0.0.1:8081");
        assert_eq!(origin("http://127.1.2.3"), "http://127.1.2.3");
        assert_eq!(origin("https://192.0.2.10"), "https://192.0.2.10");
    }

    #[test]
    fn http_is_only_for_this_machine() {
        assert_eq!(
            refused("http://portal.example.com"),
            EmbeddingOriginError::InsecureHttp
        );
        assert_eq!(
            refused("http://192.0.2.10:8080"),
            EmbeddingOriginError::InsecureHttp
        );
        assert_eq!(
            refused("http://localhost.example.com"),
            EmbeddingOriginError::InsecureHttp
        );
        assert_eq!(
            refused("http://portal.example.com").code(),
            ErrorCode::EmbeddingOriginInsecure
        );
        assert_eq!(
            refused("http://[::1]:8081").code(),
            ErrorCode::EmbeddingOriginIpv6
        );
        assert_eq!(origin("https://localhost:8443"), "https://localhost:8443");
    }

    #[test]
    fn anything_but_scheme_host_and_port_is_refused_by_reason() {
        for (input, expected) in [
            ("", EmbeddingOriginError::Empty),
            ("   ", EmbeddingOriginError::Empty),
            ("portal.example.com", EmbeddingOriginError::MissingScheme),
            (
                "ftp://portal.example.com",
                EmbeddingOriginError::UnsupportedScheme {
                    scheme: "ftp".into(),
                },
            ),
            (
                "javascript://alert(1)",
                EmbeddingOriginError::UnsupportedScheme {
                    scheme: "javascript".into(),
                },
            ),
            (
                "https://portal.example.com/users",
                EmbeddingOriginError::HasPath,
            ),
            (
                "https://portal.example.com//",
                EmbeddingOriginError::HasPath,
            ),
            (
                "https://portal.example.com?a=1",
                EmbeddingOriginError::HasQuery,
            ),
            (
                "https://portal.example.com#top",
                EmbeddingOriginError::HasFragment,
            ),
            (
                "https://ann@portal.example.com",
                EmbeddingOriginError::HasUserinfo,
            ),
            ("https://*.example.com", EmbeddingOriginError::Wildcard),
            ("https://[::1]:8443", EmbeddingOriginError::Ipv6),
            // Loopback, yet refused all the same: no `frame-ancestors` can name it.
            ("http://[::1]:8081", EmbeddingOriginError::Ipv6),
            ("http://[0:0:0:0:0:0:0:1]", EmbeddingOriginError::Ipv6),
            (
                "https://portal.example.com:",
                EmbeddingOriginError::InvalidPort,
            ),
            (
                "https://portal.example.com:0",
                EmbeddingOriginError::InvalidPort,
            ),
            (
                "https://portal.example.com:65536",
                EmbeddingOriginError::InvalidPort,
            ),
            (
                "https://portal.example.com:+80",
                EmbeddingOriginError::InvalidPort,
            ),
            (
                "https://portal.example.com:1:2",
                EmbeddingOriginError::InvalidPort,
            ),
            (
                "https://portal",
                EmbeddingOriginError::InvalidHost {
                    reason: DnsNameError::SingleLabel,
                },
            ),
            (
                "https://",
                EmbeddingOriginError::InvalidHost {
                    reason: DnsNameError::Empty,
                },
            ),
            (
                "https://portal.ex\u{0430}mple.com",
                EmbeddingOriginError::InvalidHost {
                    reason: DnsNameError::InvalidCharacter {
                        character: '\u{0430}',
                    },
                },
            ),
            (
                "https://1.2.3",
                EmbeddingOriginError::InvalidHost {
                    reason: DnsNameError::NumericTopLevel,
                },
            ),
        ] {
            assert_eq!(EmbeddingOrigin::parse(input), Err(expected), "{input:?}");
        }
        assert_eq!(
            refused(&format!("https://{}.com", "a".repeat(400))),
            EmbeddingOriginError::TooLong {
                max: MAX_LENGTH,
                actual: 412
            }
        );
    }

    #[test]
    fn a_list_names_each_refused_entry_by_its_position() {
        let list = [
            "https://a.example.com",
            "http://b.example.com",
            "HTTPS://A.example.com:443",
            "https://c.example.com",
        ];
        let refused = check_origins(&list).unwrap_err();
        let named: Vec<(usize, ErrorCode)> =
            refused.iter().map(|r| (r.index, r.error.code())).collect();
        assert_eq!(
            named,
            [
                (1, ErrorCode::EmbeddingOriginInsecure),
                (2, ErrorCode::EmbeddingOriginDuplicate)
            ]
        );
        assert_eq!(refused[1].error, OriginEntryError::Duplicate { first: 0 });
        assert_eq!(refused[1].text, "HTTPS://A.example.com:443");
    }

    #[test]
    fn a_list_keeps_its_order_in_canonical_form() {
        let origins = check_origins(&["https://B.example.com/", "http://localhost:8081"]).unwrap();
        let texts: Vec<&str> = origins.iter().map(EmbeddingOrigin::as_str).collect();
        assert_eq!(texts, ["https://b.example.com", "http://localhost:8081"]);
        assert_eq!(check_origins::<&str>(&[]), Ok(Vec::new()));
    }

    #[test]
    fn a_list_holds_at_most_the_maximum() {
        let list: Vec<String> = (0..=MAX_EMBEDDING_ORIGINS)
            .map(|n| format!("https://p{n}.example.com"))
            .collect();
        assert!(check_origins(&list[..MAX_EMBEDDING_ORIGINS]).is_ok());
        let refused = check_origins(&list).unwrap_err();
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].index, MAX_EMBEDDING_ORIGINS);
        assert_eq!(refused[0].error.code(), ErrorCode::EmbeddingOriginsTooMany);
    }

    #[test]
    fn each_refused_line_is_named_by_its_number() {
        let text = "https://a.example.com\n\nhttps://a.example.com/x\nhttps://A.example.com\n";
        let refused = refused_origin_lines(text);
        let named: Vec<(usize, &str)> = refused
            .iter()
            .map(|r| (r.index + 1, r.text.as_str()))
            .collect();
        assert_eq!(
            named,
            [(3, "https://a.example.com/x"), (4, "https://A.example.com")]
        );
        assert_eq!(refused[1].error, OriginEntryError::Duplicate { first: 0 });
        assert!(refused_origin_lines("https://a.example.com\n\nhttp://localhost:1\n").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_origin_never_panics(input in any::<String>()) {
            let _ = EmbeddingOrigin::parse(&input);
        }

        #[test]
        fn a_canonical_origin_parses_to_itself(
            host in "[a-z][a-z0-9]{0,10}\\.[a-z]{2,6}",
            port in proptest::option::of(1u16..),
        ) {
            let input = match port {
                Some(port) => format!("https://{host}:{port}"),
                None => format!("https://{host}"),
            };
            let parsed = EmbeddingOrigin::parse(&input).unwrap();
            prop_assert_eq!(EmbeddingOrigin::parse(parsed.as_str()), Ok(parsed.clone()));
            let json = serde_json::to_string(&parsed).unwrap();
            prop_assert_eq!(serde_json::from_str::<EmbeddingOrigin>(&json).unwrap(), parsed);
        }
    }
}
