//! Persons by pattern: a name after a title («العميد عمر عبيد البكري»), after a role and its
//! affiliation («أمير تنظيم قاعدة المغرب عبد المالك دروكدال»), or a kunya anywhere
//! («أبو عمر النهدي», «أبوعبيدة يوسف العنابي»); another name of the same person after
//! «المكنى» or in quotes right after the name; later mentions by surname («البكري»).
//! The affiliation is the actor named between the role and the name, or in a role phrase
//! right after it.
//!
//! [`recognize_persons`] lists the rules in the order they run. The words they use are
//! `kb/persons.toml`'s; the persons known by name are `kb/people.toml`'s.
//!
//! * `block`: a block's tokens, and what each token can be in a name;
//! * `cues`: the titles, nouns, roles and alias introducers found in a block;
//! * `extent`: where a name that opens at a token ends;
//! * `rules`: the rules that find names, one function each;
//! * `known`: names of `kb/people.toml`;
//! * `affiliation`: the group a person leads or belongs to, from the roles around the name;
//! * `article`: the names found, merged into the article's persons;
//! * `mentions`: later mentions by one word of the name or by surname.

mod affiliation;
mod article;
mod block;
mod cues;
mod extent;
mod known;
mod mentions;
mod rules;
mod tagged;

use rasid_kb::{Kb, PersonTrigger};
use rasid_model::Actor;
use rasid_text::Span;

pub(crate) use known::related_to_known;

use article::ArticlePersons;
use block::Block;
use cues::Cues;

/// An actor mention already recognised in the article: its span and id.
#[derive(Debug, Clone)]
pub struct ActorSpan {
    pub span: Span,
    pub id: String,
    /// A state named by the adjective of an office («وزير الخارجية الإيطالي»).
    pub office: bool,
}

/// A name found in a block, before it is merged into the article's persons.
#[derive(Debug, Clone)]
struct FoundName {
    /// token range [start, end)
    start: usize,
    end: usize,
    rule: &'static str,
    affiliation: Option<String>,
    /// "leads" or "member": the role word that gave the affiliation.
    role: Option<&'static str>,
    /// A second name of the same person (token range).
    alias: Option<(usize, usize)>,
    /// The person of `kb/people.toml` this name is (index).
    known: Option<usize>,
    /// The name's exact chars when they are not whole tokens (a known name matched
    /// without its proclitics: «للملا عمر» → «الملا عمر»).
    exact: Option<Span>,
}

impl FoundName {
    /// Tokens `start..end`, found by `rule`, with nothing else known yet.
    fn new(start: usize, end: usize, rule: &'static str) -> Self {
        Self {
            start,
            end,
            rule,
            affiliation: None,
            role: None,
            alias: None,
            known: None,
            exact: None,
        }
    }
}

/// Recognise the persons of one article. `actors` are the article's actor mentions;
/// `tagged` the person spans the statistical tagger found (empty without a model).
///
/// In each block: names after a cue (title, noun of occupation, role, verb of leading, role
/// with a pronoun), in text order; kunyas anywhere; names before their role; names of
/// `kb/people.toml`; of overlapping names the longest; the tagger's names where no rule
/// found one and their words can make a name; then each name's alias and group.
/// Over the article: one-word names merged into the longer name, then surname mentions.
pub fn recognize_persons(
    doc: &[char],
    blocks: &[Span],
    actors: &[ActorSpan],
    tagged: &[Span],
    published: Option<&str>,
    kb: &Kb,
) -> Vec<Actor> {
    let mut persons = ArticlePersons::default();
    for &span in blocks {
        let block = Block::new(doc, span, actors, &kb.persons, &kb.tokenizer);
        let cues = Cues::find(&block);
        let mut names = Vec::new();
        for cue in &cues.phrases {
            names.extend(match cue.kind {
                PersonTrigger::Title => rules::name_after_title(&block, cue),
                PersonTrigger::Noun => rules::name_after_noun(&block, cue),
                PersonTrigger::Leads | PersonTrigger::Member => rules::name_after_role(&block, cue),
                PersonTrigger::LeadsPrevious => rules::name_after_leading_verb(&block, cue),
                PersonTrigger::LeadsAntecedent => rules::name_after_role_pronoun(&block, cue),
                PersonTrigger::AliasIntroducer => None,
            });
        }
        rules::drop_titles_taken_for_names(&cues, &mut names);
        rules::kunyas(&block, &mut names);
        rules::names_before_roles(&block, &cues, &mut names);
        known::known_people(&block, &kb.people, &mut names);
        rules::cut_at_non_name_words(&block, &mut names);
        rules::keep_longest(&mut names);
        let tagged_here = tagged::tagged_names(&block, tagged, &names);
        names.extend(tagged_here);
        rules::drop_facility_names(&block, &mut names);
        rules::drop_place_names(&block, &mut names);
        for name in &mut names {
            name.alias = rules::alias_of(&block, &cues, name);
            affiliation::from_role_before(&block, &cues, name);
            affiliation::from_role_after(&block, name);
            affiliation::from_office_adjective(&block, name);
        }
        persons.add(doc, &block, &cues, names, published, kb);
    }
    mentions::merge_one_word_names(&mut persons.list, &kb.persons);
    mentions::add_surname_mentions(doc, blocks, &mut persons.list, &kb.persons);
    persons.into_actors(kb)
}

/// Stable id of a person from the normalised tokens of their name.
pub(crate) fn person_id(norm_name: &str) -> String {
    let mut words: Vec<&str> = norm_name.split_whitespace().collect();
    words.sort_unstable();
    format!("person:{}", words.join("_"))
}

