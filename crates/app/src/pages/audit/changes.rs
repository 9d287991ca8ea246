//! What an audit entry changed, in words: each field that differs between the snapshots before
//! and after, by its label, with its values as the app shows them elsewhere (a state's label, a
//! group's name, "Records: B", a date in the viewer's time zone), never as the JSON it is kept in.

use crate::i18n::Say as _;
use crate::i18n::{Key, action_label, change_label, date_time, field_label, role_label};
use crate::i18n::{state_label, t};
use roster_api::audit::AuditItem;
use roster_domain::ErrorCode;
use roster_domain::authz::Role;
use roster_domain::lifecycle::{Action, UserState};
use serde_json::{Map, Value};

/// The changes of `entry`, one line each: `Label: before → after`, or `Label: value` when the
/// entry has one side only (something created, deleted or refused).
pub fn changes(entry: &AuditItem) -> Vec<String> {
    let (before, after) = (fields(entry.before.as_ref()), fields(entry.after.as_ref()));
    let one_sided = entry.before.is_none() || entry.after.is_none();
    // Both maps' keys in order, once each: serde_json's `Map` (a `BTreeMap`, without its
    // `preserve_order` feature) keeps its keys sorted, and the app has its code already, whereas
    // sorting a `Vec` of them is 3 KB of wasm.
    let mut keys = Map::new();
    for key in before.keys().chain(after.keys()) {
        keys.insert(key.clone(), Value::Null);
    }
    keys.keys()
        .filter_map(|key| {
            let shown = |side: &Map<String, Value>| side.get(key).and_then(|v| text(key, v));
            let (was, is) = (shown(&before), shown(&after));
            if was == is {
                return None;
            }
            let label = field_label(key).map_or_else(|| words(key), str::to_owned);
            Some(if one_sided {
                crate::i18n::labelled(&label, is.or(was).unwrap_or_default())
            } else {
                let or_none = |v: Option<String>| v.unwrap_or_else(|| "—".to_owned());
                crate::i18n::labelled(&label, format!("{} → {}", or_none(was), or_none(is)))
            })
        })
        .collect()
}

/// The fields of a snapshot, flattened: a group's or the account's `policy` and a refused
/// attempt's `change` give their own fields, a `kind` with its `level` is one authorization
/// level, an id with a name beside it (`group`, `group_name`) is the name; ids and versions
/// are left out.
fn fields(snapshot: Option<&Value>) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(Value::Object(map)) = snapshot {
        flatten(map, &mut out);
    }
    out
}

fn flatten(map: &Map<String, Value>, out: &mut Map<String, Value>) {
    for (key, value) in map {
        let named = map.get(&format!("{key}_name")).filter(|n| n.is_string());
        match (key.as_str(), value) {
            ("id" | "version" | "level", _) => {}
            ("policy" | "change", Value::Object(inner)) => flatten(inner, out),
            ("kind", Value::String(kind)) => {
                let level = map.get("level").cloned().unwrap_or(Value::Null);
                // Inserted rather than collected: collecting sorts first, 3 KB of wasm.
                let mut one = Map::new();
                one.insert(kind.clone(), level);
                out.insert("authorities".to_owned(), Value::Object(one));
            }
            (name, _)
                if name
                    .strip_suffix("_name")
                    .is_some_and(|id| map.contains_key(id)) => {}
            _ => {
                out.insert(key.clone(), named.unwrap_or(value).clone());
            }
        }
    }
}

/// The value of field `key` as the app shows it; `None` for none.
fn text(key: &str, value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(yes) => match (key, yes) {
            ("licensed", true) => t(Key::Licensed),
            ("licensed", false) => t(Key::NotLicensed),
            (_, true) => t(Key::Yes),
            (_, false) => t(Key::No),
        }
        .to_owned(),
        Value::Number(n) if key.ends_with("_at") => n.as_i64().map(date_time)?,
        Value::String(s) => word(key, s).map_or_else(|| s.clone(), str::to_owned),
        Value::Object(levels) if key == "authorities" => levels_text(levels),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(item_text).collect();
            (!items.is_empty()).then(|| items.join(", "))?
        }
        other => other.to_string(),
    })
}

/// The label of a value of `key` the app has a word for (a role, a state, an error code…).
fn word(key: &str, value: &str) -> Option<&'static str> {
    match key {
        "role" => Role::ALL
            .into_iter()
            .find(|r| r.as_str() == value)
            .map(role_label),
        "state" => UserState::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .map(state_label),
        "action" => Action::ALL
            .into_iter()
            .find(|a| a.as_str() == value)
            .map(action_label),
        "language" => match value {
            "en" => Some(t(Key::LanguageEn)),
            "fr" => Some(t(Key::LanguageFr)),
            _ => None,
        },
        "code" => ErrorCode::parse(value).map(|c| c.say()),
        "change" => change_label(value),
        _ => None,
    }
}

/// Authorization levels held, `Records: B, Interaction: approve`; "None" for none.
pub fn levels_text(levels: &Map<String, Value>) -> String {
    if levels.is_empty() {
        return t(Key::NoAuthority).to_owned();
    }
    let level = |v: &Value| v.as_str().unwrap_or(t(Key::NoAuthority)).to_owned();
    let held: Vec<String> = levels
        .iter()
        .map(|(kind, l)| crate::i18n::labelled(&words(kind), level(l)))
        .collect();
    held.join(", ")
}

/// An item of a list: a word, or a kind of the account's policy with its levels,
/// `Records (A, B, C)`.
fn item_text(item: &Value) -> String {
    match (item, item.get("key"), item.get("levels")) {
        (Value::String(s), ..) => s.clone(),
        (_, Some(Value::String(kind)), Some(Value::Array(levels))) => {
            let levels: Vec<&str> = levels.iter().filter_map(Value::as_str).collect();
            format!("{} ({})", words(kind), levels.join(", "))
        }
        (other, ..) => other.to_string(),
    }
}

/// A name of the server's (`data_retention`) as words (`Data retention`): the kinds of
/// authority are the account's own, and a field this app does not know yet is still read. The
/// names are ASCII (a kind's key is `a-z`, `0-9` and `_`), and ASCII's upper case spares the
/// bundle Unicode's case tables (13 KB).
pub fn words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, c) in name.chars().enumerate() {
        out.push(match c {
            '_' => ' ',
            c if i == 0 => c.to_ascii_uppercase(),
            c => c,
        });
    }
    out
}

#[cfg(test)]
mod tests;
