//! Saving and loading models: a small binary format inside gzip.
//!
//! Layout of format version 5 (little-endian): magic `RASIDNER`, format
//! version (u32); the weights of the pass that tags ([`put_core`]: feature
//! settings, labels, transition weights (f32), the `O` penalty (f32), the
//! feature rows sorted by hash, each as the varint delta of its hash, a
//! varint bit mask of its non-zero labels and one f32 per set bit); then
//! the gazetteer and the word clusters, each behind a presence flag; then,
//! behind a flag, the first pass of a two-pass model (its weights in the
//! same layout; it shares the gazetteer, clusters and topic words); then,
//! behind a flag, the corpus lexicon (stems sorted, six varint counts
//! each); then, behind a flag, the topic words (`(stem, class)` pairs).
//!
//! Files of versions 2 to 4 load too. Version 2 has no topic window,
//! marginals or topic words. Versions 3 and 4 carry fields of tagging
//! options that no longer exist: a cue-feature flag per pass, class
//! bonuses and a cue lexicon after the lexicon, and (version 4) an `I-`
//! penalty at the end. They load when those options are off (the cue
//! lexicon, unused without cue features, is skipped); a model that needs
//! one of them is refused with an error that says which.

use crate::clusters::WordClusters;
use crate::cues::Cues;
use crate::decode::FeatureIndex;
use crate::features::FeatureConfig;
use crate::gazetteer::Gazetteer;
use crate::labels::LabelSet;
use crate::lexicon::{Lexicon, SLOTS};
use crate::model::{Model, Resources};
use crate::NerError;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use rasid_text::Tokenizer;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"RASIDNER";
const VERSION: u32 = 5;
/// The oldest format version [`load`] reads.
const OLDEST: u32 = 2;
/// Counts per stem in the cue lexicon of version 3 and 4 files.
const CUE_LEXICON_SLOTS: usize = 5;
/// Upper bound on any single string in a model file (bytes).
const MAX_STR: usize = 1 << 20;
/// Upper bound on up-front allocations driven by counts in the file.
const MAX_PREALLOC: usize = 1 << 20;

fn put_u32(w: &mut impl Write, v: u32) -> std::io::Result<()> {
    w.write_all(&v.to_le_bytes())
}

fn put_varint(w: &mut impl Write, mut v: u64) -> std::io::Result<()> {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            return w.write_all(&[byte]);
        }
        w.write_all(&[byte | 0x80])?;
    }
}

fn put_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    put_varint(w, s.len() as u64)?;
    w.write_all(s.as_bytes())
}

fn put_f32(w: &mut impl Write, v: f32) -> std::io::Result<()> {
    w.write_all(&v.to_le_bytes())
}

/// Writes the weights of one pass: feature settings, labels, transitions,
/// the `O` penalty and the feature rows.
fn put_core(z: &mut impl Write, model: &Model) -> Result<(), NerError> {
    let l = model.labels.len();
    if l > 64 {
        return Err(NerError::BadModel(format!(
            "{l} labels; the format stores at most 64"
        )));
    }
    let f = &model.features;
    put_varint(z, f.window as u64)?;
    put_varint(z, f.affix_len as u64)?;
    z.write_all(&[u8::from(f.bigrams), u8::from(f.neighbour_affixes)])?;
    put_varint(z, f.doc_window as u64)?;
    put_varint(z, f.topic_window as u64)?;
    z.write_all(&[u8::from(f.marginals)])?;
    put_varint(z, l as u64)?;
    for label in model.labels.labels() {
        put_str(z, label)?;
    }
    for &t in &model.transition {
        put_f32(z, t)?;
    }
    put_f32(z, model.outside_penalty)?;
    let mut rows: Vec<(u64, u32)> = model.index.iter().map(|(&k, &r)| (k, r)).collect();
    rows.sort_unstable();
    put_varint(z, rows.len() as u64)?;
    let mut prev = 0u64;
    for (key, row) in rows {
        put_varint(z, key - prev)?;
        prev = key;
        let base = row as usize * l;
        let weights = model.emission.get(base..base + l).unwrap_or(&[]);
        let mask = weights
            .iter()
            .enumerate()
            .filter(|(_, &w)| w != 0.0)
            .fold(0u64, |m, (i, _)| m | (1 << i));
        put_varint(z, mask)?;
        for &w in weights.iter().filter(|&&w| w != 0.0) {
            put_f32(z, w)?;
        }
    }
    Ok(())
}

