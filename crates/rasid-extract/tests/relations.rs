//! Signs of relations: what each sentence says, on sentences of our own with the
//! repository's kb.

mod common;

use common::{builtin_kb, first_article_with};
use rasid_model::ArticleRecord;

fn article(text: &str) -> ArticleRecord {
    let a = first_article_with(builtin_kb(), text);
    let chars: Vec<char> = text.chars().collect();
    for r in &a.relations {
        for m in &r.evidence {
            let got: String = chars[m.start..m.end].iter().collect();
            assert_eq!(
                got, m.text,
                "relation evidence span points into the document"
            );
        }
    }
    a
}

fn has(a: &ArticleRecord, kind: &str, x: &str, y: &str) -> bool {
    a.relations
        .iter()
        .any(|r| r.kind == kind && ((r.a == x && r.b == y) || (r.a == y && r.b == x)))
}

/// The article relates `x` and `y` by `kind`.
fn holds(a: &ArticleRecord, kind: &str, x: &str, y: &str) {
    assert!(
        has(a, kind, x, y),
        "{kind} {x} {y} missing: {:#?}",
        a.relations
    );
}

/// The article does not relate `x` and `y` by `kind`.
fn lacks(a: &ArticleRecord, kind: &str, x: &str, y: &str) {
    assert!(
        !has(a, kind, x, y),
        "{kind} {x} {y} wrongly found: {:#?}",
        a.relations
    );
}

/// A person whose id holds `name` is related to `group` by `kind`.
fn person_holds(a: &ArticleRecord, kind: &str, name: &str, group: &str) {
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == kind && r.a.contains(name) && r.b == group),
        "{kind} {name} {group} missing: {:#?}",
        a.relations
    );
}

#[test]
fn an_ally_joined_with_wahalifuhum_is_an_ally_not_an_enemy() {
    let a = article(
        "معارك تعز\n\nهاجم الحوثيون وحليفهم قوات المخلوع مواقع المقاومة الشعبية في مدينة تعز فجر الاثنين.",
    );
    holds(&a, "ALLY", "houthis", "saleh_loyalists");
    lacks(&a, "HOSTILE", "houthis", "saleh_loyalists");
    holds(&a, "HOSTILE", "houthis", "yemen_popular_resistance");
}

#[test]
fn actors_listed_as_the_doers_of_an_attack_are_co_belligerents() {
    let a = article(
        "الزبداني\n\nشنت قوات النظام السوري وحزب الله هجوما واسعا على مدينة الزبداني يوم السبت.",
    );
    holds(&a, "ALLY", "syrian_army", "hezbollah");
    lacks(&a, "HOSTILE", "syrian_army", "hezbollah");
}

#[test]
fn a_hostile_cue_never_pairs_two_actors_of_one_list() {
    let a =
        article("تعز\n\nوخاض الحوثيون وقوات صالح اشتباكات عنيفة في أحياء مدينة تعز طوال ليل الأحد.");
    lacks(&a, "HOSTILE", "houthis", "saleh_loyalists");
    // strikes on a list: each is the striker's enemy, not the other's
    let a = article(
        "غارات\n\nشنت طائرات التحالف العربي غارات مكثفة على مواقع الحوثيين وقوات صالح في محافظة صعدة.",
    );
    holds(&a, "HOSTILE", "saudi_led_coalition", "houthis");
    holds(&a, "HOSTILE", "saudi_led_coalition", "saleh_loyalists");
    lacks(&a, "HOSTILE", "houthis", "saleh_loyalists");
}

#[test]
fn a_clash_between_two_sides_each_named_with_min_jiha_pairs_the_sides() {
    let a = article(
        "مأرب\n\nاندلعت مواجهات عنيفة بين الحوثيين وقوات صالح من جهة والمقاومة الشعبية من جهة أخرى في مأرب.",
    );
    holds(&a, "HOSTILE", "houthis", "yemen_popular_resistance");
    holds(&a, "HOSTILE", "saleh_loyalists", "yemen_popular_resistance");
    lacks(&a, "HOSTILE", "houthis", "saleh_loyalists");
}

#[test]
fn a_long_first_side_closed_by_min_jiha_still_pairs_the_far_second_side() {
    let a = article(
        "الزبداني\n\nوتواصلت الاشتباكات في المدينة أمس، بين قوات النظام و«حزب الله» اللبناني وقوات الدفاع الوطني من جهة، والفصائل الإسلامية ومسلحين محليين من المدينة من جهة أخرى.",
    );
    holds(&a, "HOSTILE", "hezbollah", "syrian_armed_opposition");
    holds(&a, "HOSTILE", "syria_ndf", "syrian_armed_opposition");
    lacks(&a, "HOSTILE", "syrian_army", "hezbollah");
}

