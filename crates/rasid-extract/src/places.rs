//! Places of an article: gazetteer names (`kb/places.tsv`), resolved among same-named places
//! by the article's countries, and localities introduced by a type word («منطقة الحميضة»,
//! «بلدية إعكورن», quoted lists «مناطق "الحميضة وشعب جلاجل وعنة"») that no gazetteer holds.

use std::collections::HashMap;

use rasid_kb::Kb;
use rasid_model::{Mention, Place};
use rasid_text::chars::letter_run;
use rasid_text::{Normalized, Span};

use crate::actors::words_after;
use crate::DocMatch;

fn is_letter(c: char) -> bool {
    rasid_text::script::is_letter(c)
}

const QUOTES: &[char] = &['"', '«', '»', '“', '”', '\''];
/// A mention of a state as an actor, not in a locative phrase, and the state's countries.
#[derive(Debug, Clone)]
pub struct StateMention {
    pub span: Span,
    pub countries: Vec<String>,
}

/// «مواطنًا كينيًا»: a word written with tanween is an indefinite noun or adjective («a
/// Kenyan»), never a place's name.
fn with_tanween(doc: &[char], span: Span) -> bool {
    doc[span.start.min(doc.len())..span.end.min(doc.len())]
        .iter()
        .any(|c| matches!(c, '\u{064B}' | '\u{064C}' | '\u{064D}'))
}

/// The quotes that may open a quoted name («»» and «”» only close one).
const OPENING_QUOTES: &[char] = &['"', '«', '“', '\''];

/// Does a quoted name start at `i`: an opening quote right before a letter («منطقة "الحميضة"»,
/// not «أي منطقة". وقال الحزب»)?
fn opens_a_quote(ntext: &[char], i: usize) -> bool {
    ntext.get(i).is_some_and(|c| OPENING_QUOTES.contains(c))
        && ntext.get(i + 1).is_some_and(|c| is_letter(*c))
}

/// A city this populous is worth a mention even abroad.
const BIG_CITY: u64 = 1_000_000;
/// Population of a town abroad that a type word before its name makes the town meant
/// («مدينة ماروا»); a smaller one of that name is as likely a namesake of the article's
/// country that the gazetteer lacks («ناحية الخالدية» in Iraq, not the Jordanian village).
const SIZEABLE_TOWN: u64 = 100_000;
/// Longest place name captured after a type word, in words.
const MAX_NAME_WORDS: usize = 3;

/// How many names of an article say it is about each country.
#[derive(Debug, Clone, Default)]
pub struct CountryVotes {
    counts: HashMap<String, usize>,
}

impl CountryVotes {
    /// One more name of `country`.
    pub fn add(&mut self, country: &str) {
        *self.counts.entry(country.to_string()).or_insert(0) += 1;
    }

    /// Does any name vote for `country`?
    pub fn has(&self, country: &str) -> bool {
        self.counts.contains_key(country)
    }

    /// The countries voted for.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        self.counts.keys().map(String::as_str)
    }

    /// **The article's country**: the one with most votes; among equals the outlet's home
    /// country (`home`, kb `outlets.toml`), else the first by code; with no votes at all
    /// the home country — a national daily's unnamed «رجال الأمن» are its own country's.
    pub fn leader(&self, home: Option<&str>) -> Option<String> {
        let Some(top) = self.counts.values().copied().max() else {
            return home.map(str::to_string);
        };
        if let Some(h) = home.filter(|h| self.counts.get(*h) == Some(&top)) {
            return Some(h.to_string());
        }
        self.counts
            .iter()
            .filter(|(_, n)| **n == top)
            .map(|(c, _)| c)
            .min()
            .cloned()
    }
}

/// Country votes of an article from gazetteer names that belong to one country only. A
/// name that is mostly an ordinary word votes only from a locative phrase, as it becomes a
/// place only there («عنه», "about him", is no vote for Anah in Iraq).
pub fn country_votes(ntext: &[char], place_names: &[DocMatch], kb: &Kb) -> CountryVotes {
    let mut votes = CountryVotes::default();
    for m in place_names {
        if kb.places.is_common_word(m.payload)
            && !in_locative_phrase(ntext, m.norm, &kb.recognition)
        {
            continue;
        }
        let cands = kb.places.candidates(m.payload);
        // a hamlet's name is too often a common word («بحوزة») to say where an article is
        if cands
            .iter()
            .filter_map(|&i| kb.places.get(i))
            .all(|p| p.kind == "locality")
        {
            continue;
        }
        let mut countries = cands
            .iter()
            .filter_map(|&i| kb.places.get(i))
            .map(|p| p.country.as_str());
        if let Some(first) = countries.next() {
            if countries.all(|c| c == first) {
                votes.add(first);
            }
        }
    }
    votes
}

struct Hit {
    orig: Span,
    /// The same span in the normalised text.
    norm: Span,
    /// Gazetteer place index, or None for a pattern capture.
    place: Option<usize>,
    rule: &'static str,
    /// Letters of the name's article that «ل» elides before the hit («للموصل»): see
    /// [`DocMatch::elided`].
    elided: &'static str,
}

