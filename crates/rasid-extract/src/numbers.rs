//! Numbers: digits (Arabic-Indic folded by normalisation), number words and their compounds
//! («خمسة وعشرين» = 25, «ثلاثة عشر» = 13, «ثلاثة آلاف» = 3000, «15 ألف» = 15000), vague quantities under ACLED's
//! conservative rule («عشرات» = 10, «مئات» = 100), with a qualifier in front
//! («أكثر من 400», «ما يزيد عن 10») reported beside the value.

use std::collections::HashMap;

use rasid_kb::{Kb, NumberWord};
use rasid_model::NumberRecord;
use rasid_text::{CharIndex, Normalized, Span};

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// One piece of a number: a span in the normalised text and its value.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    word: NumberWord,
}

/// Are two pieces joined («خمسة وعشرين», «ثلاثة آلاف»)? Only a space, or a space and «و».
fn joined(ntext: &[char], a_end: usize, b_start: usize) -> bool {
    let gap: String = ntext[a_end..b_start].iter().collect();
    gap == " " || gap == " و"
}

/// Fold a run of joined pieces into a value; `vague` if a vague word set it.
fn fold(pieces: &[Piece]) -> (u64, bool) {
    let mut total: u64 = 0;
    let mut vague = false;
    for p in pieces {
        match p.word {
            NumberWord::Unit(u) => total = total.saturating_add(u),
            NumberWord::Ten(t) => total = total.saturating_add(t),
            NumberWord::Hundred(h) if h >= 1000 => {
                total = if total == 0 {
                    h
                } else {
                    total.saturating_mul(h)
                };
            }
            NumberWord::Hundred(h) => {
                total = if (1..10).contains(&total) {
                    total * h
                } else {
                    total.saturating_add(h)
                };
            }
            NumberWord::Vague(v) => {
                if total == 0 {
                    vague = true;
                    total = v;
                } else {
                    total = total.saturating_mul(v);
                }
            }
        }
    }
    (total, vague)
}

/// Is the digit at `i` glued to a one-letter proclitic that opens its word («و18 جريحا»,
/// «ب300 مقاتل», «ل5 سنوات»)? Then it starts a number like a digit after a space.
fn after_proclitic(ntext: &[char], i: usize) -> bool {
    i >= 1 && PROCLITICS.contains(&ntext[i - 1]) && (i == 1 || !ntext[i - 2].is_alphanumeric())
}

/// Letters glued to a word's front that a number may follow.
const PROCLITICS: [char; 4] = ['و', 'ف', 'ب', 'ل'];

