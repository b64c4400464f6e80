//! Duplicates across all documents of a run: exact copies (hash of the normalised text)
//! and near copies (MinHash over word 5-shingles with LSH banding; a candidate is a
//! duplicate when the estimated Jaccard similarity is at least `NEAR_DUPLICATE`).
//!
//! Fingerprints are computed per article in parallel; the index is then fed in input
//! order, so "earlier" means earlier in the run.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

const HASHES: usize = 128;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;
/// Minimum estimated Jaccard similarity for a near duplicate.
pub const NEAR_DUPLICATE: f32 = 0.7;
/// Articles with fewer words than this are compared exactly only.
const MIN_WORDS_FOR_NEAR: usize = 30;

/// The fingerprint of one article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub exact: u64,
    pub minhash: Option<Vec<u32>>,
}

fn mix(mut z: u64) -> u64 {
    // splitmix64 finaliser
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fingerprint a text: its normalised words (letters and digits only).
pub fn fingerprint(text: &str) -> Fingerprint {
    fingerprint_normalized(&rasid_text::normalize(text))
}

/// Fingerprint a text already normalised with `rasid_text::normalize`.
pub fn fingerprint_normalized(norm: &str) -> Fingerprint {
    let words: Vec<&str> = norm
        .split(|c: char| !(rasid_text::script::is_letter(c) || c.is_ascii_digit()))
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let exact = xxh3_64(joined.as_bytes());
    if words.len() < MIN_WORDS_FOR_NEAR {
        return Fingerprint {
            exact,
            minhash: None,
        };
    }
    let word_hashes: Vec<u64> = words.iter().map(|w| xxh3_64(w.as_bytes())).collect();
    // the permutation family h_i(x) = a_i·x + b_i (mod 2^64), a_i odd; the top 32 bits kept
    let (mul, add): (Vec<u64>, Vec<u64>) = (0..HASHES as u64)
        .map(|i| {
            (
                mix(i.wrapping_mul(2).wrapping_add(0x5eed)) | 1,
                mix(i.wrapping_mul(2).wrapping_add(0x5eee)),
            )
        })
        .unzip();
    let mut mins = vec![u64::MAX; HASHES];
    for sh in word_hashes.windows(SHINGLE) {
        let mut h = 0u64;
        for (k, w) in sh.iter().enumerate() {
            h ^= mix(w.wrapping_add(k as u64));
        }
        for ((m, a), b) in mins.iter_mut().zip(&mul).zip(&add) {
            let v = a.wrapping_mul(h).wrapping_add(*b);
            if v < *m {
                *m = v;
            }
        }
    }
    Fingerprint {
        exact,
        minhash: Some(mins.into_iter().map(|m| (m >> 32) as u32).collect()),
    }
}

/// Where an earlier copy lives: document source and article index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRef {
    pub source: String,
    pub article: usize,
}

/// The LSH band keys of a MinHash signature: one per band of `ROWS` hashes, the band's
/// number mixed in, so that two signatures are candidates when they share any key. The
/// store keeps them (`article_bands`) to find an article's candidates without reading
/// every fingerprint.
pub fn band_keys(sig: &[u32]) -> Vec<u64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(b, rows)| {
            let mut bytes = Vec::with_capacity(1 + rows.len() * 4);
            bytes.push(b as u8);
            bytes.extend(rows.iter().flat_map(|r| r.to_le_bytes()));
            xxh3_64(&bytes)
        })
        .collect()
}

/// The estimated Jaccard similarity of two MinHash signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f32 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / HASHES as f32
}

/// Of `candidates` (a key that orders them, earliest first, and a signature), the one most
/// similar to `sig` at [`NEAR_DUPLICATE`] or more, the earliest on a tie; with its
/// similarity. The one rule for "which earlier article is this one a copy of".
pub fn nearest<'a, K: Ord + Clone + 'a>(
    sig: &[u32],
    candidates: impl IntoIterator<Item = (&'a K, &'a [u32])>,
) -> Option<(K, f32)> {
    let mut best: Option<(&K, f32)> = None;
    for (key, other) in candidates {
        let j = similarity(sig, other);
        if j >= NEAR_DUPLICATE && best.is_none_or(|(c, bj)| j > bj || (j == bj && key < c)) {
            best = Some((key, j));
        }
    }
    best.map(|(k, j)| (k.clone(), j))
}

