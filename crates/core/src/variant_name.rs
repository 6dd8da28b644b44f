//! The JSON name of a unit enum variant (`ErrorCode::UserNotFound` → `"user_not_found"`),
//! read from its derived `Serialize` with a serializer that only catches the name.
//!
//! `serde_json::to_value(code)` gives the same string but compiles serde_json's whole
//! `Value` serializer into the browser's build for it; this is one match, the derive's, and
//! stays in step with `rename_all` by construction.

use serde::ser::{self, Impossible, Serialize, Serializer};
use std::fmt;

/// `Some(name)` for a unit variant, `None` for anything else.
pub(crate) fn variant_name<T: Serialize + ?Sized>(value: &T) -> Option<&'static str> {
    value.serialize(NameOf).ok()
}

struct NameOf;

#[derive(Debug)]
struct NotAUnitVariant;

impl fmt::Display for NotAUnitVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAUnitVariant {}

impl ser::Error for NotAUnitVariant {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotAUnitVariant
    }
}

type Nope = Result<&'static str, NotAUnitVariant>;

impl Serializer for NameOf {
    type Ok = &'static str;
    type Error = NotAUnitVariant;
    type SerializeSeq = Impossible<&'static str, NotAUnitVariant>;
    type SerializeTuple = Impossible<&'static str, NotAUnitVariant>;
    type SerializeTupleStruct = Impossible<&'static str, NotAUnitVariant>;
    type SerializeTupleVariant = Impossible<&'static str, NotAUnitVariant>;
    type SerializeMap = Impossible<&'static str, NotAUnitVariant>;
    type SerializeStruct = Impossible<&'static str, NotAUnitVariant>;
    type SerializeStructVariant = Impossible<&'static str, NotAUnitVariant>;

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Nope {
        Ok(variant)
    }

    fn serialize_bool(self, _: bool) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_i8(self, _: i8) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_i16(self, _: i16) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_i32(self, _: i32) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_i64(self, _: i64) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_u8(self, _: u8) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_u16(self, _: u16) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_u32(self, _: u32) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_u64(self, _: u64) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_f32(self, _: f32) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_f64(self, _: f64) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_char(self, _: char) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_str(self, _: &str) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_bytes(self, _: &[u8]) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_none(self) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_unit(self) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Nope {
        Err(NotAUnitVariant)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAUnitVariant> {
        Err(NotAUnitVariant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::model::{AzureOtherOffer, TechnicalKind};

    #[test]
    fn gives_the_json_name_of_a_unit_variant_and_nothing_else() {
        assert_eq!(
            variant_name(&ErrorCode::ExtensionOver3Years),
            Some("extension_over_3_years")
        );
        assert_eq!(
            variant_name(&TechnicalKind::OnPremisesIncidents),
            serde_json::to_value(TechnicalKind::OnPremisesIncidents)
                .unwrap()
                .as_str()
        );
        assert_eq!(
            variant_name(&AzureOtherOffer::AzurePass),
            Some("azure_pass")
        );
        assert_eq!(variant_name(&AzureOtherOffer::Other("x".into())), None);
        assert_eq!(variant_name("text"), None);
    }
}
