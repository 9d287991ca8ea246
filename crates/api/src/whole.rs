//! Integers of request bodies, read as JSON reads them: a number, of which `61` and `61.0` are
//! the same one. The document says `integer`, and JSON Schema counts `61.0` as an integer, so a
//! client (or a JavaScript engine, which has no other numbers) may send either; serde alone takes
//! only the first. A fraction, or a value out of the field's range, is still refused.
//!
//! Used with `#[serde(deserialize_with = "…")]` on each integer field of a request body.

use serde::de::{Deserializer, Error, SeqAccess, Unexpected, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// The largest magnitude a float spells exactly: beyond it, `x.0` may stand for another integer.
const EXACT: f64 = 9_007_199_254_740_992.0;

struct Whole<T>(PhantomData<T>);

impl<T: TryFrom<i64> + TryFrom<u64>> Visitor<'_> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
        if v.fract() != 0.0 || !v.is_finite() {
            return Err(E::invalid_type(Unexpected::Float(v), &self));
        }
        if v.abs() > EXACT {
            return Err(E::invalid_value(Unexpected::Float(v), &self));
        }
        // Whole and within ±2^53: the cast is exact.
        self.visit_i64(v as i64)
    }
}

/// An integer, `61` or `61.0`.
pub fn int<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    d.deserialize_any(Whole(PhantomData))
}

struct Optional<T>(PhantomData<T>);

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for Optional<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer or null")
    }

    fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        int(d).map(Some)
    }
}

/// An optional integer (with `#[serde(default)]`): absent or `null` is `None`.
pub fn opt_int<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    d.deserialize_option(Optional(PhantomData))
}

struct List<T>(PhantomData<T>);

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for List<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of integers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(Item(item)) = seq.next_element::<Item<T>>()? {
            items.push(item);
        }
        Ok(items)
    }
}

struct Item<T>(T);

impl<'de, T: TryFrom<i64> + TryFrom<u64>> serde::Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        int(d).map(Item)
    }
}

/// A list of integers.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64> + TryFrom<u64>,
{
    d.deserialize_seq(List(PhantomData))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Body {
        #[serde(deserialize_with = "super::int")]
        id: i64,
        #[serde(default, deserialize_with = "super::opt_int")]
        seats: Option<u32>,
        #[serde(default, deserialize_with = "super::list")]
        accounts: Vec<i64>,
    }

    fn read(json: &str) -> Result<Body, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn a_whole_float_is_the_integer_it_spells() {
        let body = read(r#"{"id": 61.0, "seats": 3.0, "accounts": [1, -2.0, 3]}"#);
        assert_eq!(
            body,
            Ok(Body {
                id: 61,
                seats: Some(3),
                accounts: vec![1, -2, 3]
            })
        );
        let body = read(r#"{"id": -9223372036854775808, "seats": null}"#);
        assert_eq!(body.map(|b| (b.id, b.seats)), Ok((i64::MIN, None)));
    }

    #[test]
    fn fractions_other_types_and_values_out_of_range_are_refused() {
        for json in [
            r#"{"id": 61.5}"#,
            r#"{"id": "61"}"#,
            r#"{"id": true}"#,
            r#"{"id": 1e300}"#,
            r#"{"id": 9223372036854775808}"#,
            r#"{"id": 1, "seats": -1}"#,
            r#"{"id": 1, "seats": 4294967296.0}"#,
            r#"{"id": 1, "accounts": [1.5]}"#,
        ] {
            assert!(read(json).is_err(), "{json}");
        }
    }
}
