//! Topic similarity between two stretches of text: cosine over counts of content-word
//! stems (clitics stripped, stop words and short words dropped).

use std::collections::{HashMap, HashSet};

use rasid_kb::{Kb, SuffixList};
use rasid_text::Tokenizer;

/// What topic similarity takes from the knowledge base: the tokenizer that strips
/// clitics, the stop words it drops and the endings it folds.
#[derive(Debug, Clone, Copy)]
pub struct TopicWords<'a> {
    pub tokenizer: &'a Tokenizer,
    pub stopwords: &'a HashSet<String>,
    pub endings: &'a SuffixList,
}

impl<'a> TopicWords<'a> {
    pub fn of(kb: &'a Kb) -> Self {
        Self {
            tokenizer: &kb.tokenizer,
            stopwords: &kb.segmentation.stopwords,
            endings: &kb.suffixes.topic,
        }
    }
}

/// Bag of content-word stems.
#[derive(Debug, Clone, Default)]
pub struct TopicVector {
    counts: HashMap<String, f32>,
}

impl TopicVector {
    pub fn from_text(text: &str, words: &TopicWords) -> Self {
        let mut v = Self::default();
        v.add_text(text, words);
        v
    }

    pub fn add_text(&mut self, text: &str, words: &TopicWords) {
        let stopwords = words.stopwords;
        for tok in words.tokenizer.tokenize(text) {
            if tok.kind != rasid_text::TokenKind::Word {
                continue;
            }
            if stopwords.contains(&tok.norm) || stopwords.contains(&tok.stem_norm) {
                continue;
            }
            // «الحوثيين», «الحوثيون», «الحوثية» meet
            let stem = words.endings.strip(&tok.stem_norm).to_string();
            if stem.chars().count() < 3 {
                continue;
            }
            *self.counts.entry(stem).or_insert(0.0) += 1.0;
        }
    }

    pub fn add(&mut self, other: &TopicVector) {
        for (k, v) in &other.counts {
            *self.counts.entry(k.clone()).or_insert(0.0) += v;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    pub fn cosine(&self, other: &TopicVector) -> f32 {
        let (small, big) = if self.counts.len() <= other.counts.len() {
            (self, other)
        } else {
            (other, self)
        };
        let dot: f32 = small
            .counts
            .iter()
            .filter_map(|(k, v)| big.counts.get(k).map(|w| v * w))
            .sum();
        let norm = |t: &TopicVector| t.counts.values().map(|v| v * v).sum::<f32>().sqrt();
        let d = norm(self) * norm(other);
        if d == 0.0 {
            0.0
        } else {
            dot / d
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_topic_scores_higher_than_different_topic() {
        let kb = rasid_kb::Kb::builtin().expect("kb");
        let stop = &TopicWords::of(&kb);
        let a = TopicVector::from_text(
            "شنت مليشيا الحوثي هجوما على مواقع الجيش في محافظة البيضاء وقتل عدد من المسلحين الحوثيين",
            stop,
        );
        let b = TopicVector::from_text(
            "وأكدت مصادر عسكرية أن الجيش صد هجوم الحوثيين في البيضاء وأن المسلحين تكبدوا خسائر",
            stop,
        );
        let c = TopicVector::from_text(
            "ارتفعت أسعار الذهب في الأسواق المحلية مع تراجع الدولار وزيادة الطلب على المشغولات",
            stop,
        );
        assert!(a.cosine(&b) > 0.3, "{}", a.cosine(&b));
        assert!(a.cosine(&c) < 0.05, "{}", a.cosine(&c));
        assert_eq!(TopicVector::default().cosine(&a), 0.0);
    }
}
