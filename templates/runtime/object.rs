//! Decoding of the generated structs: their `Deserialize` is generated, not derived.
//!
//! serde's derive expands to about 240 lines per struct (a field enum with its own visitor, a
//! sequence form JSON never uses, a map form): 81k of the 130k lines Mailgun's crate compiled.
//! The generated `Deserialize` reads each property name with [`Fields`] (or [`Keys`]) and each
//! value with [`field`], in about a third of that.
//!
//! Structs that keep the properties they do not name (a flattened union from `allOf` with a
//! `oneOf` member, or additional properties) collect only those: serde's `#[serde(flatten)]`
//! first buffers every property of the object, then decodes each field again from the buffer
//! (Conversation's `SendMessageRequest` decoded at 0.77x the speed of a hand-written struct that
//! way, `benches/codec.rs`).

use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, Error, Expected, IgnoredAny, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// A property name: one of the struct's own (the index of its field), or another one.
#[derive(Debug, PartialEq)]
pub enum Key {
    /// The field with this index.
    Known(usize),
    /// A property the struct does not name.
    Other(String),
}

/// The struct's property names (with the aliases Sinch also sends), each with its field's
/// index: decodes one property name into a [`Key`].
#[derive(Clone, Copy)]
pub struct Keys(pub &'static [(&'static str, usize)]);

impl Keys {
    fn find(&self, name: &str) -> Option<usize> {
        find(self.0, name)
    }
}

fn find(names: &[(&str, usize)], name: &str) -> Option<usize> {
    names.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
}

/// The property names of a struct that keeps no other properties: decodes one property name
/// into its field's index, or `None` for a property the struct ignores (nothing is allocated).
#[derive(Clone, Copy)]
pub struct Fields(pub &'static [(&'static str, usize)]);

impl<'de> DeserializeSeed<'de> for Fields {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Fields {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    fn visit_str<E: Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(find(self.0, name))
    }
}

impl<'de> DeserializeSeed<'de> for Keys {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Keys {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    fn visit_str<E: Error>(self, name: &str) -> Result<Key, E> {
        Ok(match self.find(name) {
            Some(i) => Key::Known(i),
            None => Key::Other(name.to_owned()),
        })
    }
    fn visit_string<E: Error>(self, name: String) -> Result<Key, E> {
        Ok(match self.find(&name) {
            Some(i) => Key::Known(i),
            None => Key::Other(name),
        })
    }
}

/// Reads the value of a named field into its slot; a second occurrence is an error, as with
/// serde's derive.
pub fn field<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a property the struct does not name.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// A struct read from a sequence, as serde's derive allows: only an empty one (a struct with no
/// property set), since no description gives its fields an order. Any other sequence is the
/// wrong type for `expected`.
pub fn empty<'de, S: SeqAccess<'de>>(mut seq: S, expected: &dyn Expected) -> Result<(), S::Error> {
    match seq.next_element::<IgnoredAny>()? {
        None => Ok(()),
        Some(_) => Err(S::Error::invalid_type(Unexpected::Seq, expected)),
    }
}

/// The `Deserialize` and `Serialize` of a struct with named fields only (no flattened union, no
/// additional properties): most structs. One invocation per struct, instead of the seventy lines
/// each expanded to in the generated source, which the generator formatted and cargo parsed
/// again.
///
/// `object! { Name seq { index field: mode = "name" ["alias", ...]; ... } }`:
/// - `seq` is what `[]` reads as, a function of [`seq`]: `default` (the empty struct, for structs
///   whose fields are all optional) or `strict` (an error);
/// - `mode` is how absence and null read and how the field is written, a rule of [`take!`] and a
///   method of [`Put`]: `req`, `null`, `opt` or `opt_null`; `text` after it reads a JSON number into the
///   text field as well (see [`text`]).
///
/// The fields' types are the struct's: the slots they are read into are inferred from them.
/// Properties the struct does not name are skipped; a property twice is an error, as with serde's
/// derive.
#[macro_export]
#[doc(hidden)]
macro_rules! __object {
    (
        $name:ident $seq:ident {
            $($i:literal $field:ident: $mode:ident $($read:ident)? = $json:literal $([$($alias:literal),+])?;)*
        }
    ) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<__D: serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                use $crate::__runtime::object as __object;
                struct __Visitor;
                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    #[inline]
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }
                    fn visit_map<__A: serde::de::MapAccess<'de>>(self, mut map: __A) -> Result<$name, __A::Error> {
                        $(let mut $field = None;)*
                        const FIELDS: __object::Fields = __object::Fields(&[$(($json, $i), $($(($alias, $i),)+)?)*]);
                        while let Some(key) = map.next_key_seed(FIELDS)? {
                            match key {
                                $(Some($i) => __object::$($read::)?field(&mut map, &mut $field, $json),)*
                                _ => __object::skip(&mut map),
                            }?
                        }
                        $(let $field = __object::take!($mode, $field, $json, __A::Error);)*
                        Ok($name { $($field,)* })
                    }
                    fn visit_seq<__S: serde::de::SeqAccess<'de>>(self, seq: __S) -> Result<$name, __S::Error> {
                        __object::empty(seq, &self)?;
                        __object::seq::$seq(&self)
                    }
                }
                deserializer.deserialize_struct(stringify!($name), &[], __Visitor)
            }
        }
        impl serde::Serialize for $name {
            fn serialize<__S: serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                use $crate::__runtime::object as __object;
                let mut map = __object::Put::new(serializer.serialize_map(None)?);
                $(map.$mode($json, &self.$field);)*
                map.end()
            }
        }
    };
}
pub use __object as object;

