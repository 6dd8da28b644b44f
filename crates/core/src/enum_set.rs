//! [`EnumSet`]: a set of the variants of a small enum, as bits of one byte. A user's roles
//! ([`crate::roles::RoleSet`]) and an organisation's offers ([`crate::model::OfferSet`]).
//!
//! It replaces a `BTreeSet`, whose B-tree code the browser build carried once per element
//! type (about 5 KB). It behaves as that `BTreeSet` did where the code looks: iteration in
//! the enum's order (its derived `Ord`), the same JSON (a list of names), duplicates in a
//! list read as one.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// An enum of at most eight variants without data, listed in `ALL` in its `Ord` order.
pub trait SetMember: Copy + Eq + 'static {
    /// Every variant, in order (the set iterates in this order).
    const ALL: &'static [Self];

    /// The variant's bit: `1 << (its position in ALL)`.
    fn bit(self) -> u8;
}

/// A set of `T`s.
pub struct EnumSet<T> {
    bits: u8,
    member: PhantomData<T>,
}

impl<T> EnumSet<T> {
    pub const fn new() -> Self {
        EnumSet {
            bits: 0,
            member: PhantomData,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    pub fn clear(&mut self) {
        self.bits = 0;
    }
}

impl<T: SetMember> EnumSet<T> {
    pub fn contains(&self, member: &T) -> bool {
        self.bits & member.bit() != 0
    }

    /// Adds `member`; whether it was not there yet.
    pub fn insert(&mut self, member: T) -> bool {
        let new = !self.contains(&member);
        self.bits |= member.bit();
        new
    }

    /// Takes `member` out; whether it was there.
    pub fn remove(&mut self, member: &T) -> bool {
        let was = self.contains(member);
        self.bits &= !member.bit();
        was
    }

    /// Whether the two sets have a member in common.
    pub fn intersects(&self, other: &EnumSet<T>) -> bool {
        self.bits & other.bits != 0
    }

    /// The members in order.
    pub fn iter(&self) -> Iter<T> {
        Iter {
            rest: T::ALL.iter(),
            bits: self.bits,
        }
    }
}

// Written out rather than derived: a derive would ask `T` for the same trait.
impl<T> Clone for EnumSet<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for EnumSet<T> {}

impl<T> Default for EnumSet<T> {
    fn default() -> Self {
        EnumSet::new()
    }
}

impl<T> PartialEq for EnumSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}

impl<T> Eq for EnumSet<T> {}

impl<T> Hash for EnumSet<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bits.hash(state);
    }
}

impl<T: SetMember + fmt::Debug> fmt::Debug for EnumSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: SetMember> FromIterator<T> for EnumSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = EnumSet::new();
        set.extend(iter);
        set
    }
}

impl<'a, T: SetMember> FromIterator<&'a T> for EnumSet<T> {
    fn from_iter<I: IntoIterator<Item = &'a T>>(iter: I) -> Self {
        iter.into_iter().copied().collect()
    }
}

impl<T: SetMember> Extend<T> for EnumSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for member in iter {
            self.insert(member);
        }
    }
}

impl<T: SetMember, const N: usize> From<[T; N]> for EnumSet<T> {
    fn from(members: [T; N]) -> Self {
        members.into_iter().collect()
    }
}

impl<T: SetMember> From<&[T]> for EnumSet<T> {
    fn from(members: &[T]) -> Self {
        members.iter().collect()
    }
}

/// The members of an [`EnumSet`] in order.
#[derive(Clone)]
pub struct Iter<T: 'static> {
    rest: std::slice::Iter<'static, T>,
    bits: u8,
}

impl<T: SetMember> Iterator for Iter<T> {
    type Item = &'static T;

    fn next(&mut self) -> Option<&'static T> {
        let bits = self.bits;
        self.rest.find(|m| bits & m.bit() != 0)
    }
}

impl<T: SetMember> DoubleEndedIterator for Iter<T> {
    fn next_back(&mut self) -> Option<&'static T> {
        let bits = self.bits;
        self.rest.rfind(|m| bits & m.bit() != 0)
    }
}