#[test]
fn wa_bayna_opens_the_second_side_of_a_clash() {
    let a = article(
        "سهل الغاب\n\nودارت اشتباكات عنيفة في محيط قرى سهل الغاب، بين قوات النظام و«حزب الله» ومسلحين داعمين لهما، وبين مقاتلين من الفصائل الإسلامية، كما تعرضت بلدة قسطون لقصف جوي.",
    );
    holds(&a, "HOSTILE", "syrian_army", "syrian_armed_opposition");
    holds(&a, "HOSTILE", "hezbollah", "syrian_armed_opposition");
    lacks(&a, "HOSTILE", "syrian_army", "hezbollah");
}

#[test]
fn a_comma_and_wa_close_the_first_side_of_two() {
    // «بين X وY، وZ»: X and Y fight together against Z (the events read the same sides)
    let a = article(
        "تعز\n\nواندلعت مواجهات عنيفة بين المقاومة الشعبية وقوات الجيش الوطني، وميليشيات الحوثي في مدينة تعز أمس.",
    );
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
    holds(&a, "HOSTILE", "yemen_army", "houthis");
    holds(&a, "ALLY", "yemen_popular_resistance", "yemen_army");
    let clash = a
        .events
        .iter()
        .find(|e| e.kind == "ATTACK")
        .expect("the clash");
    assert_eq!(clash.targets, ["houthis"], "{clash:?}");
}

#[test]
fn a_verb_after_a_comma_opens_no_side() {
    // «بين داعش والجيش الحر، وصل للتنظيم المزيد من المدد»: «وصل» is a verb, not «و» + a side
    let a = article(
        "حلب\n\nوخلال ساعات من بدء المعارك بين «داعش» والجيش الحر، وصل للتنظيم المزيد من المدد.",
    );
    holds(&a, "HOSTILE", "islamic_state", "fsa");
    lacks(&a, "ALLY", "islamic_state", "fsa");
}

#[test]
fn a_side_marker_clauses_away_closes_no_side() {
    // «من ناحية مزارع بروما» tells where the posts lie, long after the sides were named
    let a = article(
        "هجوم لجبهة النصرة في ريف إدلب\n\nوفي ريف إدلب اندلعت اشتباكات بين «جيش الفتح» وقوات النظام في محيط الفوعة، واستهدفت عناصر جيش الفتح عددا من النقاط والحواجز، حيث دمروا نقاطا على محيط بلدة كفريا من ناحية مزارع بروما.",
    );
    holds(&a, "HOSTILE", "jaysh_al_fatah", "syrian_army");
    lacks(&a, "ALLY", "jaysh_al_fatah", "syrian_army");
}

#[test]
fn a_second_side_no_min_jiha_closes_is_its_list_only() {
    let a = article(
        "تعز\n\nودارت مواجهات عنيفة بين عناصر المقاومة الشعبية من جهة، والمسلحين الحوثيين والقوات الموالية للرئيس المخلوع في تعز وشنت طائرات التحالف العربي غارات على مواقع الحوثيين.",
    );
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
    holds(&a, "HOSTILE", "yemen_popular_resistance", "saleh_loyalists");
    lacks(&a, "ALLY", "houthis", "saudi_led_coalition");
    lacks(&a, "ALLY", "saleh_loyalists", "saudi_led_coalition");
}

#[test]
fn a_backer_of_the_subject_shares_its_enemy() {
    let a = article(
        "زنجبار\n\nحررت المقاومة الشعبية بدعم من طيران التحالف العربي مدينة زنجبار من قبضة الحوثيين أمس.",
    );
    holds(
        &a,
        "ALLY",
        "yemen_popular_resistance",
        "saudi_led_coalition",
    );
    holds(&a, "HOSTILE", "saudi_led_coalition", "houthis");
    // the backer named before a possessive attack noun is not its doer
    let a = article(
        "الأنبار\n\nوتواصل القوات العراقية بدعم من التحالف الدولي هجماتها على تنظيم داعش في الرمادي.",
    );
    holds(&a, "HOSTILE", "iraqi_army", "islamic_state");
    holds(&a, "HOSTILE", "anti_isis_coalition", "islamic_state");
}

#[test]
fn fighting_with_a_group_is_fighting_beside_it() {
    let a = article(
        "حلب\n\nوقال القيادي إن «جيش الثوار» قاتل مع «الفرقة 30» في ريف حلب الشمالي ضد هجمات «النصرة» أمس.",
    );
    holds(&a, "ALLY", "jaysh_al_thuwar", "division_30");
    lacks(&a, "HOSTILE", "jaysh_al_thuwar", "division_30");
}

#[test]
fn the_pkk_spelled_bi_kih_kih_is_the_pkk() {
    let a = article(
        "أديامان\n\nقتل جندي تركي وأصيب آخران بجروح، في اشتباكات وقعت بين القوات الأمنية التركية وعناصر منظمة بي كيه كيه في ولاية أديامان جنوب شرقي تركيا. وتشن الطائرات التركية غارات جوية على مواقع المتمردين الأكراد في شمال العراق منذ أسبوعين.",
    );
    holds(&a, "HOSTILE", "turkish_security_forces", "pkk");
}