/// The setters of a struct's optional fields, one line each: `setters! { Name { field: Type = "name"; ... } }`,
/// where `Type` is what the setter takes (`impl Into<Type>`) and `name` the property its docs name.
/// Each stores the value as its field holds it ([`Slot`]: `Some`, `Some(Some(..))` for a nullable
/// field, boxed where the field is).
#[macro_export]
#[doc(hidden)]
macro_rules! __setters {
    ($name:ident { $($field:ident: $t:ty = $json:literal;)* }) => {
        // Setters are named after the fields, even where a field is called `add` or `not`.
        #[allow(clippy::should_implement_trait)]
        impl $name {
            $(
                #[doc = concat!(" Sets `", $json, "`.")]
                pub fn $field(mut self, value: impl Into<$t>) -> Self {
                    self.$field = $crate::__runtime::object::set::<$t, _>(value.into());
                    self
                }
            )*
        }
    };
}
pub use __setters as setters;

/// How an optional field holds a value it is set to, for [`setters!`].
pub trait Slot<T> {
    /// The field's value holding `value`.
    fn hold(value: T) -> Self;
}

impl<T> Slot<T> for Option<T> {
    fn hold(value: T) -> Self {
        Some(value)
    }
}

impl<T> Slot<T> for Option<Option<T>> {
    fn hold(value: T) -> Self {
        Some(Some(value))
    }
}

impl<T> Slot<T> for Option<Box<T>> {
    fn hold(value: T) -> Self {
        Some(Box::new(value))
    }
}

impl<T> Slot<T> for Option<Option<Box<T>>> {
    fn hold(value: T) -> Self {
        Some(Some(Box::new(value)))
    }
}

/// A field's value holding `value`, as the field's type holds it.
pub fn set<T, S: Slot<T>>(value: T) -> S {
    S::hold(value)
}

/// A struct's `new`, one line per field: `constructor! { Name { field: Type; ... } { other; ... } }`.
/// The first group are its arguments in order, required fields (`impl Into<Type>`; `Option<T>` for a
/// required nullable one), each stored as its field holds it ([`Required`]: as is, or boxed); the
/// fields of the second group start as their default (`None`, an empty map). `constructor! { Name }`
/// is the `new` of a struct whose fields are all optional: its default.
#[macro_export]
#[doc(hidden)]
macro_rules! __constructor {
    ($name:ident) => {
        impl $name {
            /// An empty value: every field is optional; set them with the methods named after them.
            #[allow(clippy::new_without_default)]
            #[inline]
            pub fn new() -> Self {
                Default::default()
            }
        }
    };
    ($name:ident { $($arg:ident: $t:ty;)+ } { $($rest:ident;)* }) => {
        impl $name {
            /// A value with its required fields; set optional ones with the methods named after them.
            #[allow(clippy::too_many_arguments)]
            #[inline]
            pub fn new($($arg: impl Into<$t>),+) -> Self {
                Self {
                    $($arg: $crate::__runtime::object::required::<$t, _>($arg.into()),)+
                    $($rest: Default::default(),)*
                }
            }
        }
    };
}
pub use __constructor as constructor;

