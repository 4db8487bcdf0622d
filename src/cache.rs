//! The caches' one bounded store, shared by the template call cache, the inline shortcodes'
//! compiled templates and the highlighted code blocks.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// Two generations of remembered values: those used since the render began and those of the
/// render before (moved over when used again, dropped at the next rotation), at most `bound`
/// bytes (as `size` counts an entry) a generation; an entry larger than that is not kept.
/// The tables are swapped and cleared, not rebuilt, so that memory settles while someone
/// types.
pub(crate) struct Generations<K, V> {
    pub(crate) current: HashMap<K, V>,
    pub(crate) previous: HashMap<K, V>,
    pub(crate) current_bytes: usize,
    bound: usize,
    size: fn(&K, &V) -> usize,
}

impl<K: Eq + Hash, V: Clone> Generations<K, V> {
    pub(crate) fn new(bound: usize, size: fn(&K, &V) -> usize) -> Self {
        Generations {
            current: HashMap::new(),
            previous: HashMap::new(),
            current_bytes: 0,
            bound,
            size,
        }
    }

    /// The current generation becomes the previous one.
    pub(crate) fn rotate(&mut self) {
        std::mem::swap(&mut self.previous, &mut self.current);
        self.current.clear();
        self.current_bytes = 0;
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.previous.clear();
        self.current.clear();
        self.current_bytes = 0;
    }

    /// What `key` holds, kept in the current generation.
    pub(crate) fn get<Q: Eq + Hash + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        if let Some(hit) = self.current.get(key) {
            return Some(hit.clone());
        }
        let (key, hit) = self.previous.remove_entry(key)?;
        let copy = hit.clone();
        self.insert(key, hit);
        Some(copy)
    }

    pub(crate) fn insert(&mut self, key: K, value: V) {
        let bytes = (self.size)(&key, &value);
        if bytes > self.bound {
            return;
        }
        if self.current_bytes + bytes > self.bound {
            self.rotate();
        }
        self.current_bytes += bytes;
        self.current.insert(key, value);
    }
}
