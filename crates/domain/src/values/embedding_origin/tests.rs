//! The origins' tests: canonical forms, each refusal by its reason, and whole lists.

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
