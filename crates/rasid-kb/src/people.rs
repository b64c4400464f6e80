//! `kb/people.toml`: well-known persons (leaders and officials of armed groups, heads of
//! state, ministers, envoys) with their names and dated affiliations.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::actors::ActorDictionary;
use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::persons::PersonPatterns;
use crate::phrase::{PhraseMatcher, PhraseMode};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    #[serde(default)]
    person: Vec<Person>,
}

/// One person of the dictionary.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    #[serde(default)]
    pub qid: Option<String>,
    pub name_ar: String,
    pub name_en: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Actors (groups, states) the person heads, within `leads_since..leads_until`.
    #[serde(default)]
    pub leads: Vec<String>,
    /// `YYYY` or `YYYY-MM`: the first month of the leading role.
    #[serde(default)]
    pub leads_since: Option<String>,
    /// `YYYY` or `YYYY-MM`: the last month of the leading role.
    #[serde(default)]
    pub leads_until: Option<String>,
    /// Other affiliations; the first is the person's affiliation when they lead nothing.
    #[serde(default)]
    pub member_of: Vec<String>,
}

/// A person's affiliation at a date: the actor id and "leads" or "member".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affiliation<'a> {
    pub actor: &'a str,
    pub role: &'static str,
}

impl Person {
    /// The affiliation on `date` (`YYYY-MM-DD`, or a prefix; unknown dates count as
    /// inside the leading period): the first led actor while the person leads, else the
    /// first `member_of` actor, else none (a former head of state is no member of it).
    pub fn affiliation_on(&self, date: Option<&str>) -> Option<Affiliation<'_>> {
        let month = date.and_then(|d| d.get(..7));
        let after_start = match (&self.leads_since, month) {
            (Some(s), Some(m)) => m >= month_floor(s).as_str(),
            _ => true,
        };
        let before_end = match (&self.leads_until, month) {
            (Some(u), Some(m)) => m <= month_ceil(u).as_str(),
            _ => true,
        };
        if let Some(first) = self.leads.first() {
            if after_start && before_end {
                return Some(Affiliation {
                    actor: first,
                    role: "leads",
                });
            }
        }
        self.member_of.first().map(|a| Affiliation {
            actor: a,
            role: "member",
        })
    }
}

/// «2015» → «2015-01», «2015-06» → itself.
fn month_floor(s: &str) -> String {
    if s.len() == 4 {
        format!("{s}-01")
    } else {
        s.to_string()
    }
}

/// «2015» → «2015-12», «2015-06» → itself.
fn month_ceil(s: &str) -> String {
    if s.len() == 4 {
        format!("{s}-12")
    } else {
        s.to_string()
    }
}

fn valid_month(s: &str) -> bool {
    let b = s.as_bytes();
    match b.len() {
        4 => b.iter().all(u8::is_ascii_digit),
        7 => {
            b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == b'-'
                && matches!(s[5..].parse::<u8>(), Ok(1..=12))
        }
        _ => false,
    }
}

/// The other written forms of a name, from `kb/persons.toml`: a kunya head in the other
/// cases of `glued_kunya_heads` («أبو محمد» → «أبي محمد», «أبا محمد») and a
/// `compound_joiners` word written together with the next («عبد الفتاح» → «عبدالفتاح»).
/// Forms are returned normalised, as they are matched.
fn name_forms(name: &str, patterns: &PersonPatterns) -> Vec<String> {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| rasid_text::normalize(w).trim().to_string())
        .collect();
    let mut out = vec![words.join(" ")];
    let heads = &patterns.glued_kunya_heads;
    for (i, w) in words.iter().enumerate() {
        if !heads.contains(w) {
            continue;
        }
        for other in heads.iter().filter(|h| *h != w) {
            let mut v = words.clone();
            v[i] = other.clone();
            out.push(v.join(" "));
        }
    }
    for joiner in &patterns.compound_joiners {
        if words.windows(2).any(|p| &p[0] == joiner) {
            out.push(words.join(" ").replace(&format!("{joiner} "), joiner));
        }
    }
    out
}

/// The compiled people dictionary.
#[derive(Debug)]
pub struct PeopleDictionary {
    people: Vec<Person>,
    /// Payload = index into the people list.
    pub names: PhraseMatcher,
}