/// Recognise the places of one article. `taken` are spans of other entities (groups,
/// persons) that a place must not overlap, `acting_states` the mentions of states as actors
/// («أعلنت الولايات المتحدة»: no country place there); `groups` are armed-group mentions in the
/// normalised text; `tagged` the statistical tagger's place spans when it ran; `country`
/// is the article's dominant country.
#[allow(clippy::too_many_arguments)]
pub fn recognize_places(
    doc: &[char],
    ntext: &[char],
    norm: &Normalized,
    place_names: &[DocMatch],
    triggers: &[DocMatch],
    (taken, acting_states): (&[Span], &[StateMention]),
    groups: &[Span],
    tagged: Option<&[Span]>,
    (country, votes): (Option<&str>, &CountryVotes),
    kb: &Kb,
) -> Vec<Place> {
    let free = |s: Span| !taken.iter().any(|t| t.overlaps(s));
    let mut hits: Vec<Hit> = Vec::new();

    // 1. gazetteer names
    let rules = &kb.recognition;
    let asked = kinds_asked(ntext, place_names, rules);
    let resolved: Vec<(&DocMatch, Option<usize>)> = place_names
        .iter()
        .zip(&asked)
        .filter(|(m, _)| {
            free(m.orig)
                && !through_stripped_article(ntext, m.norm)
                && !adjective_of_a_thing(ntext, m.norm, kb)
        })
        .map(|(m, kinds)| {
            let context = Context {
                country,
                votes,
                asked: kinds.as_deref(),
            };
            (m, best_candidate(ntext, m, &context, kb))
        })
        .collect();
    // the places named at least once in a locative phrase («في X», «بX», «مدينة X»)
    let located_somewhere: Vec<usize> = resolved
        .iter()
        .filter(|(m, _)| in_locative_phrase(ntext, m.norm, rules))
        .filter_map(|(_, best)| *best)
        .collect();
    for (m, best) in resolved {
        let o = m.orig;
        let one_word = !ntext[m.norm.start..m.norm.end].contains(&' ');
        // a one-word name of a small place abroad is more likely a common word («دورا»,
        // «حوزة», «آمل») than that place: keep countries, provinces, big cities, places in
        // the article's country, multi-word names and names after a type word
        let plausible = best.and_then(|i| kb.places.get(i)).is_some_and(|p| {
            is_major(p)
                || country.is_some_and(|c| p.country == c)
                || !one_word
                || (p.population >= SIZEABLE_TOWN && after_type_word(ntext, m.norm, rules))
        });
        let ordinary_word = best.and_then(|i| kb.places.get(i)).is_some_and(|p| {
            kb.places.is_common_word(m.payload)
                && !matches!(p.kind.as_str(), "country" | "admin1")
                && !best.is_some_and(|i| located_somewhere.contains(&i))
        });
        // a country's name where the country acts («قالت تركيا») is the state, not a place;
        // a capital standing for its state («طهران») stays a place
        let acting = best.and_then(|i| kb.places.get(i)).is_some_and(|p| {
            p.kind == "country" && acting_states.iter().any(|a| a.span.overlaps(o))
        });
        // «نظام بشار الأسد»: a name inside a state's name, of a place of another country
        // (Béchar in Algeria), is part of that name; a capital standing in it for its state
        // («حكومة باماكو») stays a place
        let in_state_name = best.and_then(|i| kb.places.get(i)).is_some_and(|p| {
            acting_states
                .iter()
                .any(|a| a.span.contains(o) && a.span != o && !a.countries.contains(&p.country))
        });
        if plausible
            && !ordinary_word
            && !acting
            && !with_tanween(doc, o)
            && !in_state_name
            && !inside_a_name(ntext, m.norm, kb)
            && !an_outlet_in_quotes(ntext, m.norm, kb)
            && !names_a_nationality(ntext, m.norm, &kb.recognition)
        {
            // «مدينة لحج», «محافظة البيضاء»: the type word classifies, the name is the mention
            let n = trim_type_word(ntext, m.norm, &kb.recognition);
            hits.push(Hit {
                orig: if n == m.norm { o } else { norm.to_original(n) },
                norm: n,
                place: best,
                rule: "place:gazetteer",
                elided: if n == m.norm { m.elided } else { "" },
            });
        }
    }

    // 2. names after a type word
    for t in triggers {
        let m = rasid_kb::PhraseMatch {
            start: t.norm.start,
            end: t.norm.end,
            payload: t.payload,
            elided: t.elided,
        };
        let head_in_name = m.payload == 1;
        // «المنطقة», «القضاء», «المحافظة»: with the article the word refers back or means
        // something else; only the bare type word introduces a name
        if m.start >= 2 && ntext[m.start - 2] == 'ا' && ntext[m.start - 1] == 'ل' {
            continue;
        }
        let mut i = m.end;
        while i < ntext.len() && ntext[i] == ' ' {
            i += 1;
        }
        let quoted = m.payload != DUAL_WORD && opens_a_quote(ntext, i);
        let names: Vec<Span> = if m.payload == DUAL_WORD {
            two_names_joined(ntext, i, (rules, &kb.segmentation.stopwords), place_names)
        } else if quoted {
            // a quoted name or list: «مناطق "الحميضة وشعب جلاجل وعنة"»
            let s = i + 1;
            let Some(len) = ntext[s..].iter().take(80).position(|c| QUOTES.contains(c)) else {
                continue;
            };
            split_conjoined(
                ntext,
                Span {
                    start: s,
                    end: s + len,
                },
            )
        } else if m.payload == 2 {
            // a plural type word names places only in a quoted list
            continue;
        } else {
            let mut words: Vec<Span> = Vec::new();
            let mut j = i;
            while words.len() < MAX_NAME_WORDS && j < ntext.len() && is_letter(ntext[j]) {
                let ws = j;
                while j < ntext.len() && is_letter(ntext[j]) {
                    j += 1;
                }
                let w: String = ntext[ws..j].iter().collect();
                let stop = rules.place_stop_words.contains(&w)
                    || kb.segmentation.stopwords.contains(&w)
                    || (words.is_empty() && rules.place_triggers.find(&w).iter().any(|x| x.start == 0))
                    // «بمنطقة», «بالعاصمة»: a preposition before a type word or the article
                    // opens a new phrase
                    || (!words.is_empty() && opens_new_phrase(&w, rules))
                    // «جبل الشيخ والقنيطرة», «حي باب طبرق والمعروفة»: «و» joins another
                    // phrase (a name with «و» inside is the gazetteer's)
                    || (!words.is_empty()
                        && w.starts_with('و')
                        && w.chars().count() > 3
                        && !rules.place_trailing_words.contains(&w));
                if stop {
                    break;
                }
                // a second word only after a compound head, and then only name-like words
                if let Some(first) = words.first() {
                    let f: String = ntext[first.start..first.end].iter().collect();
                    let compound = head_in_name || rules.place_compound_heads.contains(&f);
                    if !(compound || rules.place_trailing_words.contains(&w)) {
                        break;
                    }
                    if compound
                        && w.starts_with("ال")
                        && !rules.place_trailing_words.contains(&w)
                        && words.len() >= 2
                    {
                        break;
                    }
                    // «مطار كابول أرواح خمسة»: a known place closing the words so far ends
                    // the name
                    let last = words.last().map_or(first, |l| l);
                    // («جبل صبر محاصرة»: the gazetteer's name may hold the head)
                    let name_start = if head_in_name { m.start } else { first.start };
                    let known_so_far = hits.iter().any(|h| {
                        h.rule == "place:gazetteer"
                            && h.norm.start >= name_start
                            && h.norm.end == last.end
                    });
                    if known_so_far && !rules.place_trailing_words.contains(&w) {
                        break;
                    }
                    // «جبل اللوح بسوق», «مطار المزة مباشرة», «وادي الخارد أثناء»: after a
                    // definite word, an indefinite one starts what follows the name
                    let definite = ntext[last.start..last.end].starts_with(&['ا', 'ل']);
                    if definite && !w.starts_with("ال") && !rules.place_trailing_words.contains(&w)
                    {
                        break;
                    }
                }
                words.push(Span { start: ws, end: j });
                if j < ntext.len()
                    && ntext[j] == ' '
                    && ntext.get(j + 1).is_some_and(|c| is_letter(*c))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            match (words.first(), words.last()) {
                (Some(a), Some(b)) => vec![Span {
                    start: a.start,
                    end: b.end,
                }],
                _ => Vec::new(),
            }
        };
        for n in names {
            // «ذي كالب الأعلى», «بني حشيش»: a compound head makes a proper name; so does a
            // definite word after a head that belongs to the name («مثلث العند», «جبل الشيخ»)
            let compound = {
                let words: Vec<String> = ntext[n.start..n.end]
                    .iter()
                    .collect::<String>()
                    .split(' ')
                    .map(str::to_string)
                    .collect();
                (words.len() >= 2 && rules.place_compound_heads.contains(&words[0]))
                    || (head_in_name && words[0].starts_with("ال") && words[0].chars().count() >= 4)
            };
            let n = if head_in_name {
                Span {
                    start: m.start,
                    end: n.end,
                }
            } else {
                n
            };
            let o = norm.to_original(n);
            let text: String = ntext[n.start..n.end].iter().collect();
            let first = text.split_whitespace().next().unwrap_or("");
            // «منطقة جبلية»: a feminine adjective, not a name
            let adjective = !first.starts_with("ال") && first.ends_with("يه");
            // «منطقة يختارونها»: an imperfect verb with its pronouns, not a name
            let verb = (first.starts_with('ي') || first.starts_with('ت'))
                && first.chars().count() >= 6
                && ["ونها", "ونه", "ونهم", "ها", "هم"]
                    .iter()
                    .any(|e| first.ends_with(e));
            if text.chars().count() < 2
                || adjective
                || verb
                || !free(o)
                || rules.not_place_names.contains(&text)
            {
                continue;
            }
            // a longer name around a gazetteer hit («بني حشيش الأعلى» around «بني حشيش») is
            // the more specific place; it keeps the gazetteer entry's location
            let inner = hits.iter().position(|h| {
                h.rule == "place:gazetteer"
                    && o.start <= h.orig.start
                    && h.orig.end <= o.end
                    && h.orig != o
            });
            if let Some(k) = inner {
                // «شعب اليمن», «ساحل لبنان»: a head before a country's name speaks of the
                // country (its people, its coast); the country's mention stands alone
                let country = hits[k]
                    .place
                    .and_then(|i| kb.places.get(i))
                    .is_some_and(|p| p.kind == "country");
                if country {
                    continue;
                }
                let within = hits.remove(k);
                hits.push(Hit {
                    orig: o,
                    norm: n,
                    place: within.place,
                    rule: "place:type_word+gazetteer",
                    elided: if within.orig.start == o.start {
                        within.elided
                    } else {
                        ""
                    },
                });
                continue;
            }
            // a quoted list after a plural type word, the two names after a dual one, a
            // name that «التابعة ل…» locates, a compound name, or the name of a village or a
            // town is a place outright
            let settlement = settlement_name(ntext, (m.start, m.end), first, rules);
            let dual = m.payload == DUAL_WORD;
            let located = followed_by_a_locating_word(ntext, n.end, rules, place_names);
            if hits.iter().any(|h| h.orig.overlaps(o))
                || !(quoted
                    || dual
                    || located
                    || compound
                    || settlement
                    || tagger_agrees(tagged, o))
            {
                continue;
            }
            // «محافظتي حجة وصعدة»: a province the gazetteer names with its type word
            let type_word: String = ntext[m.start..m.end].iter().collect();
            let place = rules
                .type_word_kinds
                .get(&type_word)
                .and_then(|kinds| named_with_a_type_word(&text, kinds, kb).first().copied());
            hits.push(Hit {
                orig: o,
                norm: n,
                place,
                rule: "place:type_word",
                elided: "",
            });
        }
    }

    // a region that completes a group's name is not a place: «القاعدة في جزيرة العرب»
    hits.retain(|h| !names_a_branch(ntext, h.norm, groups, &rules.branch_regions));

    // 3. one place per name
    hits.sort_by_key(|h| h.orig.start);
    // the country of a captured locality is that of a place named right after it, in a
    // locative phrase («منطقة إيفري بولاية بجاية», «بلدة الباغوز آخر معاقله في شرق سوريا»)
    let located: Vec<Option<usize>> = hits
        .iter()
        .map(|h| {
            if h.place.is_some() {
                return None;
            }
            hits.iter()
                .filter(|g| g.place.is_some() && g.norm.start >= h.norm.end)
                .find(|g| located_by(ntext, h.norm.end, g.norm.start, rules))
                .and_then(|g| g.place)
        })
        .collect();
    let mut out: Vec<Place> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // mention start → the name as written on its own (the mention's text, with the
    // article «ل» elides put back: «للموصل» is a mention «لموصل» of «الموصل»)
    let mut written_at: HashMap<usize, String> = HashMap::new();
    for (h, within) in hits.into_iter().zip(located) {
        let surface: String = doc[h.orig.start..h.orig.end.min(doc.len())]
            .iter()
            .collect();
        let written = format!("{}{surface}", h.elided);
        let specific = h.rule == "place:type_word+gazetteer";
        let (key, place) = match h.place.and_then(|i| kb.places.get(i)) {
            Some(p) => (
                if specific {
                    format!("pattern:{}", rasid_text::normalize(&written))
                } else {
                    p.id.clone()
                },
                Place {
                    name_ar: if specific {
                        written.clone()
                    } else {
                        p.name_ar.clone()
                    },
                    id: (!specific).then(|| p.id.clone()),
                    name_en: Some(p.name_en.clone()).filter(|s| !s.is_empty()),
                    country: Some(p.country.clone()).filter(|s| !s.is_empty()),
                    lat: p.lat,
                    lon: p.lon,
                    admin1: Some(p.admin1.clone()).filter(|s| !s.is_empty()),
                    kind: Some(if specific {
                        "locality".to_string()
                    } else {
                        p.kind.clone()
                    }),
                    mentions: Vec::new(),
                },
            ),
            None => {
                let within = within.and_then(|i| kb.places.get(i));
                (
                    format!("pattern:{}", rasid_text::normalize(&written)),
                    Place {
                        name_ar: written.clone(),
                        id: None,
                        name_en: None,
                        country: within
                            .map(|p| p.country.clone())
                            .or_else(|| country.map(str::to_string)),
                        lat: None,
                        lon: None,
                        admin1: within
                            .and_then(|p| match p.kind.as_str() {
                                "admin1" => Some(p.name_en.clone()),
                                "country" => None,
                                _ => Some(p.admin1.clone()),
                            })
                            .filter(|s| !s.is_empty()),
                        kind: Some("locality".to_string()),
                        mentions: Vec::new(),
                    },
                )
            }
        };
        let slot = *by_key.entry(key).or_insert_with(|| {
            out.push(place);
            out.len() - 1
        });
        written_at.insert(h.orig.start, written);
        out[slot].mentions.push(Mention {
            text: surface,
            start: h.orig.start,
            end: h.orig.end,
            rule: h.rule.to_string(),
        });
    }
    let mut out = merge_bare_names(out, rules);
    for p in out.iter_mut().filter(|p| p.id.is_some()) {
        if let Some(name) = most_written_form(&p.mentions, &written_at) {
            p.name_ar = name;
        }
    }
    out
}

/// The form a place's mentions take most often (the first such mention's on a tie), each
/// mention as a name written on its own (`written_at`, by mention start; else its text):
/// the article's own spelling, which is what a reader — and an annotator — calls it.
fn most_written_form(mentions: &[Mention], written_at: &HashMap<usize, String>) -> Option<String> {
    let mut counts: Vec<(String, usize, &str)> = Vec::new();
    for m in mentions {
        let written = written_at
            .get(&m.start)
            .map_or(m.text.as_str(), String::as_str);
        let key = rasid_text::normalize(written);
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1, written)),
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    counts.iter().find(|c| c.1 == best).map(|c| c.2.to_string())
}

