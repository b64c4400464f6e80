//! Dates: absolute Gregorian dates with Egyptian, Levantine and Maghrebi month names
//! («23 نوفمبر/تشرين الثاني 2023م», «12 جويلية 2019»), ranges («من 7 - 14 نوفمبر»), month and
//! year dates, Hijri dates (tabular calendar, ±1 day against Umm al-Qura), and relative
//! expressions resolved against the publication date: «أمس», «الاثنين الماضي», «نهاية مارس
//! الماضي», «الأسبوع المنصرم», «العام الجاري». Names and relative words come from
//! `kb/calendar.toml`.

use chrono::{Datelike, Duration, NaiveDate};
use rasid_kb::{regex_alternation, Calendar};
use rasid_model::DateRecord;
use rasid_text::{CharIndex, Normalized, Span};
use regex::{Captures, Regex};

/// A resolved date before it is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolved {
    Day(NaiveDate),
    Week(NaiveDate),
    Month(i32, u32),
    Year(i32),
}

impl Resolved {
    fn iso(self) -> (String, Option<String>, &'static str) {
        match self {
            Self::Day(d) => (d.format("%Y-%m-%d").to_string(), None, "day"),
            Self::Week(d) => (
                d.format("%Y-%m-%d").to_string(),
                Some((d + Duration::days(6)).format("%Y-%m-%d").to_string()),
                "week",
            ),
            Self::Month(y, m) => (format!("{y:04}-{m:02}"), None, "month"),
            Self::Year(y) => (format!("{y:04}"), None, "year"),
        }
    }
}

/// Which pattern a regex is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Range,
    Full,
    DayMonth,
    MonthYear,
    MonthRelative,
    MonthBare,
    WeekdayPast,
    WeekdayBare,
    RelativeDay,
    UnitRelative,
    Year,
    Hijri,
}

/// Finds every date expression in an article's text (absolute, Hijri, ranges, months,
/// years, relative days, weekdays and units) and resolves each to a day, week, month or
/// year, reading the relative ones against the article's publication date (found by
/// `rasid_ingest::published::PublicationDateFinder`). Holds the patterns over normalised
/// text and the kb's names and relative words, compiled once per run.
#[derive(Debug)]
pub struct DateResolver {
    patterns: Vec<(Kind, Regex)>,
    months: Vec<(String, u32)>,
    hijri: Vec<(String, u32)>,
    weekdays: Vec<(String, u32)>,
    days: Vec<(String, i64)>,
    past: Vec<String>,
    current: Vec<String>,
    week: Vec<String>,
    month_unit: Vec<String>,
}

fn norm_all(list: &[String]) -> Vec<String> {
    let mut v: Vec<String> = list
        .iter()
        .map(|w| rasid_text::normalize(w).trim().to_string())
        .filter(|w| !w.is_empty())
        .collect();
    v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    v.dedup();
    v
}

fn alt(names: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = names.into_iter().collect();
    regex_alternation(v.iter().map(String::as_str))
}

/// Julian day number of a date in the tabular Islamic calendar.
fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=30).contains(&d) || y < 1 {
        return None;
    }
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let jd = (11 * y + 3) / 30 + 354 * y + 30 * m - (m - 1) / 2 + d + 1_948_440 - 385;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - 1_721_425).ok()?)
}