#[test]
fn an_ally_cue_does_not_reach_across_an_attack() {
    let a = article(
        "أعزاز\n\nوقالت الولايات المتحدة إن طائرات حربية تابعة لتحالف تقوده الولايات المتحدة قصفت مواقع لجبهة النصرة في شمال سوريا أمس، بعد هجوم شنته الجبهة على مقرات الفرقة 30.",
    );
    lacks(&a, "ALLY", "usa", "nusra_front");
    holds(&a, "HOSTILE", "usa", "nusra_front");
}

#[test]
fn a_head_noun_stands_for_the_last_actor_named_with_it() {
    let a = article(
        "الرمادي\n\nأعلن جهاز مكافحة الإرهاب تطويق جامعة الأنبار في الرمادي وقطع الإمدادات عن مسلحي تنظيم داعش.\nوقال الناطق باسم الجهاز صباح النعمان إن قوات الجهاز تقدمت في الرمادي بعد معارك مع داعش.",
    );
    person_holds(&a, "MEMBER", "النعمان", "iraqi_cts");
}

#[test]
fn a_division_or_a_party_named_again_by_its_head_noun() {
    let a = article(
        "حلب\n\nوخطفت جبهة النصرة ثمانية عناصر من الفرقة 30 بينهم قائد الفرقة العقيد نديم الحسن قرب أعزاز.",
    );
    holds(&a, "HOSTILE", "nusra_front", "division_30");
    person_holds(&a, "LEADS", "الحسن", "division_30");
    // a head noun with a definite adjective after it heads another name: «مجلس الأمن
    // الوطني الأمريكي» is no UN Security Council, nor its «المجلس» afterwards
    let b = article(
        "واشنطن\n\nعبر مجلس الأمن الوطني الأمريكي في واشنطن عن إدانته للهجوم. وأكد بيان أصدره المتحدث باسم المجلس نيد برايس أن الهجمات إرهابية.",
    );
    assert!(
        b.actors.iter().all(|x| x.id != "un_security_council"),
        "{:#?}",
        b.actors
    );
    let c = article(
        "نيويورك\n\nصوت أعضاء مجلس الأمن الدولي على القرار بالإجماع. وقال المجلس الأعلى للأمن الوطني الإيراني إنه سيدرس النص.",
    );
    let council = c.actors.iter().find(|x| x.id == "un_security_council");
    assert_eq!(
        council.map(|x| x.mentions.len()),
        Some(1),
        "{:#?}",
        c.actors
    );
}

#[test]
fn houthis_counted_after_a_number_are_the_houthis() {
    let a = article(
        "مأرب\n\nأفادت مصادر يمنية أمس بمقتل ثمانية حوثيين في مواجهات مع المقاومة الشعبية في مدينة مأرب، فيما قتل 17 حوثيا في غارات للتحالف العربي على صعدة.",
    );
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
}

#[test]
fn an_ally_cue_does_not_reach_across_a_hostile_one() {
    let a = article(
        "عدن\n\nخاضت المقاومة الشعبية الموالية للشرعية معارك عنيفة ضد الحوثيين في مدينة عدن.",
    );
    lacks(&a, "ALLY", "yemen_popular_resistance", "houthis");
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
}

#[test]
fn a_backer_named_after_al_madeuma_min_is_not_the_target_of_the_fight() {
    let a = article(
        "زنجبار\n\nشنت المقاومة الشعبية المدعومة من طيران التحالف العربي هجوما على مواقع الحوثيين في زنجبار.",
    );
    assert!(
        !has(
            &a,
            "HOSTILE",
            "yemen_popular_resistance",
            "saudi_led_coalition"
        ),
        "{:#?}",
        a.relations
    );
}

#[test]
fn who_speaks_about_an_attack_is_no_party_to_it() {
    let a = article(
        "لحج\n\nوقالت مصادر في المقاومة الشعبية إن طيران التحالف العربي شن غارات على مواقع الحوثيين في لحج.",
    );
    assert!(
        !has(
            &a,
            "HOSTILE",
            "yemen_popular_resistance",
            "saudi_led_coalition"
        ),
        "{:#?}",
        a.relations
    );
    holds(&a, "HOSTILE", "saudi_led_coalition", "houthis");
}

#[test]
fn groups_named_in_one_condemnation_are_not_allies() {
    let a = article(
        "إدانة\n\nأدانت حركة حماس وحركة فتح بشدة التفجير الإرهابي وأكدتا التعاون في مواجهة الإرهاب.",
    );
    lacks(&a, "ALLY", "hamas", "fatah");
}