/// «جبل إيفري» … «منطقة إيفري»: a later capture of the name without its head word is the
/// same place.
fn merge_bare_names(mut places: Vec<Place>, rules: &rasid_kb::RecognitionRules) -> Vec<Place> {
    let mut i = 0;
    while i < places.len() {
        let bare = rasid_text::normalize(&places[i].name_ar);
        let captured = places[i].lat.is_none() && !bare.contains(' ');
        let host = places.iter().position(|p| {
            let full = rasid_text::normalize(&p.name_ar);
            captured
                && full.ends_with(&format!(" {bare}"))
                && rules.place_triggers.find(&full).iter().any(|t| {
                    t.start == 0
                        && t.payload == 1
                        && t.end + 1 + bare.chars().count() == full.chars().count()
                })
        });
        match host {
            Some(k) if k != i => {
                let moved = places.remove(i);
                let k = if k > i { k - 1 } else { k };
                places[k].mentions.extend(moved.mentions);
                places[k].mentions.sort_by_key(|m| m.start);
            }
            _ => i += 1,
        }
    }
    places
}

/// What the article says about where it is, for choosing among places of one name: its
/// country, every country its names vote for, and the kinds a type word asks for.
#[derive(Clone, Copy)]
struct Context<'a> {
    country: Option<&'a str>,
    votes: &'a CountryVotes,
    asked: Option<&'a [String]>,
}

