//! `kb/countries.tsv`: each ISO 3166-1 country with its alpha-3 and numeric codes, its
//! English name as ACLED writes it and ACLED's region — what exports need beyond the
//! alpha-2 code the gazetteer and the events carry.

use std::collections::BTreeMap;

use crate::error::KbError;
use crate::files::KbFile;

const HEADER: [&str; 5] = ["iso2", "iso3", "numeric", "name_en", "acled_region"];

/// One country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    /// ISO 3166-1 numeric code (ACLED's `iso`); none for codes ISO has not assigned.
    pub numeric: Option<u16>,
    pub name_en: String,
    pub acled_region: String,
}

/// Countries by alpha-2 code.
#[derive(Debug, Default)]
pub struct Countries {
    by_iso2: BTreeMap<String, Country>,
}

impl Countries {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let mut lines = file.text.lines().enumerate();
        let header: Vec<&str> = lines
            .next()
            .map(|(_, l)| l.split('\t').collect())
            .unwrap_or_default();
        if header != HEADER {
            return Err(KbError::invalid(
                name,
                format!("the header must be {:?}, got {header:?}", HEADER.join("\t")),
            ));
        }
        let mut by_iso2 = BTreeMap::new();
        let mut iso3_seen = BTreeMap::new();
        for (n, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let at = |problem: String| KbError::invalid(name, format!("line {}: {problem}", n + 1));
            let cells: Vec<&str> = line.split('\t').collect();
            let [iso2, iso3, numeric, name_en, region] = cells[..] else {
                return Err(at(format!("5 tab-separated cells, got {}", cells.len())));
            };
            if iso2.len() != 2 || !iso2.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(at(format!("{iso2:?} is no alpha-2 code")));
            }
            if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(at(format!("{iso3:?} is no alpha-3 code")));
            }
            let numeric = match numeric {
                "" => None,
                s => Some(
                    s.parse::<u16>()
                        .ok()
                        .filter(|n| *n < 1000)
                        .ok_or_else(|| at(format!("{s:?} is no ISO numeric code")))?,
                ),
            };
            if name_en.trim().is_empty() || region.trim().is_empty() {
                return Err(at("empty name or region".into()));
            }
            if let Some(other) = iso3_seen.insert(iso3.to_string(), iso2.to_string()) {
                return Err(at(format!("{iso3} is also the code of {other}")));
            }
            let country = Country {
                iso2: iso2.to_string(),
                iso3: iso3.to_string(),
                numeric,
                name_en: name_en.to_string(),
                acled_region: region.to_string(),
            };
            if by_iso2.insert(iso2.to_string(), country).is_some() {
                return Err(at(format!("{iso2} is listed twice")));
            }
        }
        Ok(Self { by_iso2 })
    }

    /// The country of an alpha-2 code (any case).
    pub fn get(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(&iso2.to_ascii_uppercase())
    }

    pub fn len(&self) -> usize {
        self.by_iso2.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_iso2.is_empty()
    }

    /// Every alpha-2 code, sorted.
    pub fn codes(&self) -> impl Iterator<Item = &str> + '_ {
        self.by_iso2.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Countries, KbError> {
        Countries::parse(&KbFile::inline("countries.tsv", text))
    }

    #[test]
    fn the_repository_table_knows_the_conflict_countries() {
        let c = parse(include_str!("../../../kb/countries.tsv")).expect("valid table");
        let ye = c.get("ye").expect("Yemen");
        assert_eq!(
            (ye.iso3.as_str(), ye.numeric, ye.name_en.as_str()),
            ("YEM", Some(887), "Yemen")
        );
        assert_eq!(ye.acled_region, "Middle East");
        assert_eq!(c.get("SY").map(|s| s.name_en.as_str()), Some("Syria"));
        assert_eq!(c.get("AF").and_then(|a| a.numeric), Some(4));
        assert_eq!(
            c.get("LY").map(|l| l.acled_region.as_str()),
            Some("Northern Africa")
        );
    }

    #[test]
    fn bad_lines_are_refused_with_their_line_number() {
        let head = "iso2\tiso3\tnumeric\tname_en\tacled_region\n";
        let e = parse(&format!("{head}YE\tYEM\t887\tYemen\n")).expect_err("4 cells");
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = parse(&format!("{head}Yemen\tYEM\t887\tYemen\tMiddle East\n")).expect_err("iso2");
        assert!(e.to_string().contains("alpha-2"), "{e}");
        let e = parse(&format!(
            "{head}YE\tYEM\t887\tYemen\tMiddle East\nYD\tYEM\t720\tSouth Yemen\tMiddle East\n"
        ))
        .expect_err("iso3 twice");
        assert!(e.to_string().contains("YEM"), "{e}");
        assert!(parse("code\tname\n").is_err());
    }
}
