//! [`RecordMap`]: the workspace's records by id, kept sorted in one `Vec`.
//!
//! Why not `BTreeMap`: the browser build carried one copy of the B-tree's insert, remove and
//! rebalancing code per key and value type, about 5–6 KB of WebAssembly each, and the
//! workspace has ten record maps. A sorted `Vec` needs a binary search and a `memmove`: a
//! few hundred bytes per type.
//!
//! It behaves like the `BTreeMap` it replaces where the code looks: the same method names,
//! iteration in key order, `insert` returning the value it replaced, and the same JSON (an
//! object in key order), so the stored document is unchanged.
//!
//! Cost: ids are handed out in increasing order, so records are nearly always added at the
//! end, which is checked first, before any search. Product keys are random text: each new
//! one goes somewhere in the middle and moves the entries after it. That map keeps its
//! values boxed ([`Slot`]), so an entry is a key and a pointer (40 bytes, not 192). The
//! workspace bench (`benches/workspace.rs`, native, best of five, `BTreeMap` before):
//! one paste of 5,000 keys 34.2 ms (31.6), 50 pastes of 100 keys 7.1 ms (4.6), replaying
//! 10,000 events 4.7 ms (6.4), loading 5,000 users and 1,000 benefits 44.7 ms (45.7). With
//! the key records in the entries, the two pastes took about 1.4 and 3.3 times as long as
//! with `BTreeMap`; the box costs 0.6 KB of the gzipped main module.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;

/// How a [`RecordMap`] holds a value in its entries: as itself (`V`, the default), or boxed
/// (`Box<V>`) when keys arrive in random order and the records are large.
pub trait Slot<V> {
    fn hold(value: V) -> Self;
    fn value(&self) -> &V;
    fn value_mut(&mut self) -> &mut V;
    fn release(self) -> V;
}

impl<V> Slot<V> for V {
    fn hold(value: V) -> V {
        value
    }
    fn value(&self) -> &V {
        self
    }
    fn value_mut(&mut self) -> &mut V {
        self
    }
    fn release(self) -> V {
        self
    }
}

impl<V> Slot<V> for Box<V> {
    fn hold(value: V) -> Box<V> {
        Box::new(value)
    }
    fn value(&self) -> &V {
        self
    }
    fn value_mut(&mut self) -> &mut V {
        self
    }
    fn release(self) -> V {
        *self
    }
}

/// A map kept sorted by key, for a few thousand records at most. `S` is how each value is
/// held ([`Slot`]); it changes nothing a caller sees.
pub struct RecordMap<K, V, S = V> {
    /// Strictly increasing keys.
    entries: Vec<(K, S)>,
    values: PhantomData<fn() -> V>,
}

impl<K, V, S> Default for RecordMap<K, V, S> {
    fn default() -> Self {
        RecordMap {
            entries: Vec::new(),
            values: PhantomData,
        }
    }
}

impl<K: Clone, V, S: Clone> Clone for RecordMap<K, V, S> {
    fn clone(&self) -> Self {
        RecordMap {
            entries: self.entries.clone(),
            values: PhantomData,
        }
    }
}

/// The same entries (a boxed value compares by content).
impl<K: PartialEq, V, S: PartialEq> PartialEq for RecordMap<K, V, S> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl<K: Eq, V, S: Eq> Eq for RecordMap<K, V, S> {}

impl<K, V, S: Slot<V>> RecordMap<K, V, S> {
    pub fn new() -> Self {
        RecordMap::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, K, V, S> {
        Iter(self.entries.iter(), PhantomData)
    }

    /// The entries in key order, values changeable (keys are not: they keep the order).
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V, S> {
        IterMut(self.entries.iter_mut(), PhantomData)
    }

    pub fn keys(&self) -> Keys<'_, K, V, S> {
        Keys(self.entries.iter(), PhantomData)
    }

    pub fn values(&self) -> Values<'_, K, V, S> {
        Values(self.entries.iter(), PhantomData)
    }

    pub fn values_mut(&mut self) -> ValuesMut<'_, K, V, S> {
        ValuesMut(self.entries.iter_mut(), PhantomData)
    }
}