/// **«15 ألف قتيل», «3 آلاف نازح»: digits before a word of thousands count thousands.** A
/// digit number (in `digits`, as found) followed by one space and «ألف» or «آلاف» takes the
/// word into its span and is multiplied by a thousand; the word is no number of its own.
/// Returns the word pieces left.
fn with_thousands_after_digits(
    digits: &mut [(Span, u64, bool, &'static str)],
    pieces: Vec<Piece>,
    ntext: &[char],
) -> Vec<Piece> {
    let thousand = |w: NumberWord| {
        matches!(
            w,
            NumberWord::Hundred(THOUSAND) | NumberWord::Vague(THOUSAND)
        )
    };
    let at: HashMap<usize, usize> = pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| thousand(p.word))
        .map(|(i, p)| (p.start, i))
        .collect();
    let mut taken = vec![false; pieces.len()];
    for d in digits.iter_mut() {
        let end = d.0.end;
        if ntext.get(end) != Some(&' ') {
            continue;
        }
        if let Some(&k) = at.get(&(end + 1)) {
            d.0.end = pieces[k].end;
            d.1 = d.1.saturating_mul(THOUSAND);
            d.3 = "number:digits+thousand";
            taken[k] = true;
        }
    }
    pieces
        .into_iter()
        .zip(taken)
        .filter_map(|(p, t)| (!t).then_some(p))
        .collect()
}

const THOUSAND: u64 = 1000;

/// All numbers in `text` (char spans relative to `text`).
pub fn find_numbers(text: &str, kb: &Kb) -> Vec<NumberRecord> {
    let norm = Normalized::new(text);
    let ntext: Vec<char> = norm.text().chars().collect();
    let words = &kb.numbers;
    let mut out: Vec<(Span, u64, bool, &'static str)> = Vec::new();

    // digits: 1,000 or 1.000 thousands groups; decimals kept as their integer part
    let mut i = 0;
    while i < ntext.len() {
        if is_digit(ntext[i])
            && (i == 0 || !(ntext[i - 1].is_alphanumeric()) || after_proclitic(&ntext, i))
        {
            let s = i;
            let mut digits = String::new();
            // «1,000»: a comma followed by exactly three digits groups thousands
            let group = |j: usize| {
                ntext.get(j) == Some(&',')
                    && (1..=3).all(|k| ntext.get(j + k).is_some_and(|c| is_digit(*c)))
                    && ntext.get(j + 4).is_none_or(|c| !is_digit(*c))
            };
            while i < ntext.len() {
                if is_digit(ntext[i]) {
                    digits.push(ntext[i]);
                    i += 1;
                } else if group(i) {
                    i += 1;
                } else if ntext[i] == '.' && ntext.get(i + 1).is_some_and(|c| is_digit(*c)) {
                    // a decimal: keep the integer part, cover the fraction
                    i += 1;
                    while i < ntext.len() && is_digit(ntext[i]) {
                        i += 1;
                    }
                    break;
                } else {
                    break;
                }
            }
            if let Ok(v) = digits.parse::<u64>() {
                out.push((Span { start: s, end: i }, v, false, "number:digits"));
            }
        } else {
            i += 1;
        }
    }

    // words, joined into compounds
    let mut pieces: Vec<Piece> = words
        .matcher
        .find(norm.text())
        .into_iter()
        // «بالمئة», «الثلاثة»: with the article a number word is a noun (percent, "the three")
        .filter(|m| !(m.start >= 2 && ntext[m.start - 2] == 'ا' && ntext[m.start - 1] == 'ل'))
        .filter_map(|m| {
            words.words.get(m.payload).map(|w| Piece {
                start: m.start,
                end: m.end,
                word: *w,
            })
        })
        .collect();
    pieces.sort_by_key(|p| p.start);
    let pieces = with_thousands_after_digits(&mut out, pieces, &ntext);
    let mut k = 0;
    while k < pieces.len() {
        let mut e = k + 1;
        while e < pieces.len() && joined(&ntext, pieces[e - 1].end, pieces[e].start) {
            e += 1;
        }
        let (v, vague) = fold(&pieces[k..e]);
        let rule = if vague {
            "number:vague"
        } else {
            "number:words"
        };
        out.push((
            Span {
                start: pieces[k].start,
                end: pieces[e - 1].end,
            },
            v,
            vague,
            rule,
        ));
        k = e;
    }
    out.sort_by_key(|x| x.0.start);

    // qualifiers ending right before a number, separated from it by spaces only: the first
    // (in the matcher's order) of those ending where the spaces before the number begin.
    // Looked up by end position, so a line of thousands of numbers stays linear.
    let quals = words.qualifiers.find(norm.text());
    let mut qual_at_end: HashMap<usize, usize> = HashMap::new();
    for (i, q) in quals.iter().enumerate() {
        qual_at_end.entry(q.end).or_insert(i);
    }
    let orig_index = CharIndex::new(text);
    out.into_iter()
        .map(|(span, value, vague, rule)| {
            let start = span.start.min(ntext.len());
            let spaces = ntext[..start]
                .iter()
                .rev()
                .take_while(|c| **c == ' ')
                .count();
            let qualifier = (start - spaces..start)
                .filter_map(|end| qual_at_end.get(&end).copied())
                .min()
                .and_then(|i| words.qualifier_names.get(quals[i].payload).cloned());
            let orig = norm.to_original(span);
            NumberRecord {
                text: orig_index.slice(text, orig).to_string(),
                start: orig.start,
                end: orig.end,
                value,
                vague,
                qualifier,
                rule: rule.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(String, u64, Option<String>, bool)> {
        let kb = rasid_kb::Kb::builtin().expect("kb");
        find_numbers(text, &kb)
            .into_iter()
            .map(|n| {
                let surface: String = text.chars().skip(n.start).take(n.end - n.start).collect();
                assert_eq!(surface, n.text);
                (n.text, n.value, n.qualifier, n.vague)
            })
            .collect()
    }

    #[test]
    fn digits_arabic_indic_and_thousands() {
        let n = numbers("قتل ٣٥ مسلحا وأصيب 1,200 شخص بنسبة 3.5 بالمئة");
        let v: Vec<u64> = n.iter().map(|x| x.1).collect();
        assert_eq!(v, [35, 1200, 3]);
        assert_eq!(n[0].0, "٣٥");
    }

    #[test]
    fn digits_glued_to_a_proclitic_are_numbers() {
        let n = numbers("ارتفعت الحصيلة إلى 11 قتيلا و18 جريحا بعد هجوم ب300 مقاتل");
        let v: Vec<u64> = n.iter().map(|x| x.1).collect();
        assert_eq!(v, [11, 18, 300]);
        assert_eq!(n[1].0, "18");
    }

    #[test]
    fn number_words_and_compounds() {
        let n = numbers(
            "أفرج عن أربعة عناصر وخمسة وعشرين أسيرا وثلاثة عشر جريحا وثلاثة آلاف نازح و اثني عشر طفلا",
        );
        let v: Vec<u64> = n.iter().map(|x| x.1).collect();
        assert_eq!(v, [4, 25, 13, 3000, 12]);
    }

    #[test]
    fn digits_before_a_word_of_thousands_count_thousands() {
        let n = numbers("أوقعت الهجمات أكثر من 15 ألف قتيل وشردت 3 آلاف أسرة و200 شخص");
        let v: Vec<(&str, u64)> = n.iter().map(|x| (x.0.as_str(), x.1)).collect();
        assert_eq!(v, [("15 ألف", 15_000), ("3 آلاف", 3_000), ("200", 200)]);
        assert_eq!(n[0].2.as_deref(), Some("more_than"));
        assert!(!n[1].3, "a counted thousand is no vague quantity");
    }

    #[test]
    fn vague_quantities_follow_acled() {
        let n = numbers("سقط عشرات القتلى ومئات الجرحى");
        assert_eq!(
            n.iter().map(|x| (x.1, x.3)).collect::<Vec<_>>(),
            [(10, true), (100, true)]
        );
    }

    #[test]
    fn a_line_of_many_numbers_is_read_in_linear_time() {
        // A 1.4 MB line of «قتل 12 و» took a minute: each number was sliced from the start of
        // the text and compared with every qualifier.
        let text = format!("{}أكثر من 400", "قتل 12 و".repeat(40_000));
        let kb = rasid_kb::Kb::builtin().expect("kb");
        let started = std::time::Instant::now();
        let n = find_numbers(&text, &kb);
        let took = started.elapsed();
        assert_eq!(n.len(), 40_001);
        assert!(n[..40_000].iter().all(|x| x.value == 12 && x.text == "12"));
        assert_eq!(n[40_000].qualifier.as_deref(), Some("more_than"));
        assert!(took.as_secs() < 5, "{took:?}");
    }

    #[test]
    fn qualifiers_are_reported_beside_the_value() {
        let n = numbers("أسفر عن مقتل وإصابة ما يزيد عن 10 من العناصر، وأفرجت عن أكثر من 400 عنصر، ونحو خمسين آخرين");
        let q: Vec<(u64, Option<&str>)> = n.iter().map(|x| (x.1, x.2.as_deref())).collect();
        assert_eq!(
            q,
            [
                (10, Some("more_than")),
                (400, Some("more_than")),
                (50, Some("about"))
            ]
        );
    }
}
