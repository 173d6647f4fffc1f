//! serde's derives without a JSON library in the wasm. Writing: a serializer for what this crate
//! sends (a struct of strings), straight to JSON text, on every target. Reading, in the wasm: the
//! browser's `JSON.parse`, then a deserializer over the `JsValue` it gives; natively, serde_json.
//!
//! Why not serde-wasm-bindgen or serde_json in the wasm: their error paths format what they
//! met (`serde::de::Unexpected`'s `Display`), which pulls float formatting and Unicode tables
//! into the bundle (≈ 14 kB brotli). Here a failure is one value with nothing to format: every
//! caller only asks "was it this shape?".

use serde::ser::{self, Impossible, Serialize, SerializeStruct};
use std::fmt::{self, Display};

/// A value of another shape than the one asked for (or one this writer cannot write).
#[derive(Debug)]
pub struct NotThatShape;

impl Display for NotThatShape {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not that shape")
    }
}

impl std::error::Error for NotThatShape {}

impl ser::Error for NotThatShape {
    /// The message is dropped unread, so nothing it would format is ever compiled in.
    fn custom<T: Display>(_: T) -> Self {
        NotThatShape
    }
}

/// JSON text of `value`, a struct whose fields are strings (what Graph's request body is).
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    let mut out = String::new();
    value.serialize(Writer(&mut out)).ok()?;
    Some(out)
}

/// Writes `text` as a JSON string, escaped as `JSON.stringify` and serde_json escape it.
fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The serializer: a struct of strings, nothing else.
struct Writer<'a>(&'a mut String);

/// A struct being written: whether a field was written yet.
struct Fields<'a> {
    out: &'a mut String,
    first: bool,
}

macro_rules! refuse {
    ($($name:ident($($ty:ty),*);)*) => {
        $(fn $name(self $(, _: $ty)*) -> Result<(), NotThatShape> { Err(NotThatShape) })*
    };
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = NotThatShape;
    type SerializeSeq = Impossible<(), NotThatShape>;
    type SerializeTuple = Impossible<(), NotThatShape>;
    type SerializeTupleStruct = Impossible<(), NotThatShape>;
    type SerializeTupleVariant = Impossible<(), NotThatShape>;
    type SerializeMap = Impossible<(), NotThatShape>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Impossible<(), NotThatShape>;

    fn serialize_str(self, v: &str) -> Result<(), NotThatShape> {
        write_string(self.0, v);
        Ok(())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>, NotThatShape> {
        self.0.push('{');
        Ok(Fields {
            out: self.0,
            first: true,
        })
    }

    refuse! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotThatShape> {
        Err(NotThatShape)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotThatShape> {
        Err(NotThatShape)
    }
}

impl SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = NotThatShape;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotThatShape> {
        if !std::mem::take(&mut self.first) {
            self.out.push(',');
        }
        write_string(self.out, key);
        self.out.push(':');
        value.serialize(Writer(self.out))
    }

    fn end(self) -> Result<(), NotThatShape> {
        self.out.push('}');
        Ok(())
    }
}

/// Reads JSON text into a serde type: the browser's own parser in the wasm, serde_json natively.
/// `None` for anything that is not JSON of that shape.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    #[cfg(not(target_arch = "wasm32"))]
    return serde_json::from_str(text).ok();
    #[cfg(target_arch = "wasm32")]
    return T::deserialize(read::Js(js_sys::JSON::parse(text).ok()?)).ok();
}

/// The deserializer over what `JSON.parse` gives: strings, numbers (as `f64`), booleans, null,
/// arrays and plain objects.
#[cfg(target_arch = "wasm32")]
mod read {
    use super::NotThatShape;
    use js_sys::{Array, Object};
    use serde::de::{self, DeserializeSeed, Visitor};
    use wasm_bindgen::{JsCast, JsValue};