/// How a required field holds its constructor's argument, for [`constructor!`].
pub trait Required<T> {
    /// The field's value holding `value`.
    fn hold(value: T) -> Self;
}

impl<T> Required<T> for T {
    fn hold(value: T) -> Self {
        value
    }
}

impl<T> Required<T> for Box<T> {
    fn hold(value: T) -> Self {
        Box::new(value)
    }
}

impl<T> Required<Option<T>> for Option<Box<T>> {
    fn hold(value: Option<T>) -> Self {
        value.map(Box::new)
    }
}

/// A required field's value holding `value`, as the field's type holds it.
pub fn required<T, S: Required<T>>(value: T) -> S {
    S::hold(value)
}

/// What `[]` reads as, for [`object!`]: serde's derive reads a struct from a sequence of its
/// fields in order, but in JSON only `[]` for a struct whose fields are all optional was ever meant
/// so (Conversation's own examples send `"message_properties": []`).
pub mod seq {
    use serde::de::{Error, Expected, Unexpected};

    /// The empty struct.
    pub fn default<T: Default, E: Error>(_: &dyn Expected) -> Result<T, E> {
        Ok(T::default())
    }

    /// An error: the struct has required fields.
    pub fn strict<T, E: Error>(expected: &dyn Expected) -> Result<T, E> {
        Err(E::invalid_type(Unexpected::Seq, expected))
    }
}

/// Text properties Sinch also sends as JSON numbers (the manifest's `numbers_as_text`): a phone
/// number written `15551231234` reads as the text `"15551231234"`, as Sinch's Java SDK reads it.
/// The field stays a `String`, and is always sent as text.
pub mod text {
    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    /// A value read from text or a number: `String`, or an `Option` of one (null is `None`).
    pub trait Read: Sized {
        /// Reads the value.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    struct Text;

    impl Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }

    impl Read for String {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
            deserializer.deserialize_any(Text)
        }
    }

    struct Nullable<T>(PhantomData<T>);

    impl<'de, T: Read> Visitor<'de> for Nullable<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, a number or null")
        }
        fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
            T::read(deserializer).map(Some)
        }
    }

    impl<T: Read> Read for Option<T> {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
            deserializer.deserialize_option(Nullable(PhantomData))
        }
    }

    struct Seed<T>(PhantomData<T>);

    impl<'de, T: Read> DeserializeSeed<'de> for Seed<T> {
        type Value = T;
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
            T::read(deserializer)
        }
    }

    /// [`field`](super::field) for a text field that takes numbers too, for [`object!`](super::object).
    pub fn field<'de, A: MapAccess<'de>, T: Read>(
        map: &mut A,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value_seed(Seed(PhantomData))?);
        Ok(())
    }

    /// The same for a derived `Deserialize` (`#[serde(deserialize_with = "...")]`).
    pub fn deserialize<'de, D: Deserializer<'de>, T: Read>(deserializer: D) -> Result<T, D::Error> {
        T::read(deserializer)
    }

    /// The same for an optional nullable field (`Option<Option<String>>`), beside
    /// `serialize_with = "double_option::serialize"`: present is `Some(..)`, null `Some(None)`.
    pub fn deserialize_present<'de, D: Deserializer<'de>, T: Read>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::read(deserializer).map(Some)
    }
}

/// A field's value from its slot (`None` when absent), for [`object!`], by how absence and null
/// read: `take!(mode, slot, "name", ErrorType)`. A required field's absence is the one error, and
/// `take!` returns it from the function it is in.
///
/// Without a `?` per field, and without that error path where it cannot happen, rustc checks a
/// struct's decoder in less: 7% of Engage's crate (`valgrind --tool=callgrind`, instructions).
#[macro_export]
#[doc(hidden)]
macro_rules! __take {
    (req, $slot:ident, $json:literal, $error:ty) => {
        match $slot {
            Some(value) => value,
            None => return Err(<$error as serde::de::Error>::missing_field($json)),
        }
    };
    ($mode:ident, $slot:ident, $json:literal, $error:ty) => {
        $crate::__runtime::object::take::$mode($slot)
    };
}
pub use __take as take;

/// The optional and nullable modes of [`take!`], which never fail.
pub mod take {
    /// Required but nullable (`Option<T>`): absent and null are both `None`.
    pub fn null<T>(slot: Option<Option<T>>) -> Option<T> {
        slot.flatten()
    }

