//! The table of event and relation types in docs/how-it-works.md shows one example each; these are those
//! examples (invented news, written for this repository), so the table stays true.

mod common;

use common::{builtin_kb, first_article_with};
use rasid_model::ArticleRecord;

fn article(text: &str) -> ArticleRecord {
    first_article_with(builtin_kb(), text)
}

/// (event type, actor that must take part, text)
const EVENTS: &[(&str, &str, &str)] = &[
    ("MEET", "pij", "تهدئة في غزة\n\nعقد وفد من حركة حماس اجتماعا مع ممثلين عن حركة الجهاد الإسلامي في غزة لبحث التهدئة بعد الغارات الإسرائيلية التي استهدفت مواقع للحركتين."),
    ("AGREE", "houthis", "هدنة في تعز\n\nتوصلت جماعة الحوثي والمقاومة الشعبية إلى هدنة في تعز بعد أسابيع من المعارك والقصف المتبادل."),
    ("RELEASE", "aqap", "صفقة\n\nأفرجت جماعة الحوثي عن 20 من عناصر تنظيم القاعدة كانوا محتجزين في سجن بصنعاء."),
    ("ATTACK", "al_shabaab", "هجوم\n\nشن مسلحون من حركة الشباب هجوما على قاعدة لقوات الاتحاد الأفريقي في مقديشو، ما أسفر عن مقتل 7 جنود."),
    ("ARREST", "islamic_state", "اعتقالات\n\nألقت قوات الأمن العراقية القبض على 3 عناصر من تنظيم داعش في الموصل."),
    ("SEIZE", "nusra_front", "عرسال\n\nضبط الجيش اللبناني أسلحة وذخائر في بلدة عرسال كانت بحوزة عناصر من جبهة النصرة."),
    ("DEFECT", "taliban", "انشقاق\n\nانشق عشرات المقاتلين عن حركة طالبان وانضموا إلى تنظيم داعش في ولاية ننكرهار."),
    ("PLEDGE", "boko_haram", "بيعة\n\nأعلنت جماعة بوكو حرام مبايعة تنظيم داعش في تسجيل صوتي بثته من نيجيريا."),
    ("SUPPORT", "houthis", "دعم\n\nكشفت مصادر أن الحرس الثوري الإيراني يقدم الدعم العسكري لجماعة الحوثي في صعدة عبر شحنات أسلحة مهربة تستخدمها الميليشيا في هجماتها الإرهابية على الحدود."),
    ("TAKEOVER", "sdf", "منبج\n\nسيطرت قوات سوريا الديمقراطية على مدينة منبج بعد معارك عنيفة أسفرت عن طرد تنظيم داعش منها."),
];

#[test]
fn each_event_type_example_gives_its_event() {
    for (kind, actor, text) in EVENTS {
        let a = article(text);
        assert!(
            a.events
                .iter()
                .any(|e| e.kind == *kind && e.actors.iter().any(|x| x == actor)),
            "{kind} with {actor} not found in {text}: {:#?}",
            a.events
        );
    }
}

/// (relation type, a, b, text)
const RELATIONS: &[(&str, &str, &str, &str)] = &[
    ("ALLY", "houthis", "aqap", "تعاون\n\nكشفت مصادر عن تعاون وثيق بين ميليشيا الحوثي وتنظيم القاعدة في اليمن خلال الهجمات الأخيرة."),
    ("HOSTILE", "al_shabaab", "african_union", EVENTS[3].2),
    ("MEDIATE", "qatar_red_crescent", "houthis", "أسرى\n\nأفرجت جماعة الحوثي عن عناصر من تنظيم القاعدة. وجرت مفاوضات بين الطرفين بوساطة الهلال الأحمر القطري لتبادل الأسرى."),
    ("DEFECT", "taliban", "iskp", EVENTS[6].2),
    ("AFFILIATE", "amaq", "islamic_state", "بيان\n\nبثت وكالة أعماق الذراع الإعلامي لتنظيم داعش بيانا عن هجوم إرهابي في سيناء."),
    ("LEADS", "khalid_batarfi", "aqap", "نعي\n\nنعى أمير تنظيم القاعدة في جزيرة العرب خالد باطرفي القيادي في التنظيم أبو عمر الحضرمي الذي قتل في غارة بمأرب."),
    ("MEMBER", "person:ابو_الحضرمي_عمر", "aqap", "نعي\n\nنعى أمير تنظيم القاعدة في جزيرة العرب خالد باطرفي القيادي في التنظيم أبو عمر الحضرمي الذي قتل في غارة بمأرب."),
];

#[test]
fn each_relation_type_example_gives_its_edge_with_evidence() {
    for (kind, x, y, text) in RELATIONS {
        let a = article(text);
        let found = a
            .relations
            .iter()
            .find(|r| r.kind == *kind && ((r.a == *x && r.b == *y) || (r.a == *y && r.b == *x)));
        let r = found
            .unwrap_or_else(|| panic!("{kind} {x}–{y} not found in {text}: {:#?}", a.relations));
        assert!(!r.evidence.is_empty());
    }
}

#[test]
fn a_defection_runs_from_the_group_left_to_the_group_joined() {
    let a = article(EVENTS[6].2);
    let d: Vec<_> = a.relations.iter().filter(|r| r.kind == "DEFECT").collect();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].a.as_str(), d[0].b.as_str()), ("taliban", "iskp"));
    // the event lists its parties the same way: the group left first
    let defect = a
        .events
        .iter()
        .find(|e| e.kind == "DEFECT")
        .expect("a defection");
    assert_eq!(defect.actors, ["taliban", "iskp"]);
    assert_eq!(defect.targets, ["iskp"]);
}
