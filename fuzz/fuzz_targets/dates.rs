//! Dates: absolute, Hijri, ranges, months, years, weekdays and relative expressions,
//! resolved against a publication date. The first three bytes pick the publication date
//! (or none), the rest is the text; every date found must lie in the text and be ISO.
#![no_main]

use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use rasid_extract::DateResolver;
use rasid_fuzz::{check_span, kb, text};
use rasid_text::char_len;

fn resolver() -> &'static DateResolver {
    static R: OnceLock<DateResolver> = OnceLock::new();
    R.get_or_init(|| DateResolver::new(&kb().calendar))
}

fn iso(s: &str) -> bool {
    // YYYY, YYYY-MM or YYYY-MM-DD (a year may carry a sign or more digits far from now)
    let parts: Vec<&str> = s.trim_start_matches(['-', '+']).split('-').collect();
    !parts.is_empty()
        && parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fuzz_target!(|data: &[u8]| {
    let (published, rest) = match data {
        [0, rest @ ..] => (None, rest),
        [y, m, d, rest @ ..] => (
            // any year from 1 to 4096, so leap days, year ends and far dates are reached
            NaiveDate::from_ymd_opt(
                1 + i32::from(*y) * 16 + i32::from(*m >> 4),
                u32::from(*m & 15) % 12 + 1,
                u32::from(*d) % 31 + 1,
            ),
            rest,
        ),
        _ => return,
    };
    let text = text(rest);
    let len = char_len(text);
    for d in resolver().find(text, published) {
        check_span("date", d.start, d.end, len);
        assert!(iso(&d.date), "not an ISO date: {:?}", d.date);
        if let Some(end) = &d.date_end {
            assert!(iso(end), "not an ISO date: {end:?}");
        }
    }
});
