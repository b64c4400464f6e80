//! BIO label sets: parsing tags, which label may follow which, and repairing
//! sequences so that every `I-X` continues an `X` chunk.

use crate::NerError;

/// A parsed BIO tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bio<'a> {
    /// Outside any entity.
    Outside,
    /// First token of an entity of the class.
    Begin(&'a str),
    /// Continuation of an entity of the class.
    Inside(&'a str),
}

/// Parses `O`, `B-X` or `I-X` (X non-empty).
pub fn parse_tag(tag: &str) -> Result<Bio<'_>, NerError> {
    let bad = || NerError::BadTag {
        tag: tag.to_string(),
    };
    if tag == "O" {
        return Ok(Bio::Outside);
    }
    let (prefix, class) = tag.split_once('-').ok_or_else(bad)?;
    if class.is_empty() {
        return Err(bad());
    }
    match prefix {
        "B" => Ok(Bio::Begin(class)),
        "I" => Ok(Bio::Inside(class)),
        _ => Err(bad()),
    }
}

/// Rewrites a tag sequence so it is valid BIO: an `I-X` that does not follow
/// `B-X` or `I-X` becomes `B-X` (the reading conlleval gives it), and a tag
/// that cannot be parsed becomes `O`.
pub fn repair_bio(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    let mut open: Option<String> = None;
    for tag in tags {
        let fixed = match parse_tag(tag) {
            Ok(Bio::Outside) | Err(_) => {
                open = None;
                "O".to_string()
            }
            Ok(Bio::Begin(c)) => {
                open = Some(c.to_string());
                tag.clone()
            }
            Ok(Bio::Inside(c)) if open.as_deref() == Some(c) => tag.clone(),
            Ok(Bio::Inside(c)) => {
                open = Some(c.to_string());
                format!("B-{c}")
            }
        };
        out.push(fixed);
    }
    out
}

/// True when every `I-X` follows `B-X` or `I-X` and every tag parses.
pub fn is_valid_bio(tags: &[String]) -> bool {
    let mut open: Option<&str> = None;
    for tag in tags {
        match parse_tag(tag) {
            Err(_) => return false,
            Ok(Bio::Outside) => open = None,
            Ok(Bio::Begin(c)) => open = Some(c),
            Ok(Bio::Inside(c)) => {
                if open != Some(c) {
                    return false;
                }
            }
        }
    }
    true
}

/// The labels of a model: `O` first, then `B-X`, `I-X` for each class in
/// sorted order. Knows which label may follow which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelSet {
    labels: Vec<String>,
    /// `allowed[prev * n + cur]`, with `prev == n` for the sentence start.
    allowed: Vec<bool>,
}

impl LabelSet {
    /// The label set for the given entity classes (deduplicated, sorted).
    pub fn from_classes<I, S>(classes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut classes: Vec<String> = classes.into_iter().map(Into::into).collect();
        classes.sort();
        classes.dedup();
        let mut labels = vec!["O".to_string()];
        for c in &classes {
            labels.push(format!("B-{c}"));
            labels.push(format!("I-{c}"));
        }
        Self::from_labels(labels)
    }

    /// Rebuilds a label set from its labels in order (as saved in a model).
    pub(crate) fn from_labels(labels: Vec<String>) -> Self {
        let n = labels.len();
        let mut allowed = vec![true; (n + 1) * n];
        for (cur, label) in labels.iter().enumerate() {
            if let Ok(Bio::Inside(class)) = parse_tag(label) {
                for prev in 0..=n {
                    let ok = labels.get(prev).is_some_and(|p| {
                        matches!(parse_tag(p), Ok(Bio::Begin(c) | Bio::Inside(c)) if c == class)
                    });
                    allowed[prev * n + cur] = ok;
                }
            }
        }
        LabelSet { labels, allowed }
    }

    /// The classes seen in labelled sentences' tags (after [`repair_bio`]).
    pub fn classes_of<'a>(tags: impl IntoIterator<Item = &'a String>) -> Vec<String> {
        let mut classes: Vec<String> = tags
            .into_iter()
            .filter_map(|t| match parse_tag(t) {
                Ok(Bio::Begin(c) | Bio::Inside(c)) => Some(c.to_string()),
                _ => None,
            })
            .collect();
        classes.sort();
        classes.dedup();
        classes
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// True when there are no labels (never for a set built here: `O` is always present).
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The labels in index order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The label at an index.
    pub fn name(&self, index: usize) -> &str {
        self.labels.get(index).map(String::as_str).unwrap_or("O")
    }

    /// The index of a label; unknown labels map to `O` (index 0).
    pub fn index(&self, label: &str) -> usize {
        self.labels.iter().position(|l| l == label).unwrap_or(0)
    }

    /// May `cur` follow `prev`? `prev == None` is the sentence start.
    pub fn allowed(&self, prev: Option<usize>, cur: usize) -> bool {
        let n = self.labels.len();
        let prev = prev.unwrap_or(n);
        self.allowed.get(prev * n + cur).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_tags() {
        assert_eq!(parse_tag("O").ok(), Some(Bio::Outside));
        assert_eq!(parse_tag("B-LOC").ok(), Some(Bio::Begin("LOC")));
        assert_eq!(parse_tag("I-PERS").ok(), Some(Bio::Inside("PERS")));
        for bad in ["", "B-", "X-LOC", "LOC", "o"] {
            assert!(parse_tag(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn repairs_orphan_inside_tags() {
        let fixed = repair_bio(&tags("I-LOC O I-PERS I-PERS B-ORG I-LOC junk I-ORG"));
        assert_eq!(fixed, tags("B-LOC O B-PERS I-PERS B-ORG B-LOC O B-ORG"));
        assert!(is_valid_bio(&fixed));
        assert!(!is_valid_bio(&tags("O I-LOC")));
        assert!(!is_valid_bio(&tags("B-ORG I-LOC")));
    }

    #[test]
    fn transitions_follow_bio() {
        let set = LabelSet::from_classes(["PERS", "LOC", "LOC"]);
        assert_eq!(set.labels(), tags("O B-LOC I-LOC B-PERS I-PERS"));
        let (o, bl, il, bp, ip) = (0, 1, 2, 3, 4);
        assert!(!set.allowed(None, il));
        assert!(set.allowed(None, bl));
        assert!(set.allowed(Some(bl), il));
        assert!(set.allowed(Some(il), il));
        assert!(!set.allowed(Some(bp), il));
        assert!(!set.allowed(Some(o), ip));
        assert!(set.allowed(Some(ip), o));
        assert_eq!(set.index("I-PERS"), ip);
        assert_eq!(set.index("B-XYZ"), o);
        assert_eq!(set.name(99), "O");
    }
}