    /// Optional (`Option<T>`): absent and null are both `None`, as serde's derive has them.
    pub fn opt<T>(slot: Option<Option<T>>) -> Option<T> {
        slot.flatten()
    }

    /// Optional and nullable (`Option<Option<T>>`): absent is `None`, null is `Some(None)` (the
    /// slot holds what an `Option<Option<T>>` decodes to, which is `None` for null).
    pub fn opt_null<T>(slot: Option<Option<Option<T>>>) -> Option<Option<T>> {
        slot.map(Option::flatten)
    }
}

/// A struct's properties written as map entries, for [`object!`]: one method per field mode, the
/// same modes as [`take!`]. Optional fields are left out when `None`, and `Some(None)` of an optional
/// nullable one is written as null.
///
/// The first error is kept and the later fields are skipped, so the generated `serialize` has no
/// `?` per field, each of which made rustc select `From` through
/// `<S::SerializeMap as SerializeMap>::Error`. With one `?` per property read instead of one per
/// match arm ([`skip`]), that is 10% fewer instructions for rustc building Engage's crate
/// (`valgrind --tool=callgrind`: 15.2 -> 13.8 G).
pub struct Put<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Put<M> {
    /// Writes into the map `serialize_map` started.
    #[inline]
    pub fn new(map: M) -> Self {
        Put { map, error: None }
    }

    /// Always written.
    #[inline]
    pub fn req<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if self.error.is_none()
            && let Err(e) = self.map.serialize_entry(name, value)
        {
            self.error = Some(e);
        }
    }

    /// Always written, `None` as null.
    #[inline]
    pub fn null<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        self.req(name, value)
    }

    /// Left out when `None`.
    #[inline]
    pub fn opt<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.req(name, value)
        }
    }

    /// Left out when `None`; `Some(None)` is written as null.
    #[inline]
    pub fn opt_null<T: Serialize>(&mut self, name: &'static str, value: &Option<Option<T>>) {
        self.opt(name, value)
    }

    /// The map ended, or the first error.
    #[inline]
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            None => self.map.end(),
            Some(e) => Err(e),
        }
    }
}

/// The flattened union, decoded from the properties the struct does not name.
pub fn rest<T: DeserializeOwned, E: Error>(rest: Map<String, Value>) -> Result<T, E> {
    T::deserialize(Value::Object(rest)).map_err(E::custom)
}

/// The variant of a flattened union read straight from its own property, for unions whose every
/// variant is an object of one property no other variant has (Conversation's message and
/// recipient kinds): nothing is buffered, where collecting the properties first and ranking the
/// variants on them cost Conversation's `SendMessageRequest` a third of its decoding time.
/// A second such property undoes the shortcut: both go back among the other properties, and the
/// union decodes from all of them as it would have without it.
pub enum Early<U> {
    /// No property of a variant yet.
    Nothing,
    /// One variant, read from its property.
    One(U),
    /// Several: they are among the other properties.
    Several,
}

impl<U: serde::Serialize> Early<U> {
    /// Takes the variant one property decoded to.
    pub fn read<E: Error>(&mut self, kind: U, rest: &mut Map<String, Value>) -> Result<(), E> {
        match std::mem::replace(self, Early::Several) {
            Early::Nothing => *self = Early::One(kind),
            Early::One(first) => {
                put_back(first, rest)?;
                put_back(kind, rest)?;
            }
            Early::Several => put_back(kind, rest)?,
        }
        Ok(())
    }

    /// The union: the variant read early, else what `decode` makes of the other properties.
    pub fn finish<E: Error>(
        self,
        rest: Map<String, Value>,
        decode: impl FnOnce(Value) -> Result<U, String>,
    ) -> Result<U, E> {
        match self {
            Early::One(kind) => Ok(kind),
            Early::Nothing | Early::Several => decode(Value::Object(rest)).map_err(E::custom),
        }
    }
}

