//! Shared fixture for the extraction tests: a small actor dictionary overlaid on the
//! built-in kb, and a helper that runs the pipeline on one text.

#![allow(dead_code)]

use rasid_ingest::{Document, DocumentMeta, Pipeline, ProcessedDocument};
use rasid_kb::Kb;
use rasid_model::{Actor, ArticleRecord};

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
aliases = ["قاعدة المغرب", "الجماعة السلفية للدعوة والقتال"]
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
pub fn kb() -> &'static Kb {
    static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
    KB.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("rasid-extract-fixture-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("actors.toml"), FIXTURE).expect("write fixture");
        Kb::from_dir(&dir).expect("fixture kb loads")
    })
}

/// The first article of `text`, segmented and annotated with the fixture kb.
pub fn first_article(text: &str) -> ArticleRecord {
    first_article_with(kb(), text)
}

/// The repository's kb (`kb/`), built once.
pub fn builtin_kb() -> &'static Kb {
    static KB: std::sync::OnceLock<Kb> = std::sync::OnceLock::new();
    KB.get_or_init(|| Kb::builtin().expect("the repository kb loads"))
}

/// `text` as one document, segmented and annotated with `kb`.
pub fn processed_with(kb: &Kb, text: &str) -> ProcessedDocument {
    let doc = Document {
        source: "t".into(),
        origin: "t".into(),
        text: text.into(),
        meta: DocumentMeta::default(),
    };
    let mut p = Pipeline::new(kb).process(&doc);
    rasid_extract::Extractor::new(kb).annotate(&doc.text, &mut p);
    p
}

/// The first article of `text`, segmented and annotated with `kb`.
pub fn first_article_with(kb: &Kb, text: &str) -> ArticleRecord {
    processed_with(kb, text).record.articles.remove(0)
}

/// (actor id, mention texts, mention rules) of the first article of `text`.
pub fn actors(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
    let chars: Vec<char> = text.chars().collect();
    first_article(text)
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

/// The recognised actors (persons included) of the first article of `text`.
pub fn article_actors(text: &str) -> Vec<Actor> {
    first_article(text).actors
}
