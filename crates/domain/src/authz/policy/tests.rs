//! Tests of policy checking and of the default policy's shape.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn kind(key: &str, levels: &[&str], rule: GrantRule) -> AuthorityKind {
    AuthorityKind {
        key: key.into(),
        levels: levels.iter().map(|l| (*l).to_owned()).collect(),
        rule,
    }
}

fn holds(kind: &str, level: &str) -> GrantRule {
    GrantRule::Holds {
        kind: kind.into(),
        level: level.into(),
    }
}

#[test]
fn the_default_policy_is_valid_and_has_records_interaction_and_dr() {
    let policy = AuthzPolicy::default();
    assert_eq!(
        AuthzPolicy::new(policy.kinds().to_vec()),
        Ok(policy.clone())
    );
    let keys: Vec<&str> = policy.kinds().iter().map(|k| k.key.as_str()).collect();
    assert_eq!(keys, ["records", "interaction", "dr"]);
    let records = policy.kind("records").unwrap();
    assert_eq!(records.levels, ["A", "B", "C", "D", "E"]);
    assert_eq!(records.rule, GrantRule::SameKindAtLeast);
    assert_eq!(
        policy.kind("interaction").unwrap().rule,
        holds("records", "E")
    );
    assert_eq!(policy.kind("dr").unwrap().rule, holds("dr", "DR4"));
    assert_eq!(policy.kind("dr").unwrap().top_level(), Some("DR4"));
}

#[test]
fn a_policy_round_trips_through_json_and_is_checked_on_the_way_in() {
    let policy = AuthzPolicy::default();
    let json = serde_json::to_value(&policy).unwrap();
    assert_eq!(
        json["kinds"][1],
        serde_json::json!({
            "key": "interaction",
            "levels": ["view", "request", "approve"],
            "rule": {"requires": "holds", "kind": "records", "level": "E"}
        })
    );
    assert_eq!(
        json["kinds"][0]["rule"],
        serde_json::json!({"requires": "same_kind_at_least"})
    );
    assert_eq!(serde_json::from_value::<AuthzPolicy>(json).unwrap(), policy);
    let dangling = serde_json::json!({"kinds": [
        {"key": "a", "levels": ["1"], "rule": {"requires": "holds", "kind": "b", "level": "1"}}
    ]});
    assert!(serde_json::from_value::<AuthzPolicy>(dangling).is_err());
}

#[test]
fn kind_keys_must_be_lowercase_identifiers() {
    for key in ["", "Records", "1st", "re cords", "récords", &"a".repeat(33)] {
        let refusal = AuthzPolicy::new(vec![kind(key, &["A"], GrantRule::SameKindAtLeast)]);
        assert_eq!(refusal, Err(AuthzPolicyError::BadKey { key: key.into() }));
        assert_eq!(
            refusal.map_err(|e| e.code()),
            Err(ErrorCode::AuthzPolicyInvalid)
        );
    }
    assert!(AuthzPolicy::new(vec![kind("dr_2", &["A"], GrantRule::SameKindAtLeast)]).is_ok());
}

#[test]
fn kind_keys_must_be_unique() {
    let same = kind("records", &["A"], GrantRule::SameKindAtLeast);
    assert_eq!(
        AuthzPolicy::new(vec![same.clone(), same]),
        Err(AuthzPolicyError::DuplicateKind {
            key: "records".into()
        })
    );
}

#[test]
fn a_kind_needs_levels_and_not_too_many() {
    assert_eq!(
        AuthzPolicy::new(vec![kind("k", &[], GrantRule::SameKindAtLeast)]),
        Err(AuthzPolicyError::LevelCount { key: "k".into() })
    );
    let many: Vec<String> = (0..=MAX_LEVELS).map(|i| format!("L{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(
        AuthzPolicy::new(vec![kind("k", &many, GrantRule::SameKindAtLeast)]),
        Err(AuthzPolicyError::LevelCount { key: "k".into() })
    );
}

#[test]
fn level_names_must_be_visible_and_unique_ignoring_case() {
    for bad in ["", " A", "A ", "A\u{0}", &"x".repeat(33)] {
        assert_eq!(
            AuthzPolicy::new(vec![kind("k", &["ok", bad], GrantRule::SameKindAtLeast)]),
            Err(AuthzPolicyError::BadLevel {
                key: "k".into(),
                level: bad.into()
            })
        );
    }
    assert_eq!(
        AuthzPolicy::new(vec![kind(
            "k",
            &["High", "high"],
            GrantRule::SameKindAtLeast
        )]),
        Err(AuthzPolicyError::DuplicateLevel {
            key: "k".into(),
            level: "high".into()
        })
    );
}

#[test]
fn rules_must_refer_to_a_kind_and_level_of_the_policy() {
    assert_eq!(
        AuthzPolicy::new(vec![kind("a", &["1"], holds("b", "1"))]),
        Err(AuthzPolicyError::RuleUnknownKind {
            key: "a".into(),
            kind: "b".into()
        })
    );
    let b = kind("b", &["1", "2"], GrantRule::SameKindAtLeast);
    assert_eq!(
        AuthzPolicy::new(vec![kind("a", &["1"], holds("b", "3")), b.clone()]),
        Err(AuthzPolicyError::RuleUnknownLevel {
            key: "a".into(),
            kind: "b".into(),
            level: "3".into()
        })
    );
    // A rule may refer to a kind declared after it.
    assert!(AuthzPolicy::new(vec![kind("a", &["1"], holds("b", "2")), b]).is_ok());
}

#[test]
fn a_policy_has_at_most_sixteen_kinds() {
    let kinds: Vec<AuthorityKind> = (0..=MAX_KINDS)
        .map(|i| kind(&format!("k{i}"), &["A"], GrantRule::SameKindAtLeast))
        .collect();
    assert_eq!(AuthzPolicy::new(kinds), Err(AuthzPolicyError::TooManyKinds));
}

#[test]
fn levels_are_found_exactly_or_ignoring_case() {
    let policy = AuthzPolicy::default();
    let records = policy.kind("records").unwrap();
    assert_eq!(records.level_index("C"), Some(2));
    assert_eq!(records.level_index("c"), None);
    assert_eq!(records.level_ignoring_case(" e "), Some("E"));
    let dr = policy.kind("dr").unwrap();
    assert_eq!(dr.level_ignoring_case("dr2"), Some("DR2"));
    assert_eq!(dr.level_ignoring_case("DR5"), None);
}
