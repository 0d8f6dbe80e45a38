//! A fixed-size set of small integers (slot indices), one bit each.

/// A set of indices below a fixed capacity, stored as 64-bit words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BitSet {
    words: Box<[u64]>,
}

impl BitSet {
    /// An empty set able to hold indices `0..len`.
    pub fn empty(len: usize) -> Self {
        Self { words: vec![0; len.div_ceil(64)].into_boxed_slice() }
    }

    /// The set `0..len`.
    pub fn full(len: usize) -> Self {
        let mut set = Self::empty(len);
        (0..len).for_each(|i| set.insert(i));
        set
    }

    /// Adds `i`.
    ///
    /// # Panics
    /// When `i` is not below the capacity given at construction.
    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Removes `i` (nothing beyond the capacity).
    pub fn remove(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }

    /// Whether `i` is in the set (false beyond the capacity).
    pub fn contains(&self, i: usize) -> bool {
        self.words.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// The members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        Self::members(self.words.iter().copied())
    }

    /// The members of both sets in increasing order.
    pub fn common<'a>(&'a self, other: &'a BitSet) -> impl Iterator<Item = usize> + 'a {
        Self::members(self.words.iter().zip(other.words.iter()).map(|(a, b)| a & b))
    }

    /// The indices of the set bits of `words`, in increasing order.
    fn members(words: impl Iterator<Item = u64>) -> impl Iterator<Item = usize> {
        words.enumerate().flat_map(|(k, w)| {
            let mut rest = w;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    k * 64 + bit
                })
            })
        })
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set has no member.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// Whether the two sets share a member.
    pub fn intersects(&self, other: &BitSet) -> bool {
        self.words.iter().zip(other.words.iter()).any(|(a, b)| a & b != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn can_insert_and_iterate_across_words() {
        let mut s = BitSet::empty(130);
        for i in [0, 63, 64, 129] {
            s.insert(i);
        }
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![0, 63, 64, 129]);
        assert_eq!(s.len(), 4);
        assert!(s.contains(64) && !s.contains(65) && !s.contains(1000));
        assert!(BitSet::full(70).intersects(&s));
        assert_eq!(BitSet::full(100).common(&s).collect::<Vec<_>>(), vec![0, 63, 64]);
        assert!(!BitSet::empty(130).intersects(&s));
    }
}