impl<K: Ord, V, S: Slot<V>> RecordMap<K, V, S> {
    /// Where `key` is (`Ok`) or would go (`Err`). The last key is looked at first: ids are
    /// handed out in increasing order, so a new record nearly always goes at the end.
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        let Some((last, _)) = self.entries.last() else {
            return Err(0);
        };
        match key.cmp(last.borrow()) {
            Ordering::Greater => Err(self.entries.len()),
            Ordering::Equal => Ok(self.entries.len() - 1),
            Ordering::Less => self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key)),
        }
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.entries[i].1.value())
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.entries[i].1.value_mut())
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Adds or replaces the value under `key`; returns the value replaced.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(self.entries[i].1.value_mut(), value)),
            Err(i) => {
                self.entries.insert(i, (key, S::hold(value)));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1.release())
    }

    /// The map of `entries` in any order; of equal keys the last one stays (as
    /// `BTreeMap::insert` one after the other would leave it).
    pub(crate) fn from_entries(entries: Vec<(K, V)>) -> Self {
        let mut entries: Vec<(K, S)> = entries.into_iter().map(|(k, v)| (k, S::hold(v))).collect();
        if !entries.windows(2).all(|w| w[0].0 < w[1].0) {
            let order = stable_order(entries.len(), &mut |a, b| entries[a].0.cmp(&entries[b].0));
            let mut slots: Vec<Option<(K, S)>> = entries.drain(..).map(Some).collect();
            for i in order {
                let Some(entry) = slots[i].take() else {
                    continue;
                };
                match entries.last_mut() {
                    Some(last) if last.0 == entry.0 => *last = entry,
                    _ => entries.push(entry),
                }
            }
        }
        RecordMap {
            entries,
            values: PhantomData,
        }
    }
}

/// The indices `0..len` in the order `cmp` gives, equal ones in their order. One sort for
/// every key type: the standard sort is several KB of code per element type.
#[inline(never)]
fn stable_order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

impl<K: Ord, V, S: Slot<V>> FromIterator<(K, V)> for RecordMap<K, V, S> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        RecordMap::from_entries(iter.into_iter().collect())
    }
}

impl<K: Ord, V, S: Slot<V>> Extend<(K, V)> for RecordMap<K, V, S> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Ord, V, S: Slot<V>, const N: usize> From<[(K, V); N]> for RecordMap<K, V, S> {
    fn from(entries: [(K, V); N]) -> Self {
        RecordMap::from_entries(Vec::from(entries))
    }
}

impl<K: Ord, V, S: Slot<V>, Q: Ord + ?Sized> std::ops::Index<&Q> for RecordMap<K, V, S>
where
    K: Borrow<Q>,
{
    type Output = V;

    /// Panics when `key` is not there, as `BTreeMap` does.
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S: Slot<V>> fmt::Debug for RecordMap<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A JSON object in key order, as `BTreeMap` writes it.
impl<K: Serialize, V: Serialize, S: Slot<V>> Serialize for RecordMap<K, V, S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.collect_map(self.iter())
    }
}

/// As `BTreeMap` reads it: any order, of equal keys the last one.
impl<'de, K, V, S> Deserialize<'de> for RecordMap<K, V, S>
where
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
    S: Slot<V>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<K, V, S>(PhantomData<RecordMap<K, V, S>>);

        impl<'de, K, V, S> Visitor<'de> for Entries<K, V, S>
        where
            K: Deserialize<'de> + Ord,
            V: Deserialize<'de>,
            S: Slot<V>,
        {
            type Value = RecordMap<K, V, S>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(RecordMap::from_entries(entries))
            }
        }

        deserializer.deserialize_map(Entries(PhantomData))
    }
}

// ------------------------------------------------------------------ iterators

