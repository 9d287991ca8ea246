use super::{changes, words};
use crate::i18n::date_time;
use roster_api::audit::AuditItem;
use serde_json::{Value, json};
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn entry(action: &str, before: Option<Value>, after: Option<Value>) -> AuditItem {
    AuditItem {
        id: 1,
        at: 1_796_668_246,
        actor_id: Some(1),
        actor: Some("admin@acme.test".into()),
        account_id: Some(1),
        target_user_id: Some(2),
        target: Some("nina@acme.test".into()),
        target_group_id: None,
        action: action.into(),
        origin_account_id: None,
        origin_account: None,
        before,
        after,
    }
}

#[wasm_bindgen_test]
fn a_change_of_group_and_levels_reads_as_names_and_levels() {
    let before = json!({"id": 2, "group": 1, "group_name": "Default", "authorities": {},
        "role": "user", "licensed": false, "version": 3});
    let after = json!({"id": 2, "group": 2, "group_name": "Operations",
        "authorities": {"records": "B", "data_retention": "long"}, "role": "admin",
        "licensed": true, "version": 4});

    let lines = changes(&entry("user.updated", Some(before), Some(after)));

    assert_eq!(
        lines,
        [
            "Authorization levels: None → Data retention: long, Records: B",
            "Group: Default → Operations",
            "Licence: No licence → Licensed",
            "Role: User → Administrator",
        ]
    );
}

#[wasm_bindgen_test]
fn a_new_user_reads_as_its_values_with_dates_in_the_viewers_time_zone() {
    let after = json!({"state": "invited", "language": "fr", "invitation_expires_at": 1_796_668_246,
        "must_change_password": true, "phone": null, "group": 3, "group_name": "Finance"});

    let lines = changes(&entry("user.created", None, Some(after)));

    assert_eq!(
        lines,
        [
            "Group: Finance".to_owned(),
            format!("Invitation expires: {}", date_time(1_796_668_246)),
            "Language: French".to_owned(),
            "Must change password: Yes".to_owned(),
            "State: Waiting for activation".to_owned(),
        ]
    );
    assert!(!date_time(1_796_668_246).contains("1796668246"));
    assert!(date_time(1_796_668_246).contains("2026"));
}

#[wasm_bindgen_test]
fn a_refused_attempt_reads_as_its_reason_and_the_change_asked_for() {
    let after = json!({"code": "authz.insufficient_authority",
        "change": {"change": "set_authority", "kind": "records", "level": "E"}});

    let lines = changes(&entry("refused", None, Some(after)));

    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0], "Authorization levels: Records: E");
    assert_eq!(lines[1], "Change asked for: Authorization levels");
    assert!(lines[2].starts_with("Reason: ") && !lines[2].contains("authz."));
}

#[wasm_bindgen_test]
fn settings_and_group_policies_read_without_json() {
    let before = json!({"seats": 25, "approved_domains": ["acme.test"], "policy": {"kinds": [
        {"key": "records", "levels": ["A", "B"], "rule": {"requires": "same_kind_at_least"}}]}});
    let after = json!({"seats": 30, "approved_domains": [], "policy": {"kinds": [
        {"key": "records", "levels": ["A", "B", "C"], "rule": {"requires": "same_kind_at_least"}}]}});
    let group = json!({"name": "Ops", "policy": {"min_password_length": 12,
        "idle_timeout_minutes": 30, "members_may_edit_own_details": false}});

    let settings = changes(&entry("account.updated", Some(before), Some(after)));
    let created = changes(&entry("group.created", None, Some(group)));

    assert_eq!(
        settings,
        [
            "Approved email domains: acme.test → —",
            "Authorization policy: Records (A, B) → Records (A, B, C)",
            "Licence seats bought: 25 → 30",
        ]
    );
    assert!(created.contains(&"Members may edit their own details: No".to_owned()));
    assert!(created.iter().all(|l| !l.contains('{')), "{created:?}");
}

#[wasm_bindgen_test]
fn names_of_the_server_read_as_words() {
    assert_eq!(words("data_retention"), "Data retention");
    assert_eq!(words("records"), "Records");
    assert_eq!(words(""), "");
}
