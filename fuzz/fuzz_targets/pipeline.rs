//! The whole extraction of one input, as `rasid extract` runs it: read (decode, HTML,
//! JSON), segment, date and attribute articles, judge relevance, recognise actors,
//! persons, places, dates, numbers, events and relations, mark duplicates, and write the
//! record as JSON. The first byte picks the input kind, the rest is the file.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rasid_extract::Extractor;
use rasid_fuzz::{check_span, kb};
use rasid_ingest::{read_bytes, Deduplicator, InputKind, Limits, Pipeline};
use rasid_text::char_len;

const KINDS: &[InputKind] = &[
    InputKind::Text,
    InputKind::Html,
    InputKind::JsonLines,
    InputKind::Sniff,
];

/// The pipeline and the extractor, compiled once per process as the command line does.
fn workers() -> &'static (Pipeline<'static>, Extractor<'static>) {
    static W: OnceLock<(Pipeline<'static>, Extractor<'static>)> = OnceLock::new();
    W.get_or_init(|| (Pipeline::new(kb()), Extractor::new(kb())))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let (pipeline, extractor) = workers();
    let mut dedup = Deduplicator::new();
    let kind = KINDS[usize::from(pick) % KINDS.len()];
    read_bytes(bytes, kind, "fuzz", Limits::default(), |doc| {
        let Ok(doc) = doc else { return };
        let len = char_len(&doc.text);
        let mut p = pipeline.process(&doc);
        extractor.annotate(&doc.text, &mut p);
        dedup.apply(&mut p);
        for a in &p.record.articles {
            for b in &a.blocks {
                check_span("block", b[0], b[1], len);
            }
            for d in &a.dates {
                check_span("date", d.start, d.end, len);
            }
            for n in &a.numbers {
                check_span("number", n.start, n.end, len);
            }
        }
        serde_json::to_string(&p.record).expect("a record serialises");
    });
});