/// An optional list of (phrase, class) pairs: a presence byte, the count, the pairs.
fn put_pairs(z: &mut impl Write, pairs: Option<Vec<(&str, &str)>>) -> std::io::Result<()> {
    let Some(pairs) = pairs else {
        return z.write_all(&[0]);
    };
    z.write_all(&[1])?;
    put_varint(z, pairs.len() as u64)?;
    for (p, c) in pairs {
        put_str(z, p)?;
        put_str(z, c)?;
    }
    Ok(())
}

/// An optional stem → counts table, in stem order: a presence byte, the count, the rows.
fn put_counts<const N: usize>(
    z: &mut impl Write,
    table: Option<&std::collections::HashMap<String, [u32; N]>>,
) -> std::io::Result<()> {
    let Some(table) = table else {
        return z.write_all(&[0]);
    };
    z.write_all(&[1])?;
    let mut stems: Vec<(&String, &[u32; N])> = table.iter().collect();
    stems.sort();
    put_varint(z, stems.len() as u64)?;
    for (stem, counts) in stems {
        put_str(z, stem)?;
        for &c in counts {
            put_varint(z, u64::from(c))?;
        }
    }
    Ok(())
}

/// Writes `model` to `w`.
pub fn save(model: &Model, w: impl Write) -> Result<(), NerError> {
    let mut z = GzEncoder::new(w, Compression::best());
    z.write_all(MAGIC)?;
    put_u32(&mut z, VERSION)?;
    put_core(&mut z, model)?;
    put_pairs(
        &mut z,
        model.resources.gazetteer.as_ref().map(|g| g.entries()),
    )?;
    match &model.resources.clusters {
        None => z.write_all(&[0])?,
        Some(cl) => {
            z.write_all(&[1])?;
            put_varint(&mut z, cl.sizes.len() as u64)?;
            for &size in &cl.sizes {
                put_varint(&mut z, size as u64)?;
            }
            let mut words: Vec<(&String, &Vec<u16>)> = cl.classes.iter().collect();
            words.sort();
            put_varint(&mut z, words.len() as u64)?;
            for (w, classes) in words {
                put_str(&mut z, w)?;
                for level in 0..cl.sizes.len() {
                    put_varint(&mut z, u64::from(classes.get(level).copied().unwrap_or(0)))?;
                }
            }
        }
    }
    match &model.first_pass {
        None => z.write_all(&[0])?,
        Some(first) => {
            if first.first_pass.is_some() {
                return Err(NerError::BadModel(
                    "a first pass may not have a first pass of its own".into(),
                ));
            }
            z.write_all(&[1])?;
            put_core(&mut z, first)?;
        }
    }
    put_counts(&mut z, model.resources.lexicon.as_ref().map(|l| &l.counts))?;
    put_pairs(&mut z, model.resources.cues.as_ref().map(|c| c.entries()))?;
    z.finish()?.flush()?;
    Ok(())
}

/// Reads values from the decompressed stream, mapping early EOF to
/// [`NerError::BadModel`].
struct Reader<R: Read>(R);

