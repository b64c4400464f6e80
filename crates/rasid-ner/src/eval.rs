//! Entity-level scoring (conlleval style), the same counting as
//! `shared/eval/ner_score.py`: a chunk is a maximal `B-X I-X …` run (an
//! `I-X` after another class or `O` opens a chunk), `PER` reads as `PERS`,
//! `MIS*` as `MISC`, and the headline is the micro F1 over PERS, LOC, ORG.

use std::collections::{BTreeMap, HashSet};

/// Classes in the headline score.
pub const MAIN_CLASSES: [&str; 3] = ["PERS", "LOC", "ORG"];

/// Counts for one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold chunks.
    pub gold: usize,
    /// Predicted chunks.
    pub pred: usize,
    /// Chunks predicted with the right span and class.
    pub correct: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.pred)
    }

    /// Recall (0 when there is no gold chunk).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-class counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// Counts by class name.
    pub by_class: BTreeMap<String, Counts>,
}

impl Scores {
    /// Counts of one class (zeros when absent).
    pub fn class(&self, class: &str) -> Counts {
        self.by_class.get(class).copied().unwrap_or_default()
    }

    /// Micro-averaged counts over PERS, LOC and ORG.
    pub fn main_micro(&self) -> Counts {
        MAIN_CLASSES.iter().fold(Counts::default(), |acc, c| {
            let k = self.class(c);
            Counts {
                gold: acc.gold + k.gold,
                pred: acc.pred + k.pred,
                correct: acc.correct + k.correct,
            }
        })
    }

    /// A table like `ner_score.py` prints.
    pub fn report(&self) -> String {
        let mut out = format!(
            "{:<6} {:>6} {:>6} {:>6}  gold/pred/correct\n",
            "type", "P", "R", "F1"
        );
        for class in MAIN_CLASSES.iter().copied().chain(["MISC"]) {
            let k = self.class(class);
            out.push_str(&format!(
                "{class:<6} {:6.3} {:6.3} {:6.3}  {}/{}/{}\n",
                k.precision(),
                k.recall(),
                k.f1(),
                k.gold,
                k.pred,
                k.correct
            ));
        }
        let m = self.main_micro();
        out.push_str(&format!(
            "PERS+LOC+ORG micro: P {:.3} R {:.3} F1 {:.3}\n",
            m.precision(),
            m.recall(),
            m.f1()
        ));
        out
    }
}

fn label(tag: &str) -> (char, Option<String>) {
    let tag = tag.trim();
    if matches!(tag, "" | "O" | "OO") || !tag.contains('-') {
        return ('O', None);
    }
    let (prefix, kind) = tag.split_once('-').unwrap_or((tag, ""));
    let mut kind = kind.trim_matches('-').to_uppercase();
    if kind == "PER" {
        kind = "PERS".into();
    }
    if kind.starts_with("MIS") {
        kind = "MISC".into();
    }
    let p = prefix.to_uppercase().chars().next().unwrap_or('O');
    (p, Some(kind))
}

/// Chunks `(class, start, end)` of one tag sequence.
pub fn chunks(tags: &[String]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    let end = tags.len();
    for (i, tag) in tags.iter().map(String::as_str).chain(["O"]).enumerate() {
        let (prefix, kind) = label(tag);
        if let Some((k, start)) = &open {
            if prefix != 'I' || kind.as_ref() != Some(k) {
                out.push((k.clone(), *start, i.min(end)));
                open = None;
            }
        }
        if matches!(prefix, 'B' | 'I') && open.is_none() {
            if let Some(k) = kind {
                open = Some((k, i));
            }
        }
    }
    out
}

/// Scores predicted tag sequences against gold ones, sentence by sentence
/// (sentences are scored in order; a missing prediction counts as all `O`).
pub fn score(gold: &[Vec<String>], pred: &[Vec<String>]) -> Scores {
    let mut scores = Scores::default();
    for (i, g) in gold.iter().enumerate() {
        let p = pred.get(i).cloned().unwrap_or_default();
        let gc = chunks(g);
        let pc: HashSet<(String, usize, usize)> = chunks(&p).into_iter().collect();
        for c in &gc {
            let e = scores.by_class.entry(c.0.clone()).or_default();
            e.gold += 1;
            if pc.contains(c) {
                e.correct += 1;
            }
        }
        for c in &pc {
            scores.by_class.entry(c.0.clone()).or_default().pred += 1;
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn chunks_like_conlleval() {
        assert_eq!(
            chunks(&tags("B-PER I-PER O I-LOC B-LOC I-ORG")),
            vec![
                ("PERS".to_string(), 0, 2),
                ("LOC".to_string(), 3, 4),
                ("LOC".to_string(), 4, 5),
                ("ORG".to_string(), 5, 6)
            ]
        );
    }

    #[test]
    fn scores_per_class_and_micro() {
        let gold = vec![tags("B-PERS I-PERS O B-LOC"), tags("B-ORG O B-MISC")];
        let pred = vec![tags("B-PERS O O B-LOC"), tags("B-ORG O O")];
        let s = score(&gold, &pred);
        assert_eq!(
            s.class("PERS"),
            Counts {
                gold: 1,
                pred: 1,
                correct: 0
            }
        );
        assert_eq!(s.class("LOC").f1(), 1.0);
        assert_eq!(s.class("MISC").recall(), 0.0);
        let m = s.main_micro();
        assert_eq!((m.gold, m.pred, m.correct), (3, 3, 2));
        assert!(s
            .report()
            .contains("PERS+LOC+ORG micro: P 0.667 R 0.667 F1 0.667"));
    }
}
