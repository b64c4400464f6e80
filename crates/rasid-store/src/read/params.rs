//! The OpenAPI schemas of request parameters whose checks a type cannot say: patterns and
//! enums that state exactly what the API's handlers accept, so that a client generated
//! from `/api/openapi.json` sends only values the server takes (and the server refuses
//! every value the document rules out). rasid-web sets them on the parameters of
//! [`super::EventFilter`] and its own (utoipa's `schema_with` would drop a parameter's
//! description and required flag).
//!
//! The handlers trim parameters with Rust's `str::trim` (Unicode `White_Space`) and read a
//! blank filter as no filter, so the patterns allow that whitespace around a value
//! ([`WS`]) rather than `\s`, whose meaning differs between regex dialects.

use rasid_kb::EVENT_TYPES;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Object, RefOr, Schema};

/// One character that `str::trim` removes (Unicode `White_Space`), as a regex class in
/// the syntax ECMA-262, Python and Rust share.
pub const WS: &str =
    r"[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";

/// One character that is not [`WS`]: a text matching `NOT_WS` (unanchored) is not blank.
pub const NOT_WS: &str =
    r"[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";

/// A string matching `^WS*(inner)?WS*$`: the value, blank or absent.
pub fn blank_or(inner: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{WS}*({inner})?{WS}*$")))
        .build()
}

/// A year 0001–9999.
const YEAR: &str = "000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3}";
/// A leap year (divisible by 4, centuries by 400).
const LEAP_YEAR: &str = "[0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00";
/// A month and a day it has outside leap years.
const MONTH_DAY: &str =
    "(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31";

/// The regex (unanchored, ungrouped) of a real date written YYYY, YYYY-MM or YYYY-MM-DD:
/// what [`super::is_partial_date`] accepts.
pub fn date_regex() -> String {
    format!("({YEAR})(-(0[1-9]|1[0-2]))?|({YEAR})-({MONTH_DAY})|({LEAP_YEAR})-02-29")
}

/// `from` / `to`: a real date, or blank.
pub fn date_schema() -> RefOr<Schema> {
    blank_or(&date_regex()).into()
}

/// `country`: two ASCII letters (any case), or blank.
pub fn country_schema() -> RefOr<Schema> {
    blank_or("[A-Za-z]{2}").into()
}

/// `type`: one of the event types, or empty.
pub fn event_type_schema() -> RefOr<Schema> {
    let mut values = vec![""];
    values.extend(EVENT_TYPES);
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .build()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn whole(re: &str) -> Regex {
        Regex::new(&format!("^(?:{re})$")).expect("regex")
    }

    /// Every day of years 0000–0004, 0096–0104, 0396–0404, 1896–1904, 1996–2030 and
    /// 2096–2104, and malformed texts: the date regex matches exactly what
    /// `is_partial_date` takes.
    #[test]
    fn the_date_regex_is_the_date_check() {
        let re = whole(&date_regex());
        let mut texts: Vec<String> = Vec::new();
        let years = (0..=4)
            .chain(96..=104)
            .chain(396..=404)
            .chain(1896..=1904)
            .chain(1996..=2030)
            .chain(2096..=2104)
            .chain([9999]);
        for y in years {
            texts.push(format!("{y:04}"));
            for m in 0..=13 {
                texts.push(format!("{y:04}-{m:02}"));
                for d in 0..=32 {
                    texts.push(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        texts.extend(
            [
                "",
                "24",
                "2024-3",
                "2024-03-1",
                "20245",
                "2024-03-14-01",
                "2024-0a",
                "٢٠٢٤",
            ]
            .map(String::from),
        );
        for t in &texts {
            assert_eq!(re.is_match(t), super::super::is_partial_date(t), "{t:?}");
        }
    }

    #[test]
    fn blank_values_are_whitespace_that_trim_removes() {
        let ws = Regex::new(&format!("^{WS}$")).expect("ws");
        let not_ws = Regex::new(&format!("^{NOT_WS}$")).expect("not ws");
        for c in (0..=0x3000u32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(ws.is_match(&s), c.is_whitespace(), "{c:?}");
            assert_eq!(not_ws.is_match(&s), !c.is_whitespace(), "{c:?}");
        }
        let country = Regex::new(country_schema_pattern().as_str()).expect("country");
        for ok in ["", " ", "ye", "SY", " Ye\u{3000}"] {
            assert!(country.is_match(ok), "{ok:?}");
        }
        for bad in ["y", "yem", "y e", "١٢"] {
            assert!(!country.is_match(bad), "{bad:?}");
        }
    }

    fn country_schema_pattern() -> String {
        match country_schema() {
            RefOr::T(Schema::Object(o)) => o.pattern.expect("pattern"),
            _ => panic!("not an object"),
        }
    }
}
