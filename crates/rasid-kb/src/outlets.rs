//! `kb/outlets.toml`: news outlets and the speech verbs of «قال لـ"…"» statements.

use std::collections::HashMap;

use serde::Deserialize;

use crate::error::{check_version, KbError};
use crate::files::KbFile;
use crate::phrase::{PhraseMatcher, PhraseMode};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    version: u32,
    speech_verbs: Vec<String>,
    outlet: Vec<Outlet>,
}

/// A news outlet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    pub name_ar: String,
    pub name_en: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub source_ids: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    /// The country whose unnamed forces and authorities the outlet's news speaks of (ISO
    /// 3166 alpha-2): a national daily's. Pan-Arab and international outlets have none.
    #[serde(default)]
    pub country: Option<String>,
}

/// Compiled outlet list.
#[derive(Debug)]
pub struct Outlets {
    outlets: Vec<Outlet>,
    by_source_id: HashMap<String, usize>,
    /// Aliases (payload = outlet index).
    pub aliases: PhraseMatcher,
    /// Speech verbs (payload unused).
    pub speech_verbs: PhraseMatcher,
}

impl Outlets {
    pub(crate) fn parse(file: &KbFile) -> Result<Self, KbError> {
        let name = file.name.as_str();
        let raw: Raw = toml::from_str(&file.text).map_err(|e| KbError::parse(name, e))?;
        check_version(name, raw.version, 1)?;
        let mut by_source_id = HashMap::new();
        let mut alias_list = Vec::new();
        for (i, o) in raw.outlet.iter().enumerate() {
            if o.name_ar.trim().is_empty() {
                return Err(KbError::invalid(
                    name,
                    format!("outlet #{}: empty name_ar", i + 1),
                ));
            }
            if let Some(c) = &o.country {
                if c.len() != 2 || !c.chars().all(|x| x.is_ascii_uppercase()) {
                    return Err(KbError::invalid(
                        name,
                        format!(
                            "outlet {:?}: country {c:?} is not an ISO 3166 alpha-2 code",
                            o.name_ar
                        ),
                    ));
                }
            }
            for id in &o.source_ids {
                if by_source_id.insert(id.to_lowercase(), i).is_some() {
                    return Err(KbError::invalid(
                        name,
                        format!("source id {id:?} is given to two outlets"),
                    ));
                }
            }
            alias_list.push((o.name_ar.clone(), i));
            for a in &o.aliases {
                alias_list.push((a.clone(), i));
            }
        }
        let aliases = PhraseMatcher::new(
            alias_list
                .iter()
                .map(|(a, i)| (a.as_str(), PhraseMode::Word, *i)),
        );
        let speech_verbs = PhraseMatcher::new(
            raw.speech_verbs
                .iter()
                .map(|v| (v.as_str(), PhraseMode::Word, 0)),
        );
        Ok(Self {
            outlets: raw.outlet,
            by_source_id,
            aliases,
            speech_verbs,
        })
    }

    pub fn len(&self) -> usize {
        self.outlets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Outlet> {
        self.outlets.get(index)
    }

    /// The outlet a dataset's source id stands for (`"aawsat"` → الشرق الأوسط).
    pub fn by_source_id(&self, id: &str) -> Option<&Outlet> {
        self.by_source_id
            .get(&id.to_lowercase())
            .and_then(|&i| self.outlets.get(i))
    }

    /// The outlet whose domain matches `host` (or a subdomain of it).
    pub fn by_host(&self, host: &str) -> Option<&Outlet> {
        let host = host.to_lowercase();
        self.outlets.iter().find(|o| {
            o.domains
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        })
    }

    /// Does normalised `norm` name an outlet anywhere in it?
    pub fn mentions(&self, norm: &str) -> bool {
        !self.aliases.find(norm).is_empty()
    }

    /// The outlet named by the whole of `text` (after normalisation), if any.
    pub fn by_name(&self, text: &str) -> Option<&Outlet> {
        let norm = rasid_text::normalize(text);
        let norm = norm.trim();
        let len = norm.chars().count();
        self.aliases
            .find(norm)
            .into_iter()
            .find(|m| m.start == 0 && m.end == len)
            .and_then(|m| self.outlets.get(m.payload))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Outlets, KbError> {
        Outlets::parse(&KbFile {
            name: "outlets.toml".into(),
            text: text.into(),
            builtin: false,
        })
    }

    #[test]
    fn an_outlets_home_country_is_read_and_checked() {
        let ok = parse(
            "version = 1\nspeech_verbs = []\n[[outlet]]\nname_ar = \"عكاظ\"\nname_en = \"Okaz\"\n\
             country = \"SA\"\nsource_ids = [\"okaz\"]\n",
        )
        .expect("valid");
        let okaz = ok.by_source_id("okaz").expect("okaz");
        assert_eq!(okaz.country.as_deref(), Some("SA"));
        let err = parse(
            "version = 1\nspeech_verbs = []\n[[outlet]]\nname_ar = \"عكاظ\"\nname_en = \"Okaz\"\n\
             country = \"Saudi\"\n",
        )
        .expect_err("not a code");
        let msg = err.to_string();
        assert!(
            msg.contains("outlets.toml") && msg.contains("Saudi"),
            "{msg}"
        );
    }
}
