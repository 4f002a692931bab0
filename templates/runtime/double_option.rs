//! `Option<Option<T>>` for fields that are optional and nullable: `None` leaves the field out
//! of the request, `Some(None)` sends an explicit `null` (which clears a value at Sinch).
//!
//! Use with `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Serializes `Some(None)` as `null` and `Some(Some(v))` as `v`.
pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        // Skipped by `skip_serializing_if`; reached only when that attribute is missing.
        None => serializer.serialize_none(),
    }
}

/// A present field decodes as `Some(..)`: `null` gives `Some(None)`.
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
