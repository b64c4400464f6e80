//! Places introduced by type words, on sentences of our own (independent of the gazetteer).

mod common;

use common::first_article;

fn places(text: &str) -> Vec<(String, Vec<String>)> {
    let chars: Vec<char> = text.chars().collect();
    first_article(text)
        .places
        .iter()
        .map(|pl| {
            for m in &pl.mentions {
                assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
            }
            (
                pl.name_ar.clone(),
                pl.mentions.iter().map(|m| m.rule.clone()).collect(),
            )
        })
        .collect()
}

fn names(found: &[(String, Vec<String>)]) -> Vec<&str> {
    found.iter().map(|p| p.0.as_str()).collect()
}

#[test]
fn a_type_word_introduces_a_one_word_name() {
    let p = places("خبر\n\nاندلعت اشتباكات في بلدة الحصن بمديرية رداع، وامتدت إلى قرية المشرق.");
    let n = names(&p);
    for want in ["الحصن", "رداع", "المشرق"] {
        assert!(n.contains(&want), "{want} missing from {n:?}");
    }
}

#[test]
fn compound_heads_and_trailing_words_extend_the_name() {
    let p = places("خبر\n\nهاجم مسلحون موقعا في منطقة بني حشيش الأعلى قرب جبل نقم.");
    let n = names(&p);
    assert!(n.contains(&"بني حشيش الأعلى"), "{n:?}");
    assert!(n.contains(&"جبل نقم"), "{n:?}");
}

#[test]
fn a_quoted_list_after_a_type_word_gives_each_place() {
    let p = places("خبر\n\nسيطر المسلحون على مناطق \"الحزم والعبر وشعب الجن\" شمالا.");
    let n = names(&p);
    for want in ["الحزم", "العبر", "شعب الجن"] {
        assert!(n.contains(&want), "{want} missing from {n:?}");
    }
}

#[test]
fn anaphoric_and_descriptive_uses_are_not_places() {
    let p = places("خبر\n\nوسيطرت القوات على المنطقة بالكامل، فيما بقيت منطقة جبلية خارج السيطرة، وقال القضاء كلمته.");
    assert!(p.is_empty(), "{p:?}");
}