/// The gazetteer entry a match most likely names. A province or district its type word
/// asks for (`asked`) and that the gazetteer names with a type word is a candidate too
/// («محافظة صعدة» beside the city «صعدة»: «محافظتي حجة وصعدة» are the governorates, «مدينة
/// صعدة» the city). Then a country, a province or a big city before a
/// smaller place («الرياض» is the capital, not a hamlet near Kirkuk, even in an Iraqi
/// article; «عسير» the Saudi province, not a Jordanian village), then one of the article's
/// country, then one of a country the article's names vote for (Zinjibar in Abyan, not
/// Zanzibar, in a Saudi article that names Yemeni towns), then the highest ranked.
fn best_candidate(ntext: &[char], m: &DocMatch, context: &Context, kb: &Kb) -> Option<usize> {
    let Context {
        country,
        votes,
        asked,
    } = *context;
    let named_with_type_word: Vec<usize> = asked
        .map(|kinds| {
            let name: String = ntext[m.norm.start..m.norm.end].iter().collect();
            named_with_a_type_word(&name, kinds, kb)
        })
        .unwrap_or_default();
    kb.places
        .candidates(m.payload)
        .iter()
        .chain(&named_with_type_word)
        .copied()
        .filter_map(|i| kb.places.get(i).map(|p| (i, p)))
        .max_by_key(|(_, p)| {
            (
                is_major(p),
                country.is_some_and(|c| p.country == c),
                votes.has(&p.country),
                p.rank(),
            )
        })
        .map(|(i, _)| i)
}