impl<R: Read> Reader<R> {
    fn bytes<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut b = [0u8; N];
        self.0.read_exact(&mut b).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => NerError::BadModel("file is truncated".into()),
            _ => NerError::Io(e),
        })?;
        Ok(b)
    }

    fn u8(&mut self) -> Result<u8, NerError> {
        Ok(self.bytes::<1>()?[0])
    }

    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.bytes()?))
    }

    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_le_bytes(self.bytes()?))
    }

    fn varint(&mut self) -> Result<u64, NerError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(NerError::BadModel("varint too long".into()))
    }

    fn usize(&mut self, max: usize, what: &str) -> Result<usize, NerError> {
        let v = self.varint()?;
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or_else(|| NerError::BadModel(format!("{what} = {v} is out of range")))
    }

    fn string(&mut self) -> Result<String, NerError> {
        let len = self.usize(MAX_STR, "string length")?;
        let mut buf = vec![0u8; len];
        self.0.read_exact(&mut buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => NerError::BadModel("file is truncated".into()),
            _ => NerError::Io(e),
        })?;
        String::from_utf8(buf).map_err(|_| NerError::BadModel("string is not UTF-8".into()))
    }
}

/// Reads the weights of one pass written by [`put_core`]; its resources
/// are empty.
fn read_core<R: Read>(r: &mut Reader<R>, version: u32) -> Result<Model, NerError> {
    let features = FeatureConfig {
        window: r.usize(16, "window")?,
        affix_len: r.usize(16, "affix length")?,
        bigrams: r.u8()? != 0,
        neighbour_affixes: r.u8()? != 0,
        doc_window: r.usize(u32::MAX as usize, "document window")?,
        topic_window: if version >= 3 {
            r.usize(u32::MAX as usize, "topic window")?
        } else {
            0
        },
        marginals: version >= 3 && r.u8()? != 0,
    };
    if (3..=4).contains(&version) && r.u8()? != 0 {
        return Err(NerError::BadModel(
            "it uses cue-word sentence features, which this version no longer computes".into(),
        ));
    }
    let l = r.usize(64, "label count")?;
    let mut labels = Vec::with_capacity(l);
    for _ in 0..l {
        let label = r.string()?;
        crate::labels::parse_tag(&label).map_err(|e| NerError::BadModel(e.to_string()))?;
        labels.push(label);
    }
    if labels.first().map(String::as_str) != Some("O") {
        return Err(NerError::BadModel("first label is not O".into()));
    }
    let labels = LabelSet::from_labels(labels);
    let mut transition = Vec::with_capacity((l + 1) * l);
    for _ in 0..(l + 1) * l {
        transition.push(r.f32()?);
    }
    let outside_penalty = r.f32()?;
    if !outside_penalty.is_finite() {
        return Err(NerError::BadModel("outside penalty is not finite".into()));
    }
    let n_rows = r.usize(u32::MAX as usize, "feature count")?;
    let mut index = FeatureIndex::default();
    index.reserve(n_rows.min(MAX_PREALLOC));
    let mut emission = Vec::with_capacity((n_rows * l).min(MAX_PREALLOC));
    let mut key = 0u64;
    for row in 0..n_rows {
        key = key
            .checked_add(r.varint()?)
            .ok_or_else(|| NerError::BadModel("feature hash overflow".into()))?;
        let mask = r.varint()?;
        if l < 64 && mask >> l != 0 {
            return Err(NerError::BadModel(
                "weight mask names unknown labels".into(),
            ));
        }
        for y in 0..l {
            emission.push(if mask & (1 << y) != 0 { r.f32()? } else { 0.0 });
        }
        index.insert(key, row as u32);
    }
    Ok(Model {
        labels,
        features,
        index,
        emission,
        transition,
        resources: Resources::default(),
        outside_penalty,
        first_pass: None,
    })
}

/// A table of stems with `N` counts each (the corpus lexicon; the cue
/// lexicon of version 3 and 4 files).
fn read_stem_counts<R: Read, const N: usize>(
    r: &mut Reader<R>,
    what: &str,
) -> Result<HashMap<String, [u32; N]>, NerError> {
    let n = r.usize(u32::MAX as usize, &format!("{what} size"))?;
    let mut counts = HashMap::with_capacity(n.min(MAX_PREALLOC));
    for _ in 0..n {
        let stem = r.string()?;
        let mut c = [0u32; N];
        for v in &mut c {
            *v = r.usize(u32::MAX as usize, &format!("{what} count"))? as u32;
        }
        counts.insert(stem, c);
    }
    Ok(counts)
}