#[test]
fn a_headline_is_no_evidence_when_the_body_says_it_too() {
    let title = "اشتباكات بين الحوثيين والمقاومة الشعبية في تعز";
    let a = article(&format!(
        "{title}\n\nاندلعت اشتباكات عنيفة بين الحوثيين والمقاومة الشعبية في مدينة تعز يوم الأحد."
    ));
    let r = a
        .relations
        .iter()
        .find(|r| {
            r.kind == "HOSTILE"
                && [r.a.as_str(), r.b.as_str()] == ["houthis", "yemen_popular_resistance"]
                || [r.b.as_str(), r.a.as_str()] == ["houthis", "yemen_popular_resistance"]
        })
        .unwrap_or_else(|| panic!("{:#?}", a.relations));
    let title_end = title.chars().count();
    assert!(
        r.evidence.iter().all(|e| e.start > title_end),
        "{:#?}",
        r.evidence
    );
    assert!(!r.evidence.is_empty());
    // a headline the body does not repeat is evidence
    let a = article(
        "اشتباكات بين الحوثيين والمقاومة الشعبية في تعز\n\nوأفاد سكان بسماع دوي انفجارات في أحياء المدينة.",
    );
    holds(&a, "HOSTILE", "houthis", "yemen_popular_resistance");
}

#[test]
fn a_verb_of_fighting_pairs_its_subject_and_its_object() {
    let a = article(
        "معارك سنجار\n\nوتقاتل قوات البيشمركة تنظيم داعش في جبل سنجار منذ أشهر. وقتل عشرة من مسلحي التنظيم في اشتباكات عنيفة أمس.",
    );
    holds(&a, "HOSTILE", "peshmerga", "islamic_state");
}

#[test]
fn a_campaign_against_a_group_makes_its_doer_hostile() {
    let a = article(
        "بحيرة تشاد\n\nويشارك الجيش التشادي في العملية العسكرية الإقليمية ضد جماعة بوكو حرام.",
    );
    holds(&a, "HOSTILE", "chad_army", "boko_haram");
}

#[test]
fn an_actor_only_mentioned_after_a_clash_with_a_named_side_is_not_a_side() {
    let a = article(
        "العند\n\nخاضت المقاومة الشعبية اشتباكات مع المقاتلين الحوثيين قرب قاعدة العند قبل ساعات من هدنة أعلنها التحالف العربي.",
    );
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
    lacks(
        &a,
        "HOSTILE",
        "yemen_popular_resistance",
        "saudi_led_coalition",
    );
}

#[test]
fn an_adverbial_backer_backs_the_subject_not_the_enemy_before_it() {
    let a = article(
        "الحوطة\n\nاستعادت المقاومة الشعبية مدينة الحوطة بعد معارك عنيفة مع الحوثيين، بدعم من طيران التحالف العربي.",
    );
    holds(
        &a,
        "ALLY",
        "yemen_popular_resistance",
        "saudi_led_coalition",
    );
    lacks(&a, "ALLY", "houthis", "saudi_led_coalition");
    lacks(
        &a,
        "HOSTILE",
        "yemen_popular_resistance",
        "saudi_led_coalition",
    );
}

#[test]
fn an_actor_after_biisnad_backs_the_forces_that_advance() {
    let a = article(
        "الرمادي\n\nتواصل القوات العراقية بإسناد جوي من التحالف الدولي تقدمها نحو وسط الرمادي بعد معارك عنيفة مع مسلحي تنظيم داعش.",
    );
    holds(&a, "ALLY", "iraqi_army", "anti_isis_coalition");
    holds(&a, "HOSTILE", "iraqi_army", "islamic_state");
    lacks(&a, "HOSTILE", "anti_isis_coalition", "iraqi_army");
}

#[test]
fn ground_taken_back_from_a_group_makes_the_doer_its_enemy() {
    let a = article(
        "الأنبار\n\nوتمكنت القوات العراقية من تحرير مبنى المجمع الحكومي من مسلحي تنظيم داعش بعد حصار دام أسبوعين.",
    );
    holds(&a, "HOSTILE", "iraqi_army", "islamic_state");
}

#[test]
fn a_verb_of_taking_back_pairs_its_subject_with_the_loser() {
    let a = article("لحج\n\nحررت المقاومة الشعبية بلدة الوهط من قبضة الحوثيين فجر اليوم.");
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
}

#[test]
fn the_doers_own_men_after_min_are_not_the_loser() {
    let a = article(
        "الحوطة\n\nوأعلن التحالف العربي استعادة عناصر من المقاومة الشعبية مدينة الحوطة بعد معارك عنيفة مع الحوثيين.",
    );
    lacks(
        &a,
        "HOSTILE",
        "saudi_led_coalition",
        "yemen_popular_resistance",
    );
}

