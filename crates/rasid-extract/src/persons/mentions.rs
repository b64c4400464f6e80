//! Later mentions of a person already found: a one-word name that is a word of a longer
//! name, and the surname alone.

use rasid_kb::{PersonPatterns, PhraseMatcher, PhraseMode};
use rasid_model::Mention;
use rasid_text::{Normalized, Span};

use super::article::ArticlePerson;

/// «الملا أختر منصور … الملا منصور», «رامي عبد الرحمن … عبد الرحمن»: a name of one or two
/// words that stands, whole and in order, in exactly one longer name of the article is that
/// person — unless it stands there after a `patronymic_joiners` word, as the father's name.
pub(super) fn merge_one_word_names(persons: &mut Vec<ArticlePerson>, pp: &PersonPatterns) {
    let words = |p: &ArticlePerson| -> Vec<String> {
        rasid_text::normalize(&p.name)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let mut i = 0;
    while i < persons.len() {
        let w = words(&persons[i]);
        // a dictionary person inside a longer name is someone else («مبارك أحمد عسيري»)
        let target = if w.len() <= SHORT_NAME_WORDS && !persons[i].known {
            let owners: Vec<usize> = (0..persons.len())
                .filter(|&j| {
                    j != i && {
                        let ws = words(&persons[j]);
                        ws.len() > w.len()
                            && ws.windows(w.len()).enumerate().any(|(k, run)| {
                                run == w.as_slice()
                                    && !(k > 0 && pp.patronymic_joiners.contains(&ws[k - 1]))
                            })
                    }
                })
                .collect();
            (owners.len() == 1).then(|| owners[0])
        } else {
            None
        };
        match target {
            Some(j) => {
                let short = persons.remove(i);
                let j = if j > i { j - 1 } else { j };
                let long = &mut persons[j];
                long.mentions.extend(short.mentions);
                if long.affiliation.is_none()
                    || (long.affiliation_from_kb
                        && short.affiliation.is_some()
                        && !short.affiliation_from_kb)
                {
                    long.affiliation = short.affiliation;
                    long.role = short.role;
                    long.affiliation_from_kb = short.affiliation_from_kb;
                }
            }
            None => i += 1,
        }
    }
}

/// The longest short mention merged into a longer name («عبد الرحمن»: two words).
const SHORT_NAME_WORDS: usize = 2;

/// Later mentions by surname alone («وأوضح البكري»), or with the name parts reordered.
pub(super) fn add_surname_mentions(
    doc: &[char],
    blocks: &[Span],
    persons: &mut [ArticlePerson],
    pp: &PersonPatterns,
) {
    let surnames: Vec<(String, usize)> = persons
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            // a known person's short names are the dictionary's own aliases («أوباما»),
            // matched already: the last word of a full name may be anybody's («سلمان» of
            // «محمد بن سلمان», «الله» of «حسن نصر الله»)
            if p.known {
                return None;
            }
            let first = p
                .mentions
                .iter()
                .find(|m| m.rule != "person:kunya" && m.rule != "person:alias")?;
            let norm = rasid_text::normalize(&first.text);
            let words: Vec<&str> = norm.split_whitespace().collect();
            let last = words.last()?.to_string();
            // «فيصل بن تركي»: the word after «بن» is the father's name, no surname; nor is
            // «بن تركي», which his brothers bear too
            let fathers = words.len() >= 2
                && pp
                    .patronymic_joiners
                    .iter()
                    .any(|j| j == words[words.len() - 2]);
            let kunya = words.first().is_some_and(|w| {
                pp.kunya_heads.contains(*w)
                    || pp
                        .glued_kunya_heads
                        .iter()
                        .any(|h| w.starts_with(h.as_str()))
            });
            let ok = words.len() >= 2
                && !fathers
                && !kunya
                && last.chars().count() >= 4
                && !pp.stop_words.contains(&last);
            ok.then_some((last, i))
        })
        .collect();
    if surnames.is_empty() {
        return;
    }
    let matcher = PhraseMatcher::new(
        surnames
            .iter()
            .map(|(s, i)| (s.as_str(), PhraseMode::Word, *i)),
    );
    for block in blocks {
        let text: String = doc[block.start..block.end.min(doc.len())].iter().collect();
        let norm = Normalized::new(&text);
        for m in matcher.find(norm.text()) {
            let o = norm
                .to_original(Span {
                    start: m.start,
                    end: m.end,
                })
                .shift(block.start);
            // inside a name already found, its own or another person's («العميد أحمد
            // عسيري» after «مبارك أحمد عسيري»), it is that name's word
            if persons
                .iter()
                .flat_map(|q| &q.mentions)
                .any(|x| x.start <= o.start && o.end <= x.end)
            {
                continue;
            }
            let p = &mut persons[m.payload];
            p.mentions.push(Mention {
                text: doc[o.start..o.end].iter().collect(),
                start: o.start,
                end: o.end,
                rule: "person:surname".into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persons::testing::kb;

    fn person(name: &str, affiliation: Option<&str>, at: usize) -> ArticlePerson {
        ArticlePerson {
            id: crate::persons::person_id(&rasid_text::normalize(name)),
            mentions: vec![Mention {
                text: name.to_string(),
                start: at,
                end: at + name.chars().count(),
                rule: "person:title".into(),
            }],
            affiliation: affiliation.map(str::to_string),
            name: name.to_string(),
            role: affiliation.map(|_| "member"),
            affiliation_from_kb: false,
            known: false,
        }
    }

    #[test]
    fn a_one_word_name_of_exactly_one_longer_name_is_that_person() {
        let mut persons = vec![
            person("جمال الدباغ", None, 0),
            person("جمال", Some("isis"), 40),
        ];
        merge_one_word_names(&mut persons, &kb().persons);
        assert_eq!(persons.len(), 1);
        assert_eq!(persons[0].mentions.len(), 2);
        assert_eq!(persons[0].affiliation.as_deref(), Some("isis"));
    }

    #[test]
    fn a_two_word_name_in_one_longer_name_is_that_person_but_not_as_a_father() {
        let mut persons = vec![
            person("رامي عبد الرحمن", None, 0),
            person("عبد الرحمن", None, 40),
            person("سلمان بن عبد العزيز", None, 60),
            person("عبد العزيز", None, 90),
        ];
        merge_one_word_names(&mut persons, &kb().persons);
        let names: Vec<&str> = persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["رامي عبد الرحمن", "سلمان بن عبد العزيز", "عبد العزيز"]
        );
    }

    #[test]
    fn a_one_word_name_of_two_longer_names_stays_apart() {
        let mut persons = vec![
            person("جمال الدباغ", None, 0),
            person("جمال معروف", None, 20),
            person("جمال", None, 40),
        ];
        merge_one_word_names(&mut persons, &kb().persons);
        assert_eq!(persons.len(), 3);
    }

    #[test]
    fn the_surname_alone_is_a_later_mention_but_not_a_kunya_s() {
        let text = "قال العقيد خالد المري إن أبو عمر النهدي فر. وأضاف المري أن النهدي مطلوب.";
        let doc: Vec<char> = text.chars().collect();
        let at = |w: &str| text[..text.find(w).expect("in the text")].chars().count();
        let mut persons = vec![
            person("خالد المري", None, at("خالد")),
            person("أبو عمر النهدي", None, at("أبو")),
        ];
        persons[1].mentions[0].rule = "person:kunya".into();
        let block = Span {
            start: 0,
            end: doc.len(),
        };
        add_surname_mentions(&doc, &[block], &mut persons, &kb().persons);
        let rules: Vec<&str> = persons[0]
            .mentions
            .iter()
            .map(|m| m.rule.as_str())
            .collect();
        assert_eq!(rules, ["person:title", "person:surname"]);
        assert_eq!(persons[0].mentions[1].text, "المري");
        assert_eq!(persons[1].mentions.len(), 1);
    }
}
