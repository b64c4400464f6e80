//! «بين X وY»: where the sides a «بين» names begin and end. One reading for the sides of a
//! clash (events) and for the lists and enemies of a sentence (relations).

use rasid_kb::{EventLexicon, PhraseMatch};

use super::sentence::SentenceView;

/// The «بين» markers and the side ends («من جهة») of a sentence, found once when its view
/// is made (`SentenceView::between_marks`).
#[derive(Debug, Clone, Default)]
pub struct BetweenMarks {
    pub between: Vec<PhraseMatch>,
    pub side_ends: Vec<PhraseMatch>,
}

impl BetweenMarks {
    pub(crate) fn of(ntext: &str, lex: &EventLexicon) -> Self {
        BetweenMarks {
            between: lex.between_markers.find(ntext),
            side_ends: lex.side_markers.find(ntext),
        }
    }
}

/// How far after «بين» (or a side's start) its first actor may stand («بين عدد من
/// المقاتلين التابعين لعدد من الفصائل»).
const SIDE_REACH_WORDS: usize = 8;

/// Words between a side's last actor and the next actor that still open the next side:
/// «بين القوات الأمنية التركية، وعناصر منظمة "بي كيه كيه"» (a comma, «و», a head word and
/// the kind of group).
const SECOND_SIDE_WORDS: usize = 2;

/// Does the gap `[from, to)` after a side's last actor open the next side? «و» (after a
/// comma or not) and at most [`SECOND_SIDE_WORDS`] words («ومقاتلين من داعش», «وبقايا قوات
/// الانقلابيين»).
pub(crate) fn opens_next_side(s: &SentenceView, from: usize, to: usize) -> bool {
    let gap = s.normalized_span(from, to);
    gap.trim_start_matches([' ', '،', ',']).starts_with('و')
        && s.words_between(from, to) <= SECOND_SIDE_WORDS
}

/// After a comma, «و» opens a side only glued to the next actor or to a head word of
/// `list_heads` («، وعناصر منظمة …»): a clause goes on with a verb that starts with «و» as
/// often («، وصل للتنظيم …»).
fn comma_opens_next_side(s: &SentenceView, from: usize, to: usize, lex: &EventLexicon) -> bool {
    let gap = s.normalized_span(from, to);
    let Some(rest) = gap
        .trim_start_matches([' ', '»', '"', '”'])
        .strip_prefix(['،', ','])
        .and_then(|g| g.trim_start().strip_prefix('و'))
    else {
        return false;
    };
    let head = rest.split_whitespace().next().unwrap_or("");
    (rest.trim().is_empty() || lex.list_heads.contains(head))
        && s.words_between(from, to) <= SECOND_SIDE_WORDS
}

/// The two sides «بين» marker `m` opens, as char ranges of the sentence; the first closer
/// after `m` ends the first side:
/// * «بين X … من جهة، وY … من جهة أخرى»: a side marker;
/// * «بين X وY وبين Z»: a second «بين» glued to «و»;
/// * «بين المقاومة الشعبية وقوات الجيش، وميليشيات الحوثي»: two actors joined by «و» alone,
///   then a comma and «و» before the next actor.
///
/// A second side that no side marker closes is the list that opens it («… من جهة،
/// والحوثيين وقوات صالح في تعز …»: not the actors named after the list). `None` where the
/// sentence does not say where the first side ends («بين X وY»: each name is a side).
pub(crate) fn sides(
    s: &SentenceView,
    m: &PhraseMatch,
    lex: &EventLexicon,
) -> Option<[(usize, usize); 2]> {
    let marks = &s.between_marks;
    let side_end = marks
        .side_ends
        .iter()
        .find(|x| x.start >= m.end)
        .filter(|x| closes_a_side(s, m, x))
        .map(|e| (e.start, e.end));
    let and_between = marks
        .between
        .iter()
        .find(|x| x.start > m.end && s.after_and(x.start))
        // «بين X وبين Y»: X is one name and what describes it; a «وبين» far on is another
        // pair's («… بين إيران والسعودية لسببين … التي تقف بينها وبين تحقيق أطماعها»)
        .filter(|x| s.words_between(m.end, x.start) <= SIDE_REACH_WORDS)
        .map(|b| (b.start - 1, b.end));
    let (one_end, two_start) = [side_end, and_between, pair_then_comma(s, m, lex)]
        .into_iter()
        .flatten()
        .min_by_key(|(end, _)| *end)?;
    let two_end = match marks.side_ends.iter().find(|x| x.start >= two_start) {
        Some(x) => x.start,
        // a side naming no actor is still a side: the first is one list
        None => list_end_after(s, two_start, lex).unwrap_or(two_start),
    };
    Some([(m.end, one_end), (two_start, two_end)])
}

/// Does side marker `x` close a side of «بين» `m`? Only after an actor named since `m`, with
/// its description and no comma between but one right before the marker («بين الحوثيين
/// وحلفائهم الموالين للرئيس السابق علي عبدالله صالح من جهة», «… والمقاومة الشعبية، من
/// جهة»): a «من ناحية» clauses on tells where something else lies («… قوات النظام، بمدافع
/// جهنم … من ناحية مزارع بروما»).
fn closes_a_side(s: &SentenceView, m: &PhraseMatch, x: &PhraseMatch) -> bool {
    s.entities
        .iter()
        .rfind(|e| e.start >= m.end && e.end <= x.start)
        .is_some_and(|e| {
            let gap = s.normalized_span(e.end, x.start);
            let inner = gap.trim_end().trim_end_matches(['،', ',']);
            s.words_between(e.end, x.start) <= SIDE_REACH_WORDS && !inner.contains(['،', ','])
        })
}

/// «بين X وY، وZ»: the first two actors after `m` joined by «و» alone, then a comma and
/// «و» before the next actor: the first side ends after Y. (Y's end, Y's end.)
fn pair_then_comma(
    s: &SentenceView,
    m: &PhraseMatch,
    lex: &EventLexicon,
) -> Option<(usize, usize)> {
    let mut after = s.entities.iter().filter(|e| e.start >= m.end);
    let x = after
        .next()
        .filter(|e| s.words_between(m.end, e.start) <= SIDE_REACH_WORDS)?;
    let y = after.find(|e| e.start >= x.end)?;
    if !s.joined_by_and(x.end, y.start) {
        return None;
    }
    let z = s.entities.iter().find(|e| e.start >= y.end)?;
    comma_opens_next_side(s, y.end, z.start, lex).then_some((y.end, y.end))
}

/// Where the list of actors opening after char `from` ends: its first actor within
/// [`SIDE_REACH_WORDS`] words, then each actor listed with the one before it.
fn list_end_after(s: &SentenceView, from: usize, lex: &EventLexicon) -> Option<usize> {
    // the sentence's entities are in text order
    let mut after = s.entities.iter().filter(|e| e.start >= from);
    let first = after
        .next()
        .filter(|e| s.words_between(from, e.start) <= SIDE_REACH_WORDS)?;
    let mut end = first.end;
    for e in after {
        if e.start < end {
            continue;
        }
        if !s.listed(&lex.list_heads, end, e.start) {
            break;
        }
        end = e.end;
    }
    Some(end)
}
