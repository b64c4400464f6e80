//! The publication date of an article from its text: «اليوم الخميس 23 نوفمبر/تشرين الثاني
//! 2023م» (the page speaking of its own day), or a dateline at the top or bottom of the
//! article («نشر في 5 مارس 2024», «2024/03/05»). Month names come from
//! `kb/calendar.toml`.

use rasid_kb::{regex_alternation, Calendar};
use rasid_model::Evidence;
use rasid_text::{CharIndex, Normalized, Span};
use regex::Regex;

/// Finds the day a page was published from its own words: «اليوم … D MONTH YYYY» in a
/// line, or a short dateline («نشر في 5 مارس 2024», «2024/03/05»). Gives a full ISO day
/// with its evidence, or nothing. The dates an article reports on are resolved later, by
/// `rasid_extract::DateResolver`. The patterns over normalised text are compiled once per
/// run.
#[derive(Debug)]
pub struct PublicationDateFinder {
    months: Vec<(String, u32)>,
    /// «اليوم [weekday] [الموافق] D MONTH[/MONTH] YYYY»
    today: Regex,
    /// «D MONTH[/MONTH] YYYY» anywhere in a short line
    named: Regex,
    /// D/M/YYYY, D-M-YYYY, YYYY/M/D, YYYY-MM-DD
    numeric: Regex,
}