macro_rules! iterator {
    ($(#[$meta:meta])* $name:ident, $slice:ident, $item:ty, |$e:ident| $map:expr) => {
        $(#[$meta])*
        pub struct $name<'a, K, V, S = V>(
            std::slice::$slice<'a, (K, S)>,
            PhantomData<fn() -> V>,
        );

        impl<'a, K, V: 'a, S: Slot<V>> Iterator for $name<'a, K, V, S> {
            type Item = $item;

            fn next(&mut self) -> Option<$item> {
                self.0.next().map(|$e| $map)
            }

            fn size_hint(&self) -> (usize, Option<usize>) {
                self.0.size_hint()
            }
        }

        impl<'a, K, V: 'a, S: Slot<V>> DoubleEndedIterator for $name<'a, K, V, S> {
            fn next_back(&mut self) -> Option<$item> {
                self.0.next_back().map(|$e| $map)
            }
        }

        impl<'a, K, V: 'a, S: Slot<V>> ExactSizeIterator for $name<'a, K, V, S> {}
    };
}

iterator!(
    /// The entries of a [`RecordMap`] in key order.
    Iter, Iter, (&'a K, &'a V), |e| (&e.0, e.1.value())
);
iterator!(
    /// The entries of a [`RecordMap`] in key order, values changeable.
    IterMut, IterMut, (&'a K, &'a mut V), |e| (&e.0, e.1.value_mut())
);
iterator!(
    /// The keys of a [`RecordMap`] in order.
    Keys, Iter, &'a K, |e| &e.0
);
iterator!(
    /// The values of a [`RecordMap`] in key order.
    Values, Iter, &'a V, |e| e.1.value()
);
iterator!(
    /// The values of a [`RecordMap`] in key order, changeable.
    ValuesMut, IterMut, &'a mut V, |e| e.1.value_mut()
);

impl<K, V, S> Clone for Iter<'_, K, V, S> {
    fn clone(&self) -> Self {
        Iter(self.0.clone(), PhantomData)
    }
}

impl<K, V, S> Clone for Keys<'_, K, V, S> {
    fn clone(&self) -> Self {
        Keys(self.0.clone(), PhantomData)
    }
}

impl<K, V, S> Clone for Values<'_, K, V, S> {
    fn clone(&self) -> Self {
        Values(self.0.clone(), PhantomData)
    }
}

impl<'a, K, V: 'a, S: Slot<V>> IntoIterator for &'a RecordMap<K, V, S> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V, S>;

    fn into_iter(self) -> Iter<'a, K, V, S> {
        self.iter()
    }
}