/// The provinces and districts of one of `kinds` that the gazetteer names `name` after a
/// type word («محافظة صعدة», «ولاية خوست» for «صعدة», «خوست»: the convention of a
/// province that shares its capital's name). Towns are never named so («مدينة العين» is an
/// alias of Al Ain, not a second name of every «العين»).
fn named_with_a_type_word(name: &str, kinds: &[String], kb: &Kb) -> Vec<usize> {
    let kinds: Vec<String> = kinds
        .iter()
        .filter(|k| matches!(k.as_str(), "admin1" | "admin2"))
        .cloned()
        .collect();
    if kinds.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<usize> = kb
        .recognition
        .type_word_kinds
        .iter()
        .filter(|(_, ks)| ks.iter().any(|k| kinds.contains(k)))
        .flat_map(|(word, _)| kb.places.named(&format!("{word} {name}")))
        .copied()
        .filter(|&i| kb.places.get(i).is_some_and(|p| kinds.contains(&p.kind)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// **The kind of place a type word asks for** (kb `recognition.type_word_kinds`), for each
/// gazetteer match: the type word opening the match («محافظة لحج») or right before it
/// («محافظة صعدة», «بمحافظة صعدة»), also across a list of one-word names joined by «و» or
/// a comma («محافظتي حجة وصعدة», «محافظة الضالع وتعز وإب»).
fn kinds_asked(
    ntext: &[char],
    place_names: &[DocMatch],
    rules: &rasid_kb::RecognitionRules,
) -> Vec<Option<Vec<String>>> {
    place_names
        .iter()
        .map(|m| {
            let trimmed = trim_type_word(ntext, m.norm, rules);
            if trimmed != m.norm {
                let lead: String = ntext[m.norm.start..trimmed.start].iter().collect();
                return rules.type_word_kinds.get(lead.trim()).cloned();
            }
            // «منطقة بغداد الجديدة»: the type word names the longer place
            let continued = words_after(ntext, m.norm.end, 1)
                .first()
                .is_some_and(|(w, at)| {
                    at.start == m.norm.end + 1 && rules.place_trailing_words.contains(w)
                });
            if continued {
                return None;
            }
            kinds_before(ntext, m.norm.start, rules)
        })
        .collect()
}

/// The kinds of the type word before the name starting at `start`, or before the list of
/// names it closes (at most [`LISTED_NAMES`] names back).
fn kinds_before(
    ntext: &[char],
    start: usize,
    rules: &rasid_kb::RecognitionRules,
) -> Option<Vec<String>> {
    let mut at = start;
    for _ in 0..=LISTED_NAMES {
        let b = WordBefore::of(ntext, at);
        if !matches!(b.glued.as_str(), "" | "ب" | "و" | "وب") {
            return None;
        }
        if let Some(kinds) = b.find_map(|w| rules.type_word_kinds.get(w).cloned()) {
            return Some(kinds);
        }
        // go back over one name of a list: «حجة وصعدة», «الضالع، تعز»
        let comma = ntext
            .get(b.word_end..at)
            .is_some_and(|gap| gap.iter().any(|c| *c == '،' || *c == ','));
        if !(b.glued.starts_with('و') || comma) || b.word.is_empty() {
            return None;
        }
        at = b.word_end - b.word.chars().count();
    }
    None
}

/// How many names of a list a type word before it may reach.
const LISTED_NAMES: usize = 3;

/// **A name after a type word that no gazetteer holds must be a place to the tagger too**,
/// when it ran: a place span of the tagger overlaps it. Why: after «منطقة», «حي» or «مطار»
/// the news often writes an adjective or a noun («منطقة عازلة», «حي مكتظ», «مطار كابول
/// أرواح خمسة»), which the tagger, reading the whole sentence, does not take for a place.
fn tagger_agrees(tagged: Option<&[Span]>, name: Span) -> bool {
    tagged.is_none_or(|places| places.iter().any(|p| p.overlaps(name)))
}

/// **A place inside the name of an organisation, an agreement or an outlet is no place of
/// the article**: after a head of `place_in_name_heads` («جامعة غاريسا», «اتفاق فيينا»,
/// «لجامعة القاهرة»), or opening an outlet's name («نيويورك تايمز»).
fn inside_a_name(ntext: &[char], span: Span, kb: &Kb) -> bool {
    let before = WordBefore::of(ntext, span.start);
    let heads = &kb.recognition.place_in_name_heads;
    let after_head = before.glued.is_empty()
        && (heads.contains(&before.word)
            || ["و", "ل", "ب", "ف", "ول", "وب"].iter().any(|p| {
                before
                    .word
                    .strip_prefix(p)
                    .is_some_and(|w| heads.contains(w))
            }));
    // the place and the next word («نيويورك تايمز»; «الرياض» alone is the city, whatever
    // newspaper bears its name)
    let mut next = span.end;
    while next < ntext.len() && ntext[next] == ' ' {
        next += 1;
    }
    let mut ne = next;
    while ne < ntext.len() && is_letter(ntext[ne]) {
        ne += 1;
    }
    let with_next: String = ntext[span.start..ne].iter().collect();
    after_head || (ne > next && next > span.end && kb.outlets.by_name(&with_next).is_some())
}

/// **A quoted outlet's name is the outlet**: «وقالت مصادر لـ"الرياض"», «أفادت مصادر
/// «الرياض»»: a place name that is also the name of a kb outlet, written in quotes, is the
/// newspaper, not the city (unquoted «الرياض» stays the city).
fn an_outlet_in_quotes(ntext: &[char], span: Span, kb: &Kb) -> bool {
    let opened = span.start > 0 && QUOTES.contains(&ntext[span.start - 1]);
    let closed = ntext.get(span.end).is_some_and(|c| QUOTES.contains(c));
    let name: String = ntext[span.start..span.end].iter().collect();
    opened && closed && kb.outlets.by_name(&name).is_some()
}

/// «شابا سوريا الجنسية», «يمني الأصل»: a country named for someone's nationality or
/// origin (`nationality_words` right after it) is no place of the article.
fn names_a_nationality(ntext: &[char], span: Span, rules: &rasid_kb::RecognitionRules) -> bool {
    let rest: String = ntext[span.end.min(ntext.len())..].iter().take(24).collect();
    rest.split(|c: char| !is_letter(c))
        .find(|w| !w.is_empty())
        .is_some_and(|w| rest.starts_with(' ') && rules.nationality_words.contains(w))
}

/// What stands before a name: the letters glued to it in its word («ب» of «بسحب») and the
/// word before that word (across spaces only; empty at a punctuation mark or the start).
pub(crate) struct WordBefore {
    pub(crate) glued: String,
    pub(crate) word: String,
    /// Where the word before ends (the name's word start when only punctuation or nothing
    /// stands between).
    pub(crate) word_end: usize,
}

impl WordBefore {
    pub(crate) fn of(ntext: &[char], start: usize) -> Self {
        let (ws, _) = letter_run(ntext, start);
        let mut pe = ws;
        while pe > 0 && ntext[pe - 1] == ' ' {
            pe -= 1;
        }
        let (ps, _) = letter_run(ntext, pe);
        Self {
            glued: ntext[ws..start].iter().collect(),
            word: ntext[ps..pe].iter().collect(),
            word_end: pe,
        }
    }

    /// Whether `test` holds for the word before, as written, without a leading «و»/«ف», or
    /// without a glued «ب» after them («وفي», «فمدينة», «بشرق», «وبمدينة»; «في» itself is
    /// tried whole too).
    fn is_any(&self, test: impl Fn(&str) -> bool) -> bool {
        self.find_map(|w| test(w).then_some(())).is_some()
    }

    /// The first answer of `f` for the forms of the word before that [`Self::is_any`]
    /// tries, in the same order.
    fn find_map<T>(&self, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        let bare = self
            .word
            .strip_prefix('و')
            .or_else(|| self.word.strip_prefix('ف'))
            .unwrap_or(&self.word);
        let unglued = bare.strip_prefix('ب').unwrap_or(bare);
        [self.word.as_str(), bare, unglued]
            .iter()
            .filter(|w| w.chars().count() > 1)
            .find_map(|w| f(w))
    }
}

/// A country, a province or a town of [`SIZEABLE_TOWN`] people or more.
pub(crate) fn is_sizeable(p: &rasid_kb::GazetteerPlace) -> bool {
    matches!(p.kind.as_str(), "country" | "admin1") || p.population >= SIZEABLE_TOWN
}

/// A country, a province or a big city: worth a mention in any context.
fn is_major(p: &rasid_kb::GazetteerPlace) -> bool {
    matches!(p.kind.as_str(), "country" | "admin1") || p.population >= BIG_CITY
}

/// «مصادر تركية», «مركبة سورية»: a state's feminine adjective qualifying a noun that is not
/// a place («في بلدة تركية» names where: [`qualifies_a_place`]) is no place.
fn adjective_of_a_thing(ntext: &[char], span: Span, kb: &Kb) -> bool {
    crate::demonyms::feminine_adjective_after_noun(ntext, span, kb)
        && !qualifies_a_place(ntext, span, &kb.recognition)
}

/// «في بلدة تركية», «بلدة حدودية تركية»: a state's adjective after a place's type word
/// (one adjective may stand between) tells the country the place is in — the country is
/// still a place of the event, though the adjective names no party.
fn qualifies_a_place(ntext: &[char], span: Span, rules: &rasid_kb::RecognitionRules) -> bool {
    let mut end = span.start.min(ntext.len());
    for _ in 0..2 {
        while end > 0 && !is_letter(ntext[end - 1]) {
            end -= 1;
        }
        let (start, _) = letter_run(ntext, end);
        if start == end {
            return false;
        }
        let word: String = ntext[start..end].iter().collect();
        let bare = word.strip_prefix(['و', 'ب', 'ل']).unwrap_or(&word);
        let is_type = |w: &str| {
            rules
                .place_triggers
                .find(w)
                .iter()
                .any(|x| x.start == 0 && x.end == w.chars().count())
        };
        if is_type(&word) || is_type(bare) {
            return true;
        }
        end = start;
    }
    false
}

/// **A place name that is mostly an ordinary word needs a locative phrase.** Why: many
/// town names are common words or names («سحب», «أمل», «جاسم», «مغنية»), and
/// `kb/place_common_words.txt` lists those that running text seldom places. Such a name
/// is a place only when one of its mentions in the article stands after «في», a glued
/// «ب», a locative word or a type word («في سحب», «بسحب», «قرية سحب»).
pub(crate) fn in_locative_phrase(
    ntext: &[char],
    span: Span,
    rules: &rasid_kb::RecognitionRules,
) -> bool {
    let before = WordBefore::of(ntext, span.start);
    before.glued.contains('ب')
        || before.is_any(|w| rules.locative_words.contains(w) || place_trigger(w, rules).is_some())
}

/// **Where something happens, not where someone goes.** A place after a glued «ب», a
/// word of kb `roles.state_place_markers` («في», «داخل», «ريف») or a type word («مدينة X»),
/// not after «إلى» or «من».
pub(crate) fn where_something_happens(ntext: &[char], span: Span, kb: &Kb) -> bool {
    let before = WordBefore::of(ntext, span.start);
    let marker = |w: &str| {
        let n = w.chars().count();
        kb.events
            .state_place_markers
            .find(w)
            .iter()
            .any(|x| x.start == 0 && x.end == n)
    };
    before.glued.contains('ب')
        || (before.glued.is_empty()
            && before.is_any(|w| marker(w) || place_trigger(w, &kb.recognition) == Some(TYPE_WORD)))
}

/// **A town abroad is a place after its type word.** «مدينة ماروا»: the type word says
/// that a town is named, and the gazetteer which one — wherever it is, not a place of the
/// article's country by that name.
fn after_type_word(ntext: &[char], span: Span, rules: &rasid_kb::RecognitionRules) -> bool {
    let before = WordBefore::of(ntext, span.start);
    before.glued.is_empty() && before.is_any(|w| place_trigger(w, rules) == Some(TYPE_WORD))
}

/// The payload of [`rasid_kb::RecognitionRules::place_triggers`] for a type word.
const TYPE_WORD: usize = 0;
/// … and for a dual type word («بلدتي»).
const DUAL_WORD: usize = 3;

/// Is the word after `end` one of kb `recognition.locating_words` («التابعة», «الواقعة»),
/// and does a place's type word or name head or a gazetteer name (a place here or not)
/// follow it within three words («التابعة لمديرية قعطبة», «القريبة من قاعدة الحبانية»)? «منطقة الألغام المتاخمة
/// للحدود» is no place.
fn followed_by_a_locating_word(
    ntext: &[char],
    end: usize,
    rules: &rasid_kb::RecognitionRules,
    place_names: &[DocMatch],
) -> bool {
    let words = words_after(ntext, end, 4);
    let Some((first, first_at)) = words.first() else {
        return false;
    };
    if first_at.start != end + 1 {
        return false;
    }
    if !rules.locating_words.contains(first) {
        return false;
    }
    words.iter().skip(1).any(|(w, at)| {
        let bare = w.strip_prefix('ل').unwrap_or(w);
        place_trigger(w, rules).is_some()
            || place_trigger(bare, rules).is_some()
            || place_names
                .iter()
                .any(|m| m.norm.start >= at.start && m.norm.start <= at.end)
    })
}

/// **Two places after a dual type word**: «بلدتي الوهط وصبر» names al-Waht and Sabr: a word
/// and the one after its «و» (at least three letters after it), neither a stop word. The
/// second name goes on for one more word after a compound head («نافعة وعين ذكر», «الرقة
/// ودير الزور») or, when it is indefinite and no gazetteer name, before a definite word that
/// is no dual adjective («الكوم وكتف الغدر», not «الفوعة وكفريا الشيعيتين» nor «عسير
/// ونجران الخاصة»); a type word in its place
/// («الوهط ومدينة صبر») leaves the first name alone. Anything else after the dual word
/// («مدينتي الحبيبة») names nothing.
fn two_names_joined(
    ntext: &[char],
    from: usize,
    (rules, stopwords): (
        &rasid_kb::RecognitionRules,
        &std::collections::HashSet<String>,
    ),
    place_names: &[DocMatch],
) -> Vec<Span> {
    let words = words_after(ntext, from, 3);
    let joined = |a: &Span, b: &Span| ntext.get(a.end) == Some(&' ') && b.start == a.end + 1;
    let usable = |w: &str| !rules.place_stop_words.contains(w) && !stopwords.contains(w);
    let (Some((first, first_at)), Some((second, second_at))) = (words.first(), words.get(1)) else {
        return Vec::new();
    };
    let Some(bare) = second.strip_prefix('و') else {
        return Vec::new();
    };
    if first_at.start != from
        || !joined(first_at, second_at)
        || bare.chars().count() < 3
        || !usable(first)
    {
        return Vec::new();
    }
    if place_trigger(bare, rules).is_some() {
        return vec![*first_at];
    }
    if !usable(bare) {
        return Vec::new();
    }
    let mut second_span = Span {
        start: second_at.start + 1,
        end: second_at.end,
    };
    if let Some((t, third_at)) = words.get(2).filter(|(_, at)| joined(second_at, at)) {
        let head = rules.place_compound_heads.contains(bare);
        let known = place_names.iter().any(|m| m.norm == second_span);
        let construct = !known
            && !bare.starts_with("ال")
            && t.starts_with("ال")
            && !t.ends_with("ين")
            && usable(t)
            && !rules.place_trailing_words.contains(t);
        if (head && usable(t)) || construct {
            second_span.end = third_at.end;
        }
    }
    vec![*first_at, second_span]
}

/// What kind of place trigger `word` wholly is («مدينة»: a type word, «جبل»: a name head),
/// if any.
fn place_trigger(word: &str, rules: &rasid_kb::RecognitionRules) -> Option<usize> {
    rules
        .place_triggers
        .find(word)
        .iter()
        .find(|x| x.start == 0 && x.end == word.chars().count() && !word.is_empty())
        .map(|x| x.payload)
}

/// Strip a leading type word («مدينة», «محافظة») from a gazetteer match.
/// **The name of a village or a town.** After a settlement's type word («قرية الدالوة»,
/// «بلدة القديح»: kb `settlement_type_words`) a definite word of at least five letters is
/// the settlement's name, unless it is an adjective: a nisba («الأصلي») or a word that
/// trails names (`place_trailing_words`: «العليا», «القديم»). Indefinite words there are as
/// often adjectives («قرية مجاورة») and verbs («بلدة تسمى») as names: they need another
/// sign.
fn settlement_name(
    ntext: &[char],
    (type_start, type_end): (usize, usize),
    first: &str,
    rules: &rasid_kb::RecognitionRules,
) -> bool {
    let type_word: String = ntext[type_start..type_end].iter().collect();
    rules.settlement_type_words.contains(&type_word)
        && first.starts_with("ال")
        && first.chars().count() >= 5
        && !first.ends_with('ي')
        && !rules.place_trailing_words.contains(first)
}

fn trim_type_word(ntext: &[char], span: Span, rules: &rasid_kb::RecognitionRules) -> Span {
    let text: String = ntext[span.start..span.end].iter().collect();
    let lead = rules
        .place_triggers
        .find(&text)
        .into_iter()
        .find(|t| t.start == 0 && t.payload == TYPE_WORD);
    match lead {
        // PhraseMatch offsets count chars of `text`
        Some(t)
            if ntext.get(span.start + t.end) == Some(&' ') && span.start + t.end + 1 < span.end =>
        {
            Span {
                start: span.start + t.end + 1,
                end: span.end,
            }
        }
        _ => span,
    }
}

/// Normalised words of `ntext[from..to]`, or None when a sentence or clause ends there.
fn words_between(ntext: &[char], from: usize, to: usize) -> Option<Vec<String>> {
    let gap = ntext.get(from..to)?;
    if gap
        .iter()
        .any(|c| matches!(c, '.' | '؟' | '!' | '\n' | '؛' | '،' | ',' | ':'))
    {
        return None;
    }
    let text: String = gap.iter().collect();
    Some(
        text.split(|c: char| !is_letter(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// Does the place at `start` (normalised) sit in a locative phrase a few words after `end`?
fn located_by(
    ntext: &[char],
    end: usize,
    start: usize,
    rules: &rasid_kb::RecognitionRules,
) -> bool {
    let Some(words) = words_between(ntext, end, start) else {
        return false;
    };
    if words.len() > LOCATED_WORDS {
        return false;
    }
    // the preposition is glued to the name or its type word («بولاية بجاية») or stands
    // before it («في شرق سوريا»)
    let mut ws = start;
    while ws > 0 && is_letter(ntext[ws - 1]) {
        ws -= 1;
    }
    let glued: String = ntext[ws..start].iter().collect();
    glued.starts_with('ب')
        || words
            .last()
            .is_some_and(|w| w.starts_with('ب') && w.chars().count() > 3)
        || words
            .iter()
            .any(|w| rules.locative_words.contains(w) && !rules.locative_not_inside.contains(w))
}

/// How many words may stand between a locality and the place that locates it.
const LOCATED_WORDS: usize = 4;

/// Is the place at `span` a region completing a group's name («تنظيم القاعدة الإرهابي في
/// جزيرة العرب», «القاعدة في بلاد المغرب»)? `groups` are armed-group mentions (normalised).
fn names_a_branch(
    ntext: &[char],
    span: Span,
    groups: &[Span],
    regions: &std::collections::HashSet<String>,
) -> bool {
    let name: String = ntext[span.start..span.end].iter().collect();
    let Some(g) = groups
        .iter()
        .filter(|g| g.end <= span.start)
        .max_by_key(|g| g.end)
    else {
        return false;
    };
    let Some(mut words) = words_between(ntext, g.end, span.start) else {
        return false;
    };
    let mut region = name;
    if words.last().is_some_and(|w| w == "بلاد") {
        words.pop();
        region = format!("بلاد {region}");
    }
    // «المغرب الإسلامي»: the region may go on past the gazetteer name
    let mut e = span.end;
    while e < ntext.len() && ntext[e] == ' ' {
        e += 1;
    }
    let mut f = e;
    while f < ntext.len() && is_letter(ntext[f]) {
        f += 1;
    }
    let longer = format!("{region} {}", ntext[e..f].iter().collect::<String>());
    (regions.contains(&region) || (f > e && regions.contains(&longer)))
        && words.len() <= BRANCH_GAP_WORDS
        && words.last().is_some_and(|w| w == "في")
}

/// Words (adjectives, then «في») between a group's name and the region completing it.
const BRANCH_GAP_WORDS: usize = 3;

/// Was this match reached by stripping an article the name itself lacks? «السورية» is the
/// adjective "Syrian", not ال + «سورية»; names that take the article list it.
pub fn through_stripped_article(ntext: &[char], norm: Span) -> bool {
    let starts_with_article = ntext.get(norm.start..norm.start + 2) == Some(&['ا', 'ل'][..]);
    norm.start >= 2
        && !starts_with_article
        && ntext[norm.start - 2] == 'ا'
        && ntext[norm.start - 1] == 'ل'
        && (norm.start == 2
            || !rasid_text::script::is_letter(ntext[norm.start - 3])
            || matches!(ntext[norm.start - 3], 'و' | 'ف' | 'ب' | 'ل' | 'ك'))
}

/// Is `w` a preposition (ب, ل) glued to a type word or to the article?
fn opens_new_phrase(w: &str, rules: &rasid_kb::RecognitionRules) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some('ب' | 'ل') => {
            let rest: String = cs.collect();
            rest.starts_with("ال")
                || rest.starts_with('ل')
                || rules
                    .place_triggers
                    .find(&rest)
                    .iter()
                    .any(|m| m.start == 0)
        }
        _ => false,
    }
}

/// «الحميضة وشعب جلاجل وعنة» → three spans.
fn split_conjoined(ntext: &[char], span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut s = span.start;
    let mut i = span.start;
    while i < span.end {
        if ntext[i] == ' ' && i + 2 < span.end && ntext[i + 1] == 'و' && is_letter(ntext[i + 2]) {
            out.push(Span { start: s, end: i });
            s = i + 2;
            i += 2;
            continue;
        }
        if matches!(ntext[i], '،' | ',') {
            out.push(Span { start: s, end: i });
            s = i + 1;
            while s < span.end && ntext[s] == ' ' {
                s += 1;
            }
            i = s;
            continue;
        }
        i += 1;
    }
    out.push(Span {
        start: s,
        end: span.end,
    });
    out.into_iter().filter(|x| x.end > x.start).collect()
}