/// An optional list of pairs written by [`put_pairs`].
fn read_pairs<R: Read>(
    r: &mut Reader<R>,
    what: &str,
) -> Result<Option<Vec<(String, String)>>, NerError> {
    match r.u8()? {
        0 => Ok(None),
        1 => {
            let n = r.usize(u32::MAX as usize, &format!("{what} size"))?;
            let mut pairs = Vec::with_capacity(n.min(MAX_PREALLOC));
            for _ in 0..n {
                pairs.push((r.string()?, r.string()?));
            }
            Ok(Some(pairs))
        }
        b => Err(NerError::BadModel(format!("bad {what} flag {b}"))),
    }
}

/// The class bonuses of a version 3 or 4 file: accepted when there are
/// none.
fn read_class_bonuses<R: Read>(r: &mut Reader<R>) -> Result<(), NerError> {
    let n = r.usize(64, "class bonus count")?;
    let mut classes = Vec::with_capacity(n);
    for _ in 0..n {
        classes.push(r.string()?);
        r.f32()?;
    }
    if classes.is_empty() {
        return Ok(());
    }
    Err(NerError::BadModel(format!(
        "it adds class bonuses ({}), which this version no longer applies",
        classes.join(", ")
    )))
}

/// Skips the cue lexicon of a version 3 or 4 file (only cue features,
/// refused by [`read_core`], used it).
fn skip_cue_lexicon<R: Read>(r: &mut Reader<R>) -> Result<(), NerError> {
    match r.u8()? {
        0 => Ok(()),
        1 => read_stem_counts::<_, CUE_LEXICON_SLOTS>(r, "cue lexicon").map(drop),
        b => Err(NerError::BadModel(format!("bad cue lexicon flag {b}"))),
    }
}

/// Reads a model written by [`save`], or by an earlier format version.
pub fn load(r: impl Read) -> Result<Model, NerError> {
    let mut r = Reader(GzDecoder::new(r));
    if &r.bytes::<8>()? != MAGIC {
        return Err(NerError::BadModel("not a rasid-ner model".into()));
    }
    let version = r.u32()?;
    if !(OLDEST..=VERSION).contains(&version) {
        return Err(NerError::BadModel(format!(
            "format version {version}, expected {OLDEST} to {VERSION}"
        )));
    }
    let mut model = read_core(&mut r, version)?;
    let gazetteer = read_pairs(&mut r, "gazetteer")?.map(Gazetteer::from_entries);
    let clusters = match r.u8()? {
        0 => None,
        1 => {
            let levels = r.usize(64, "cluster levels")?;
            let mut sizes = Vec::with_capacity(levels);
            for _ in 0..levels {
                sizes.push(r.usize(u16::MAX as usize, "cluster count")?);
            }
            let n = r.usize(u32::MAX as usize, "clustered words")?;
            let mut classes = HashMap::with_capacity(n.min(MAX_PREALLOC));
            for _ in 0..n {
                let w = r.string()?;
                let mut cl = Vec::with_capacity(levels);
                for &size in &sizes {
                    let c = r.usize(size.saturating_sub(1), "word class")?;
                    cl.push(c as u16);
                }
                classes.insert(w, cl);
            }
            Some(WordClusters::from_parts(sizes, classes))
        }
        b => return Err(NerError::BadModel(format!("bad cluster flag {b}"))),
    };
    model.resources = Resources {
        gazetteer,
        clusters,
        ..Resources::default()
    };
    model.first_pass = match r.u8()? {
        0 => None,
        1 => {
            let mut first = read_core(&mut r, version)?;
            if first.features.doc_window != 0 {
                return Err(NerError::BadModel(
                    "the first pass uses document features".into(),
                ));
            }
            first.resources = model.resources.clone();
            Some(Box::new(first))
        }
        b => return Err(NerError::BadModel(format!("bad first-pass flag {b}"))),
    };
    model.resources.lexicon = match r.u8()? {
        0 => None,
        1 => {
            let counts = read_stem_counts::<_, SLOTS>(&mut r, "lexicon")?;
            Some(Lexicon { counts })
        }
        b => return Err(NerError::BadModel(format!("bad lexicon flag {b}"))),
    };
    if (3..=4).contains(&version) {
        read_class_bonuses(&mut r)?;
    }
    if version >= 3 {
        model.resources.cues = read_pairs(&mut r, "topic words")?.map(|c| Cues::from_entries(&c));
    }
    if (3..=4).contains(&version) {
        skip_cue_lexicon(&mut r)?;
    }
    if version == 4 {
        let inside = r.f32()?;
        if inside != 0.0 {
            return Err(NerError::BadModel(format!(
                "it sets an I- penalty of {inside}, which this version no longer applies"
            )));
        }
    }
    if let Some(first) = model.first_pass.as_mut() {
        first.resources.cues = model.resources.cues.clone();
    }
    if model.first_pass.is_none() && model.features.doc_window != 0 {
        return Err(NerError::BadModel(
            "document features without a first pass".into(),
        ));
    }
    Ok(model)
}