/// Blocks of sentences written for the tests, with the repository's kb.
#[cfg(test)]
mod testing {
    use rasid_kb::Kb;
    use rasid_text::Span;

    use super::block::Block;
    use super::ActorSpan;

    /// The repository's kb, loaded once.
    pub fn kb() -> &'static Kb {
        static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
        KB.get_or_init(|| Kb::builtin().expect("the repository kb loads"))
    }

    /// The index of the first token of `block` written `word`.
    pub fn token(block: &Block, word: &str) -> usize {
        block
            .toks
            .iter()
            .position(|t| t.text == word)
            .expect("the word is in the text")
    }

    /// A one-block text and the actors named in it.
    pub struct Text {
        pub doc: Vec<char>,
        pub actors: Vec<ActorSpan>,
    }

    impl Text {
        /// `text`, where each `(name, id)` of `groups` is an actor mention at the name's
        /// first occurrence.
        pub fn new(text: &str, groups: &[(&str, &str)]) -> Self {
            let doc: Vec<char> = text.chars().collect();
            let actors = groups
                .iter()
                .map(|(name, id)| {
                    let name: Vec<char> = name.chars().collect();
                    let start = doc
                        .windows(name.len())
                        .position(|w| w == name.as_slice())
                        .expect("the group is named in the text");
                    ActorSpan {
                        span: Span {
                            start,
                            end: start + name.len(),
                        },
                        id: id.to_string(),
                        office: false,
                    }
                })
                .collect();
            Self { doc, actors }
        }

        pub fn block(&self) -> Block<'_> {
            let span = Span {
                start: 0,
                end: self.doc.len(),
            };
            Block::new(
                &self.doc,
                span,
                &self.actors,
                &kb().persons,
                &kb().tokenizer,
            )
        }

        /// The text of tokens `start..end`.
        pub fn words(&self, block: &Block, start: usize, end: usize) -> String {
            let s = block.toks[start].span.start;
            let e = block.toks[end - 1].span.end;
            self.doc[s..e].iter().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{kb, Text};
    use super::*;

    /// A person as the tests compare it: name, affiliation, (mention, rule) pairs.
    type Found = (String, Option<String>, Vec<(String, String)>);

    /// The persons of a one-block `text`.
    fn persons(text: &str, groups: &[(&str, &str)]) -> Vec<Found> {
        let t = Text::new(text, groups);
        let block = Span {
            start: 0,
            end: t.doc.len(),
        };
        recognize_persons(&t.doc, &[block], &t.actors, &[], None, kb())
            .into_iter()
            .map(|a| {
                (
                    a.name_ar,
                    a.affiliation,
                    a.mentions.into_iter().map(|m| (m.text, m.rule)).collect(),
                )
            })
            .collect()
    }

    /// The one person of `text`.
    fn one_person(text: &str) -> Found {
        let mut p = persons(text, &[]);
        assert_eq!(p.len(), 1, "{p:?}");
        p.remove(0)
    }

    fn mention(text: &str, rule: &str) -> (String, String) {
        (text.to_string(), rule.to_string())
    }

    #[test]
    fn a_name_after_a_title_is_found_again_by_its_surname() {
        let p = persons(
            "أكد العقيد خالد سعيد المري أن الطريق آمن. وأوضح المري أن الدوريات مستمرة.",
            &[],
        );
        assert_eq!(
            p,
            [(
                "خالد سعيد المري".to_string(),
                None,
                vec![
                    mention("خالد سعيد المري", "person:title"),
                    mention("المري", "person:surname")
                ]
            )]
        );
    }

    #[test]
    fn a_place_named_like_a_person_is_no_person() {
        assert!(persons("هاجم مسلحون مدينة الشيخ زويد أمس.", &[]).is_empty());
    }

    #[test]
    fn an_alias_used_later_is_the_same_person() {
        let p = one_person(
            "وحضر القيادي صالح عبد الكريم، المكنى “أبو دجانة”، الاجتماع. ثم غادر أبو دجانة إلى المدينة.",
        );
        assert_eq!(
            p.2,
            [
                mention("صالح عبد الكريم", "person:role_member"),
                mention("أبو دجانة", "person:alias"),
                mention("أبو دجانة", "person:kunya")
            ]
        );
    }

    #[test]
    fn a_first_name_alone_after_a_title_is_the_person_named_in_full_before() {
        let p = one_person("وصل العقيد جمال الدباغ إلى المدينة. وقال العقيد جمال إن الوضع هادئ.");
        assert_eq!((p.0.as_str(), p.2.len()), ("جمال الدباغ", 2));
    }

    #[test]
    fn a_known_person_gets_the_list_s_name_and_group() {
        let p = one_person("وقال الملا منصور إن الحركة لن تفاوض.");
        assert_eq!(
            (p.0.as_str(), p.1.as_deref()),
            ("أختر منصور", Some("taliban"))
        );
    }

    #[test]
    fn a_known_name_after_another_given_name_is_someone_else() {
        let found = persons(
            "قتل المواطن مبارك أحمد عسيري برصاص قناصة، وقال المتحدث باسم التحالف العميد أحمد عسيري إن القوات ردت.",
            &[],
        );
        let names: Vec<(&str, usize)> = found
            .iter()
            .map(|(n, _, m)| (n.as_str(), m.len()))
            .collect();
        assert!(names.contains(&("مبارك أحمد عسيري", 1)), "{found:?}");
        assert_eq!(
            found
                .iter()
                .filter(|(_, _, m)| m.iter().any(|(t, _)| t == "أحمد عسيري"))
                .count(),
            1,
            "the spokesman is his own person, his name no surname of the victim: {found:?}"
        );
    }
}
