//! Sorting with one copy of the standard library's sort in the `.wasm`. Each call of
//! `sort_by` (and `BTreeMap`'s and `BTreeSet`'s `FromIterator`, which sort their items first)
//! instantiates the whole stable sort for its item type and comparison: about 2 KB of the
//! core module each, 30 of them before this module. Here lists are sorted through their
//! indices by one non-generic function, and maps and sets are built by inserting the items
//! one by one (a later item with an equal key replaces the value, as `collect()` keeps the
//! last).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` by `compare`, stably (equal items keep their order).
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &mut |a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// The one instantiation of the standard library's stable sort.
#[inline(never)]
#[allow(clippy::disallowed_methods)] // the one sort (clippy.toml)
fn sort_indices(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// The map of `items`.
pub fn map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in items {
        map.insert(key, value);
    }
    map
}

/// The set of `items`.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_as_collect() {
        let items = [(3, "c"), (1, "a"), (3, "last"), (2, "b")];
        let collected: std::collections::BTreeMap<_, _> = items.into_iter().collect();
        assert_eq!(super::map(items), collected);
        let collected: std::collections::BTreeSet<_> = [5, 1, 5, 3].into_iter().collect();
        assert_eq!(super::set([5, 1, 5, 3]), collected);
    }

    #[test]
    fn sorts_stably() {
        let mut items = vec![(2, "a"), (1, "b"), (2, "c"), (0, "d"), (1, "e")];
        super::sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(0, "d"), (1, "b"), (1, "e"), (2, "a"), (2, "c")]);
        let mut empty: Vec<u8> = Vec::new();
        super::sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
