//! Persons of `kb/people.toml`: their names in a block, and whether a group the text gives
//! one of them fits what the list knows.

use rasid_kb::{Kb, PeopleDictionary, Person};
use rasid_text::Span;

use super::block::{definite_nisba, Block};
use super::FoundName;

/// Names of `kb/people.toml` in one block. A known name found alone is a person; one that
/// overlaps a name found by pattern makes that name the known person («الملا» + «عمر» is
/// «الملا عمر»), taking the known name's extent unless the pattern's name contains it —
/// except a one-word known name («البغدادي») inside a longer pattern name («محمود
/// البغدادي»), a known name after another given name («مبارك أحمد عسيري» holds «أحمد
/// عسيري») or before a family name none of its own names holds («علي صالح اليزيدي»),
/// which is someone else. Names inside an actor's name are no persons.
pub(super) fn known_people(block: &Block, people: &PeopleDictionary, found: &mut Vec<FoundName>) {
    let norm = &block.normalized;
    for m in people.names.find(norm.text()) {
        // «الكاميرون» is no «كاميرون»: a person's name never takes the article
        let before: Vec<char> = norm.text()[..norm
            .text()
            .char_indices()
            .nth(m.start)
            .map_or(0, |(b, _)| b)]
            .chars()
            .rev()
            .take(3)
            .collect();
        let alias_definite = norm.text().chars().skip(m.start).take(2).eq("ال".chars());
        let articled = before.len() >= 2
            && before[0] == 'ل'
            && before[1] == 'ا'
            && before.get(2).is_none_or(|c| {
                !rasid_text::script::is_letter(*c) || matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
            });
        if articled && !alias_definite {
            continue;
        }
        let o = block.to_document(Span {
            start: m.start,
            end: m.end,
        });
        let start = block
            .toks
            .iter()
            .position(|t| t.span.start <= o.start && o.start < t.span.end);
        let end = block
            .toks
            .iter()
            .position(|t| t.span.start < o.end && o.end <= t.span.end);
        let (Some(start), Some(end)) = (start, end.map(|e| e + 1)) else {
            continue;
        };
        if (start..end).any(|i| block.actor_at(i).is_some()) {
            continue;
        }
        let one_word = (start..end).filter(|&i| block.is_word(i)).count() == 1;
        let mut claimed = false;
        let mut inside_other = false;
        for f in found.iter_mut() {
            if f.end <= start || end <= f.start {
                continue;
            }
            let contains = f.start <= start && end <= f.end;
            // «مبارك أحمد عسيري» is not «أحمد عسيري»: a given name before the known name
            // makes another person's name
            let other_first_name =
                (f.start..start).any(|i| block.pp.given_names.contains(block.norm(i)));
            let other_family = other_family_name(block, people.get(m.payload), end, f.end);
            let longer = f.end - f.start > end - start;
            if contains && longer && (one_word || other_first_name || other_family) {
                inside_other = true;
                continue;
            }
            f.known = Some(m.payload);
            if !contains {
                f.start = start;
                f.end = end;
                f.exact = Some(o);
            }
            claimed = true;
        }
        if !claimed && !inside_other {
            found.push(FoundName {
                known: Some(m.payload),
                exact: Some(o),
                ..FoundName::new(start, end, "person:kb")
            });
        }
    }
}

/// **«العقيد علي صالح اليزيدي» is not «علي صالح»**: a family name (a definite nisba) right
/// after the known name, inside the name found (`end..found_end`), that none of the known
/// person's own names holds makes another person's name.
fn other_family_name(block: &Block, person: Option<&Person>, end: usize, found_end: usize) -> bool {
    let Some(next) = (end..found_end).find(|&i| block.is_word(i)) else {
        return false;
    };
    let w = block.norm(next);
    let own = |name: &str| {
        rasid_text::normalize(name)
            .split_whitespace()
            .any(|x| x == w)
    };
    definite_nisba(w)
        && person.is_some_and(|p| !own(&p.name_ar) && !p.aliases.iter().any(|a| own(a)))
}

/// Is `actor` one of the known person's groups, or a parent or branch of one?
pub(crate) fn related_to_known(person: &Person, actor: &str, kb: &Kb) -> bool {
    let parent = |id: &str| kb.actors.actor(id).and_then(|a| a.parent.clone());
    let groups: Vec<&String> = person.leads.iter().chain(&person.member_of).collect();
    groups.is_empty()
        || groups.iter().any(|g| {
            g.as_str() == actor
                || parent(g).as_deref() == Some(actor)
                || parent(actor).as_deref() == Some(g.as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persons::cues::Cues;
    use crate::persons::rules::name_after_title;
    use crate::persons::testing::{kb, Text};

    /// (text, rule, known) of the names after titles and of known people in `text`.
    fn names(text: &str) -> Vec<(String, &'static str, bool)> {
        let t = Text::new(text, &[]);
        let b = t.block();
        let cues = Cues::find(&b);
        let mut found: Vec<FoundName> = cues
            .phrases
            .iter()
            .filter(|c| c.kind == rasid_kb::PersonTrigger::Title)
            .filter_map(|c| name_after_title(&b, c))
            .collect();
        known_people(&b, &kb().people, &mut found);
        found
            .iter()
            .map(|f| {
                let text = match f.exact {
                    Some(s) => t.doc[s.start..s.end].iter().collect(),
                    None => t.words(&b, f.start, f.end),
                };
                (text, f.rule, f.known.is_some())
            })
            .collect()
    }

    #[test]
    fn a_known_name_alone_is_a_person_but_never_with_the_article() {
        assert_eq!(
            names("زار كاميرون الكاميرون الأسبوع الماضي."),
            [("كاميرون".to_string(), "person:kb", true)]
        );
    }

    #[test]
    fn a_known_name_over_a_pattern_name_makes_it_the_known_person() {
        assert_eq!(
            names("وقال الملا أختر منصور إن الحركة لن تفاوض."),
            [("الملا أختر منصور".to_string(), "person:title", true)]
        );
    }

    #[test]
    fn a_one_word_known_name_inside_a_longer_name_is_someone_else() {
        assert_eq!(
            names("وقال العميد محمود البغدادي إن القوات تقدمت."),
            [("محمود البغدادي".to_string(), "person:title", false)]
        );
    }

    #[test]
    fn a_group_the_list_relates_to_a_known_person_is_kept() {
        let kb = kb();
        let mansour = kb.people.by_id("akhtar_mansour").expect("in people.toml");
        assert!(related_to_known(mansour, "taliban", kb));
        assert!(related_to_known(mansour, "haqqani_network", kb));
        assert!(!related_to_known(mansour, "islamic_state", kb));
    }
}