impl<'a, K, V: 'a, S: Slot<V>> IntoIterator for &'a mut RecordMap<K, V, S> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V, S>;

    fn into_iter(self) -> IterMut<'a, K, V, S> {
        self.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[test]
    fn keeps_key_order_and_returns_what_it_replaced() {
        let mut m: RecordMap<UserId, &str> = RecordMap::new();
        assert_eq!(m.insert(UserId::from_number(10), "ten"), None);
        assert_eq!(m.insert(UserId::from_number(9), "nine"), None);
        assert_eq!(m.insert(UserId::from_number(11), "eleven"), None);
        assert_eq!(m.insert(UserId::from_number(9), "NINE"), Some("nine"));
        let keys: Vec<&str> = m.keys().map(UserId::as_str).collect();
        assert_eq!(keys, ["user-9", "user-10", "user-11"]);
        assert_eq!(m.get(&UserId::from_number(9)), Some(&"NINE"));
        assert_eq!(m[&UserId::from_number(11)], "eleven");
        assert_eq!(m.remove(&UserId::from_number(10)), Some("ten"));
        assert_eq!(m.remove(&UserId::from_number(10)), None);
        assert!(!m.contains_key(&UserId::from_number(10)));
        assert_eq!(m.len(), 2);
        assert_eq!(
            format!("{m:?}"),
            r#"{UserId("user-9"): "NINE", UserId("user-11"): "eleven"}"#
        );
    }

    #[test]
    fn collects_as_btreemap_does_the_last_of_equal_keys_stays() {
        let pairs = [(3, "a"), (1, "b"), (3, "c"), (2, "d"), (1, "e")];
        let m: RecordMap<u8, &str> = pairs.into();
        let boxed: RecordMap<u8, &str, Box<&str>> = pairs.into();
        let b: BTreeMap<u8, &str> = pairs.into();
        assert!(m.iter().eq(b.iter()));
        assert!(boxed.iter().eq(b.iter()));
    }

    #[test]
    fn json_is_the_btreemap_json() {
        let pairs = [(12u32, "x"), (3, "y"), (7, "z")];
        let m: RecordMap<String, &str> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let b: BTreeMap<String, &str> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, serde_json::to_string(&b).unwrap());
        let back: RecordMap<String, String> =
            serde_json::from_str(r#"{"b": "1", "a": "2", "b": "3"}"#).unwrap();
        let btree: BTreeMap<String, String> =
            serde_json::from_str(r#"{"b": "1", "a": "2", "b": "3"}"#).unwrap();
        assert!(back.iter().eq(btree.iter()));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(u16, u32),
        Remove(u16),
        Get(u16),
        GetMut(u16, u32),
    }

    fn op() -> impl Strategy<Value = Op> {
        // Keys from a small range, so that they meet again, or a larger one.
        let key = prop_oneof![0u16..64, 0u16..1024];
        prop_oneof![
            (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
            key.clone().prop_map(Op::Remove),
            key.clone().prop_map(Op::Get),
            (key, any::<u32>()).prop_map(|(k, v)| Op::GetMut(k, v)),
        ]
    }

    /// Runs `ops` on `m` and on a `BTreeMap`; both must answer and hold the same.
    fn same_as_btreemap<S: Slot<u32> + PartialEq + fmt::Debug>(
        mut m: RecordMap<UserId, u32, S>,
        ops: Vec<Op>,
    ) -> Result<(), TestCaseError> {
        let mut model: BTreeMap<UserId, u32> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Insert(k, v) => {
                    let k = UserId::from_number(k.into());
                    prop_assert_eq!(m.insert(k.clone(), v), model.insert(k, v));
                }
                Op::Remove(k) => {
                    let k = UserId::from_number(k.into());
                    prop_assert_eq!(m.remove(&k), model.remove(&k));
                }
                Op::Get(k) => {
                    let k = UserId::from_number(k.into());
                    prop_assert_eq!(m.get(&k), model.get(&k));
                    prop_assert_eq!(m.contains_key(&k), model.contains_key(&k));
                }
                Op::GetMut(k, v) => {
                    let k = UserId::from_number(k.into());
                    if let Some(x) = m.get_mut(&k) {
                        *x = v;
                    }
                    if let Some(x) = model.get_mut(&k) {
                        *x = v;
                    }
                }
            }
            prop_assert_eq!(m.len(), model.len());
        }
        prop_assert!(m.iter().eq(model.iter()));
        prop_assert!(m.iter().rev().eq(model.iter().rev()));
        prop_assert!(m.keys().eq(model.keys()));
        prop_assert!(m.values().eq(model.values()));
        prop_assert_eq!(m.is_empty(), model.is_empty());
        prop_assert_eq!(
            serde_json::to_string(&m).unwrap(),
            serde_json::to_string(&model).unwrap()
        );
        let rebuilt: RecordMap<UserId, u32, S> =
            model.iter().rev().map(|(k, v)| (k.clone(), *v)).collect();
        prop_assert_eq!(rebuilt, m);
        Ok(())
    }

    proptest! {
        #[test]
        fn behaves_as_btreemap(ops in prop::collection::vec(op(), 0..300)) {
            same_as_btreemap(RecordMap::<UserId, u32>::new(), ops)?;
        }

        #[test]
        fn behaves_as_btreemap_boxed(ops in prop::collection::vec(op(), 0..300)) {
            same_as_btreemap(RecordMap::<UserId, u32, Box<u32>>::new(), ops)?;
        }

        #[test]
        fn collects_as_btreemap(pairs in prop::collection::vec((0u16..200, any::<u8>()), 0..200)) {
            let m: RecordMap<UserId, u8> =
                pairs.iter().map(|(k, v)| (UserId::from_number((*k).into()), *v)).collect();
            let model: BTreeMap<UserId, u8> =
                pairs.iter().map(|(k, v)| (UserId::from_number((*k).into()), *v)).collect();
            prop_assert!(m.iter().eq(model.iter()));
        }
    }
}
