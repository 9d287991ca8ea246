//! Reads the server's JSON answers: the browser's own `JSON.parse`, then the value it made turned
//! into the app's types through their `Deserialize`.
//!
//! Not serde_json's reader, which was some 14 KB of every bundle's brotli: its number parsing, and
//! the messages of its errors, written out (with serde's) as each error is made. The app never
//! shows them (an answer that is not the type expected is a network failure), so here an error
//! is only that: [`Invalid`], without a message, and none is ever formatted.
//!
//! JavaScript numbers are doubles: an integer beyond 2^53 would not be exact, and the API sends
//! none (its ids and times are far below).
//!
//! A type that says what it expects (a struct, a sequence, a string, a number, a boolean) is
//! given only that, or [`Invalid`]: its `Deserialize` is compiled with the one branch it needs
//! rather than with the whole of `deserialize_any` (every type of value, each handed to a visitor
//! that refuses all but one), 1.6 KB of the people's bundle's brotli. Serde's derives ask for
//! what they expect; only the types that do not know (internally tagged enums, flattened fields,
//! `serde_json::Value`) take `deserialize_any`.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// `body` as a `T`.
pub fn from_str<T: DeserializeOwned>(body: &str) -> Result<T, Invalid> {
    let value = js_sys::JSON::parse(body).map_err(|_| Invalid)?;
    T::deserialize(Value(value))
}

/// The answer is not valid JSON, or not the type expected.
#[derive(Debug)]
pub struct Invalid;

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid JSON")
    }
}

impl std::error::Error for Invalid {}

impl de::Error for Invalid {
    /// The message is dropped unread: writing it out is the code this module saves.
    fn custom<T: fmt::Display>(_message: T) -> Invalid {
        Invalid
    }
}

/// A value `JSON.parse` made.
struct Value(JsValue);

impl<'de> de::Deserializer<'de> for Value {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        let value = self.0;
        if value.is_null() || value.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = value.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = value.as_f64() {
            number(n, visitor)
        } else if let Some(s) = value.as_string() {
            visitor.visit_string(s)
        } else if js_sys::Array::is_array(&value) {
            visitor.visit_seq(Items {
                items: value.unchecked_into(),
                next: 0,
            })
        } else {
            let object: js_sys::Object = value.unchecked_into();
            visitor.visit_map(Entries {
                keys: js_sys::Object::keys(&object),
                object,
                next: 0,
            })
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant is its name (`"admin"`), any other variant an object of one entry,
    /// `{"name": content}`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        let object: js_sys::Object = self.0.dyn_into().map_err(|_| Invalid)?;
        let keys = js_sys::Object::keys(&object);
        if keys.length() != 1 {
            return Err(Invalid);
        }
        let name = keys.get(0);
        let content = js_sys::Reflect::get(&object, &name).map_err(|_| Invalid)?;
        visitor.visit_enum(Variant {
            name: name.as_string().ok_or(Invalid)?,
            content: Value(content),
        })
    }

    /// An entry the type has no field for: not read at all.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_bool(self.0.as_bool().ok_or(Invalid)?)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        number(self.0.as_f64().ok_or(Invalid)?, visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_string(self.0.as_string().ok_or(Invalid)?)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if !js_sys::Array::is_array(&self.0) {
            return Err(Invalid);
        }
        visitor.visit_seq(Items {
            items: self.0.unchecked_into(),
            next: 0,
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        // An array is an object too, and `null` is not.
        if !self.0.is_object() || js_sys::Array::is_array(&self.0) {
            return Err(Invalid);
        }
        let object: js_sys::Object = self.0.unchecked_into();
        visitor.visit_map(Entries {
            keys: js_sys::Object::keys(&object),
            object,
            next: 0,
        })
    }

    /// An object (serde_json also reads a struct from an array, which the API never sends).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        self.deserialize_map(visitor)
    }

    // The rest are rare in the API's types (a status, a seat count): a method apiece weighed more
    // than sharing `deserialize_any`.
    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u64 u128 f32 f64 char str bytes byte_buf unit
        unit_struct tuple tuple_struct identifier
    }
}

/// A number as the visitor of an integer or a float takes it.
fn number<'de, V: Visitor<'de>>(n: f64, visitor: V) -> Result<V::Value, Invalid> {
    // Whole numbers within ±2^63 as integers (the conversions are exact there).
    if n.fract() == 0.0 && n.abs() < 9_223_372_036_854_775_808.0 {
        if n >= 0.0 {
            visitor.visit_u64(n as u64)
        } else {
            visitor.visit_i64(n as i64)
        }
    } else {
        visitor.visit_f64(n)
    }
}

/// The items of an array.
struct Items {
    items: js_sys::Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Invalid> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Value(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.length().saturating_sub(self.next) as usize)
    }
}