/// The run's index of articles seen so far.
#[derive(Debug, Default)]
pub struct DedupIndex {
    exact: HashMap<u64, usize>,
    bands: HashMap<u64, Vec<usize>>,
    refs: Vec<ArticleRef>,
    sigs: Vec<Option<Vec<u32>>>,
}

impl DedupIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// The earlier copy of `fp` and the estimated similarity, if any; then remember `fp`.
    /// An exact copy is the first article with the same text; else the nearest of the
    /// articles sharing a band key ([`nearest`]).
    pub fn check_and_insert(
        &mut self,
        fp: &Fingerprint,
        at: ArticleRef,
    ) -> Option<(ArticleRef, f32)> {
        let id = self.refs.len();
        let keys = fp.minhash.as_deref().map_or_else(Vec::new, band_keys);
        let mut found = self.exact.get(&fp.exact).map(|&e| (e, 1.0f32));
        if found.is_none() {
            if let Some(sig) = &fp.minhash {
                let candidates = keys
                    .iter()
                    .flat_map(|key| self.bands.get(key).map_or(&[][..], Vec::as_slice))
                    .filter_map(|cand| {
                        let other = self.sigs.get(*cand)?.as_deref()?;
                        Some((cand, other))
                    });
                found = nearest(sig, candidates);
            }
        }
        self.exact.entry(fp.exact).or_insert(id);
        for key in keys {
            self.bands.entry(key).or_default().push(id);
        }
        self.refs.push(at);
        self.sigs.push(fp.minhash.clone());
        found.and_then(|(e, j)| self.refs.get(e).cloned().map(|r| (r, j)))
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية تضم ستة عناصر في منطقة القصيم كانت تخطط لاستهداف منشآت حكومية ومساجد، وضبطت بحوزتها أحزمة ناسفة وأسلحة رشاشة وذخائر ومبالغ مالية كبيرة، وأوضح المتحدث الأمني أن العملية جاءت بعد رصد ومتابعة استمرت عدة أسابيع، وأن التحقيقات ما زالت جارية لكشف ارتباطات الخلية بتنظيمات خارجية وتحديد مصادر تمويلها وتسليحها.";

    fn at(s: &str) -> ArticleRef {
        ArticleRef {
            source: s.into(),
            article: 0,
        }
    }

    #[test]
    fn exact_copy_with_different_diacritics_and_spacing() {
        let mut idx = DedupIndex::new();
        assert!(idx.check_and_insert(&fingerprint(STORY), at("a")).is_none());
        let copy = STORY.replace("الداخلية", "الدَّاخلية").replace(" ", "  ");
        let (r, j) = idx
            .check_and_insert(&fingerprint(&copy), at("b"))
            .expect("dup");
        assert_eq!((r.source.as_str(), j), ("a", 1.0));
    }

    #[test]
    fn wire_copy_with_an_extra_sentence_is_a_near_duplicate() {
        let mut idx = DedupIndex::new();
        idx.check_and_insert(&fingerprint(STORY), at("a"));
        let copy =
            format!("الرياض - واس: {STORY} وأكدت الوزارة أنها لن تتهاون مع من يهدد أمن الوطن.");
        let (r, j) = idx
            .check_and_insert(&fingerprint(&copy), at("b"))
            .expect("near dup");
        assert_eq!(r.source, "a");
        assert!((NEAR_DUPLICATE..1.0).contains(&j), "{j}");
    }

    #[test]
    fn different_story_is_not_a_duplicate() {
        let mut idx = DedupIndex::new();
        idx.check_and_insert(&fingerprint(STORY), at("a"));
        let other = "شنت طائرات التحالف العربي غارات مكثفة على مواقع لمليشيا الحوثي في محافظة صعدة شمال اليمن، ما أسفر عن تدمير مخازن أسلحة ومقتل عدد من المسلحين، بحسب مصادر محلية أكدت أن الغارات استهدفت أيضا تجمعات للمليشيا قرب الحدود وأن الاشتباكات استمرت حتى ساعات الصباح الأولى.";
        assert!(idx.check_and_insert(&fingerprint(other), at("b")).is_none());
    }
}