fn put_back<U: serde::Serialize, E: Error>(kind: U, rest: &mut Map<String, Value>) -> Result<(), E> {
    match serde_json::to_value(kind).map_err(E::custom)? {
        Value::Object(props) => {
            rest.extend(props);
            Ok(())
        }
        other => Err(E::custom(format_args!(
            "a variant read from its property encoded as {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: Keys = Keys(&[("text", 0), ("body", 1), ("message", 1)]);

    #[test]
    fn a_second_kind_read_early_puts_both_back_for_the_union_to_decide() {
        type E = serde_json::Error;
        let decide = |v: Value| Ok::<Value, String>(serde_json::json!({"decided": v}));
        let mut rest = Map::new();
        let mut early = Early::Nothing;
        early.read::<E>(serde_json::json!({"text": "a"}), &mut rest).unwrap();
        assert!(rest.is_empty());
        assert_eq!(
            early.finish::<E>(rest, decide).unwrap(),
            serde_json::json!({"text": "a"})
        );

        let mut rest = Map::new();
        rest.insert("other".into(), Value::Bool(true));
        let mut early = Early::Nothing;
        for kind in [
            serde_json::json!({"text": "a"}),
            serde_json::json!({"card": 1}),
            serde_json::json!({"list": 2}),
        ] {
            early.read::<E>(kind, &mut rest).unwrap();
        }
        assert_eq!(
            early.finish::<E>(rest, decide).unwrap(),
            serde_json::json!({"decided": {"other": true, "text": "a", "card": 1, "list": 2}})
        );
        let e = Early::Nothing.read::<E>(Value::Bool(true), &mut Map::new()).map(|_| ());
        assert!(e.is_ok(), "the first kind is only kept");
        let mut early = Early::One(Value::Bool(true));
        let e = early.read::<E>(Value::Bool(false), &mut Map::new()).unwrap_err();
        assert!(e.to_string().contains("encoded as true"), "{e}");
    }

    /// The keys of an object as [`Keys`] reads them.
    fn keys(json: &str) -> Vec<Key> {
        struct Collect;
        impl<'de> Visitor<'de> for Collect {
            type Value = Vec<Key>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Key>, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key_seed(KEYS)? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    out.push(key);
                }
                Ok(out)
            }
        }
        let mut de = serde_json::Deserializer::from_str(json);
        serde::Deserializer::deserialize_map(&mut de, Collect).unwrap()
    }

    #[test]
    fn names_aliases_escapes_and_others() {
        assert_eq!(
            keys(r#"{"text": 1, "message": 2, "b\u006fdy": 3, "card": 4}"#),
            vec![Key::Known(0), Key::Known(1), Key::Known(1), Key::Other("card".into())]
        );
        // From a serde_json::Value (owned names) too.
        let value = serde_json::json!({"text": 1, "other": 2});
        let serde_json::Value::Object(map) = value else {
            unreachable!()
        };
        let got: Vec<Key> = map
            .keys()
            .map(|k| KEYS.visit_string::<serde_json::Error>(k.clone()).unwrap())
            .collect();
        assert_eq!(got, vec![Key::Known(0), Key::Other("other".into())]);
    }

    #[test]
    fn fields_name_their_index_or_nothing() {
        struct Collect;
        impl<'de> Visitor<'de> for Collect {
            type Value = Vec<Option<usize>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key_seed(Fields(KEYS.0))? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    out.push(key);
                }
                Ok(out)
            }
        }
        let json = r#"{"text": 1, "message": 2, "b\u006fdy": 3, "card": 4}"#;
        let mut de = serde_json::Deserializer::from_str(json);
        let got = serde::Deserializer::deserialize_map(&mut de, Collect).unwrap();
        assert_eq!(got, vec![Some(0), Some(1), Some(1), None]);
        // Owned names, as a serde_json::Value gives them.
        let value = serde_json::json!({"other": 1, "body": 2});
        assert_eq!(
            serde::Deserializer::deserialize_map(value, Collect).unwrap(),
            vec![None, Some(1)]
        );
    }

    #[test]
    fn only_an_empty_sequence_reads_as_a_struct() {
        let ok = serde_json::Deserializer::from_str("[]").deserialize_seq(Seq);
        assert!(ok.is_ok(), "{ok:?}");
        let e = serde_json::Deserializer::from_str("[1]")
            .deserialize_seq(Seq)
            .unwrap_err();
        assert!(
            e.to_string().starts_with("invalid type: sequence, expected a sequence"),
            "{e}"
        );
        struct Seq;
        impl<'de> Visitor<'de> for Seq {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, seq: S) -> Result<(), S::Error> {
                empty(seq, &self)
            }
        }
    }

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Loose {
        a: Option<String>,
        b: Option<Option<u8>>,
        r#type: Option<Vec<String>>,
    }
    super::object! {
        Loose default {
            0 a: opt = "a" ["alpha", "first"];
            1 b: opt_null = "b";
            2 r#type: opt = "type";
        }
    }

    #[derive(Debug, Clone, PartialEq)]
    struct Strict {
        id: String,
        note: Option<String>,
    }
    super::object! {
        Strict strict {
            0 id: req = "id";
            1 note: null = "note";
        }
    }

    #[test]
    fn objects_read_and_write_each_mode_as_the_derive_would() {
        let read = |json: &str| serde_json::from_str::<Loose>(json).map_err(|e| e.to_string());
        let got = read(r#"{"first": "x", "b": null, "other": [1], "type": ["t"]}"#).unwrap();
        assert_eq!(
            got,
            Loose {
                a: Some("x".into()),
                b: Some(None),
                r#type: Some(vec!["t".into()])
            }
        );
        assert_eq!(
            serde_json::to_string(&got).unwrap(),
            r#"{"a":"x","b":null,"type":["t"]}"#
        );
        assert_eq!(read(r#"{"b": 3, "a": null}"#).unwrap().b, Some(Some(3)));
        assert_eq!(read(r#"{"b": 3, "a": null}"#).unwrap().a, None);
        assert_eq!(read("{}").unwrap(), Loose::default());
        assert_eq!(serde_json::to_string(&Loose::default()).unwrap(), "{}");
        assert_eq!(read("[]").unwrap(), Loose::default());
        let e = read(r#"{"a": "x", "alpha": "y"}"#).unwrap_err();
        assert!(e.starts_with("duplicate field `a`"), "{e}");
        let e = read(r#"{"b": "x"}"#).unwrap_err();
        assert!(e.contains("expected u8"), "{e}");

        let read = |json: &str| serde_json::from_str::<Strict>(json).map_err(|e| e.to_string());
        let e = read(r#"{"note": "n"}"#).unwrap_err();
        assert!(e.starts_with("missing field `id`"), "{e}");
        let got = read(r#"{"id": "1"}"#).unwrap();
        assert_eq!(got.note, None);
        assert_eq!(serde_json::to_string(&got).unwrap(), r#"{"id":"1","note":null}"#);
        assert_eq!(read(r#"{"id": "1", "note": null}"#).unwrap(), got);
        let e = read("[]").unwrap_err();
        assert!(e.contains("expected struct Strict"), "{e}");
        let e = read("3").unwrap_err();
        assert!(e.contains("expected struct Strict"), "{e}");
    }

    /// A value whose encoding fails, and one that counts its encodings.
    struct Fails;
    impl serde::Serialize for Fails {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot encode"))
        }
    }
    struct Counted<'a>(&'a std::cell::Cell<u32>);
    impl serde::Serialize for Counted<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.set(self.0.get() + 1);
            serializer.serialize_unit()
        }
    }

    #[test]
    fn put_keeps_the_first_error_and_writes_nothing_after_it() {
        let count = std::cell::Cell::new(0);
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::new(&mut out);
        let mut map = Put::new(serde::Serializer::serialize_map(&mut ser, None).unwrap());
        map.req("a", &Counted(&count));
        map.opt("b", &Some(Fails));
        map.req("c", &Counted(&count));
        map.opt_null("d", &Some(Some(Counted(&count))));
        let e = map.end().unwrap_err();
        assert!(e.to_string().contains("cannot encode"), "{e}");
        assert_eq!(count.get(), 1, "only the field before the error was encoded");
    }

    #[derive(Debug, Clone, PartialEq)]
    struct Numbered {
        to: String,
        from: Option<String>,
        via: Option<String>,
        reply: Option<Option<String>>,
    }
    super::object! {
        Numbered strict {
            0 to: req text = "to";
            1 from: null text = "from";
            2 via: opt text = "via";
            3 reply: opt_null text = "reply";
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Derived {
        #[serde(deserialize_with = "text::deserialize")]
        to: String,
        #[serde(default, deserialize_with = "text::deserialize")]
        via: Option<String>,
        #[serde(default, deserialize_with = "text::deserialize_present")]
        reply: Option<Option<String>>,
    }

    #[test]
    fn text_fields_marked_so_read_numbers_as_their_text_and_write_text() {
        let read = |json: &str| serde_json::from_str::<Numbered>(json).map_err(|e| e.to_string());
        let got = read(r#"{"to": 15551231234, "from": -7, "via": 2.5, "reply": 12}"#).unwrap();
        assert_eq!(
            got,
            Numbered {
                to: "15551231234".into(),
                from: Some("-7".into()),
                via: Some("2.5".into()),
                reply: Some(Some("12".into()))
            }
        );
        assert_eq!(
            serde_json::to_string(&got).unwrap(),
            r#"{"to":"15551231234","from":"-7","via":"2.5","reply":"12"}"#
        );
        let got = read(r#"{"to": "+46", "from": null, "via": null, "reply": null}"#).unwrap();
        assert_eq!(
            (got.to.as_str(), got.from, got.via, got.reply),
            ("+46", None, None, Some(None))
        );
        assert_eq!(read(r#"{"to": "x"}"#).unwrap().reply, None);
        let e = read(r#"{"to": true}"#).unwrap_err();
        assert!(
            e.starts_with("invalid type: boolean `true`, expected a string or a number"),
            "{e}"
        );
        let e = read(r#"{"to": 1, "via": [1]}"#).unwrap_err();
        assert!(e.contains("expected a string or a number"), "{e}");
        let e = read(r#"{"to": 1, "to": 2}"#).unwrap_err();
        assert!(e.starts_with("duplicate field `to`"), "{e}");

        let read = |json: &str| serde_json::from_str::<Derived>(json).map_err(|e| e.to_string());
        let got = read(r#"{"to": 1, "via": 2, "reply": null}"#).unwrap();
        assert_eq!(
            got,
            Derived {
                to: "1".into(),
                via: Some("2".into()),
                reply: Some(None)
            }
        );
        assert_eq!(
            read(r#"{"to": "a", "reply": 3}"#).unwrap().reply,
            Some(Some("3".into()))
        );
        assert_eq!(read(r#"{"to": "a"}"#).unwrap().reply, None);
    }

    #[derive(Debug, Default, PartialEq)]
    struct Settable {
        name: Option<String>,
        note: Option<Option<String>>,
        inner: Option<Box<Settable>>,
        parent: Option<Option<Box<Settable>>>,
    }
    super::setters! {
        Settable {
            name: String = "name";
            note: String = "note";
            inner: Settable = "inner";
            parent: Settable = "parent";
        }
    }

    #[test]
    fn setters_hold_the_value_as_each_field_does() {
        let leaf = Settable::default().name("leaf");
        let got = Settable::default()
            .note("n")
            .inner(Settable::default().name("i"))
            .parent(Settable::default().name("p"));
        assert_eq!(leaf.name.as_deref(), Some("leaf"));
        assert_eq!(got.note, Some(Some("n".to_string())));
        assert_eq!(got.inner.unwrap().name.as_deref(), Some("i"));
        assert_eq!(got.parent.flatten().unwrap().name.as_deref(), Some("p"));
    }

    #[derive(Debug, PartialEq)]
    struct Built {
        id: String,
        next: Box<Settable>,
        label: Option<String>,
        parent: Option<Box<Settable>>,
        note: Option<String>,
        extra: std::collections::BTreeMap<String, u8>,
    }
    super::constructor! {
        Built {
            id: String;
            next: Settable;
            label: Option<String>;
            parent: Option<Settable>;
        } {
            note;
            extra;
        }
    }
    super::constructor! { Settable }

    #[test]
    fn constructors_hold_each_argument_as_its_field_does() {
        let built = Built::new("x", Settable::new().name("n"), None, Settable::new());
        assert_eq!(built.id, "x");
        assert_eq!(built.next.name.as_deref(), Some("n"));
        assert_eq!((built.label, built.note, built.extra.len()), (None, None, 0));
        assert_eq!(built.parent, Some(Box::new(Settable::default())));
        let built = Built::new(String::from("y"), Settable::new(), Some("l".to_string()), None);
        assert_eq!((built.label.as_deref(), built.parent), (Some("l"), None));
        assert_eq!(Settable::new(), Settable::default());
    }

    #[test]
    fn rest_decodes_the_remaining_properties() {
        let mut map = Map::new();
        map.insert("card".into(), serde_json::json!({"title": "t"}));
        let v: Value = rest::<Value, serde_json::Error>(map).unwrap();
        assert_eq!(v, serde_json::json!({"card": {"title": "t"}}));
        let e = rest::<u8, serde_json::Error>(Map::new()).unwrap_err().to_string();
        assert!(e.contains("expected u8"), "{e}");
    }
}
