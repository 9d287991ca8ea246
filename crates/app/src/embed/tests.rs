//! The protocol's checks that need no frame: the ancestors read from a policy, the pages a
//! portal may send the frame to, and the theme's values.

use super::*;
use wasm_bindgen_test::wasm_bindgen_test as test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[test]
fn the_ancestors_are_read_from_the_policy() {
    let policy = "default-src 'self'; connect-src 'self'; frame-ancestors \
                  https://portal.example http://localhost:8081";
    assert_eq!(
        frame_ancestors(policy),
        vec!["https://portal.example", "http://localhost:8081"]
    );
    assert!(frame_ancestors("default-src 'self'; frame-ancestors 'none'").is_empty());
    assert!(frame_ancestors("default-src 'self'").is_empty());
}

#[test]
fn only_pages_of_the_account_are_gone_to() {
    assert_eq!(
        page_address(3, "users/new").as_deref(),
        Some("/embed/accounts/3/users/new")
    );
    assert_eq!(
        page_address(3, "/users?licensed=true").as_deref(),
        Some("/embed/accounts/3/users?licensed=true")
    );
    assert_eq!(page_address(3, "../4/users"), None);
    assert_eq!(page_address(3, "users//evil.example"), None);
    assert_eq!(page_address(3, "javascript:alert(1)"), None);
    // Escapes in the query only: in the path they would decode to another account's page.
    assert_eq!(page_address(3, "%2e%2e/4/users"), None);
    assert_eq!(page_address(3, "users/%2F%2Fevil"), None);
    assert_eq!(
        page_address(3, "users?q=ann%40acme.test").as_deref(),
        Some("/embed/accounts/3/users?q=ann%40acme.test")
    );
}

#[test]
fn theme_values_are_values_only() {
    assert!(theme_value_ok("#c2185b"));
    assert!(theme_value_ok("Georgia, serif"));
    assert!(!theme_value_ok("red; background: url(x)"));
    assert!(!theme_value_ok("URL(https://x.example/a.png)"));
    assert!(!theme_value_ok(&"a".repeat(201)));
}