    impl de::Error for NotThatShape {
        /// As for writing: the message is dropped unread.
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            NotThatShape
        }
    }

    pub struct Js(pub JsValue);

    impl<'de> de::Deserializer<'de> for Js {
        type Error = NotThatShape;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThatShape> {
            let value = self.0;
            if value.is_null() || value.is_undefined() {
                visitor.visit_unit()
            } else if let Some(b) = value.as_bool() {
                visitor.visit_bool(b)
            } else if let Some(n) = value.as_f64() {
                // Whole numbers as integers, as serde_json gives them, so integer fields read
                // the same in the wasm as natively; float fields take either.
                const EXACT: f64 = 9_007_199_254_740_992.0;
                match n {
                    n if n.fract() != 0.0 || n.abs() > EXACT => visitor.visit_f64(n),
                    n if n < 0.0 => visitor.visit_i64(n as i64),
                    n => visitor.visit_u64(n as u64),
                }
            } else if let Some(s) = value.as_string() {
                visitor.visit_string(s)
            } else if Array::is_array(&value) {
                visitor.visit_seq(Items(value.unchecked_into(), 0))
            } else if value.is_object() {
                let entries = Object::entries(value.unchecked_ref());
                visitor.visit_map(Entries(entries, 0, JsValue::UNDEFINED))
            } else {
                Err(NotThatShape)
            }
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThatShape> {
            if self.0.is_null() || self.0.is_undefined() {
                visitor.visit_none()
            } else {
                visitor.visit_some(self)
            }
        }

        /// A value nobody reads (an unknown field) is not walked: `JSON.parse` has already
        /// checked it, and a deeply nested one would otherwise exhaust the stack.
        fn deserialize_ignored_any<V: Visitor<'de>>(
            self,
            visitor: V,
        ) -> Result<V::Value, NotThatShape> {
            visitor.visit_unit()
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        }
    }

    /// An array's items, from the next one's index.
    struct Items(Array, u32);

    impl<'de> de::SeqAccess<'de> for Items {
        type Error = NotThatShape;

        fn next_element_seed<T: DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<Option<T::Value>, NotThatShape> {
            if self.1 >= self.0.length() {
                return Ok(None);
            }
            self.1 += 1;
            seed.deserialize(Js(self.0.get(self.1 - 1))).map(Some)
        }
    }

    /// An object's `[key, value]` entries, the next one's index, and the value of the key read last.
    struct Entries(Array, u32, JsValue);

    impl<'de> de::MapAccess<'de> for Entries {
        type Error = NotThatShape;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, NotThatShape> {
            if self.1 >= self.0.length() {
                return Ok(None);
            }
            let entry: Array = self.0.get(self.1).unchecked_into();
            self.1 += 1;
            self.2 = entry.get(1);
            seed.deserialize(Js(entry.get(0))).map(Some)
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, NotThatShape> {
            seed.deserialize(Js(std::mem::replace(&mut self.2, JsValue::UNDEFINED)))
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(serde::Serialize)]
    struct Two<'a> {
        a: &'a str,
        #[serde(rename = "b-c")]
        b: &'a str,
    }

    #[test]
    fn writes_a_struct_of_strings() {
        let two = Two {
            a: "x\"\\\u{1f}é😀",
            b: "",
        };
        assert_eq!(to_json(&two).unwrap(), r#"{"a":"x\"\\\u001fé😀","b-c":""}"#);
    }

    #[test]
    fn refuses_what_it_cannot_write() {
        #[derive(serde::Serialize)]
        struct Number {
            n: u32,
        }
        assert!(to_json(&Number { n: 1 }).is_none());
        assert!(to_json(&vec!["a"]).is_none());
    }

    proptest! {
        /// Any two strings are written exactly as serde_json writes them.
        #[test]
        fn writes_as_serde_json_does(a in any::<String>(), b in any::<String>()) {
            let two = Two { a: &a, b: &b };
            prop_assert_eq!(to_json(&two).unwrap(), serde_json::to_string(&two).unwrap());
        }
    }
}