impl DateResolver {
    pub fn new(cal: &Calendar) -> Self {
        let r = &cal.relative;
        let months = cal.gregorian_names();
        let hijri = cal.hijri_names();
        let weekdays = cal.weekday_names();
        let month = alt(months.iter().map(|m| m.0.clone()));
        let hmonth = alt(hijri.iter().map(|m| m.0.clone()));
        let weekday = alt(weekdays.iter().map(|m| m.0.clone()));
        let past = norm_all(&r.past);
        let current = norm_all(&r.current);
        let future = norm_all(&r.future);
        let rel = alt(past.iter().chain(&current).chain(&future).cloned());
        let parts = alt(norm_all(&r.month_parts));
        let week = norm_all(&r.week);
        let month_unit = norm_all(&r.month);
        let year_unit = norm_all(&r.year);
        let units = alt(week.iter().chain(&month_unit).chain(&year_unit).cloned());
        let marks = alt(norm_all(&r.hijri_marks));
        let mut days: Vec<(String, i64)> = r
            .days
            .iter()
            .map(|d| {
                (
                    rasid_text::normalize(&d.phrase).trim().to_string(),
                    d.offset,
                )
            })
            .collect();
        days.sort_by_key(|d| std::cmp::Reverse(d.0.chars().count()));
        let day_alt = alt(days.iter().map(|d| d.0.clone()));
        let m2 = format!(r"(?:شهر\s+)?({month})(?:\s*[/(]\s*(?:{month})\)?)?");
        let year = r"(?:\s*،?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?(\d{4})(?:م)?)";
        // explicit boundaries instead of Unicode `\b`, which would make the regex engine
        // give up its DFA on Arabic text; the consumed boundary char is trimmed afterwards
        let b = r"(?:^|[^\p{L}\p{N}])";
        let e = r"(?:$|[^\p{L}\p{N}])";
        let specs: Vec<(Kind, String)> = vec![
            (
                Kind::Range,
                format!(
                    r"{b}(\d{{1,2}})\s*(?:-|–|الي|حتي)\s*(\d{{1,2}})\s+(?:من\s+)?{m2}(?:{year}|\s+({rel}))?{e}"
                ),
            ),
            (
                Kind::Hijri,
                format!(
                    r"{b}(\d{{1,2}})\s+(?:من\s+)?({hmonth})\s+(?:عام\s+)?(\d{{4}})\s*(?:{marks}){e}"
                ),
            ),
            (
                Kind::Full,
                format!(r"{b}(\d{{1,2}})\s+(?:من\s+)?{m2}{year}{e}"),
            ),
            (
                Kind::DayMonth,
                format!(r"{b}(\d{{1,2}})\s+(?:من\s+)?{m2}(?:\s+({rel}))?{e}"),
            ),
            (
                Kind::MonthYear,
                format!(r"(?:{b}({parts})\s+|{b}){m2}{year}{e}"),
            ),
            (
                Kind::MonthRelative,
                format!(r"(?:{b}({parts})\s+|{b}){m2}\s+({rel}){e}"),
            ),
            (
                Kind::MonthBare,
                format!(r"{b}(?:في|منذ|خلال|شهر|{parts})\s+(?:شهر\s+)?({month}){e}"),
            ),
            (
                Kind::WeekdayPast,
                format!(r"{b}(?:يوم\s+)?({weekday})\s+({rel}){e}"),
            ),
            (Kind::WeekdayBare, format!(r"{b}يوم\s+({weekday}){e}")),
            (Kind::RelativeDay, format!(r"{b}({day_alt}){e}")),
            (Kind::UnitRelative, format!(r"{b}({units})\s+({rel}){e}")),
            (
                Kind::Year,
                // … and a bare year after «في» or «خلال» that ends its phrase («وفي 2013، وقع
                // تفجير»), not one that counts something («في 2000 غارة»); not after «منذ»:
                // «انهت الهدنة السارية منذ 2013» dates the truce's start, not the act
                format!(
                    r"{b}(?:عام|العام|سنه|السنه)\s+(\d{{4}}){e}|{b}(\d{{4}})\s*م{e}|{b}و?(?:في|خلال)\s+(\d{{4}})\s*(?:[،,.؛:)]|$)"
                ),
            ),
        ];
        let patterns = specs
            .into_iter()
            .filter_map(|(k, p)| Regex::new(&p).ok().map(|r| (k, r)))
            .collect();
        let _ = future;
        Self {
            patterns,
            months,
            hijri,
            weekdays,
            days,
            past,
            current,
            week,
            month_unit,
        }
    }

    fn lookup(list: &[(String, u32)], name: &str) -> Option<u32> {
        let n: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        list.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
    }

    /// Direction of a relative word: -1 past, 0 current, +1 future.
    fn direction(&self, word: &str) -> i32 {
        if self.past.iter().any(|p| p == word) {
            -1
        } else if self.current.iter().any(|p| p == word) {
            0
        } else {
            1
        }
    }

    /// The year of day `d` of month `m` mentioned without a year, seen from `pub_date`.
    fn infer_year(m: u32, d: u32, rel: Option<i32>, pub_date: NaiveDate) -> Option<i32> {
        let y = pub_date.year();
        match rel {
            Some(0) => Some(y),
            Some(1) => {
                let c = NaiveDate::from_ymd_opt(y, m, d)?;
                Some(if c < pub_date { y + 1 } else { y })
            }
            _ => {
                // news reports the past: a date more than a week ahead is last year's
                let c = NaiveDate::from_ymd_opt(y, m, d)?;
                Some(
                    if c > pub_date + Duration::days(7) || (rel == Some(-1) && c > pub_date) {
                        y - 1
                    } else {
                        y
                    },
                )
            }
        }
    }