/// Is (y, m, d) a real calendar date in a plausible range?
pub fn valid_date(y: i32, m: u32, d: u32) -> bool {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

impl PublicationDateFinder {
    pub fn new(calendar: &Calendar) -> Self {
        let months = calendar.gregorian_names();
        let month_alt = regex_alternation(months.iter().map(|(n, _)| n.as_str()));
        let weekdays = calendar.weekday_names();
        let weekday_alt = regex_alternation(weekdays.iter().map(|(n, _)| n.as_str()));
        let date = format!(
            r"(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({month_alt})(?:\s*[/\\(-]\s*(?:{month_alt})\)?)?\s*[،,]?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(\d{{4}})(?:م)?"
        );
        let today = format!(
            r"(?:^|[^\p{{L}}])اليوم\s+(?:(?:{weekday_alt})\s*[،,]?\s+)?(?:الموافق\s+)?{date}"
        );
        // these patterns are built from escaped kb names and fixed syntax, so they compile;
        // fall back to a never-matching pattern rather than panic if a kb name breaks one
        let compile = |p: &str| {
            Regex::new(p).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("trivial regex"))
        };
        Self {
            months,
            today: compile(&today),
            named: compile(&format!(r"(?:^|[^\p{{L}}\d]){date}")),
            numeric: compile(
                r"(?:^|[^\d])(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})[/.-](\d{1,2})[/.-](\d{1,2}))(?:[^\d]|$)",
            ),
        }
    }

    fn month_number(&self, norm_name: &str) -> Option<u32> {
        let squashed: String = norm_name.split_whitespace().collect::<Vec<_>>().join(" ");
        self.months
            .iter()
            .find(|(n, _)| *n == squashed)
            .map(|(_, m)| *m)
    }

    fn iso_of_named(&self, caps: &regex::Captures<'_>) -> Option<String> {
        let d: u32 = caps.get(1)?.as_str().parse().ok()?;
        let m = self.month_number(caps.get(2)?.as_str())?;
        let y: i32 = caps.get(3)?.as_str().parse().ok()?;
        valid_date(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
    }

    fn iso_of_numeric(caps: &regex::Captures<'_>) -> Option<String> {
        let (y, m, d) = if let Some(y) = caps.get(4) {
            (
                y.as_str().parse().ok()?,
                caps.get(5)?.as_str().parse().ok()?,
                caps.get(6)?.as_str().parse().ok()?,
            )
        } else {
            (
                caps.get(3)?.as_str().parse().ok()?,
                caps.get(2)?.as_str().parse().ok()?,
                caps.get(1)?.as_str().parse().ok()?,
            )
        };
        valid_date(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
    }

    /// «اليوم … <date>» in a line of text (char span `line` of the document).
    pub fn today_in(&self, line_text: &str, line: Span) -> Option<(String, Evidence)> {
        let norm = Normalized::new(line_text);
        let caps = self.today.captures_iter(norm.text()).find_map(|c| {
            let iso = self.iso_of_named(&c)?;
            Some((iso, c.get(0)?.range()))
        })?;
        Some(evidence(
            line_text,
            line,
            &norm,
            caps.1,
            caps.0,
            "published:text_today",
        ))
    }

    /// A short line that is a dateline: a date and little else.
    pub fn dateline_in(&self, line_text: &str, line: Span) -> Option<(String, Evidence)> {
        if line_text.split_whitespace().count() > 12 {
            return None;
        }
        let norm = Normalized::new(line_text);
        let first = |re: &Regex, to_iso: &dyn Fn(&regex::Captures<'_>) -> Option<String>| {
            re.captures_iter(norm.text())
                .find_map(|c| Some((to_iso(&c)?, c.get(0)?.range())))
        };
        let (iso, range) = first(&self.named, &|c| self.iso_of_named(c))
            .or_else(|| first(&self.numeric, &|c| Self::iso_of_numeric(c)))?;
        Some(evidence(
            line_text,
            line,
            &norm,
            range,
            iso,
            "published:text_dateline",
        ))
    }
}

fn evidence(
    line_text: &str,
    line: Span,
    norm: &Normalized,
    bytes: std::ops::Range<usize>,
    iso: String,
    rule: &str,
) -> (String, Evidence) {
    let ci = CharIndex::new(norm.text());
    let nspan = ci.char_span(bytes);
    let orig = norm.to_original(nspan);
    let surface = rasid_text::slice_chars(line_text, orig);
    // trim the boundary characters the patterns consume
    let lead = surface.chars().take_while(|c| !c.is_alphanumeric()).count();
    let trimmed = surface.trim_start_matches(|c: char| !c.is_alphanumeric());
    let trimmed = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = line.start + orig.start + lead;
    let ev = Evidence {
        text: trimmed.to_string(),
        start,
        end: start + trimmed.chars().count(),
        rule: rule.to_string(),
    };
    (iso, ev)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> PublicationDateFinder {
        PublicationDateFinder::new(&rasid_kb::Kb::builtin().expect("kb").calendar)
    }

    fn span(s: &str) -> Span {
        Span {
            start: 0,
            end: s.chars().count(),
        }
    }

    #[test]
    fn today_with_weekday_and_double_month_name() {
        let s = "ما زال الاجتماع قائماً حتى اليوم الخميس 23 نوفمبر/تشرين الثاني 2023م في العاصمة.";
        let (iso, e) = finder().today_in(s, span(s)).expect("date");
        assert_eq!(iso, "2023-11-23");
        let surface: String = s.chars().skip(e.start).take(e.end - e.start).collect();
        assert_eq!(surface, e.text);
        assert_eq!(surface, "اليوم الخميس 23 نوفمبر/تشرين الثاني 2023م");
    }

    #[test]
    fn today_without_year_is_not_a_publication_date() {
        let s = "اجتماع قائم حتى اليوم الخميس 23 نوفمبر في صنعاء";
        assert!(finder().today_in(s, span(s)).is_none());
        // a date that is not «today» is an event date, not the publication date
        let s = "منذ الانقلاب في 21 سبتمبر/أيلول 2014 عبر إطلاق سراح قيادات";
        assert!(finder().today_in(s, span(s)).is_none());
    }

    #[test]
    fn datelines_levantine_maghrebi_and_numeric() {
        let f = finder();
        for (line, iso) in [
            ("نشر في 5 آذار 2024", "2024-03-05"),
            ("الجزائر: 12 جويلية 2019", "2019-07-12"),
            ("الأحد ١٤ أيلول ٢٠٢٥", "2025-09-14"),
            ("2015/07/21", "2015-07-21"),
            ("21-07-2015 10:30", "2015-07-21"),
        ] {
            let (got, e) = f
                .dateline_in(line, span(line))
                .unwrap_or_else(|| panic!("no date in {line}"));
            assert_eq!(got, iso, "{line}");
            let surface: String = line.chars().skip(e.start).take(e.end - e.start).collect();
            assert_eq!(surface, e.text);
        }
        assert!(f
            .dateline_in("31 فبراير 2024", span("31 فبراير 2024"))
            .is_none());
    }
}