impl<T: SetMember> IntoIterator for &EnumSet<T> {
    type Item = &'static T;
    type IntoIter = Iter<T>;

    fn into_iter(self) -> Iter<T> {
        self.iter()
    }
}

impl<T: SetMember> IntoIterator for EnumSet<T> {
    type Item = T;
    type IntoIter = std::iter::Copied<Iter<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter().copied()
    }
}

/// A list of names in order, as `BTreeSet` writes it.
impl<T: SetMember + Serialize> Serialize for EnumSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// As `BTreeSet` reads it: a list in any order, a name twice counts once.
impl<'de, T: SetMember + Deserialize<'de>> Deserialize<'de> for EnumSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(deserializer)?.into_iter().collect())
    }
}

/// `impl SetMember for Enum` from its `ALL` list, which must be in the enum's order.
macro_rules! set_member {
    ($ty:ty) => {
        impl $crate::enum_set::SetMember for $ty {
            const ALL: &'static [Self] = &<$ty>::ALL;

            fn bit(self) -> u8 {
                1 << (self as u8)
            }
        }
    };
}
pub(crate) use set_member;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Offer, OfferSet};
    use crate::roles::{Role, RoleSet};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// `ALL` in `Ord` order, each variant's bit its position: iteration is then the order of
    /// the `BTreeSet` it replaces.
    fn members_in_order<T: SetMember + Ord + fmt::Debug>() {
        assert!(T::ALL.len() <= 8);
        assert!(T::ALL.windows(2).all(|w| w[0] < w[1]), "{:?}", T::ALL);
        for (i, m) in T::ALL.iter().enumerate() {
            assert_eq!(m.bit(), 1 << i, "{m:?}");
        }
    }

    #[test]
    fn all_lists_the_members_in_order() {
        members_in_order::<Role>();
        members_in_order::<Offer>();
    }

    #[test]
    fn writes_and_reads_as_btreeset() {
        let roles: RoleSet = [Role::AdminAgent, Role::GlobalAdmin].into();
        let btree: BTreeSet<Role> = [Role::AdminAgent, Role::GlobalAdmin].into();
        let json = serde_json::to_string(&roles).unwrap();
        assert_eq!(json, r#"["global_admin","admin_agent"]"#);
        assert_eq!(json, serde_json::to_string(&btree).unwrap());
        let twice: RoleSet = serde_json::from_str(r#"["user_admin","user_admin"]"#).unwrap();
        assert_eq!(twice, RoleSet::from([Role::UserAdmin]));
        assert_eq!(format!("{roles:?}"), format!("{btree:?}"));
        let offers: OfferSet = [Offer::Gold, Offer::ActionPack].into();
        assert_eq!(
            serde_json::to_string(&offers).unwrap(),
            r#"["action_pack","gold"]"#
        );
    }

    fn role() -> impl Strategy<Value = Role> {
        prop::sample::select(Role::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn behaves_as_btreeset(ops in prop::collection::vec((any::<u8>(), role()), 0..40)) {
            let mut set = RoleSet::new();
            let mut model = BTreeSet::new();
            for (op, r) in ops {
                match op % 3 {
                    0 => prop_assert_eq!(set.insert(r), model.insert(r)),
                    1 => prop_assert_eq!(set.remove(&r), model.remove(&r)),
                    _ => prop_assert_eq!(set.contains(&r), model.contains(&r)),
                }
                prop_assert_eq!(set.len(), model.len());
                prop_assert_eq!(set.is_empty(), model.is_empty());
                prop_assert!(set.iter().eq(model.iter()));
                prop_assert!(set.iter().rev().eq(model.iter().rev()));
                prop_assert!(set.into_iter().eq(model.iter().copied()));
            }
            prop_assert_eq!(
                serde_json::to_string(&set).unwrap(),
                serde_json::to_string(&model).unwrap()
            );
            let list: Vec<Role> = model.iter().rev().chain(model.iter()).copied().collect();
            prop_assert_eq!(list.iter().collect::<RoleSet>(), set);
        }
    }
}
