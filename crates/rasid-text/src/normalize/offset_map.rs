//! [`OffsetMap`]: for each normalised char, the char offset in the original
//! text of the char that produced it, stored compactly.
//!
//! Offsets fit in `u32` for any text under 4 Gi chars, which halves the memory
//! of the map on 64-bit targets; longer texts transparently use `usize`.

/// Non-decreasing sequence of original char offsets, one per normalised char,
/// followed by a sentinel equal to the original char length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OffsetMap {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl OffsetMap {
    /// An empty map able to hold offsets up to `max_offset`.
    pub(crate) fn for_max_offset(max_offset: usize, capacity: usize) -> Self {
        if u32::try_from(max_offset).is_ok() {
            OffsetMap::Narrow(Vec::with_capacity(capacity))
        } else {
            OffsetMap::Wide(Vec::with_capacity(capacity))
        }
    }

    /// Appends an offset. An offset too large for a narrow map widens it
    /// (never happens when `for_max_offset` was given the right bound).
    pub(crate) fn push(&mut self, offset: usize) {
        match self {
            OffsetMap::Narrow(v) => match u32::try_from(offset) {
                Ok(o) => v.push(o),
                Err(_) => {
                    let mut wide: Vec<usize> = v.iter().map(|&o| o as usize).collect();
                    wide.push(offset);
                    *self = OffsetMap::Wide(wide);
                }
            },
            OffsetMap::Wide(v) => v.push(offset),
        }
    }

    /// Number of stored offsets.
    pub(crate) fn len(&self) -> usize {
        match self {
            OffsetMap::Narrow(v) => v.len(),
            OffsetMap::Wide(v) => v.len(),
        }
    }

    /// Offset at `i`, or `None` past the end.
    pub(crate) fn get(&self, i: usize) -> Option<usize> {
        match self {
            OffsetMap::Narrow(v) => v.get(i).map(|&o| o as usize),
            OffsetMap::Wide(v) => v.get(i).copied(),
        }
    }

    /// Index of the first stored offset `>= value` (binary search; the map is
    /// non-decreasing).
    pub(crate) fn first_at_or_after(&self, value: usize) -> usize {
        match self {
            OffsetMap::Narrow(v) => v.partition_point(|&o| (o as usize) < value),
            OffsetMap::Wide(v) => v.partition_point(|&o| o < value),
        }
    }

    /// Shrinks the allocation to the stored length.
    pub(crate) fn shrink_to_fit(&mut self) {
        match self {
            OffsetMap::Narrow(v) => v.shrink_to_fit(),
            OffsetMap::Wide(v) => v.shrink_to_fit(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_map_stores_and_searches() {
        let mut m = OffsetMap::for_max_offset(10, 4);
        for o in [0, 1, 1, 4] {
            m.push(o);
        }
        assert!(matches!(m, OffsetMap::Narrow(_)));
        assert_eq!(m.len(), 4);
        assert_eq!(m.get(2), Some(1));
        assert_eq!(m.get(9), None);
        assert_eq!(m.first_at_or_after(1), 1);
        assert_eq!(m.first_at_or_after(2), 3);
        assert_eq!(m.first_at_or_after(5), 4);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn oversized_offset_widens_instead_of_truncating() {
        let mut m = OffsetMap::for_max_offset(3, 2);
        m.push(2);
        let big = u32::MAX as usize + 7;
        m.push(big);
        assert!(matches!(m, OffsetMap::Wide(_)));
        assert_eq!(m.get(0), Some(2));
        assert_eq!(m.get(1), Some(big));
        assert_eq!(m.first_at_or_after(3), 1);
    }
}