impl PeopleDictionary {
    pub(crate) fn parse(
        file: &KbFile,
        actors: &ActorDictionary,
        patterns: &PersonPatterns,
    ) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut ids = HashSet::new();
        let mut owner: HashMap<String, usize> = HashMap::new();
        let mut phrases: Vec<(String, usize)> = Vec::new();
        for (i, p) in raw.person.iter().enumerate() {
            let bad =
                |problem: String| KbError::invalid(name, format!("person {:?}: {problem}", p.id));
            if p.id.trim().is_empty() || p.name_ar.trim().is_empty() || p.name_en.trim().is_empty()
            {
                return Err(KbError::invalid(
                    name,
                    format!("person #{}: empty id, name_ar or name_en", i + 1),
                ));
            }
            if !ids.insert(p.id.clone()) {
                return Err(bad("the id is used twice".into()));
            }
            if actors.index_of(&p.id).is_some() {
                return Err(bad("the id is also an actor id in actors.toml".into()));
            }
            for a in p.leads.iter().chain(&p.member_of) {
                // the built-in list against a user's own actors.toml: affiliations to
                // actors it lacks are dropped below; the user's own list must be right
                if actors.index_of(a).is_none() && !file.builtin {
                    return Err(bad(format!("{a:?} is not an actor of actors.toml")));
                }
            }
            for (field, v) in [
                ("leads_since", &p.leads_since),
                ("leads_until", &p.leads_until),
            ] {
                if let Some(v) = v {
                    if !valid_month(v) {
                        return Err(bad(format!("{field} {v:?} is not YYYY or YYYY-MM")));
                    }
                    if p.leads.is_empty() {
                        return Err(bad(format!("{field} is given but `leads` is empty")));
                    }
                }
            }
            for alias in std::iter::once(&p.name_ar).chain(&p.aliases) {
                for form in name_forms(alias, patterns) {
                    let n = rasid_text::normalize(&form).trim().to_string();
                    if n.is_empty() {
                        continue;
                    }
                    match owner.get(&n) {
                        Some(&other) if other != i => {
                            return Err(bad(format!(
                                "the name {alias:?} is also a name of {:?}",
                                raw.person[other].id
                            )));
                        }
                        Some(_) => {}
                        None => {
                            owner.insert(n.clone(), i);
                            phrases.push((n, i));
                        }
                    }
                }
            }
        }
        let mut people = raw.person;
        for p in &mut people {
            p.leads.retain(|a| actors.index_of(a).is_some());
            p.member_of.retain(|a| actors.index_of(a).is_some());
            if p.leads.is_empty() {
                p.leads_since = None;
                p.leads_until = None;
            }
        }
        phrases.sort();
        let names = PhraseMatcher::new(
            phrases
                .iter()
                .map(|(p, i)| (p.as_str(), PhraseMode::Word, *i)),
        );
        Ok(Self { people, names })
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Person> {
        self.people.get(index)
    }

    /// The person with this id.
    pub fn by_id(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(leads_since: Option<&str>, leads_until: Option<&str>) -> Person {
        Person {
            id: "p".into(),
            qid: None,
            name_ar: "أختر منصور".into(),
            name_en: "Akhtar Mansour".into(),
            aliases: vec![],
            leads: vec!["taliban".into()],
            leads_since: leads_since.map(str::to_string),
            leads_until: leads_until.map(str::to_string),
            member_of: vec!["taliban".into()],
        }
    }

    #[test]
    fn leading_role_is_bounded_by_its_dates() {
        let p = person(Some("2015-07"), Some("2016-05"));
        let role = |d| p.affiliation_on(Some(d)).map(|a| a.role);
        assert_eq!(role("2015-06-30"), Some("member"));
        assert_eq!(role("2015-07-31"), Some("leads"));
        assert_eq!(role("2016-05-21"), Some("leads"));
        assert_eq!(role("2016-06-01"), Some("member"));
        assert_eq!(p.affiliation_on(None).map(|a| a.role), Some("leads"));
        let year = person(Some("2015"), None);
        assert_eq!(
            year.affiliation_on(Some("2015-01-02")).map(|a| a.role),
            Some("leads")
        );
        assert_eq!(
            year.affiliation_on(Some("2014-12-31")).map(|a| a.role),
            Some("member")
        );
    }

    #[test]
    fn kunyas_and_abd_names_get_their_other_written_forms() {
        let patterns = &crate::Kb::builtin().expect("kb").persons;
        let norm = |s: &str| rasid_text::normalize(s);
        let forms = name_forms("أبو محمد الجولاني", patterns);
        assert!(forms.contains(&norm("أبي محمد الجولاني")));
        assert!(forms.contains(&norm("أبا محمد الجولاني")));
        assert!(name_forms("عبد الفتاح السيسي", patterns).contains(&norm("عبدالفتاح السيسي")));
    }

    fn actors() -> ActorDictionary {
        ActorDictionary::parse(&KbFile {
            name: "actors.toml".into(),
            text: "version = 1\n[[actor]]\nid = \"taliban\"\nkind = \"armed_group\"\nname_ar = \"طالبان\"\nname_en = \"Taliban\"\n".into(),
            builtin: false,
        })
        .expect("actors parse")
    }

    fn people(text: &str, builtin: bool) -> Result<PeopleDictionary, KbError> {
        PeopleDictionary::parse(
            &KbFile {
                name: "my-kb/people.toml".into(),
                text: format!("version = 1\n{text}"),
                builtin,
            },
            &actors(),
            &crate::Kb::builtin().expect("kb").persons,
        )
    }

    #[test]
    fn a_users_file_is_checked_and_the_error_names_it() {
        let unknown = "[[person]]\nid = \"a\"\nname_ar = \"أختر منصور\"\nname_en = \"A\"\nleads = [\"isis\"]\n";
        let e = people(unknown, false)
            .expect_err("unknown actor")
            .to_string();
        assert!(e.contains("my-kb/people.toml") && e.contains("isis"), "{e}");
        // the built-in list against a user's actors.toml: the affiliation is dropped
        let d = people(unknown, true).expect("built-in list loads");
        assert_eq!(d.get(0).and_then(|p| p.affiliation_on(None)), None);
        let twice = "[[person]]\nid = \"a\"\nname_ar = \"أبو حفص\"\nname_en = \"A\"\n\
                     [[person]]\nid = \"b\"\nname_ar = \"محمد\"\nname_en = \"B\"\naliases = [\"أبي حفص\"]\n";
        let e = people(twice, false)
            .expect_err("one name, two persons")
            .to_string();
        assert!(e.contains("also a name of"), "{e}");
        let date = "[[person]]\nid = \"a\"\nname_ar = \"أختر منصور\"\nname_en = \"A\"\nleads = [\"taliban\"]\nleads_since = \"2015/07\"\n";
        assert!(people(date, false).is_err());
    }

    #[test]
    fn months_are_checked() {
        assert!(valid_month("2015"));
        assert!(valid_month("2015-06"));
        assert!(!valid_month("2015-13"));
        assert!(!valid_month("June 2015"));
    }
}