    fn month_of_relative(m: u32, rel: i32, pub_date: NaiveDate) -> (i32, u32) {
        let y = pub_date.year();
        match rel {
            0 => (y, m),
            -1 if m >= pub_date.month() => (y - 1, m),
            1 if m <= pub_date.month() => (y + 1, m),
            _ => (y, m),
        }
    }

    fn resolve(
        &self,
        kind: Kind,
        c: &Captures<'_>,
        pub_date: Option<NaiveDate>,
    ) -> Option<(Resolved, Option<Resolved>, &'static str)> {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i64>().ok());
        let s = |i: usize| c.get(i).map(|m| m.as_str().to_string());
        match kind {
            Kind::Range => {
                let (d1, d2) = (u32::try_from(num(1)?).ok()?, u32::try_from(num(2)?).ok()?);
                let m = Self::lookup(&self.months, &s(3)?)?;
                let y = match (num(4), s(5)) {
                    (Some(y), _) => i32::try_from(y).ok()?,
                    (None, rel) => {
                        Self::infer_year(m, d1, rel.map(|r| self.direction(&r)), pub_date?)?
                    }
                };
                let a = NaiveDate::from_ymd_opt(y, m, d1)?;
                let b = NaiveDate::from_ymd_opt(y, m, d2)?;
                (a <= b).then_some((Resolved::Day(a), Some(Resolved::Day(b)), "date:range"))
            }
            Kind::Full => {
                let d = u32::try_from(num(1)?).ok()?;
                let m = Self::lookup(&self.months, &s(2)?)?;
                let y = i32::try_from(num(3)?).ok()?;
                Some((
                    Resolved::Day(NaiveDate::from_ymd_opt(y, m, d)?),
                    None,
                    "date:absolute",
                ))
            }
            Kind::DayMonth => {
                let d = u32::try_from(num(1)?).ok()?;
                let m = Self::lookup(&self.months, &s(2)?)?;
                let rel = s(3).map(|r| self.direction(&r));
                let y = Self::infer_year(m, d, rel, pub_date?)?;
                Some((
                    Resolved::Day(NaiveDate::from_ymd_opt(y, m, d)?),
                    None,
                    "date:day_month+publication_year",
                ))
            }
            Kind::MonthYear => {
                let m = Self::lookup(&self.months, &s(2)?)?;
                let y = i32::try_from(num(3)?).ok()?;
                (1..=12)
                    .contains(&m)
                    .then_some((Resolved::Month(y, m), None, "date:month_year"))
            }
            Kind::MonthRelative => {
                let m = Self::lookup(&self.months, &s(2)?)?;
                let (y, m) = Self::month_of_relative(m, self.direction(&s(3)?), pub_date?);
                Some((Resolved::Month(y, m), None, "date:month_relative"))
            }
            Kind::MonthBare => {
                let m = Self::lookup(&self.months, &s(1)?)?;
                let (y, m) = Self::month_of_relative(m, -1, pub_date?);
                let y = if m == pub_date?.month() && y < pub_date?.year() {
                    y + 1
                } else {
                    y
                };
                Some((Resolved::Month(y, m), None, "date:month+publication_year"))
            }
            Kind::WeekdayPast | Kind::WeekdayBare => {
                let wd = Self::lookup(&self.weekdays, &s(1)?)?;
                let p = pub_date?;
                let today = p.weekday().number_from_monday();
                let mut back = (i64::from(today) - i64::from(wd)).rem_euclid(7);
                if kind == Kind::WeekdayPast {
                    if self.direction(&s(2)?) != -1 {
                        return None;
                    }
                    if back == 0 {
                        back = 7;
                    }
                }
                Some((
                    Resolved::Day(p - Duration::days(back)),
                    None,
                    "date:weekday",
                ))
            }
            Kind::RelativeDay => {
                let w = s(1)?;
                let off = self.days.iter().find(|(k, _)| *k == w)?.1;
                Some((
                    Resolved::Day(pub_date? + Duration::days(off)),
                    None,
                    "date:relative_day",
                ))
            }
            Kind::UnitRelative => {
                let unit = s(1)?;
                let dir = self.direction(&s(2)?);
                let p = pub_date?;
                if self.week.contains(&unit) {
                    let monday = p - Duration::days(i64::from(p.weekday().num_days_from_monday()));
                    Some((
                        Resolved::Week(monday + Duration::days(7 * i64::from(dir))),
                        None,
                        "date:relative_week",
                    ))
                } else if self.month_unit.contains(&unit) {
                    let total = p.year() * 12 + p.month0() as i32 + dir;
                    Some((
                        Resolved::Month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1),
                        None,
                        "date:relative_month",
                    ))
                } else {
                    Some((Resolved::Year(p.year() + dir), None, "date:relative_year"))
                }
            }
            Kind::Year => {
                let y = i32::try_from(num(1).or(num(2)).or(num(3))?).ok()?;
                (1900..=2100)
                    .contains(&y)
                    .then_some((Resolved::Year(y), None, "date:year"))
            }
            Kind::Hijri => {
                let d = u32::try_from(num(1)?).ok()?;
                let m = Self::lookup(&self.hijri, &s(2)?)?;
                let y = i32::try_from(num(3)?).ok()?;
                Some((
                    Resolved::Day(hijri_to_gregorian(y, m, d)?),
                    None,
                    "date:hijri",
                ))
            }
        }
    }

    /// All dates in `text` (spans relative to `text`), leftmost-longest, resolved against
    /// `published` where they need it.
    pub fn find(&self, text: &str, published: Option<NaiveDate>) -> Vec<DateRecord> {
        // Linear in the number of dates: a line of tens of thousands of years (a hostile
        // or broken page) must not take minutes, so nothing below rescans the text per date.
        let norm = Normalized::new(text);
        let ci = CharIndex::new(norm.text());
        let chars: Vec<char> = norm.text().chars().collect();
        let orig_index = CharIndex::new(text);
        let mut found: Vec<(Span, usize, DateRecord)> = Vec::new();
        for (rank, (kind, re)) in self.patterns.iter().enumerate() {
            for c in re.captures_iter(norm.text()) {
                let Some(whole) = c.get(0) else { continue };
                let Some((date, end, rule)) = self.resolve(*kind, &c, published) else {
                    continue;
                };
                // trim the boundary chars some patterns consume
                let mut nspan = ci.char_span(whole.range());
                while nspan.start < nspan.end && !chars[nspan.start].is_alphanumeric() {
                    nspan.start += 1;
                }
                while nspan.end > nspan.start && !chars[nspan.end - 1].is_alphanumeric() {
                    nspan.end -= 1;
                }
                if nspan.start == nspan.end {
                    continue; // no letter or digit: no date to point at
                }
                let orig = norm.to_original(nspan);
                let (iso, iso_end, precision) = date.iso();
                let date_end = end.map(|e| e.iso().0).or(iso_end);
                found.push((
                    orig,
                    rank,
                    DateRecord {
                        text: orig_index.slice(text, orig).to_string(),
                        start: orig.start,
                        end: orig.end,
                        date: iso,
                        date_end,
                        precision: precision.to_string(),
                        rule: rule.to_string(),
                    },
                ));
            }
        }
        // longest first («في شباط» loses to «شباط/ فبراير 2014», which overlaps it and says
        // more); on equal lengths the leftmost, then the earlier (more specific) pattern
        found.sort_by(|a, b| {
            (b.0.end - b.0.start)
                .cmp(&(a.0.end - a.0.start))
                .then(a.0.start.cmp(&b.0.start))
                .then(a.1.cmp(&b.1))
        });
        // the chars of the original text taken by a kept date
        let mut used = vec![false; orig_index.char_len()];
        let mut taken: Vec<(Span, DateRecord)> = Vec::new();
        for (span, _, rec) in found {
            let chars = used.get_mut(span.start..span.end.min(orig_index.char_len()));
            let Some(chars) = chars.filter(|c| !c.is_empty() && !c.contains(&true)) else {
                continue;
            };
            chars.fill(true);
            taken.push((span, rec));
        }
        taken.sort_by_key(|(span, _)| span.start);
        taken.into_iter().map(|(_, rec)| rec).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> DateResolver {
        DateResolver::new(&rasid_kb::Kb::builtin().expect("kb").calendar)
    }

    fn pub_date() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2023, 11, 23) // a Thursday
    }

    #[test]
    fn a_line_of_many_dates_is_read_in_linear_time() {
        // A 1.9 MB line of «قصف في عام 2011» took over five minutes: the text was copied,
        // sliced and compared against every kept date once per date found.
        let text = "قصف في عام 2011 ".repeat(20_000);
        let started = std::time::Instant::now();
        let found = resolver().find(&text, pub_date());
        let took = started.elapsed();
        assert_eq!(found.len(), 20_000);
        assert!(found
            .iter()
            .all(|d| d.date == "2011" && d.text.ends_with("2011")));
        assert!(took.as_secs() < 5, "{took:?}");
    }

    fn dates(text: &str) -> Vec<(String, String, Option<String>, String)> {
        resolver()
            .find(text, pub_date())
            .into_iter()
            .map(|d| {
                let surface: String = text.chars().skip(d.start).take(d.end - d.start).collect();
                assert_eq!(surface, d.text);
                (d.text, d.date, d.date_end, d.precision)
            })
            .collect()
    }

    #[test]
    fn absolute_dates_in_three_month_traditions() {
        let d = dates("أفرج التنظيم بتاريخ 10 أكتوبر/تشرين الأول 2023م عن أربعة عناصر، وفي 12 جويلية 2019 وقع هجوم، وفي 5 آذار 2020 اتفاق.");
        assert_eq!(d[0].1, "2023-10-10");
        assert_eq!(d[0].0, "10 أكتوبر/تشرين الأول 2023م");
        assert_eq!(d[1].1, "2019-07-12");
        assert_eq!(d[2].1, "2020-03-05");
    }

    #[test]
    fn a_range_and_a_day_month_in_the_current_month() {
        let d = dates("انعقد الاجتماع الثاني خلال الفترة من 7 - 14 نوفمبر الجاري في صنعاء.");
        assert_eq!(d[0].1, "2023-11-07");
        assert_eq!(d[0].2.as_deref(), Some("2023-11-14"));
    }

    #[test]
    fn relative_expressions_against_the_publication_date() {
        let d = dates("وقع الهجوم أمس، وبدأ الاجتماع الاثنين الماضي، وكان آخرها نهاية أكتوبر الماضي، ومنذ الأسبوع المنصرم، في العام الجاري.");
        let got: Vec<(&str, &str)> = d.iter().map(|x| (x.1.as_str(), x.3.as_str())).collect();
        assert_eq!(
            got,
            [
                ("2023-11-22", "day"),
                ("2023-11-20", "day"),
                ("2023-10", "month"),
                ("2023-11-13", "week"),
                ("2023", "year")
            ]
        );
    }

    #[test]
    fn a_month_named_as_past_in_january_is_last_years() {
        let f = resolver();
        let d = f.find(
            "وقع ذلك في نهاية مارس الماضي",
            NaiveDate::from_ymd_opt(2024, 1, 10),
        );
        assert_eq!(d[0].date, "2023-03");
        let d = f.find("وقع ذلك في 30 ديسمبر", NaiveDate::from_ymd_opt(2024, 1, 10));
        assert_eq!(d[0].date, "2023-12-30");
    }

    #[test]
    fn a_double_month_name_with_its_year_beats_the_bare_month_inside_it() {
        let f = resolver();
        let d = f.find(
            "وسيطرت القوات في نيسان/ إبريل 2014 على المنطقة",
            NaiveDate::from_ymd_opt(2015, 7, 21),
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].date, "2014-04");
        assert_eq!(d[0].text, "نيسان/ إبريل 2014");
    }

    #[test]
    fn years_and_hijri() {
        let d = dates("الفرار الكبير من سجن المخابرات عام 2006، وفي 1 محرم 1445 هـ.");
        assert_eq!(d[0].1, "2006");
        let h = NaiveDate::parse_from_str(&d[1].1, "%Y-%m-%d").expect("day");
        let umm_al_qura = NaiveDate::from_ymd_opt(2023, 7, 19).expect("date");
        assert!((h - umm_al_qura).num_days().abs() <= 1, "{h}");
        // a bare year after «في» that ends its phrase; not one counting things, nor the start
        // of a span after «منذ»
        let d = dates("وفي 2013، وقع تفجير في بلدة ريحانلي. وانهارت هدنة سارية منذ 2009.");
        let years: Vec<&str> = d.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(years, ["2013"]);
        assert!(dates("وشن الطيران في 2000 غارة على مواقع التنظيم").is_empty());
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        assert!(resolver().find("وقع الهجوم أمس", None).is_empty());
        assert_eq!(
            resolver().find("وقع الهجوم في 3 مايو 2015", None)[0].date,
            "2015-05-03"
        );
    }
}