#[test]
fn a_role_phrase_between_a_person_and_a_group_makes_a_member() {
    let a = article(
        "درنة\n\nوقال العقيد سالم أحمد الحارثي، أحد قيادات تنظيم داعش، إن مسلحي التنظيم هاجموا مواقع الجيش الليبي قرب درنة.",
    );
    let member = a
        .relations
        .iter()
        .any(|r| r.kind == "MEMBER" && r.a.starts_with("person:") && r.b == "isis_libya");
    assert!(member, "{:#?}", a.relations);
}

#[test]
fn a_former_role_between_a_person_and_a_group_is_no_membership() {
    let a = article(
        "درنة\n\nوقال العقيد سالم أحمد الحارثي، العضو السابق في تنظيم داعش، إن مسلحي التنظيم هاجموا مواقع الجيش الليبي قرب درنة.",
    );
    assert!(
        !a.relations.iter().any(|r| r.kind == "MEMBER"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_known_person_keeps_the_dictionarys_group_when_the_text_names_an_unrelated_one() {
    let a = article(
        "كابول\n\nوقال ذبيح الله مجاهد، القيادي في حزب الله، إن مقاتلي طالبان هاجموا نقطة تفتيش للشرطة الأفغانية.",
    );
    holds(&a, "MEMBER", "zabihullah_mujahid", "taliban");
    lacks(&a, "MEMBER", "zabihullah_mujahid", "hezbollah");
}

#[test]
fn actors_listed_with_a_nominative_head_word_are_one_side() {
    // «ومقاتلو حزب الله»: the head word in the nominative still lists the two together
    let a = article(
        "درعا\n\nوفي الشتاء الماضي شنت القوات النظامية ومقاتلو حزب الله اللبناني معركة للسيطرة على بلدات في ريف درعا.",
    );
    lacks(&a, "HOSTILE", "syrian_army", "hezbollah");
}

#[test]
fn armed_actors_listed_as_the_target_of_an_attack_are_one_side() {
    let a = article(
        "عدن\n\nوتمكن مقاتلو المقاومة الشعبية أمس من دحر الحوثيين وقوات صالح في شرق مدينة عدن.",
    );
    holds(&a, "ALLY", "houthis", "saleh_loyalists");
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
    // states hit together are places, not a side; those arrested together are no side
    let a = article(
        "بحيرة تشاد\n\nوشن مسلحو بوكو حرام هجمات دامية على جزر بحيرة تشاد في نيجيريا وتشاد والنيجر.",
    );
    lacks(&a, "ALLY", "nigeria", "chad");
    let a = article(
        "تركيا\n\nواعتقلت الشرطة التركية أمس عشرات من عناصر تنظيم داعش وحزب العمال الكردستاني في إسطنبول.",
    );
    lacks(&a, "ALLY", "islamic_state", "pkk");
}

#[test]
fn giving_ground_before_an_actor_and_a_groups_own_attacks_are_hostile() {
    let a = article(
        "درنة\n\nوأفاد بأن مسلحي تنظيم داعش يتراجعون أمام قوات الجيش الليبي في محاور مدينة درنة.",
    );
    holds(&a, "HOSTILE", "isis_libya", "lna");
    let a =
        article("كينيا\n\nوضاعفت حركة الشباب هجماتها على كينيا منذ دخول الجيش الكيني إلى الصومال.");
    holds(&a, "HOSTILE", "al_shabaab", "kenya");
}

#[test]
fn an_adjective_of_hostility_relates_its_name_to_its_object() {
    let a = article(
        "غارات تركية\n\nشنت الطائرات التركية غارات على مواقع في شمال العراق أمس، ما أدى إلى مقتل عشرة مسلحين. وقال القيادي إن حزب العمال الكردستاني المعادي لتركيا يوسع نفوذه في المنطقة.",
    );
    holds(&a, "HOSTILE", "pkk", "turkey");
}

#[test]
fn fighters_listed_together_against_an_enemy_are_no_enemies_of_each_other() {
    // a list after «مع» with an adjective and a head word between its names
    let a = article(
        "الضالع\n\nوسقط عشرات القتلى من ميليشيات الحوثي في مواجهات أمس مع مقاتلي المقاومة الشعبية وعناصر الجيش الموالي للشرعية في محافظة الضالع.",
    );
    lacks(&a, "HOSTILE", "yemen_popular_resistance", "yemen_army");
    holds(&a, "HOSTILE", "houthis", "yemen_popular_resistance");
    // «بين X وY ضد Z»: X and Y are one side
    let a = article(
        "اليمن\n\nوتواصلت المعارك في محافظات الضالع وأبين وتعز بين رجال المقاومة والجيش الوطني ضد ميليشيات الحوثي.",
    );
    lacks(&a, "HOSTILE", "yemen_popular_resistance", "yemen_army");
    holds(&a, "HOSTILE", "yemen_army", "houthis");
}

#[test]
fn two_acts_of_one_sentence_each_relate_their_own_sides() {
    // the strikes are the coalition's on the Houthis; the clash is the Houthis' with the
    // resistance: the coalition is not the resistance's enemy
    let a = article(
        "اليمن\n\nويواصل طيران التحالف غاراته الجوية على مواقع الحوثيين، تزامنا مع استمرار المواجهات المسلحة بين الحوثيين والمقاومة الشعبية في العديد من الجبهات. وقالت المقاومة الشعبية إن الحوثيين تكبدوا خسائر.",
    );
    holds(&a, "HOSTILE", "saudi_led_coalition", "houthis");
    holds(&a, "HOSTILE", "houthis", "yemen_popular_resistance");
    lacks(
        &a,
        "HOSTILE",
        "saudi_led_coalition",
        "yemen_popular_resistance",
    );
}

#[test]
fn strikes_a_side_profits_from_or_prepares_for_are_no_enmity() {
    let a = article(
        "لحج\n\nوذكرت مصادر في المقاومة الشعبية بأن المعارك على أشدها، وتحاول فيها المقاومة السيطرة على معسكر لبوزة مستفيدة من غارات لمقاتلات التحالف العربي. وقالت المقاومة الشعبية إن الحوثيين تكبدوا خسائر.",
    );
    lacks(
        &a,
        "HOSTILE",
        "saudi_led_coalition",
        "yemen_popular_resistance",
    );
    let a = article(
        "تعز\n\nطيران التحالف يشن غارات على تعز تمهيدا لتقدم المقاومة. وقالت المقاومة الشعبية إن الحوثيين تكبدوا خسائر.",
    );
    lacks(
        &a,
        "HOSTILE",
        "saudi_led_coalition",
        "yemen_popular_resistance",
    );
}

#[test]
fn a_long_role_ending_in_a_force_makes_its_holder_a_member_not_a_leader() {
    let a = article(
        "معارك الرمادي\n\nوقال آمر لواء المغاوير في فرقة المشاة الثامنة في الجيش العراقي العميد \
         الركن عادل مولان إن القطعات العسكرية شنت هجمات على داعش. وأعلن المسؤول الإعلامي \
         لغرفة عمليات عمر المختار التابعة للجيش الليبي العقيد عبدالكريم صبرا، أن الجيش أحرز \
         تقدما.",
    );
    holds(&a, "MEMBER", "person:عادل_مولان", "iraqi_army");
    holds(&a, "MEMBER", "person:صبرا_عبدالكريم", "lna");
    lacks(&a, "LEADS", "person:عادل_مولان", "iraqi_army");
}

#[test]
fn confronting_and_besieging_are_enmity() {
    let a = article(
        "نيجيريا\n\nوأكد الرئيس أن الجيش النيجيري يواصل عملياته، وأن نيجيريا عازمة على التصدي لجماعة بوكو حرام في الشمال.",
    );
    holds(&a, "HOSTILE", "nigeria", "boko_haram");
    let a = article(
        "لحج\n\nوأكد مصدر عسكري أن المقاومة الشعبية تفرض حصارا خانقا على ميليشيا الحوثي في قاعدة العند الجوية.",
    );
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
}

#[test]
fn a_verbal_noun_s_object_joined_to_a_clause_is_no_subject() {
    // no doer before «للتصدي»: ISIS is its object, the PKK the object of another verb
    let a = article(
        "البيت الأبيض\n\nرحب البيت الأبيض بتزايد الجهود للتصدي لداعش ووصف حزب العمال الكردستاني بأنه منظمة إرهابية.",
    );
    lacks(&a, "HOSTILE", "islamic_state", "pkk");
}

#[test]
fn a_list_closed_by_against_in_a_clash_fights_on_one_side() {
    // «بين X وY ضد Z»: X and Y fight together, both against Z
    let a = article(
        "معارك في اليمن\n\nوأوضح القائد أن المعارك في محافظات الضالع وأبين وشبوة وتعز ومأرب ما زالت محتدمة بين رجال المقاومة والجيش الوطني ضد ميليشيات الحوثي.",
    );
    holds(&a, "ALLY", "yemen_popular_resistance", "yemen_army");
    holds(&a, "HOSTILE", "yemen_army", "houthis");
    lacks(&a, "ALLY", "yemen_popular_resistance", "houthis");
    // «بين X وY» alone names the two sides of the clash
    let a = article("تعز\n\nواندلعت اشتباكات عنيفة بين الجيش اليمني وميليشيات الحوثي في تعز.");
    lacks(&a, "ALLY", "yemen_army", "houthis");
    holds(&a, "HOSTILE", "yemen_army", "houthis");
    // a «وبين» far on is another pair's, and closes no side of the first «بين»
    let a = article(
        "إدلب\n\nواندلعت اشتباكات عنيفة بين قوات النظام ومقاتلي جبهة النصرة في ريف إدلب الذي شهد خلال الأسابيع الماضية معارك متقطعة قبل أن تتقدم الفصائل نحو مدينة جسر الشغور التي تقف بينها وبين الساحل السوري.",
    );
    lacks(&a, "ALLY", "syrian_army", "nusra_front");
    holds(&a, "HOSTILE", "syrian_army", "nusra_front");
}

#[test]
fn a_siege_of_ground_an_enemy_holds_makes_the_holder_the_enemy() {
    // «حصارا على معسكر لبوزة الذي تتحصن فيه ميليشيات الحوثي»: the holder is besieged
    let a = article(
        "لحج\n\nوتفرض قوات الجيش الموالي للشرعية حصارا محكما على معسكر لبوزة الذي تتحصن فيه ميليشيات الحوثي في محافظة لحج.",
    );
    holds(&a, "HOSTILE", "yemen_army", "houthis");
    // ground named with no holder relates nobody through it
    let a = article(
        "لحج\n\nوتفرض قوات الجيش الموالي للشرعية حصارا محكما على معسكر لبوزة في محافظة لحج بعد أن زارت المنطقة بعثة للأمم المتحدة.",
    );
    lacks(&a, "HOSTILE", "yemen_army", "united_nations");
}

#[test]
fn fighters_backed_by_strikes_are_no_enemies_of_the_striker() {
    // «مدعومين بضربات جوية للتحالف»: the coalition backs the fighters
    let a = article(
        "كوباني\n\nولم يكن هذا التقدم ليتحقق لولا معارك ضارية خاضها مقاتلون من الجيش السوري الحر، مدعومين بضربات جوية للتحالف الدولي ضد الإرهاب.",
    );
    lacks(&a, "HOSTILE", "fsa", "anti_isis_coalition");
}

#[test]
fn sides_listed_as_the_doers_of_a_battle_fight_together() {
    // «شنت X وY معركة»: they launched it together
    let a = article(
        "معارك درعا\n\nوشنت القوات النظامية ومقاتلو حزب الله اللبناني معركة للسيطرة على بلدات في ريف درعا.",
    );
    holds(&a, "ALLY", "syrian_army", "hezbollah");
    // the sides of «بين X وY وZ» are no one side
    let a = article(
        "معارك تعز\n\nودارت مواجهات شرسة امس في مدينة تعز بين رجال المقاومة الشعبية والمسلحين الحوثيين وقوات صالح.",
    );
    lacks(&a, "ALLY", "yemen_popular_resistance", "houthis");
    // nor those that count their losses, each its own
    let a = article(
        "معارك الأنبار\n\nتكبدت قوات الجيش العراقي ومليشيا الحشد الشعبي وتنظيم داعش خسائر في صفوف مقاتليهم، في معارك محتدمة دارت بمناطق متفرقة.",
    );
    lacks(&a, "ALLY", "iraqi_army", "islamic_state");
    lacks(&a, "ALLY", "pmf", "islamic_state");
}

#[test]
fn a_denied_relation_is_none() {
    // «إيران لا تريد التعاون مع أميركا», «لا تدعم داعش»: no alliance stated
    let a = article(
        "إيران وداعش\n\nوقال المحلل إن إيران لا تدعم تنظيم داعش، ومن وجهة نظر طهران فإنها لا تريد التعاون مع الولايات المتحدة ضد التنظيم في العراق.",
    );
    assert!(
        !a.relations.iter().any(|r| r.kind == "ALLY"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_backer_backs_the_subject_of_a_reported_clause_not_a_light_verbs_object() {
    // the subject opens the clause a speech verb's «أن» reports
    let a = article(
        "تقدم المقاومة في أبين\n\nوذكرت مصادر محلية في محافظة أبين أن المقاومة الشعبية مدعومة بغطاء جوي مكثف من قبل طيران التحالف تمكنت أمس من السيطرة على معظم مناطق مديرية لودر.",
    );
    holds(
        &a,
        "ALLY",
        "yemen_popular_resistance",
        "saudi_led_coalition",
    );
    // «قامت بدعم الوحدات الكردية»: the object of a light verb backs no subject
    let a = article(
        "غارات التحالف في ريف حلب\n\nوقال القيادي إن جبهة النصرة تعتبر غارات التحالف قرب مارع خجولة، بينما قامت بدعم الوحدات الكردية بشكل كبير وواضح.",
    );
    lacks(&a, "ALLY", "nusra_front", "ypg");
}

#[test]
fn a_person_counted_among_a_groups_men_is_a_member_or_its_leader() {
    let a = article(
        "مقتل قيادي في داعش\n\nوقال المسؤولون إن قوات البيشمركة شنت عملية عسكرية على قرى الكصيبة تمكنت خلالها من قتل 11 مسلحًا من تنظيم داعش بينهم القيادي أبو حارث القادري وهو عربي.",
    );
    person_holds(&a, "MEMBER", "القادري", "islamic_state");
    // a leading role between «بينهم» and the name: the person leads the group counted
    let a = article(
        "خطف عناصر من الفرقة 30\n\nوكانت جبهة النصرة خطفت ثمانية عناصر من «الفرقة 30» بينهم قائد الفرقة العقيد نديم الحسن مساء الأربعاء قرب مدينة اعزاز.",
    );
    person_holds(&a, "LEADS", "الحسن", "division_30");
}

#[test]
fn a_force_backed_by_another_with_al_masnud_is_its_ally() {
    let a = article(
        "تقدم في تعز\n\nوتقدمت المقاومة الشعبية المسنودة بقوات الجيش الوطني نحو مطار تعز بعد معارك مع ميليشيات الحوثي.",
    );
    holds(&a, "ALLY", "yemen_popular_resistance", "yemen_army");
}

#[test]
fn forces_listed_as_besiegers_with_some_of_an_army_fight_together() {
    // «وقوات من الجيش»: a head word glued to «و», then «من» — some of the army's men, listed
    // with the resistance as the siege's doers; both are the Houthis' enemies, and allies
    let a = article(
        "حصار في لحج\n\nتفرض عناصر المقاومة الشعبية وقوات من الجيش الموالي للشرعية حصارا خانقا على قاعدة العند التي تتحصن فيها ميليشيات الحوثي.",
    );
    holds(&a, "HOSTILE", "yemen_popular_resistance", "houthis");
    holds(&a, "HOSTILE", "yemen_army", "houthis");
    holds(&a, "ALLY", "yemen_popular_resistance", "yemen_army");
}

#[test]
fn seizing_a_groups_bombs_sets_the_seizer_against_it() {
    // a seizure or a bomb made safe is an act against the group whose it was
    let a = article(
        "تفكيك مفخخات\n\nوقال مصدر عسكري إن قوات البيشمركة تمكنت من تفكيك عبوات ناسفة زرعها تنظيم داعش على طريق سنجار قبل انفجارها.",
    );
    holds(&a, "HOSTILE", "peshmerga", "islamic_state");
}

#[test]
fn a_state_and_its_own_army_are_no_allies_but_a_coalition_is_one() {
    // «دعم الجيش اللبناني»: Lebanon's own army, one side with the state, not its ally
    let a = article(
        "لقاء في بيروت\n\nوأكد وزير الدفاع اللبناني أن السفير البريطاني تعهد بمواصلة العمل لمصلحة لبنان ولا سيما دعم الجيش اللبناني وتقويته في مواجهة الجماعات الإرهابية.",
    );
    lacks(&a, "ALLY", "lebanon", "lebanese_army");
    // the Saudi-led coalition fights in Yemen and is listed with it, but is no force of
    // Yemen's own: the army it backs is its ally
    let a = article(
        "معارك لحج\n\nوبدأت القوات الموالية للرئيس هادي بدعم من طيران التحالف العربي هجوما واسعا لاستعادة قاعدة العند من ميليشيات الحوثي.",
    );
    holds(&a, "ALLY", "yemen_army", "saudi_led_coalition");
}

/// The confidence of `kind` between `x` and `y`.
fn confidence_of(a: &ArticleRecord, kind: &str, x: &str, y: &str) -> f32 {
    a.relations
        .iter()
        .find(|r| r.kind == kind && ((r.a == x && r.b == y) || (r.a == y && r.b == x)))
        .and_then(|r| r.confidence)
        .unwrap_or_else(|| panic!("{kind} {x} {y} missing: {:#?}", a.relations))
}

#[test]
fn an_edge_told_in_two_sentences_is_surer_than_one_told_once() {
    let a = article(
        "معارك تعز\n\nهاجم الحوثيون وحليفهم قوات المخلوع مواقع المقاومة الشعبية في مدينة تعز فجر الاثنين. \
         وتجددت الاشتباكات بين المقاومة الشعبية والحوثيين مساء في أحياء المدينة. \
         وشنت طائرات التحالف غارات على مواقع قوات المخلوع في محافظة لحج.",
    );
    let twice = confidence_of(&a, "HOSTILE", "houthis", "yemen_popular_resistance");
    let once = confidence_of(&a, "ALLY", "houthis", "saleh_loyalists");
    assert!(twice > once, "two sentences {twice} against one {once}");
}

#[test]
fn the_rule_family_and_type_of_an_edge_do_not_move_its_confidence() {
    // on the dev articles an edge from a cue, an event or a person's role, of any type, is
    // right about as often as any other: only the sentences it is told in tell
    let a = article(
        "معارك تعز\n\nهاجم الحوثيون وحليفهم قوات المخلوع مواقع المقاومة الشعبية في مدينة تعز فجر الاثنين.",
    );
    let cue = confidence_of(&a, "ALLY", "houthis", "saleh_loyalists");
    let event = confidence_of(&a, "HOSTILE", "houthis", "yemen_popular_resistance");
    assert!(
        (cue - event).abs() < 1e-6,
        "cue {cue} against event {event}"
    );
}