/// `e` with the model file's path: in the message of a [`NerError::BadModel`],
/// as a [`NerError::File`] for an I/O error.
fn with_path(e: NerError, path: &Path) -> NerError {
    match e {
        NerError::BadModel(m) => NerError::BadModel(format!("{}: {m}", path.display())),
        NerError::Io(source) => NerError::file(path, source),
        other => other,
    }
}

impl Model {
    /// Writes the model (gzip-compressed binary; the default ANERcorp model
    /// with word clusters takes about 26 MB).
    pub fn save(&self, w: impl Write) -> Result<(), NerError> {
        save(self, w)
    }

    /// Reads a model written by [`Model::save`] (format versions 2 to 5). The tokenizer
    /// is not saved with the model: give the knowledge base's (`Kb::tokenizer`), as when
    /// training.
    pub fn load(r: impl Read, tokenizer: &Tokenizer) -> Result<Model, NerError> {
        Ok(Self::read(r)?.with_tokenizer(tokenizer))
    }

    /// Reads a model written by [`Model::save`] without its tokenizer, which
    /// [`Model::with_tokenizer`] gives it before it tags: so that a program can read the
    /// model while it loads the knowledge base.
    pub fn read(r: impl Read) -> Result<Model, NerError> {
        load(r)
    }

    /// The model with the tokenizer of the knowledge base (see [`Model::read`]), for it
    /// and its first pass.
    pub fn with_tokenizer(mut self, tokenizer: &Tokenizer) -> Model {
        self.resources.tokenizer = tokenizer.clone();
        if let Some(first) = self.first_pass.take() {
            self.first_pass = Some(Box::new(first.with_tokenizer(tokenizer)));
        }
        self
    }

    /// Saves to a file; errors name it.
    pub fn save_to_path(&self, path: &Path) -> Result<(), NerError> {
        let file = std::fs::File::create(path).map_err(|e| NerError::file(path, e))?;
        self.save(std::io::BufWriter::new(file))
            .map_err(|e| with_path(e, path))
    }

    /// Loads from a file, with the knowledge base's tokenizer (see [`Model::load`]);
    /// errors name the file.
    pub fn load_from_path(path: &Path, tokenizer: &Tokenizer) -> Result<Model, NerError> {
        Ok(Self::read_from_path(path)?.with_tokenizer(tokenizer))
    }

    /// Reads from a file without the tokenizer (see [`Model::read`]); errors name the file.
    pub fn read_from_path(path: &Path) -> Result<Model, NerError> {
        let file = std::fs::File::open(path).map_err(|e| NerError::file(path, e))?;
        Self::read(std::io::BufReader::new(file)).map_err(|e| with_path(e, path))
    }
}
