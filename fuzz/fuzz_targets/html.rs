//! HTML to article text: markup parsing, the main-text heuristic, title, JSON-LD and meta
//! dates and outlet, with the tag limit of `parse_html_checked` and without it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_ingest::document::iso_date_prefix;
use rasid_ingest::html::{parse_html, parse_html_checked};

fuzz_target!(|data: &[u8]| {
    let html = rasid_fuzz::text(data);
    let checked = parse_html_checked(html);
    let page = parse_html(html);
    if let Ok(p) = checked {
        assert_eq!(p, page, "parse_html_checked and parse_html disagree");
    }
    if let Some((date, _)) = &page.meta.published {
        assert_eq!(iso_date_prefix(date).as_deref(), Some(date.as_str()));
    }
});
