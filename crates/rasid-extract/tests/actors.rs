//! Actor recognition on sentences of our own, with a small fixture dictionary, so the
//! resolution mechanism is tested apart from the contents of `kb/actors.toml`.

use rasid_ingest::{Document, DocumentMeta, Pipeline};
use rasid_kb::Kb;

const FIXTURE: &str = r#"
version = 1
[[actor]]
id = "al_qaeda"
kind = "armed_group"
name_ar = "تنظيم القاعدة"
name_en = "al-Qaeda"
generic = ["القاعدة"]
[[actor]]
id = "aqap"
kind = "armed_group"
name_ar = "تنظيم القاعدة في جزيرة العرب"
name_en = "AQAP"
aliases = ["قاعدة اليمن"]
generic = ["القاعدة", "تنظيم القاعدة"]
parent = "al_qaeda"
countries = ["YE"]
[[actor]]
id = "aqim"
kind = "armed_group"
name_ar = "تنظيم القاعدة في بلاد المغرب الإسلامي"
name_en = "AQIM"
aliases = ["قاعدة المغرب"]
generic = ["القاعدة", "تنظيم القاعدة"]
parent = "al_qaeda"
countries = ["DZ", "ML"]
[[actor]]
id = "houthis"
kind = "armed_group"
name_ar = "جماعة الحوثي"
name_en = "Houthis"
aliases = ["الحوثيين", "مليشيا الحوثي"]
countries = ["YE"]
[[actor]]
id = "yemen"
kind = "state"
name_ar = "اليمن"
name_en = "Yemen"
countries = ["YE"]
[[actor]]
id = "algeria"
kind = "state"
name_ar = "الجزائر"
name_en = "Algeria"
countries = ["DZ"]
[[actor]]
id = "iran"
kind = "state"
name_ar = "إيران"
name_en = "Iran"
aliases = ["طهران"]
countries = ["IR"]
"#;

/// The fixture kb, built once (tests run in parallel).
fn kb() -> &'static Kb {
    static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
    KB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("rasid-extract-fixture-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("actors.toml"), FIXTURE).expect("write fixture");
        Kb::from_dir(&dir).expect("fixture kb loads")
    })
}

/// (actor id, mention texts, mention rules) of the first article of `text`.
fn actors(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
    let kb = kb();
    let doc = Document {
        source: "t".into(),
        origin: "t".into(),
        text: text.into(),
        meta: DocumentMeta::default(),
    };
    let mut p = Pipeline::new(kb).process(&doc);
    rasid_extract::annotate(&doc.text, &mut p, kb);
    let chars: Vec<char> = text.chars().collect();
    p.record.articles[0]
        .actors
        .iter()
        .map(|a| {
            for m in &a.mentions {
                let got: String = chars[m.start..m.end].iter().collect();
                assert_eq!(got, m.text, "mention span points into the document");
            }
            (
                a.id.clone(),
                a.mentions.iter().map(|m| m.text.clone()).collect(),
                a.mentions.iter().map(|m| m.rule.clone()).collect(),
            )
        })
        .collect()
}

fn ids(found: &[(String, Vec<String>, Vec<String>)]) -> Vec<&str> {
    found.iter().map(|a| a.0.as_str()).collect()
}

#[test]
fn a_shared_name_resolves_by_the_articles_country() {
    let yemen = actors("اشتباكات في البيضاء\n\nهاجمت مليشيا الحوثي مواقع لعناصر القاعدة في محافظة البيضاء وسط اليمن، وقالت مصادر إن القاعدة ردت بهجوم مضاد.");
    assert_eq!(ids(&yemen), ["houthis", "aqap"], "{yemen:?}");
    assert_eq!(yemen[1].1.len(), 2);
    let algeria = actors("عملية أمنية في بجاية\n\nقضت قوات الجيش على ثلاثة إرهابيين من القاعدة في ولاية بجاية شرق الجزائر، حسب بيان لوزارة الدفاع في الجزائر.");
    assert_eq!(ids(&algeria), ["aqim"], "{algeria:?}");
    assert_eq!(algeria[0].2, ["actor:shared_name+article_country"]);
}

#[test]
fn a_qualifier_after_the_name_wins_over_the_article_country() {
    let found = actors(
        "تقرير\n\nتحدث التقرير عن الجزائر طويلا، ثم ذكر أن تنظيم القاعدة باليمن خسر عددا من قادته.",
    );
    let aq = found
        .iter()
        .find(|a| a.1.iter().any(|m| m.contains("القاعدة")))
        .expect("al-Qaeda found");
    assert_eq!(aq.0, "aqap", "{found:?}");
    assert_eq!(aq.2, ["actor:shared_name+qualifier"]);
}

#[test]
fn without_context_a_shared_name_is_the_parent() {
    let found = actors("بيان\n\nأصدرت القاعدة بيانا جديدا حول الأوضاع.");
    assert_eq!(ids(&found), ["al_qaeda"]);
}

#[test]
fn the_organisation_anaphor_follows_the_last_named_group() {
    let found = actors(
        "خبر\n\nأفرجت مليشيا الحوثي عن عناصر من قاعدة اليمن، وقال التنظيم في بيان إنه سيرد.",
    );
    let aqap = found.iter().find(|a| a.0 == "aqap").expect("aqap");
    assert!(aqap.2.iter().any(|r| r == "actor:anaphora"), "{found:?}");
    assert!(aqap.1.iter().any(|m| m == "التنظيم"));
}

#[test]
fn a_state_named_only_as_a_place_is_not_an_actor() {
    let found = actors("خبر\n\nوقعت اشتباكات في اليمن، وانتقل القتال إلى مدن أخرى باليمن.");
    assert!(!ids(&found).contains(&"yemen"), "{found:?}");
    let found = actors("خبر\n\nاتهمت الحكومة إيران بتهريب الأسلحة، وقالت إن طهران تدعم الحوثيين.");
    assert!(ids(&found).contains(&"iran"), "{found:?}");
}
