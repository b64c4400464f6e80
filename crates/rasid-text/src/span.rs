//! [`Span`]: a half-open range of *char* offsets (Unicode scalar values).
//!
//! Every offset handed out by this crate is a char offset, end exclusive, so
//! `text.chars().skip(span.start).take(span.len())` recovers the spanned text
//! (see [`crate::slice_chars`] for a clamping, allocation-free version).

/// A span of chars `[start, end)` in some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; `start > end` is not rejected here, but every consumer in
    /// this crate treats such a span as empty.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of chars covered (0 for an inverted span).
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no char.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one char.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span moved right by `offset` chars (saturating).
    pub const fn shift(&self, offset: usize) -> Span {
        Span {
            start: self.start.saturating_add(offset),
            end: self.end.saturating_add(offset),
        }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn len_and_emptiness() {
        assert_eq!(Span::new(2, 5).len(), 3);
        assert!(Span::new(4, 4).is_empty());
        assert!(Span::new(5, 2).is_empty());
        assert_eq!(Span::new(5, 2).len(), 0);
    }

    #[test]
    fn containment_and_overlap() {
        let outer = Span::new(0, 10);
        assert!(outer.contains(Span::new(3, 10)));
        assert!(!outer.contains(Span::new(3, 11)));
        assert!(outer.overlaps(Span::new(9, 12)));
        assert!(!outer.overlaps(Span::new(10, 12)));
    }

    #[test]
    fn shift_and_from_range() {
        assert_eq!(Span::from(1..4).shift(10), Span::new(11, 14));
        assert_eq!(Span::new(usize::MAX, usize::MAX).shift(1).start, usize::MAX);
    }
}