/// The entries of an object, in the order of its keys.
struct Entries {
    object: js_sys::Object,
    keys: js_sys::Array,
    next: u32,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Invalid> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        let key = self.keys.get(self.next).as_string().ok_or(Invalid)?;
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        let key = self.keys.get(self.next);
        self.next += 1;
        let value = js_sys::Reflect::get(&self.object, &key).map_err(|_| Invalid)?;
        seed.deserialize(Value(value))
    }
}

/// An object's key: a string, or the number it spells for a map keyed by numbers (as
/// serde_json reads them).
struct Key(String);

impl<'de> de::Deserializer<'de> for Key {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_string(self.0)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_i64(self.0.parse().map_err(|_| Invalid)?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_u64(self.0.parse().map_err(|_| Invalid)?)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i128 u8 u16 u32 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// A variant with content: `{"name": content}`.
struct Variant {
    name: String,
    content: Value,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Invalid;
    type Variant = Value;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Value), Invalid> {
        let name = seed.deserialize(self.name.into_deserializer())?;
        Ok((name, self.content))
    }
}

impl<'de> VariantAccess<'de> for Value {
    type Error = Invalid;

    fn unit_variant(self) -> Result<(), Invalid> {
        <() as de::Deserialize>::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Invalid> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Invalid> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::from_str;
    use serde::Deserialize;
    use serde::de::DeserializeOwned;
    use std::collections::BTreeMap;
    use std::fmt::Debug;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Role {
        Admin,
        User,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum Shape {
        Dot,
        Circle(u32),
        Rect { w: i32, h: i32 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        Plain,
        Named { name: String },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Inner {
        label: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Person {
        id: i64,
        name: String,
        role: Role,
        phone: Option<String>,
        #[serde(default)]
        missing: Option<u16>,
        tags: Vec<String>,
        size: u16,
        ratio: f64,
        delta: i32,
        shapes: Vec<Shape>,
        levels: BTreeMap<String, u8>,
        by_id: BTreeMap<i64, String>,
        tagged: Vec<Tagged>,
        #[serde(flatten)]
        inner: Inner,
        extra: serde_json::Value,
    }

    /// What serde_json reads from `body`, read the same here.
    fn same<T: DeserializeOwned + PartialEq + Debug>(body: &str) {
        let expected: T = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
        assert_eq!(from_str::<T>(body).ok(), Some(expected), "{body}");
    }

    #[wasm_bindgen_test]
    fn reads_what_serde_json_reads() {
        same::<Person>(
            r#"{"id": 9007199254740991, "name": "Ada \"Admin\" Lovelace ✓", "role": "admin",
                "phone": null, "tags": ["a", "b"], "size": 65535, "ratio": 0.25, "delta": -7,
                "shapes": ["Dot", {"Circle": 3}, {"Rect": {"w": 2, "h": -1}}],
                "levels": {"records": 4, "interaction": 1}, "by_id": {"10": "ten", "2": "two"},
                "tagged": [{"kind": "plain"}, {"kind": "named", "name": "x"}],
                "label": "flat", "extra": {"n": [1, -2, 3.5, true, null, "s"], "o": {}},
                "unknown": {"deep": [1, 2, {"x": null}]}}"#,
        );
        same::<Role>(r#""user""#);
        same::<Option<String>>("null");
        same::<Vec<i64>>("[]");
        same::<(String, bool)>(r#"["x", false]"#);
    }

    #[wasm_bindgen_test]
    fn the_server_s_refusals_read_as_they_were_sent() {
        let body = r#"{"type": "about:blank", "title": "Unprocessable", "status": 422,
            "code": "email.invalid_domain", "detail": "The part after the @",
            "errors": [{"field": "email", "code": "email.invalid_domain",
            "message": "The part after the @ is not a valid domain, like example.com."}]}"#;
        same::<roster_api::problem::Problem>(body);
    }

    #[wasm_bindgen_test]
    fn what_is_not_the_type_expected_is_refused() {
        assert!(from_str::<Person>("{").is_err());
        assert!(from_str::<Person>("").is_err());
        assert!(from_str::<Person>(r#"{"id": 1}"#).is_err());
        assert!(from_str::<Role>(r#""owner""#).is_err());
        assert!(from_str::<u16>("65536").is_err());
        assert!(from_str::<u16>("-1").is_err());
        assert!(from_str::<i64>("1.5").is_err());
        assert!(from_str::<String>("3").is_err());
        assert!(from_str::<Vec<String>>(r#"{"a": 1}"#).is_err());
        assert!(from_str::<Vec<String>>("null").is_err());
        // A struct is an object (serde_json also takes an array).
        assert!(from_str::<Inner>(r#"["flat"]"#).is_err());
        assert!(from_str::<Inner>("null").is_err());
        assert!(from_str::<BTreeMap<String, u8>>("[1]").is_err());
        assert!(from_str::<bool>("0").is_err());
        assert!(from_str::<i64>(r#""1""#).is_err());
    }
}
