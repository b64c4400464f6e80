//! Actor recognition on sentences of our own, with a small fixture dictionary, so the
//! resolution mechanism is tested apart from the contents of `kb/actors.toml`.

mod common;

use common::actors;

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
fn a_branch_named_by_a_name_of_its_own_leaves_the_shared_name_to_the_parent() {
    // the branch's own name shares no word with «القاعدة»: the writer tells them apart
    let found = actors("الجزائر\n\nأعلنت الجماعة السلفية للدعوة والقتال في الجزائر أنها تتبع تنظيم القاعدة، وقالت وزارة الدفاع في الجزائر إن القاعدة تخسر مواقعها.");
    let of = |name: &str| {
        found
            .iter()
            .find(|a| a.1.iter().any(|m| m.contains(name)))
            .map(|a| a.0.as_str())
    };
    assert_eq!(of("السلفية"), Some("aqim"), "{found:?}");
    assert_eq!(of("القاعدة"), Some("al_qaeda"), "{found:?}");
    // the branch's long name repeats the shared word: the short name is the same branch
    let found = actors("الجزائر\n\nأعلن تنظيم القاعدة في بلاد المغرب الإسلامي مسؤوليته عن الهجوم، وقالت وزارة الدفاع في الجزائر إن القاعدة تخسر مواقعها.");
    assert_eq!(ids(&found), ["aqim"], "{found:?}");
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

#[test]
fn a_state_that_backs_or_sides_with_a_party_acts_even_named_once() {
    // «المدعومة من إيران», «الموالية لإيران»: Iran acts there, and is no place
    for text in [
        "الرمادي\n\nوقال المسؤول إن ميليشيات الحشد الشعبي المدعومة من إيران لم تشارك في عملية استعادة جامعة الأنبار في الرمادي.",
        "الرمادي\n\nوقال المسؤول إن الفصائل الموالية لإيران لم تشارك في عملية استعادة جامعة الأنبار في الرمادي.",
    ] {
        let a = common::first_article_with(common::builtin_kb(), text);
        assert!(a.actors.iter().any(|x| x.id == "iran"), "{:#?}", a.actors);
        assert!(
            !a.places.iter().any(|p| p.name_ar == "إيران"),
            "{:#?}",
            a.places
        );
    }
    // named once where something happens, it is a place and no party
    let a = common::first_article_with(
        common::builtin_kb(),
        "طهران\n\nوقال المسؤول إن الانفجار وقع في مصنع للبتروكيماويات في إيران أمس.",
    );
    assert!(!a.actors.iter().any(|x| x.id == "iran"), "{:#?}", a.actors);
}

#[test]
fn after_li_the_mention_starts_at_the_article_the_preposition_shortens() {
    // «للحوثيين» is ل + الحوثيين with the article's alef elided: the mention is the word
    // without the preposition, «لحوثيين», exactly as the text writes it
    let text = "خبر\n\nوأكد الناطق أن الهجوم تم للحوثيين، وأن مليشيا الحوثي نفت ذلك.";
    let found = actors(text);
    let houthis = found.iter().find(|a| a.0 == "houthis").expect("houthis");
    assert_eq!(houthis.1, ["لحوثيين", "مليشيا الحوثي"], "{found:?}");
    let article = common::first_article(text);
    let m = &article.actors[0].mentions[0];
    let word_at = text[..text.find("للحوثيين").expect("word")].chars().count();
    assert_eq!(
        (m.start, m.end),
        (word_at + 1, word_at + "للحوثيين".chars().count())
    );
}

#[test]
fn an_actor_or_a_place_named_without_end_keeps_a_bounded_number_of_mentions() {
    let text = format!(
        "قصف {}في صعدة. {}",
        "الحوثيين ".repeat(2 * rasid_extract::MAX_MENTIONS),
        "وفي صعدة ".repeat(rasid_extract::MAX_MENTIONS + 100)
    );
    let a = common::first_article_with(common::builtin_kb(), &text);
    let houthis = a
        .actors
        .iter()
        .find(|x| x.id == "houthis")
        .expect("the houthis");
    assert_eq!(houthis.mentions.len(), rasid_extract::MAX_MENTIONS);
    // the first ones are kept, in order
    assert!(houthis.mentions.windows(2).all(|w| w[0].start < w[1].start));
    assert_eq!(houthis.mentions[0].start, 4);
    let saada = a
        .places
        .iter()
        .find(|p| p.name_ar == "صعدة")
        .expect("Saada");
    assert_eq!(saada.mentions.len(), rasid_extract::MAX_MENTIONS);
}

/// (actor id, mention rules) of the first article of `text` with the repository's kb.
fn actors_with_repository_kb(text: &str) -> Vec<(String, Vec<String>)> {
    common::first_article_with(common::builtin_kb(), text)
        .actors
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                a.mentions.iter().map(|m| m.rule.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn an_unnamed_force_belongs_to_the_country_where_its_clause_happens() {
    // an article about Morocco; the police of a clause placed in Riyadh are Saudi
    let found = actors_with_repository_kb(
        "خبر\n\nأعلنت المغرب تفكيك خلية في الدار البيضاء، وقالت المغرب إن الخلية خططت لهجمات في المغرب.\n\nوفي سياق متصل اعتقلت الشرطة ثلاثة أشخاص في الرياض بتهمة الانتماء للتنظيم.",
    );
    let police = found
        .iter()
        .find(|a| a.1.iter().any(|r| r == "actor:shared_name+sentence_place"));
    assert_eq!(
        police.map(|a| a.0.as_str()),
        Some("saudi_security_forces"),
        "{found:?}"
    );
    // a place where people go is not where the clause happens: the article's country
    // decides
    let found = actors_with_repository_kb(
        "خبر\n\nأعلنت المغرب تفكيك خلية في الدار البيضاء، وقالت المغرب إن الخلية خططت لهجمات في المغرب.\n\nوقررت السلطات منع أفراد الشرطة من السفر إلى الرياض.",
    );
    assert!(
        !found
            .iter()
            .any(|a| a.1.iter().any(|r| r == "actor:shared_name+sentence_place")),
        "{found:?}"
    );
}

#[test]
fn a_group_named_after_jerusalem_is_the_group_after_its_head_noun() {
    let text = "سيناء\n\nقتل سبعة من عناصر تنظيم بيت المقدس في معارك مع قوات الأمن جنوب مدينة رفح، وقالت مصادر إن قوات الجيش تلاحق عناصر التنظيم في سيناء.";
    let found = actors_with_repository_kb(text);
    assert!(found.iter().any(|a| a.0 == "isis_sinai"), "{found:?}");
    let places: Vec<String> = common::first_article_with(common::builtin_kb(), text)
        .places
        .iter()
        .map(|p| p.name_ar.clone())
        .collect();
    assert!(!places.iter().any(|p| p == "بيت المقدس"), "{places:?}");
}

#[test]
fn a_states_delegation_names_the_state() {
    let found = actors_with_repository_kb(
        "الزبداني\n\nوأعلنت حركة أحرار الشام فشل المفاوضات مع وفد إيراني في تركيا، وقالت إن الوفد الإيراني أصر على تهجير السكان.",
    );
    assert!(found.iter().any(|a| a.0 == "iran"), "{found:?}");
}

#[test]
fn a_state_named_after_a_place_is_its_country_not_an_actor() {
    // «إقليم كردستان العراق», «كوبا أمريكا»: the state's name completes a place's
    let found = actors_with_repository_kb(
        "تركيا\n\nقتل عشرة مدنيين في الغارات التركية التي استهدفت مواقع شمال أربيل في إقليم كردستان العراق. وقال مسؤول إن العراق احتج على الغارات، وإن حكومة إقليم كردستان العراق طالبت بوقفها. ودعا العراق إلى احترام سيادته.",
    );
    let iraq = found
        .iter()
        .find(|a| a.0 == "iraq")
        .expect("iraq, named twice as a party");
    // «حكومة إقليم كردستان العراق» is the regional government's name, not Iraq's mention
    assert_eq!(iraq.1.len(), 3, "{found:?}");
    assert_eq!(
        iraq.1.iter().filter(|r| r.ends_with("+locative")).count(),
        1,
        "{found:?}"
    );
}

#[test]
fn a_common_word_that_names_a_town_abroad_says_nothing_of_the_articles_country() {
    // «عنه» ("about him") is also Anah in Iraq: it must not make the article Iraqi and
    // the unnamed security men Iraq's forces
    let found = actors_with_repository_kb(
        "إشادة\n\nأشاد عدد من المواطنين بما حققه رجال الأمن من إنجاز في القبض على خلية \
         إرهابية، وقال أحدهم إن ما تحدث عنه البيان يؤكد يقظة رجال الأمن.",
    );
    assert!(
        !found.iter().any(|a| a.0 == "iraqi_security_forces"),
        "{found:?}"
    );
}

#[test]
fn a_name_a_mosque_or_a_hospital_bears_is_no_person() {
    let found = actors_with_repository_kb(
        "خبر\n\nاستهدف انتحاري المصلين بمسجد الإمام علي بن أبي طالب ببلدة القديح، وفشل هجوم \
         على مسجد الحسين بن علي. وقال مدير مستشفى الثورة الدكتور أحمد محمد الشامي إن الجرحى نقلوا \
         إلى مستشفى الملك فهد، وقال القيادي في تنظيم القاعدة أبو عمر النهدي إن التنظيم \
         لم يكن وراء الهجوم.",
    );
    let ids: Vec<&str> = found.iter().map(|a| a.0.as_str()).collect();
    for gone in ["طالب", "الحسين", "فهد"] {
        assert!(!ids.iter().any(|i| i.contains(gone)), "{gone} in {ids:?}");
    }
    for kept in ["الشامي", "النهدي"] {
        assert!(
            ids.iter().any(|i| i.contains(kept)),
            "{kept} missing from {ids:?}"
        );
    }
}

#[test]
fn a_capital_inside_a_longer_place_name_is_no_state() {
    // «ريف دمشق» is Damascus's countryside: no mention of Syria acting
    let found = actors_with_repository_kb(
        "خبر\n\nقصفت قوات النظام بلدة الزبداني بريف دمشق أمس، وقال ناشطون من ريف دمشق إن \
         القصف استمر ساعات وأوقع قتلى بين المدنيين.",
    );
    assert!(!found.iter().any(|a| a.0 == "syria"), "{found:?}");
    assert!(found.iter().any(|a| a.0 == "syrian_army"), "{found:?}");
}

#[test]
fn a_name_only_a_foreign_group_bears_is_no_actor_of_another_countrys_article() {
    // «المقاومة» in an article about Gaza is not Yemen's Popular Resistance
    let found = actors_with_repository_kb(
        "خبر\n\nقالت صحف إسرائيلية إن الجيش الإسرائيلي قصف مواقع في قطاع غزة، وإن المقاومة \
         ردت بإطلاق صواريخ على مستوطنات إسرائيلية قرب غزة.",
    );
    assert!(
        !found.iter().any(|a| a.0 == "yemen_popular_resistance"),
        "{found:?}"
    );
    // in a Yemeni article it is
    let found = actors_with_repository_kb(
        "خبر\n\nقصفت مليشيات الحوثي أحياء في مدينة تعز اليمنية، وقالت المقاومة إنها صدت \
         هجوما للحوثيين على مواقعها في تعز.",
    );
    assert!(
        found.iter().any(|a| a.0 == "yemen_popular_resistance"),
        "{found:?}"
    );
}

#[test]
fn what_a_title_heads_with_a_preposition_is_no_name() {
    let found = actors_with_repository_kb(
        "خبر\n\nأكد الرئيس العام لهيئة الأمر بالمعروف أن التفجير جرم عظيم. وقال العميد بسام \
         عطية، المسؤول في وزارة الداخلية، إن الخلية خططت لهجمات أخرى.",
    );
    let ids: Vec<&str> = found.iter().map(|a| a.0.as_str()).collect();
    assert!(!ids.iter().any(|i| i.contains("لهييه")), "{ids:?}");
    assert!(ids.contains(&"person:بسام_عطيه"), "{ids:?}");
}

#[test]
fn a_national_dailys_home_country_breaks_a_tie_of_countries() {
    // one Saudi and one Iraqi town: in an article told to «عكاظ» (a Saudi daily, kb
    // outlets.toml `country`), the unnamed security men are Saudi
    let found = actors_with_repository_kb(
        "إحباط مخطط\n\nأشاد مواطنون في الدمام بيقظة رجال الأمن. وكان المطلوب قد عاد أخيرا من \
         الموصل قبل أن يرصده رجال الأمن، وقال مصدر لـ«عكاظ» إن التحقيق معه مستمر.",
    );
    assert!(
        found.iter().any(|a| a.0 == "saudi_security_forces"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|a| a.0 == "iraqi_security_forces"),
        "{found:?}"
    );
}

#[test]
fn ranks_days_and_indefinite_words_stay_out_of_names() {
    let found = actors_with_repository_kb(
        "خبر\n\nوكان في وداعه الفريق أول ركن عبد الرحمن البنيان رئيس هيئة الأركان. كما أعلن \
         الرئيس الفلسطيني محمود عباس الجمعة أنه ينوي التوجه إلى المحكمة، وشدد المتحدث على أن \
         التمرد يشكل تهديدًا خطيرًا على المنطقة.",
    );
    let ids: Vec<&str> = found.iter().map(|a| a.0.as_str()).collect();
    assert!(ids.contains(&"person:البنيان_الرحمن_عبد"), "{ids:?}");
    assert!(
        !ids.iter().any(|i| i.contains("ركن") || i.contains("خطير")),
        "{ids:?}"
    );
    let article = common::first_article_with(
        common::builtin_kb(),
        "خبر\n\nكما أعلن الرئيس الفلسطيني محمود عباس الجمعة أنه ينوي التوجه إلى المحكمة.",
    );
    let abbas = article.actors.iter().find(|a| a.id == "mahmoud_abbas");
    let texts: Vec<&str> = abbas
        .map(|a| a.mentions.iter().map(|m| m.text.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(texts, ["محمود عباس"], "{:?}", article.actors);
}

#[test]
fn or_before_a_common_word_is_no_kunya_and_a_speech_verb_ends_a_name() {
    let article = common::first_article_with(
        common::builtin_kb(),
        "رأي\n\nلا تدري هل من يحاورك متعلم أم جاهل ذكر أم أنثى. وقالت أم محمد لقناة «ام تي \
         في» إن ابنها اعتقل أمس، وأشار إلى أن زعيم جبهة النصرة أبو محمد الجولاني صرح في \
         السابق بأن جبهته لن تستهدف الأمريكيين، وقال الكولونيل ستيف وارنر إن الغارات مستمرة.",
    );
    let ids: Vec<&str> = article.actors.iter().map(|a| a.id.as_str()).collect();
    for gone in ["جاهل", "انثي", "ام_تي"] {
        assert!(!ids.iter().any(|i| i.contains(gone)), "{gone} in {ids:?}");
    }
    assert!(
        ids.contains(&"person:ام_محمد"),
        "«أم محمد» missing from {ids:?}"
    );
    let spans: Vec<&str> = article
        .actors
        .iter()
        .flat_map(|a| a.mentions.iter().map(|m| m.text.as_str()))
        .collect();
    assert!(spans.contains(&"أبو محمد الجولاني"), "{spans:?}");
}

#[test]
fn the_base_after_its_preposition_and_the_town_after_its_type_word_are_not_al_qaeda() {
    let aqap_mentions = |text: &str| -> Vec<String> {
        common::first_article_with(common::builtin_kb(), text)
            .actors
            .iter()
            .filter(|a| a.id == "aqap")
            .flat_map(|a| a.mentions.iter().map(|m| m.text.clone()))
            .collect()
    };
    // «للقاعدة»: the article elided after «ل», once the base is named
    let base = aqap_mentions(
        "لحج\n\nتواصل القوات عملياتها لتحرير قاعدة العند العسكرية من مسلحي الحوثي، وسيطرت \
         المقاومة والجيش على البوابة الغربية للقاعدة.",
    );
    assert!(base.is_empty(), "{base:?}");
    // «منطقة القاعدة» is a town of Ibb; «تنظيم القاعدة» the group
    let town = aqap_mentions(
        "تعز\n\nقصفت مقاتلات التحالف مواقع للحوثيين في منطقة القاعدة، فيما هاجم مسلحو تنظيم \
         القاعدة مقرا للجيش في أبين.",
    );
    assert_eq!(town, ["تنظيم القاعدة"], "{town:?}");
}

/// How many mentions the actor `id` has in the first article of `text` (repository kb).
fn mentions_of(text: &str, id: &str) -> usize {
    common::first_article_with(common::builtin_kb(), text)
        .actors
        .iter()
        .find(|a| a.id == id)
        .map_or(0, |a| a.mentions.len())
}

#[test]
fn zeal_is_not_hamas() {
    // «حماس» is zeal with the article, after a glued «ب», and in construct with a definite
    // noun
    for text in [
        "الهلال يفوز\n\nتابع الجمهور المباراة بحماس كبير، وساد الحماس المدرجات حتى النهاية.",
        "مهرجان الصيف\n\nأثار المهرجان حماس الجماهير الغفيرة التي حضرت الافتتاح.",
    ] {
        assert_eq!(mentions_of(text, "hamas"), 0, "{text}");
    }
    // the group keeps its name before a relative pronoun, «إلى», a day, an adjective that
    // agrees with it, and after a bracket
    let text = "غزة\n\nقالت حماس التي تدير القطاع إنها ترفض القرار، ودعت حماس إلى الحوار. وأعلنت حماس الأحد أن وفدا من حماس الفلسطينية سيزور القاهرة، وقدمت حركة المقاومة الإسلامية (حماس) الشكر لمصر.";
    assert_eq!(mentions_of(text, "hamas"), 6, "{text}");
}

#[test]
fn a_groups_name_quoted_after_its_head_word_is_the_name() {
    // the quoted rest alone names no group: «بيت المقدس» is Jerusalem, «الشباب» youth
    let text = "سيناء\n\nتبنى تنظيم «بيت المقدس» الهجوم على الكمين، وقالت حركة \"الشباب\" في الصومال إنها قتلت جنديين.";
    assert_eq!(mentions_of(text, "isis_sinai"), 1, "{text}");
    assert_eq!(mentions_of(text, "al_shabaab"), 1, "{text}");
    // a quote around a name that is no armed group's adds nothing
    let text = "القاهرة\n\nقالت وزارة «الداخلية» إن الشباب في بيت المقدس بخير.";
    assert_eq!(mentions_of(text, "isis_sinai"), 0, "{text}");
    assert_eq!(mentions_of(text, "al_shabaab"), 0, "{text}");
}

#[test]
fn the_organisation_is_the_last_group_called_an_organisation() {
    // the Houthis, named last, are a «جماعة» or a militia, never a «تنظيم»: «التنظيم» is
    // al-Qaeda; «الجماعة» the Houthis
    let text = "صفقة تبادل\n\nأفرج تنظيم القاعدة عن أربعة عناصر تابعة للمليشيات الحوثية، كان التنظيم قد أسرهم في كمين، وقالت الجماعة إنها ستفرج عن سجناء من التنظيم.";
    let found = common::first_article_with(common::builtin_kb(), text).actors;
    let anaphors = |id: &str| -> Vec<String> {
        found
            .iter()
            .filter(|a| a.id == id)
            .flat_map(|a| &a.mentions)
            .filter(|m| m.rule == "actor:anaphora")
            .map(|m| m.text.clone())
            .collect()
    };
    assert_eq!(anaphors("aqap"), ["التنظيم", "التنظيم"], "{found:#?}");
    assert_eq!(anaphors("houthis"), ["الجماعة"], "{found:#?}");
}

#[test]
fn a_group_alone_to_bear_a_generic_name_has_it_only_at_home() {
    // «حزب العمال» in a Turkish article is the PKK
    let found = actors_with_repository_kb(
        "هجمات في تركيا\n\nأعلن حزب العمال مسؤوليته عن قتل شرطيين في جنوب شرق تركيا، وقالت تركيا إن أنقرة لن تتهاون، وشنت تركيا غارات في تركيا.",
    );
    assert!(found.iter().any(|a| a.0 == "pkk"), "{found:?}");
    // in a British one it is Labour, no actor of the kb
    let found = actors_with_repository_kb(
        "انتخابات في بريطانيا\n\nبدأ حزب العمال في بريطانيا البحث عن زعيم جديد، وقال نواب في لندن إن بريطانيا تنتظر، وإن الحكومة البريطانية في لندن مستقرة.",
    );
    assert!(!found.iter().any(|a| a.0 == "pkk"), "{found:?}");
}
