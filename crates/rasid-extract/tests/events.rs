//! Events and relations on sentences of our own, with the repository's kb.

mod common;

use common::{builtin_kb, first_article_with};
use rasid_model::{ArticleRecord, Event};

fn article(text: &str) -> ArticleRecord {
    let a = first_article_with(builtin_kb(), text);
    let chars: Vec<char> = text.chars().collect();
    for e in &a.events {
        assert!(
            e.confidence.is_some_and(|c| (0.0..=1.0).contains(&c)),
            "every event has a confidence: {e:?}"
        );
        for m in std::iter::once(&e.evidence).chain(&e.mentions) {
            let got: String = chars[m.start..m.end].iter().collect();
            assert_eq!(got, m.text, "evidence span points into the document");
        }
    }
    for r in &a.relations {
        assert!(
            r.confidence.is_some_and(|c| (0.0..=1.0).contains(&c)),
            "every relation has a confidence: {r:?}"
        );
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

/// The event's doer, the first of its actors (none when the text names no doer).
fn doer(e: &Event) -> Option<&str> {
    e.actors.first().map(String::as_str)
}

fn of_type<'a>(a: &'a ArticleRecord, kind: &str) -> Vec<&'a Event> {
    a.events.iter().filter(|e| e.kind == kind).collect()
}

/// The one event of type `kind` in the article: fails when it has none or several.
fn the_one<'a>(a: &'a ArticleRecord, kind: &str) -> &'a Event {
    let found = of_type(a, kind);
    assert_eq!(found.len(), 1, "one {kind}: {:#?}", a.events);
    found[0]
}

/// The article has no event of type `kind`.
fn none_of(a: &ArticleRecord, kind: &str) {
    assert!(of_type(a, kind).is_empty(), "no {kind}: {:#?}", a.events);
}

/// The doers of the article's `count` events of type `kind` (fails on another count).
fn doers_of<'a>(a: &'a ArticleRecord, kind: &str, count: usize) -> Vec<Option<&'a str>> {
    let found = of_type(a, kind);
    assert_eq!(found.len(), count, "{count} {kind}: {:#?}", a.events);
    found.into_iter().map(doer).collect()
}

fn has_relation(a: &ArticleRecord, kind: &str, x: &str, y: &str) -> bool {
    a.relations
        .iter()
        .any(|r| r.kind == kind && ((r.a == x && r.b == y) || (r.a == y && r.b == x)))
}

#[test]
fn an_attack_has_its_doer_its_target_place_and_dead() {
    let a = article(
        "هجوم دام في اليمن\n\nشن مسلحون من تنظيم داعش الإرهابي هجوما على مواقع تنظيم القاعدة في جزيرة العرب بمديرية رداع في محافظة البيضاء، ما أسفر عن مقتل 12 من عناصر القاعدة وإصابة 7 آخرين.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("isis_yemen"), "{e:?}");
    assert!(e.actors.iter().any(|x| x == "aqap"), "{e:?}");
    assert_eq!(e.place.as_deref(), Some("رداع"), "{e:?}");
    assert_eq!((e.killed, e.injured), (Some(12), Some(7)));
    assert_eq!(e.modality, "reported");
    assert!(
        has_relation(&a, "HOSTILE", "isis_yemen", "aqap"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_combined_toll_is_not_a_death_toll() {
    let a = article(
        "اشتباكات\n\nاندلعت اشتباكات عنيفة بين مسلحي الحوثي وعناصر تنظيم القاعدة في مديرية رداع، أسفرت عن مقتل وإصابة أكثر من 20 من الطرفين.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(e.killed, None);
    assert!(e.actors.iter().any(|x| x == "houthis") && e.actors.iter().any(|x| x == "aqap"));
}

#[test]
fn security_forces_arrest_group_members() {
    let a = article(
        "القبض على خلية\n\nأعلنت وزارة الداخلية السعودية القبض على 5 عناصر ينتمون إلى تنظيم داعش الإرهابي في الرياض، وضبط أسلحة وعبوات ناسفة بحوزتهم.",
    );
    let arrest = the_one(&a, "ARREST");
    assert!(
        arrest.actors.iter().any(|x| x == "islamic_state"),
        "{:?}",
        arrest
    );
    assert_eq!(arrest.place.as_deref(), Some("الرياض"));
    the_one(&a, "SEIZE");
}

#[test]
fn a_claim_through_the_group_media_is_claimed_by_the_group() {
    let a = article(
        "تفجير انتحاري\n\nتبنى تنظيم داعش عبر وكالة أعماق التابعة له التفجير الانتحاري الذي استهدف مسجدا في مدينة أبها، وأسفر عن مقتل 15 شخصا.",
    );
    let e = of_type(&a, "ATTACK");
    assert!(!e.is_empty(), "{:#?}", a.events);
    assert_eq!(e[0].modality, "claimed");
    assert_eq!(e[0].claimed_by.as_deref(), Some("islamic_state"));
    assert_eq!(e[0].killed, Some(15));
}

#[test]
fn a_negated_trigger_gives_no_event() {
    let a = article(
        "بيان\n\nقال مسؤول أمني إن تنظيم القاعدة لم يهاجم المدينة، وإن الحوثيين لن يسيطروا على المديرية.",
    );
    none_of(&a, "ATTACK");
    none_of(&a, "TAKEOVER");
}

#[test]
fn two_reports_of_one_attack_merge_and_keep_both_sentences() {
    let a = article(
        "هجوم\n\nهاجم عناصر تنظيم داعش مقرات حركة الشباب المجاهدين في مقديشو. وأكدت مصادر محلية أن هجوم داعش على حركة الشباب استمر ساعات.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(e.mentions.len(), 2, "{:?}", e.mentions);
    assert_eq!(e.place.as_deref(), Some("مقديشو"));
}

#[test]
fn a_later_claim_gives_the_anonymous_bombing_its_doer() {
    let a = article(
        "تفجير\n\nقتل ثلاثة أشخاص في انفجار عبوة ناسفة استهدف سوقا شعبيا في مدينة بعقوبة يوم الخميس. وأعلن تنظيم داعش مسؤوليته عن التفجير في بيان.",
    );
    let e = of_type(&a, "ATTACK");
    assert_eq!(e.len(), 1, "one incident, one event: {:#?}", a.events);
    assert_eq!(doer(e[0]), Some("islamic_state"), "{:?}", e[0]);
    assert_eq!(e[0].modality, "claimed");
    assert_eq!(e[0].place.as_deref(), Some("بعقوبة"));
    assert_eq!(e[0].mentions.len(), 2, "{:?}", e[0].mentions);
}

#[test]
fn a_claim_does_not_take_an_act_whose_doer_is_named() {
    let a = article(
        "غارات\n\nشنت القوات العراقية غارات على مواقع في مدينة الفلوجة. وأعلن تنظيم داعش مسؤوليته عن الهجوم على نقطة تفتيش.",
    );
    let e = of_type(&a, "ATTACK");
    assert!(
        e.iter()
            .all(|x| doer(x) != Some("islamic_state") || x.place.is_none()),
        "the claim is not folded into the army's strikes: {:#?}",
        a.events
    );
}

#[test]
fn a_pledge_makes_an_affiliate_and_a_split_a_defection() {
    let a = article(
        "بيعة\n\nأعلنت جماعة بوكو حرام مبايعة تنظيم داعش، بعد أن انشقت جماعة جند الخلافة عن تنظيم القاعدة في بلاد المغرب الإسلامي.",
    );
    the_one(&a, "PLEDGE");
    assert!(
        has_relation(&a, "AFFILIATE", "boko_haram", "islamic_state"),
        "{:#?}",
        a.relations
    );
    assert!(
        a.relations.iter().any(|r| r.kind == "DEFECT"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_stated_alliance_and_a_mediator_are_relations() {
    let a = article(
        "تعاون\n\nكشفت مصادر عن تعاون وثيق بين ميليشيا الحوثي وتنظيم القاعدة في اليمن. وجرت مفاوضات بين الطرفين بوساطة الهلال الأحمر القطري لتبادل الأسرى.",
    );
    assert!(
        has_relation(&a, "ALLY", "houthis", "aqap"),
        "{:#?}",
        a.relations
    );
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == "MEDIATE" && r.a == "qatar_red_crescent"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_role_word_makes_a_leader_or_a_member() {
    let a = article(
        "مقتل قيادي\n\nأعلن تنظيم القاعدة في جزيرة العرب مقتل القيادي في التنظيم أبو عمر الحضرمي في غارة لطائرة مسيرة، فيما نعى أمير تنظيم القاعدة في جزيرة العرب خالد باطرفي القتلى.",
    );
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == "MEMBER" && r.b == "aqap"),
        "{:#?}",
        a.relations
    );
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == "LEADS" && r.b == "aqap"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_state_condemning_an_attack_is_not_its_party() {
    let a = article(
        "إدانة\n\nأدانت الأردن الهجوم الإرهابي الذي نفذه تنظيم داعش على مسجد في مدينة أبها، وأسفر عن مقتل 15 شخصا. وقالت الأردن إنها تقف مع المملكة.",
    );
    let e = the_one(&a, "ATTACK");
    assert!(!e.actors.iter().any(|x| x == "jordan"), "{:?}", e);
}

#[test]
fn a_state_named_where_an_act_happened_is_not_its_party() {
    // the capital and the border regions name the place, not the state as a side
    let a = article(
        "تفجير\n\nقتل 15 شخصا أمس في هجوم بشاحنة مفخخة في العاصمة كابل. وشنت الجماعة المتشددة هجمات في ضواحي كابل وأطراف العاصمة دمشق.",
    );
    let attacks = of_type(&a, "ATTACK");
    assert!(!attacks.is_empty(), "{:#?}", a.events);
    for e in attacks {
        assert!(
            !e.actors.iter().any(|x| x == "afghanistan" || x == "syria"),
            "{e:?}"
        );
    }
    // a state that acts stays a party
    let a = article(
        "غارات\n\nقصفت الطائرات التركية مواقع حزب العمال الكردستاني في شمال العراق أمس، ما أدى إلى مقتل عشرين مسلحا.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("turkey"));
    assert!(!e.actors.iter().any(|x| x == "iraq"), "{e:?}");
}

#[test]
fn freeing_people_is_a_release_and_freeing_a_town_a_takeover() {
    let a = article(
        "رهائن\n\nأعلن الجيش النيجيري أمس أنه حرر 30 رهينة بينهم أطفال ونساء كانت جماعة بوكو حرام تحتجزهم في ولاية بورنو.",
    );
    assert_eq!(doer(the_one(&a, "RELEASE")), Some("nigeria_army"));
    none_of(&a, "TAKEOVER");
    let a = article(
        "معارك\n\nحررت قوات الجيش النيجيري بلدة باما من جماعة بوكو حرام أمس بعد معارك عنيفة.",
    );
    assert_eq!(doer(the_one(&a, "TAKEOVER")), Some("nigeria_army"));
    none_of(&a, "RELEASE");
}

#[test]
fn defeating_plans_is_not_taking_ground() {
    let a = article(
        "أمن\n\nنجحت قوات الأمن السعودية في دحر مخططات تنظيم داعش الإرهابي، فيما سيطرت قوات التحالف على مدينة عدن.",
    );
    let t = the_one(&a, "TAKEOVER");
    assert_eq!(t.place.as_deref(), Some("عدن"));
    assert_eq!(doer(t), Some("saudi_led_coalition"), "{t:#?}");
}

#[test]
fn a_branch_named_with_its_parent_is_affiliated_to_it() {
    let a = article(
        "هجوم\n\nأعلنت حركة الشباب المجاهدين، أحد أذرع تنظيم القاعدة في شرق أفريقيا، مسؤوليتها عن الهجوم على فندق في مقديشو.",
    );
    assert!(
        a.relations.iter().any(|r| r.kind == "AFFILIATE"
            && r.a == "al_shabaab"
            && r.b == "al_qaeda"
            && !r.evidence.is_empty()),
        "{:#?}",
        a.relations
    );
}

#[test]
fn coordinated_actors_are_on_the_same_side() {
    let a = article(
        "هجوم\n\nشنت قوات من النيجر وتشاد هجوما واسعا على معاقل جماعة بوكو حرام قرب بحيرة تشاد، ما أسفر عن مقتل 30 مسلحا.",
    );
    assert!(
        !has_relation(&a, "HOSTILE", "niger", "chad"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_cue_inside_a_name_states_no_relation() {
    // «فرع» is part of the name «فرع القاعدة في اليمن»; «التحالف المشترك» is an alliance, not
    // the Saudi-led coalition
    let a = article(
        "تقرير\n\nكشفت مصادر أمنية عن التحالف المشترك بين الحوثيين والقاعدة، وقالت إن فرع القاعدة في اليمن نفذ هجوما على نقطة للجيش في محافظة أبين.",
    );
    assert!(
        !a.relations
            .iter()
            .any(|r| r.kind == "AFFILIATE" && (r.b == "yemen" || r.a == "yemen")),
        "{:#?}",
        a.relations
    );
    assert!(
        !a.actors.iter().any(|x| x.id == "saudi_led_coalition"),
        "{:#?}",
        a.actors
    );
}

#[test]
fn a_cue_after_two_actors_relates_them_only_when_they_are_joined() {
    let a = article("تحليل\n\nاستخدمت إيران جماعة الحوثي ورقة ضد الخصوم في المنطقة منذ سنوات.");
    assert!(
        !has_relation(&a, "HOSTILE", "iran", "houthis"),
        "{:#?}",
        a.relations
    );
    let b = article("تحليل\n\nيقول مراقبون إن الحوثيين والقاعدة حلفاء في محافظة البيضاء.");
    assert!(
        has_relation(&b, "ALLY", "houthis", "aqap"),
        "{:#?}",
        b.relations
    );
}

#[test]
fn a_clause_opening_with_a_pronoun_is_about_the_actor_before_it() {
    let a = article(
        "مالي\n\nتبنت جبهة تحرير ماسينا هجوما مسلحا على ثكنة للجيش المالي في وسط مالي، وهي متحالفة مع حركة أنصار الدين.",
    );
    assert!(
        has_relation(&a, "ALLY", "katiba_macina", "ansar_dine"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn the_opponent_of_a_supported_group_is_not_a_party_to_the_support() {
    let a = article(
        "اليمن\n\nقدمت مليشيا الحوثي دعما عسكريا لتنظيم القاعدة في حربه ضد تنظيم داعش في محافظة البيضاء.",
    );
    assert!(
        has_relation(&a, "ALLY", "houthis", "aqap"),
        "{:#?}",
        a.relations
    );
    assert!(
        !a.relations
            .iter()
            .any(|r| r.kind == "ALLY" && (r.a.starts_with("isis") || r.b.starts_with("isis"))),
        "{:#?}",
        a.relations
    );
}

#[test]
fn security_strikes_are_the_state_forces_attacks() {
    // «يتعرض X لضربات أمنية»: X is the target, the article's state force the doer
    let a = article(
        "الجزائر\n\nأعلن الجيش الوطني الشعبي حصيلة عملياته في ولاية بجاية. ويتعرض تنظيم جند الخلافة لضربات أمنية موجعة في ولاية تيزي وزو منذ أشهر.",
    );
    assert!(
        has_relation(&a, "HOSTILE", "algeria_anp", "jund_al_khilafa"),
        "{:#?}\n{:#?}",
        a.events,
        a.relations
    );
}

#[test]
fn a_role_in_the_next_sentence_or_behind_a_pronoun_gives_the_affiliation() {
    let a = article(
        "الجزائر\n\nسلم نفسه القيادي عمار بن سالم الطيبي، المكنى “أبو قتادة”. وهو قيادي بارز في تنظيم جند الخلافة الإرهابي المسؤول عن هجمات مسلحة وتفجيرات في ولاية بجاية.",
    );
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == "MEMBER" && r.b == "jund_al_khilafa" && r.a.starts_with("person:")),
        "{:#?}\n{:#?}",
        a.actors,
        a.relations
    );
    let b = article(
        "مالي\n\nوكانت حركة أنصار الدين المسلحة قد تبنت، على لسان أحد أبرز مؤسسيها عمر الهاشمي، هجوما إرهابيا على ثكنة للجيش المالي.",
    );
    assert!(
        b.relations
            .iter()
            .any(|r| r.kind == "LEADS" && r.b == "ansar_dine" && r.a.starts_with("person:")),
        "{:#?}\n{:#?}",
        b.actors,
        b.relations
    );
}

#[test]
fn a_clash_between_two_sides_is_between_those_two_only() {
    // the second side is unnamed («مسلحين»): the army fought nobody the sentence names
    let a = article(
        "لبنان\n\nاندلعت معارك عنيفة بين الجيش اللبناني ومسلحين قدموا من سوريا قرب بلدة عرسال، بينما أعلن حزب الله استنفار عناصره.",
    );
    assert!(
        !a.relations
            .iter()
            .any(|r| r.kind == "HOSTILE" && (r.a == "hezbollah" || r.b == "hezbollah")),
        "{:#?}",
        a.relations
    );
}

#[test]
fn the_forces_of_one_state_are_not_enemies_of_each_other() {
    let a = article(
        "العراق\n\nشن الجيش العراقي والقوات الأمنية العراقية هجوما واسعا على مواقع تنظيم داعش في مدينة الرمادي، بمشاركة قوات الحشد الشعبي.",
    );
    // «بمشاركة قوات الحشد الشعبي»: on the attackers' side
    assert!(
        !a.relations.iter().any(|r| r.kind == "HOSTILE"
            && (r.a.starts_with("iraq") || r.a == "pmf")
            && (r.b.starts_with("iraq") || r.b == "pmf")),
        "{:#?}",
        a.relations
    );
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == "HOSTILE" && (r.a.starts_with("iraq") || r.b.starts_with("iraq"))),
        "{:#?}",
        a.relations
    );
}

#[test]
fn who_reports_an_attack_is_not_its_party() {
    let a = article(
        "سوريا\n\nقال المرصد السوري لحقوق الإنسان إن سيارة ملغومة استهدفت نقطة تفتيش لوحدات حماية الشعب الكردية في مدينة القامشلي، ما أسفر عن مقتل 5 مقاتلين.",
    );
    assert!(
        !a.events
            .iter()
            .any(|e| e.actors.iter().any(|x| x == "sohr")),
        "{:#?}",
        a.events
    );
    assert!(
        !a.relations.iter().any(|r| r.a == "sohr" || r.b == "sohr"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn fighting_alongside_is_an_alliance_and_a_list_of_targets_is_one_side() {
    let a = article(
        "سوريا\n\nأكدت مصادر ميدانية أن حزب الله يقاتل إلى جانب قوات النظام السوري في هجمات مسلحة على مواقع تنظيم داعش الإرهابي في ريف حمص.",
    );
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == "ALLY" && [&r.a, &r.b].iter().any(|x| *x == "hezbollah")),
        "{:#?}",
        a.relations
    );
    assert!(
        !a.relations.iter().any(|r| r.kind == "HOSTILE"
            && [&r.a, &r.b].iter().any(|x| *x == "hezbollah")
            && [&r.a, &r.b].iter().any(|x| x.starts_with("syria"))),
        "{:#?}",
        a.relations
    );
    let b = article(
        "سوريا\n\nلجأ مقاتلون إلى المناطق الجبلية وصاروا ينطلقون منها لتنفيذ هجمات على مواقع حزب الله والقوات النظامية في القلمون.",
    );
    assert!(
        !b.relations.iter().any(|r| r.kind == "HOSTILE"
            && [&r.a, &r.b].iter().any(|x| *x == "hezbollah")
            && [&r.a, &r.b].iter().any(|x| x.starts_with("syria"))),
        "{:#?}",
        b.relations
    );
}

#[test]
fn stopping_operations_is_no_arrest_and_hostage_taking_is_an_abduction() {
    let a = article(
        "العراق\n\nأفادت مصادر عسكرية أن القوات العراقية أوقفت عمليات القصف الجوي على مواقع تنظيم داعش في الفلوجة لضمان خروج العوائل.",
    );
    none_of(&a, "ARREST");
    let b = article(
        "مالي\n\nنفذ مسلحون من تنظيم القاعدة في بلاد المغرب الإسلامي عملية احتجاز رهائن في فندق بمدينة سيفاري انتهت بمقتل 13 شخصا.",
    );
    none_of(&b, "ARREST");
    let attack = the_one(&b, "ATTACK");
    assert_eq!(attack.subtype.as_deref(), Some("abduction"));
}

#[test]
fn the_actor_before_a_relative_clause_did_the_arresting() {
    let a = article(
        "حملة أمنية\n\nأكد المتحدث أن قوات الأمن السعودية التي اعتقلت خمسة من المنتمين لتنظيم داعش في الرياض أمس واصلت التحقيق معهم.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!(
        arrest.actors,
        ["saudi_security_forces", "islamic_state"],
        "{:#?}",
        arrest
    );
}

#[test]
fn the_side_whose_men_were_killed_is_the_target_of_a_clash() {
    let a = article(
        "معارك الأنبار\n\nقتل ستة من مليشيا الحشد الشعبي وأصيب 12 في اشتباك مع مقاتلي تنظيم داعش في الرمادي.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(attack.actors, ["islamic_state", "pmf"], "{:#?}", attack);
    assert_eq!((attack.killed, attack.injured), (Some(6), Some(12)));
}

#[test]
fn wishes_demands_and_questions_are_not_events() {
    let a = article(
        "تهديدات\n\nوتريد الجماعة توجيه ضربات جديدة إلى قوات التحالف العربي. وطالبت جبهة النصرة التي تحتجز جنودا من الجيش اللبناني بالإفراج عن سجينات في سجن رومية. فهل يهاجم تنظيم داعش مدينة الرمادي؟",
    );
    none_of(&a, "ATTACK");
    none_of(&a, "RELEASE");
}

#[test]
fn a_bombing_with_no_named_doer_has_no_doer() {
    let a = article(
        "انفجار في بغداد\n\nانفجرت سيارة مفخخة قرب مركز للشرطة العراقية في بغداد أمس ما أسفر عن مقتل 5 من عناصر الشرطة العراقية.",
    );
    let attack = the_one(&a, "ATTACK");
    assert!(attack.actors.is_empty(), "{:#?}", attack);
    assert!(!attack.targets.is_empty(), "{:#?}", attack);
    assert_eq!(attack.killed, Some(5));
}

#[test]
fn one_bombing_told_in_two_sentences_is_one_event() {
    let a = article(
        "تفجير انتحاري\n\nفجر انتحاري نفسه في مسجد بمدينة أبها أمس مما أسفر عن مقتل 15 شخصا. وأعلن تنظيم داعش مسؤوليته عن التفجير الانتحاري في أبها الذي أدى إلى إصابة 33 آخرين.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("islamic_state"));
    assert_eq!((e.killed, e.injured), (Some(15), Some(33)), "{e:#?}");
    assert_eq!(e.mentions.len(), 2);
}

#[test]
fn who_says_an_attack_happened_is_not_its_party() {
    let a = article(
        "هجوم في كينيا\n\nوقالت الشرطة الكينية والصليب الأحمر إن مسلحين من حركة الشباب هاجموا حافلة قرب لامو.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("al_shabaab"), "{:#?}", attack);
    assert!(
        !attack.actors.iter().any(|x| x.contains("kenya")),
        "{:#?}",
        attack
    );
}

#[test]
fn allies_fighting_beside_the_doer_are_doers_and_the_side_hit_is_the_target() {
    let a = article(
        "معارك تعز\n\nشنت المقاومة الشعبية والجيش الوطني هجوما عنيفا على مواقع ميليشيات الحوثي في مدينة تعز، وقتل عشرة من المسلحين.",
    );
    let attack = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.actors.contains(&"houthis".to_string()))
        .expect("the attack on the Houthis");
    assert_eq!(attack.targets, ["houthis"], "{attack:#?}");
    let doers: Vec<&String> = attack.doers().collect();
    assert_eq!(
        doers,
        ["yemen_popular_resistance", "yemen_army"],
        "{attack:#?}"
    );
    assert_eq!(attack.actors.last().map(String::as_str), Some("houthis"));
}

#[test]
fn the_side_that_withdrew_lost_the_ground() {
    let a = article("انسحاب\n\nانسحب مسلحو تنظيم داعش من مدينة تل أبيض بعد معارك عنيفة.");
    let takeover = the_one(&a, "TAKEOVER");
    assert!(takeover.actors.is_empty(), "{:#?}", takeover);
    assert_eq!(takeover.targets, ["islamic_state"]);
}

#[test]
fn what_an_act_is_for_did_not_happen_but_what_was_suffered_did() {
    let a = article(
        "الفلوجة\n\nوتواصل القوات العراقية عمليات عسكرية لطرد تنظيم داعش من مدينة الفلوجة.",
    );
    none_of(&a, "TAKEOVER");
    let b = article(
        "قصف في صعدة\n\nتعرضت مواقع جماعة الحوثي لقصف عنيف من طائرات التحالف العربي في صعدة.",
    );
    let attack = the_one(&b, "ATTACK");
    assert!(
        attack
            .actors
            .iter()
            .chain(&attack.targets)
            .any(|x| x == "houthis"),
        "{:#?}",
        attack
    );
}

#[test]
fn a_verb_and_its_object_with_the_subject_between_are_one_trigger() {
    let a = article(
        "إسطنبول\n\nوفتح مسلحون من حزب العمال الكردستاني النار على مركز للشرطة التركية في إسطنبول.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("pkk"), "{attack:#?}");
    assert_eq!(attack.targets, ["turkish_security_forces"], "{attack:#?}");
    assert!(attack.evidence.rule.contains("فتح"), "{attack:#?}");
    let b = article(
        "ميليشيات الحوثي تفرج عن صحافيين\n\nوأطلقت جماعة الحوثي أمس سراح خمسة صحافيين في صنعاء.",
    );
    assert_eq!(doer(the_one(&b, "RELEASE")), Some("houthis"));
    // a release is no attack: «النار» must complete the verb
    none_of(&b, "ATTACK");
    let c =
        article("تونس تعتقل مسلحين\n\nوقبضت قوات الأمن التونسية أمس على ثلاثة مسلحين في القصرين.");
    assert_eq!(doer(the_one(&c, "ARREST")), Some("tunisia_security_forces"));
    let d = article("داعش يفرج عن مسيحيين\n\nوأفرج تنظيم داعش أمس عن 20 مسيحيا في الحسكة.");
    assert_eq!(doer(the_one(&d, "RELEASE")), Some("islamic_state"));
}

#[test]
fn a_masdar_of_purpose_before_the_trigger_says_what_an_act_is_for() {
    let a = article(
        "الزبداني\n\nويشن الجيش السوري وجماعة حزب الله هجوما لانتزاع السيطرة على مدينة الزبداني من قوات المعارضة.",
    );
    none_of(&a, "TAKEOVER");
    the_one(&a, "ATTACK");
    let b = article(
        "أبين\n\nوتواصل المقاومة الشعبية زحفها باتجاه مدينة لودر لملاحقة بقايا الحوثيين لإحكام سيطرتها على كامل محافظة أبين.",
    );
    none_of(&b, "TAKEOVER");
}

#[test]
fn a_condition_reports_nothing_however_long_its_subject() {
    let a = article(
        "درعا\n\nوإذا انتزعت فصائل المعارضة السورية المسلحة المنظمة تنظيما جيدا السيطرة على مدينة درعا فإن ذلك سيعجل بتقدمها صوب دمشق.",
    );
    none_of(&a, "TAKEOVER");
    // «ما إذا», whether: what follows in the clause is told
    let b = article(
        "الفوعة\n\nولم يعرف ما إذا كان القتلى مدنيين أم مسلحين، مشيرا إلى اشتباكات عنيفة بين جبهة النصرة وقوات الدفاع الوطني في محيط بلدة الفوعة.",
    );
    the_one(&b, "ATTACK");
}

#[test]
fn ground_the_gazetteer_does_not_name_is_still_ground_taken() {
    let a = article(
        "لحج\n\nسيطرت قوات المقاومة الشعبية على معسكر الصدرين بعد معارك مع ميليشيات الحوثي.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(doer(takeover), Some("yemen_popular_resistance"));
    // the ground told taken twice in one clause: who was expelled lost it
    let a2 = article("لحج\n\nسيطرت المقاومة الشعبية على معسكر لبوزة بعد طرد الحوثيين منه.");
    let takeover = the_one(&a2, "TAKEOVER");
    assert_eq!(doer(takeover), Some("yemen_popular_resistance"));
    assert_eq!(takeover.targets, ["houthis"], "{takeover:#?}");
    let b = article(
        "الرمادي\n\nتمكنت القوات العراقية من استعادة السيطرة على جامعة الأنبار من تنظيم داعش.",
    );
    let takeover = the_one(&b, "TAKEOVER");
    assert_eq!(takeover.targets, ["islamic_state"], "{takeover:#?}");
    // who held the ground taken lost it, however the holding is told
    let e = article(
        "مأرب\n\nاستعادت قوات الجيش الوطني السيطرة على مواقع كانت خاضعة لسيطرة الحوثيين في مأرب.",
    );
    let takeover = the_one(&e, "TAKEOVER");
    assert_eq!(takeover.targets, ["houthis"], "{takeover:#?}");
    // control of a fire is no ground, nor is al-Qaeda expelled with no place named
    let c = article("حريق\n\nنجحت قوات الأمن في السيطرة على الحريق الذي اندلع في مستودع للوقود.");
    none_of(&c, "TAKEOVER");
    let d = article("القاعدة\n\nتمكنت القوات اليمنية من طرد تنظيم القاعدة بعد معارك عنيفة.");
    none_of(&d, "TAKEOVER");
}

#[test]
fn an_armed_group_that_arrests_is_the_arrester_unless_passive() {
    let a = article("اعتقالات\n\nجبهة النصرة تعتقل قائدا في الجيش السوري الحر بريف حلب.");
    let arrests = of_type(&a, "ARREST");
    assert_eq!(arrests.len(), 1, "{:#?}", a.events);
    assert_eq!(doer(arrests[0]), Some("nusra_front"));
    let b = article("اعتقالات\n\nعناصر من جبهة النصرة تم اعتقالهم في بلدة عرسال اللبنانية.");
    let arrests = of_type(&b, "ARREST");
    assert!(
        arrests.iter().all(|e| doer(e) != Some("nusra_front")),
        "{:#?}",
        b.events
    );
}

#[test]
fn a_dateline_names_no_party() {
    let a = article("كينيا: مقتل 5 أشخاص بهجوم على آلية للشرطة قرب لامو\n\nقتل خمسة أشخاص في هجوم على آلية للشرطة قرب لامو. وأعلنت كينيا الحداد، وتنشط حركة الشباب الصومالية في المنطقة.");
    assert!(
        a.events
            .iter()
            .all(|e| !e.actors.iter().any(|x| x == "kenya")),
        "{:#?}",
        a.events
    );
}

#[test]
fn a_country_across_the_border_is_a_place_not_a_party() {
    let a = article(
        "تفجير سروج\n\nقتل 32 شخصا في هجوم انتحاري تبناه تنظيم داعش في بلدة سروج على الحدود مع سوريا. وتقاتل سوريا التنظيم منذ سنوات.",
    );
    let attacks = of_type(&a, "ATTACK");
    assert!(!attacks.is_empty(), "{:#?}", a.events);
    assert!(
        attacks
            .iter()
            .all(|e| !e.actors.iter().chain(&e.targets).any(|x| x == "syria")),
        "{:#?}",
        attacks
    );
}

#[test]
fn a_country_after_a_border_adjective_is_a_place_not_a_party() {
    // «معبر تل أبيض الحدودي مع تركيا»: the crossing lies on the border with Turkey, which
    // lost nothing
    let a = article(
        "معارك الرقة\n\nوانتزعت وحدات حماية الشعب الكردية من تنظيم داعش السيطرة على معبر تل أبيض الحدودي مع تركيا أمس. وتراقب تركيا الحدود منذ أشهر.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert!(
        !takeover
            .actors
            .iter()
            .chain(&takeover.targets)
            .any(|x| x == "turkey"),
        "{takeover:?}"
    );
}

#[test]
fn those_named_after_opposed_to_are_not_the_ones_who_act() {
    // «القوات المناهضة للحوثيين … هجومهم»: the forces opposed to the Houthis attack
    let a = article(
        "معارك عدن\n\nويقول مسؤولون في القوات المناهضة للحوثيين إن هجومهم على مطار عدن خطط له منذ أسابيع.",
    );
    for attack in of_type(&a, "ATTACK") {
        assert_ne!(doer(attack), Some("houthis"), "{attack:?}");
    }
}

#[test]
fn who_launches_a_campaign_of_arrests_does_the_arresting() {
    // «شن مسلحو الحوثي سلسلة من الاختطافات والاعتقالات»: the Houthis arrest, they are not
    // the ones arrested
    let a = article(
        "اليمن\n\nوشن مسلحو الحوثي سلسلة من الاختطافات والاعتقالات طالت العشرات من قيادات الأحزاب السياسية في مدن محافظة إب.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!(doer(arrest), Some("houthis"), "{arrest:?}");
    assert!(arrest.targets.is_empty(), "{arrest:?}");
}

#[test]
fn an_event_is_placed_at_its_town_not_its_province() {
    let a = article(
        "معارك الأنبار\n\nهاجم مسلحون من تنظيم داعش مواقع للجيش العراقي في محافظة الأنبار قرب مدينة الرمادي.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(attack.place.as_deref(), Some("الرمادي"), "{:#?}", attack);
}

#[test]
fn a_province_named_like_its_capital_is_the_province_not_the_town() {
    // «لحج» alone is the governorate; its capital is «الحوطة»
    let a = article(
        "تحرير لحج\n\nسيطرت المقاومة الشعبية أمس على مدينة الحوطة عاصمة محافظة لحج بعد معارك مع الحوثيين، وتواصل تقدمها في لحج.",
    );
    let t = the_one(&a, "TAKEOVER");
    assert_eq!(t.place.as_deref(), Some("الحوطة"), "{t:#?}");
    let names: Vec<&str> = a.places.iter().map(|p| p.name_ar.as_str()).collect();
    assert!(names.contains(&"لحج"), "{names:?}");
}

#[test]
fn the_actor_of_the_act_condemned_is_the_acts_not_a_condemner() {
    let a = article(
        "مسيرة في المكلا\n\nخرج المئات في مسيرة تندد باعتقال «القاعدة» لخمسة من الضباط المتقاعدين في مدينة المكلا. ويسيطر تنظيم القاعدة على المدينة منذ أبريل بعد هجوم على مقرات الجيش.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!(doer(arrest), Some("aqap"), "{arrest:#?}");
    let a = article(
        "إدانة\n\nأدانت الولايات المتحدة هجمات بوكو حرام الوحشية في نيجيريا والكاميرون التي قتل فيها العشرات.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("boko_haram"), "{attack:#?}");
}

#[test]
fn an_act_naming_no_actor_does_not_read_a_later_contrastive_clause() {
    let a = article(
        "مقديشو\n\nهاجم مسلحو حركة الشباب قاعدة للجيش الصومالي جنوب مقديشو أمس وقتلوا خمسة جنود. وحصلت عملية الاغتيال في حي هودن، فيما أشادت الولايات المتحدة بعمل قوة أميصوم في الصومال.",
    );
    assert!(
        a.events
            .iter()
            .all(|e| !e.actors.iter().any(|x| x == "usa" || x == "amisom")),
        "the US only praised AMISOM: {:#?}",
        a.events
    );
}

#[test]
fn a_habit_is_no_act() {
    let a = article(
        "الصومال\n\nقتل عشرة من مقاتلي حركة الشباب في غارة على معسكر لهم جنوب الصومال أمس. ودائما ما تشن الولايات المتحدة غارات بطائرات بلا طيار على أهداف لحركة الشباب.",
    );
    assert!(
        a.events
            .iter()
            .flat_map(|e| std::iter::once(&e.evidence).chain(&e.mentions))
            .all(|m| !m.text.contains("ودائما")),
        "{:#?}",
        a.events
    );
}

#[test]
fn who_condemns_an_attack_is_not_its_party() {
    let a = article(
        "إدانات\n\nوأعربت الحكومة الأردنية عن إدانتها الشديدة للتفجير الإرهابي الذي استهدف مسجدا لقوات الطوارئ في أبها. وأكدت الحكومة الأردنية وقوفها إلى جانب المملكة في حربها على تنظيم داعش.",
    );
    let e = the_one(&a, "ATTACK");
    assert!(e.actors.is_empty(), "the text names no doer: {e:#?}");
    assert_eq!(e.targets, ["saudi_special_emergency_forces"], "{e:#?}");
}

#[test]
fn who_repelled_an_attack_did_not_make_it_and_a_foiled_one_did_not_happen() {
    let a = article("معارك بيجي\n\nصدت قوات الجيش العراقي هجوما لتنظيم داعش على مصفاة بيجي.");
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("islamic_state"), "{:#?}", attack);
    let b =
        article("إحباط\n\nأحبطت الأجهزة الأمنية السعودية هجوما إرهابيا خطط له تنظيم داعش في الرياض.");
    none_of(&b, "ATTACK");
}

#[test]
fn a_bombing_is_not_by_the_forces_named_after_it_nor_by_the_allies_of_its_target() {
    let a = article(
        "تفجير في الرياض\n\nفجر انتحاري نفسه عند نقطة تفتيش في الرياض مساء أمس، مما دفع قوات الأمن السعودية إلى إغلاق المنطقة.",
    );
    assert!(
        a.events
            .iter()
            .all(|e| doer(e) != Some("saudi_security_forces")),
        "{:#?}",
        a.events
    );
    let b = article(
        "هجوم النصرة\n\nهاجمت جبهة النصرة حلفاء الولايات المتحدة في ريف حلب الشمالي. وكانت الولايات المتحدة قد دربت هؤلاء المقاتلين.",
    );
    let attack = the_one(&b, "ATTACK");
    assert_eq!(attack.actors, ["nusra_front"], "{:#?}", attack);
}

#[test]
fn the_base_named_before_is_not_al_qaeda_but_the_group_still_is() {
    let a = article(
        "قاعدة العند\n\nاستعادت قوات المقاومة الشعبية السيطرة على قاعدة العند الجوية بعد معارك مع الحوثيين. ودخل المقاتلون القاعدة من الجهة الشمالية وسيطروا على مدرج القاعدة.",
    );
    assert!(
        !a.actors
            .iter()
            .any(|x| x.id == "aqap" || x.id == "al_qaeda"),
        "«القاعدة» is the base here: {:#?}",
        a.actors
    );
    assert!(
        !a.events
            .iter()
            .any(|e| e.actors.iter().any(|x| x == "aqap")),
        "{:#?}",
        a.events
    );
    let b = article(
        "قاعدة العند\n\nاستعادت قوات المقاومة الشعبية السيطرة على قاعدة العند الجوية، فيما هاجم عناصر القاعدة نقطة أمنية في محافظة أبين.",
    );
    assert!(
        b.actors.iter().any(|x| x.id == "aqap"),
        "«عناصر القاعدة» is the group: {:#?}",
        b.actors
    );
}

#[test]
fn a_force_named_without_its_country_takes_the_country_framing_its_sentence() {
    let a = article(
        "اليمن\n\nقصفت طائرات التحالف مواقع الحوثيين في صنعاء وصعدة وتعز، وقالت مصادر يمنية إن الحوثيين خسروا مواقع في مأرب. وفي الكويت، أعلنت وزارة الداخلية القبض على خلية إرهابية.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!(
        doer(arrest),
        Some("kuwait_security_forces"),
        "«وفي الكويت،» frames the sentence, not the article's Yemen: {:?}",
        arrest
    );
}

#[test]
fn a_claim_naming_no_act_gives_the_earlier_bombing_its_doer_unless_negated() {
    let a = article(
        "تفجير\n\nقتل 15 شخصا في تفجير انتحاري استهدف مسجدا في مدينة أبها. وتبنى تنظيم داعش الإرهابي الجريمة في بيان.",
    );
    let e = of_type(&a, "ATTACK");
    assert_eq!(e.len(), 1, "{:#?}", a.events);
    assert_eq!(doer(e[0]), Some("islamic_state"), "{:?}", e[0]);
    assert_eq!(e[0].modality, "claimed");
    assert_eq!(e[0].mentions.len(), 2);
    let b = article(
        "تفجير\n\nقتل 15 شخصا في تفجير انتحاري استهدف مسجدا في مدينة أبها. ولم يتبن تنظيم داعش الجريمة حتى الآن.",
    );
    let e = of_type(&b, "ATTACK");
    assert!(
        e.iter().all(|x| x.actors.is_empty()),
        "a negated claim names no doer: {:#?}",
        b.events
    );
}

#[test]
fn what_is_about_to_happen_or_scheduled_is_no_event() {
    let a = article(
        "الحديدة\n\nقال مصدر إن القوات الحكومية على وشك استعادة السيطرة على مدينة الحديدة من الحوثيين. وكان من المقرر الإفراج عن الرهائن في مدينة مأرب أمس.",
    );
    none_of(&a, "TAKEOVER");
    none_of(&a, "RELEASE");
}

#[test]
fn the_actor_in_construct_with_a_verbal_noun_is_acted_on() {
    let a = article("غارات في سوريا\n\nوأسفر استهداف تنظيم داعش في ريف حلب عن مقتل 20 من عناصره.");
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), None, "{:?}", e);
    assert!(!e.targets.is_empty(), "{:?}", e);
}

#[test]
fn an_actor_in_construct_followed_by_its_own_object_is_the_doer() {
    let a = article(
        "اعتقالات في المكلا\n\nوشهدت مدينة المكلا في محافظة حضرموت أمس حملة اعتقال تنظيم القاعدة لخمسة من الضباط المتقاعدين في الجيش اليمني، بعد أسابيع من سيطرة مسلحي التنظيم على المدينة.",
    );
    let e = the_one(&a, "ARREST");
    assert_eq!(doer(e), Some("aqap"), "{:?}", e);
    assert_eq!(e.actors.get(1).map(String::as_str), Some("yemen_army"));
}

#[test]
fn the_subject_of_a_light_verb_does_the_act_after_it() {
    let a = article(
        "تفجير في أبين\n\nوفي محافظة أبين التي تسيطر عليها جماعة الحوثي قام تنظيم القاعدة بتفجير مقر أمني أمس.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("aqap"), "{:?}", e);
    assert!(!e.actors.iter().any(|x| x == "houthis"), "{:?}", e);
}

#[test]
fn the_actor_after_a_passive_is_acted_on() {
    let a = article(
        "اغتيال في رداع\n\nوقالت مصادر محلية إنه تم اغتيال قائد في جماعة الحوثي أمس في مديرية رداع بمحافظة البيضاء.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), None, "{:?}", e);
    assert!(e.targets.iter().any(|x| x == "houthis"), "{:?}", e);
}

#[test]
fn an_act_and_the_reply_to_it_stay_two_events() {
    let a = article(
        "معارك في الأنبار\n\nهاجم تنظيم داعش مواقع للجيش العراقي في الرمادي أمس. ورد الجيش العراقي بقصف مواقع تنظيم داعش في الرمادي.",
    );
    let doers = doers_of(&a, "ATTACK", 2);
    assert!(doers.contains(&Some("islamic_state")), "{doers:?}");
    assert!(
        doers
            .iter()
            .any(|d| d.is_some_and(|x| x != "islamic_state")),
        "{doers:?}"
    );
}

#[test]
fn an_aim_or_a_fear_is_no_event() {
    let told = article(
        "الفلوجة\n\nوقال مسؤول عسكري إن القوات العراقية بدأت عملية اقتحام مدينة الفلوجة من تنظيم داعش أمس.",
    );
    the_one(&told, "ATTACK");
    let aim = article(
        "الفلوجة\n\nوقال مسؤول عسكري إن العملية التي بدأتها القوات العراقية تهدف إلى اقتحام مدينة الفلوجة من تنظيم داعش.",
    );
    none_of(&aim, "ATTACK");
    let fear = article(
        "الأنبار\n\nويتخوف خبراء أن يقوم تنظيم داعش بتنفيذ هجمات على مواقع الجيش العراقي في الأنبار.",
    );
    none_of(&fear, "ATTACK");
}

#[test]
fn the_place_of_an_act_already_told_is_no_new_act() {
    let a = article(
        "الجنود المخطوفون\n\nويجهل الجيش اللبناني مكان احتجاز الجنود المخطوفين لدى تنظيم داعش.",
    );
    none_of(&a, "ARREST");
}

#[test]
fn an_earlier_act_after_ba3d_keeps_its_parties_apart() {
    let a = article(
        "كابل\n\nوشنت قوات الأمن الأفغانية حملة اعتقالات في كابل بعد ساعات على هجوم استهدف مقرا لحركة طالبان.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!(doer(arrest), Some("afghan_forces"), "{:?}", arrest);
    assert!(
        !arrest.actors.iter().any(|x| x == "taliban"),
        "{:?}",
        arrest
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{:?}", attack);
}

#[test]
fn a_state_adjective_on_the_act_names_its_doer() {
    let a = article(
        "أنقرة\n\nقتل نحو 200 مسلح من حزب العمال الكردستاني خلال أسبوع من الغارات الجوية التركية على معاقل الحزب في جبال قنديل.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("turkey"), "{:?}", attack);
    assert!(attack.actors.iter().any(|x| x == "pkk"), "{:?}", attack);
    assert!(has_relation(&a, "HOSTILE", "turkey", "pkk"));
    let turkey = a.actors.iter().find(|x| x.id == "turkey").expect("turkey");
    assert!(
        turkey
            .mentions
            .iter()
            .any(|m| m.rule == "actor:demonym+act" && m.text == "التركية"),
        "{:?}",
        turkey.mentions
    );
}

#[test]
fn a_second_act_joined_by_and_is_done_by_the_same_side() {
    // «ضربات أمريكية وغارات التحالف»: the coalition struck too, it was not struck
    let a = article(
        "عدن\n\nتراجع نفوذ تنظيم القاعدة في جزيرة العرب في جنوب اليمن إثر ضربات أمريكية وغارات التحالف العربي على معاقله في المكلا.",
    );
    assert!(
        !has_relation(&a, "HOSTILE", "usa", "saudi_led_coalition"),
        "{:?}",
        a.relations
    );
    let attacks = of_type(&a, "ATTACK");
    assert!(
        attacks.iter().any(|e| doer(e) == Some("usa")),
        "{:?}",
        a.events
    );
}

#[test]
fn an_office_with_a_state_adjective_makes_its_holder_serve_or_lead_the_state() {
    let a = article(
        "روما\n\nوأكد وزير الخارجية الإيطالي باولو جينتيلوني أن الحكومة الإيطالية تتابع خطف أربعة من رعاياها في ليبيا على يد مسلحين من تنظيم داعش. وقال الرئيس الإيطالي سيرجيو ماتاريلا إن الحكومة الإيطالية لن تتخلى عنهم.",
    );
    let person = |part: &str| {
        a.actors
            .iter()
            .find(|x| x.name_ar.contains(part))
            .map(|x| x.id.clone())
            .unwrap_or_else(|| panic!("{part} not found: {:?}", a.actors))
    };
    let minister = person("جينتيلوني");
    let president = person("ماتاريلا");
    assert!(
        has_relation(&a, "MEMBER", &minister, "italy"),
        "{:?}",
        a.relations
    );
    assert!(
        has_relation(&a, "LEADS", &president, "italy"),
        "{:?}",
        a.relations
    );
}

#[test]
fn a_group_led_by_a_named_person_is_led_by_that_person() {
    // «بقيادة» after a group: the name after it leads the group (a name the kb does not know)
    let a = article(
        "دمشق\n\nاستعادت فصائل جيش الإسلام بقيادة سالم الدوماني السيطرة على بلدة في الغوطة الشرقية بعد معارك مع قوات النظام.",
    );
    let leader = a
        .actors
        .iter()
        .find(|x| x.name_ar.contains("الدوماني"))
        .map(|x| x.id.clone())
        .unwrap_or_else(|| panic!("no leader: {:?}", a.actors));
    assert!(
        has_relation(&a, "LEADS", &leader, "jaysh_al_islam"),
        "{:?}",
        a.relations
    );
}

#[test]
fn taking_ground_is_a_takeover_even_with_words_before_its_preposition() {
    // «سيطرت X أمس على …»: the subject and the day stand between the verb and «على»
    let a = article(
        "مقديشو\n\nسيطرت قوات الاتحاد الأفريقي أمس الخميس على مدينة باردهير جنوب غربي الصومال بعد معارك مع حركة الشباب.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(takeover.place.as_deref(), Some("باردهير"), "{:?}", takeover);
    assert_ne!(doer(takeover), Some("al_shabaab"), "{:?}", takeover);
}

#[test]
fn a_seizure_of_people_is_an_arrest() {
    let a = article(
        "الكويت\n\nأعلنت وزارة الداخلية الكويتية ضبط 45 شخصًا ينتمون إلى تنظيم داعش الإرهابي كانوا يخططون لتفجير مساجد في البلاد.",
    );
    the_one(&a, "ARREST");
    none_of(&a, "SEIZE");
    // things seized are no arrest
    let b = article(
        "الكويت\n\nأعلنت وزارة الداخلية الكويتية ضبط كميات من الأسلحة والذخائر في مخزن لتنظيم داعش الإرهابي كان يخطط لتفجير مساجد في البلاد.",
    );
    none_of(&b, "ARREST");
}

#[test]
fn a_states_own_arrest_with_no_place_named_is_in_its_country() {
    let a = article(
        "خبر\n\nاعتقلت قوات الأمن التونسية أمس 16 مشتبها بالانتماء إلى تنظيم أنصار الشريعة الإرهابي.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!(arrest.place.as_deref(), Some("تونس"), "{:?}", arrest);
    // right after a verb («اعتقلت قوات الأمن …») the force is the verb's subject
    assert_eq!(
        doer(arrest),
        Some("tunisia_security_forces"),
        "{:?}",
        arrest
    );
    // an attack by a group names no country of its own
    let b = article("خبر\n\nهاجم مسلحون من تنظيم أنصار الشريعة دورية للجيش وقتلوا جنديين.");
    for e in &b.events {
        assert!(e.place.is_none(), "{e:?}");
    }
}

#[test]
fn a_statement_issued_by_a_ministry_is_no_seizure_and_confiscated_arms_are() {
    let a = article(
        "بيان أمني\n\nوأكد بيان صادر عن وزارة الداخلية السعودية أن قوات الأمن صادرت أسلحة وذخائر كانت بحوزة خلية تابعة لتنظيم داعش في محافظة القطيف.",
    );
    let seized = the_one(&a, "SEIZE");
    assert!(
        seized.evidence.rule.contains("صادرت"),
        "the seizure is the confiscation, not the issued statement: {:?}",
        seized.evidence
    );
}

#[test]
fn families_are_not_captures_and_falling_into_captivity_is_one() {
    let families = article(
        "أبها\n\nوزار قائد قوات الطوارئ الخاصة أسر الشهداء في أبها.\n\nوقتل خمسة من عناصر ميليشيا الحوثي في غارات لطيران التحالف على مواقعهم في تعز أمس.",
    );
    assert!(!families.events.is_empty(), "the air strikes are an event");
    assert!(
        of_type(&families, "ARREST").is_empty(),
        "{:#?}",
        families.events
    );
    let captured = article(
        "معارك تعز\n\nوقالت المقاومة الشعبية إن قائدا ميدانيا من ميليشيات الحوثي وقع في الأسر خلال معارك في تعز.",
    );
    let arrest = the_one(&captured, "ARREST");
    assert!(
        arrest.evidence.rule.contains("وقع في"),
        "read from «وقع في الأسر», not from «الأسر» alone: {:?}",
        arrest.evidence
    );
    assert_ne!(
        doer(arrest),
        Some("houthis"),
        "the one who fell into captivity is not its doer: {:?}",
        arrest
    );
}

#[test]
fn ground_is_taken_from_the_one_named_after_min() {
    let a = article(
        "تعز\n\nوانتزعت المقاومة الشعبية موقعا استراتيجيا في مدينة تعز من ميليشيات الحوثي أمس.",
    );
    let e = the_one(&a, "TAKEOVER");
    assert_eq!(doer(e), Some("yemen_popular_resistance"), "{e:?}");
    assert!(
        e.actors.iter().any(|x| x == "houthis"),
        "the Houthis lost the ground: {e:?}"
    );
    // a liberation whose doer the sentence does not name: the loser is never its doer
    let b = article("عدن\n\nوتم تحرير مدينة عدن من الحوثيين وقوات المخلوع صالح بالكامل.");
    for e in of_type(&b, "TAKEOVER") {
        assert_ne!(doer(e), Some("houthis"), "{e:?}");
    }
}

#[test]
fn part_of_a_country_or_an_agent_after_min_is_not_who_lost_the_ground() {
    let a = article(
        "داعش\n\nوسيطر تنظيم داعش على مناطق شاسعة من العراق وسوريا خلال العام الماضي.\n\nوقتل عشرة من عناصر تنظيم داعش في غارات لطيران التحالف الدولي على مواقعهم في الرمادي أمس.",
    );
    the_one(&a, "TAKEOVER");
    for e in of_type(&a, "TAKEOVER") {
        assert_eq!(doer(e), Some("islamic_state"), "{e:?}");
        assert!(
            !e.actors.iter().any(|x| x == "syria" || x == "iraq"),
            "{e:?}"
        );
    }
    let b = article(
        "إدلب\n\nوتغير المشهد العسكري في الشهور الأخيرة التي شهدت الاستيلاء على إدلب وجسر الشغور من جانب المعارضة المسلحة بالشمال.\n\nوقتل عشرة من عناصر تنظيم داعش في غارات لطيران التحالف الدولي على مواقعهم في إدلب أمس.",
    );
    let takeover = the_one(&b, "TAKEOVER");
    assert_eq!(
        doer(takeover),
        Some("syrian_armed_opposition"),
        "the opposition took Idlib, it did not lose it: {:?}",
        takeover
    );
}

#[test]
fn two_acts_of_one_type_in_two_clauses_are_two_events_each_with_its_own_doer() {
    let a = article(
        "الحدود التركية\n\nوقتل جندي في هجوم شنه تنظيم داعش على مخفر حدودي في ولاية كيليس، فيما ردت المدفعية التركية بقصف مواقع للتنظيم داخل سوريا.",
    );
    let doers = doers_of(&a, "ATTACK", 2);
    assert!(doers.contains(&Some("islamic_state")), "{doers:?}");
    assert!(
        doers
            .iter()
            .any(|d| d.is_some_and(|d| d.starts_with("turk"))),
        "Turkey's reply is its own attack: {doers:?}"
    );
}

#[test]
fn who_voices_concern_about_a_fight_is_no_party_to_it() {
    let a = article(
        "الرمادي\n\nمبعوث الأمم المتحدة قلق من المعركة الجارية في مدينة الرمادي.\n\nوقتل عشرة من عناصر تنظيم داعش في غارات لطيران التحالف الدولي على مواقعهم في الرمادي أمس.",
    );
    assert!(!a.events.is_empty(), "the air strikes are an event");
    for e in &a.events {
        assert!(
            !e.actors.iter().any(|x| x == "united_nations"),
            "the UN comments, it does not fight: {e:?}"
        );
    }
}

#[test]
fn a_state_whose_citizens_were_kidnapped_is_not_the_kidnapper() {
    let a = article(
        "ليبيا\n\nوأكد وزير الخارجية الإيطالي عدم فهم الحكومة الإيطالية لأسباب اختطاف رعاياها الأربعة في ليبيا.\n\nوقتل عشرة من عناصر تنظيم داعش في غارات على مواقعهم في مدينة سرت أمس.",
    );
    assert!(!a.events.is_empty(), "the air strikes are an event");
    for e in of_type(&a, "ATTACK") {
        assert_ne!(doer(e), Some("italy"), "{e:?}");
    }
}

#[test]
fn a_states_soldier_killed_in_an_attack_puts_the_state_on_the_receiving_side() {
    let a = article(
        "تركيا\n\nوقتل جندي تركي وأصيب آخر مساء الثلاثاء في هجوم شنه مسلحون من حزب العمال الكردستاني على موقع عسكري في ولاية شرناخ جنوب شرقي تركيا.\n\nوتشن تركيا منذ أسبوعين غارات على مواقع الحزب في شمال العراق.",
    );
    let attack = a
        .events
        .iter()
        .find(|e| e.evidence.rule.contains("هجوم"))
        .expect("the attack on the soldiers");
    assert_eq!(doer(attack), Some("pkk"), "{attack:?}");
    assert!(
        attack.actors.iter().any(|x| x == "turkey"),
        "«جندي تركي» was hit: Turkey is acted on: {attack:?}"
    );
    assert!(
        has_relation(&a, "HOSTILE", "pkk", "turkey"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn counted_men_of_a_state_in_the_singular_accusative_are_its_side() {
    // «17 جنديا وضابطا مصريا»: numbers from 11 to 99 count a singular accusative
    let a = article(
        "هجوم سيناء\n\nهاجم مسلحون من ولاية سيناء كمائن عسكرية في الشيخ زويد وقتلوا 17 جنديا وضابطا مصريا. وأعلنت مصر حالة الطوارئ في شمال سيناء، وقالت مصر إنها ستلاحق المهاجمين.",
    );
    assert!(
        a.actors
            .iter()
            .any(|x| x.id == "egypt" && x.mentions.iter().any(|m| m.text.contains("مصريا"))),
        "{:#?}",
        a.actors
    );
    assert!(has_relation(&a, "HOSTILE", "isis_sinai", "egypt"));
}

#[test]
fn plural_men_of_a_state_are_its_side_but_a_plural_adjective_names_no_act() {
    let a = article(
        "تركيا\n\nمقتل ثلاثة جنود أتراك في هجوم لحزب العمال الكردستاني في ولاية شرناخ جنوب شرقي تركيا.\n\nوتشن تركيا منذ أسبوعين غارات على مواقع الحزب.",
    );
    let attack = a
        .events
        .iter()
        .find(|e| e.evidence.rule.contains("هجوم"))
        .expect("the attack on the soldiers");
    assert_eq!(doer(attack), Some("pkk"), "{attack:?}");
    assert!(attack.actors.iter().any(|x| x == "turkey"), "{attack:?}");
    // «متطرفون إسرائيليون» qualifies the extremists, not the attack
    let b = article(
        "الضفة الغربية\n\nوهذا أسوأ هجوم ينفذه متطرفون إسرائيليون في الضفة الغربية منذ عام.\n\nوقالت إسرائيل إنها تحقق في الهجوم، واعتقلت قوات الأمن الإسرائيلية ثلاثة مشتبهين.",
    );
    let by_plural_adjective = b
        .actors
        .iter()
        .flat_map(|x| &x.mentions)
        .any(|m| m.rule.starts_with("actor:demonym") && m.text.contains("إسرائيليون"));
    assert!(!by_plural_adjective, "{:#?}", b.actors);
}

#[test]
fn the_subject_of_a_verb_of_suffering_is_acted_on_not_the_doer() {
    let a = article(
        "اعتداء في إسطنبول\n\nوكان مقر حزب العدالة والتنمية في مدينة إسطنبول تعرض مساء السبت لاعتداء مسلح من قبل مجهولين، أسفر عن إصابة أحد الحراس. ولم تعلن أي جهة مسؤوليتها عن الاعتداء حتى الآن، فيما تبنى حزب العمال الكردستاني هجمات سابقة على مقار الحزب.",
    );
    let hit = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.place.as_deref() == Some("إسطنبول"))
        .expect("the attack in Istanbul");
    assert_eq!(doer(hit), None, "unknown assailants: {hit:#?}");
    // «لم تعلن أي جهة مسؤوليتها»: nobody claimed it
    assert!(
        a.events.iter().all(|e| e.modality != "claimed"),
        "{:#?}",
        a.events
    );
    let a = article(
        "كينيا\n\nوتعرضت كينيا أمس لهجوم دام نفذته حركة الشباب الصومالية في مقاطعة لامو، قتل فيه خمسة أشخاص.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("al_shabaab"));
}

#[test]
fn a_trend_of_attacks_is_no_attack_but_intensified_strikes_are() {
    let a = article(
        "تونس\n\nوتزايدت الهجمات الإرهابية في تونس منذ مطلع العام الحالي، وتصاعدت وتيرة الاعتداءات على قوات الأمن.",
    );
    none_of(&a, "ATTACK");
    let a = article(
        "صعدة\n\nوكثف طيران التحالف العربي أمس غاراته على مواقع الحوثيين في محافظة صعدة شمال اليمن.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("saudi_led_coalition"));
}

#[test]
fn an_act_nobody_claimed_has_no_doer_whoever_its_clause_names() {
    let a = article(
        "أفغانستان\n\nقتل 15 شخصا بينهم نساء وأطفال أمس عندما فجر انتحاري نفسه في سوق مزدحمة في مدينة قندوز. ولم تعلن أي جهة مسؤوليتها عن الهجوم الانتحاري الذي أتى قبل بدء جولة جديدة من محادثات السلام بين الحكومة وحركة طالبان.",
    );
    let bombing = the_one(&a, "ATTACK");
    assert_eq!(doer(bombing), None, "{bombing:#?}");
    assert_eq!(bombing.killed, Some(15));
    assert_ne!(bombing.modality, "claimed");
}

#[test]
fn a_number_of_a_forces_men_after_an_attack_verb_is_its_target() {
    let a = article(
        "الجزائر\n\nأكد مصدر أمني جزائري أمس أن مجموعة إرهابية اغتالت ثلاثة من أفراد الدرك الوطني الجزائري بالرصاص في منطقة عين الدفلى غربي الجزائر، في ثاني هجوم إرهابي خلال يومين. ويلاحق الجيش الجزائري منذ سنوات بقايا تنظيم القاعدة في بلاد المغرب الإسلامي في المنطقة.",
    );
    let hit = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.text.contains("اغتالت"))
        .expect("the assassination");
    assert_ne!(doer(hit), Some("algeria_security_forces"), "{hit:#?}");
}

#[test]
fn a_figurative_blow_is_no_strike() {
    let a = article(
        "الصومال\n\nسيطرت القوات الصومالية وقوات الاتحاد الأفريقي أمس على بلدة باردهير. ويعد فقدان البلدة ضربة كبيرة لحركة الشباب التي استغلتها قاعدة لعملياتها.",
    );
    assert!(
        of_type(&a, "ATTACK")
            .iter()
            .all(|e| !e.evidence.text.contains("ضربة كبيرة")),
        "{:#?}",
        a.events
    );
    // … nor the blows of a campaign summed up in the plural
    let a = article(
        "تعز\n\nسيطرت المقاومة الشعبية أمس على جبل صبر في تعز. وفر الحوثيون من المدينة بعد تلقيهم ضربات موجعة من المقاومة خلال الأسابيع الماضية.",
    );
    assert!(
        of_type(&a, "ATTACK")
            .iter()
            .all(|e| e.mentions.iter().all(|m| !m.text.contains("ضربات موجعة"))),
        "{:#?}",
        a.events
    );
}

#[test]
fn a_habit_or_an_act_still_to_come_is_no_event() {
    let a = article(
        "سيناء\n\nمددت مصر حالة الطوارئ في شمال سيناء التي تشهد هجمات شبه يومية ضد قوات الأمن. وقال مسؤول إن معركة تحرير مدينة الرمادي من تنظيم داعش ستبدأ خلال الأسابيع المقبلة.",
    );
    none_of(&a, "ATTACK");
    none_of(&a, "TAKEOVER");
}

#[test]
fn the_islamist_factions_of_a_syrian_report_are_the_armed_opposition() {
    let a = article(
        "ريف إدلب\n\nتمكنت الفصائل الإسلامية أمس من السيطرة على بلدة القرقور في ريف إدلب الغربي بعد معارك عنيفة مع قوات النظام السوري. وفي ريف حلب الشمالي، دارت اشتباكات عنيفة بين تنظيم داعش ووحدات حماية الشعب الكردية.",
    );
    assert_eq!(
        doer(the_one(&a, "TAKEOVER")),
        Some("syrian_armed_opposition")
    );
}

#[test]
fn the_subject_right_after_an_arresting_verb_arrests_whoever_it_is() {
    let a = article(
        "ذمار\n\nواحتجز مسلحو جماعة الحوثي الصحافي محمد المساح أمس في محافظة ذمار، فيما قصفت الجماعة أحياء مدينة تعز.",
    );
    assert_eq!(doer(the_one(&a, "ARREST")), Some("houthis"));
    // a passive: the one after «من» was arrested
    let a = article(
        "المكلا\n\nواعتقل عنصران من تنظيم القاعدة أمس في مدينة المكلا، فيما قصفت طائرات التحالف مواقع الحوثيين في صنعاء.",
    );
    assert_ne!(doer(the_one(&a, "ARREST")), Some("aqap"));
}

#[test]
fn a_light_verb_glued_to_its_act_gives_the_act_its_doer() {
    // «قامت باعتقال»: the subject of «قام ب» does the act named after the glued «ب»
    let a = article(
        "سوريا\n\nوذكرت مصادر محلية أن جبهة النصرة قامت باعتقال عدد من عناصر الفرقة 30 في ريف حلب.\nوقتل ثلاثة من عناصر تنظيم داعش في اشتباكات مع الجيش السوري الحر.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!(doer(arrest), Some("nusra_front"), "{arrest:?}");
}

#[test]
fn a_plan_glued_to_its_act_is_no_act() {
    // «خططوا لشن هجوم», «تمهيدا لتنفيذ عمليات»: the attack never happened
    let a = article(
        "فرنسا\n\nأوقفت الشرطة الفرنسية ثلاثة أشخاص يشتبه بانتمائهم لتنظيم داعش خططوا لشن هجوم على قاعدة عسكرية في جنوب البلاد.\nواعتقلت قوات الأمن اللبنانية أربعة أشخاص ينتمون إلى تنظيم داعش يراقبون شخصيات تمهيدا لتنفيذ عمليات اغتيال.",
    );
    none_of(&a, "ATTACK");
    assert!(!of_type(&a, "ARREST").is_empty(), "{:#?}", a.events);
}

#[test]
fn the_owner_of_a_facility_hit_is_its_target() {
    // «معسكرات تابعة للحرس الجمهوري», «نقطة التفتيش التابعة للجيش الأفغاني»: what is hit
    // belongs to the side hit, whoever the text leaves unnamed as the doer
    let a = article(
        "اليمن\n\nقتل عشرة من مسلحي الحوثي في غارات جوية على صعدة.\nكما قصفت الطائرات معسكرات تابعة للحرس الجمهوري في منطقة الصباحة غربي صنعاء.\nوهاجمت طائرات مسيرة نقطة التفتيش التابعة للجيش الأفغاني في ولاية لوغار.",
    );
    let attacks = of_type(&a, "ATTACK");
    assert_eq!(attacks.len(), 3, "{:#?}", a.events);
    for (attack, owner) in attacks[1..]
        .iter()
        .zip(["saleh_loyalists", "afghan_forces"])
    {
        assert_eq!(doer(attack), None, "{attack:?}");
        assert!(attack.targets.iter().any(|t| t == owner), "{attack:?}");
    }
}

#[test]
fn an_act_told_again_after_a_demonstrative_is_the_same_act() {
    // «هذا الهجوم» points back: one attack with both sentences as evidence, and whoever the
    // second sentence names for another reason (the president who speaks of it) has no part
    let a = article(
        "الصومال\n\nقتل عشرة أشخاص في هجوم شنته حركة الشباب على فندق في مقديشو أمس.\nوقال الرئيس الصومالي إن الحكومة الصومالية ستلاحق منفذي هذا الهجوم الإرهابي.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("al_shabaab"), "{attack:?}");
    assert_eq!(attack.mentions.len(), 2, "{attack:?}");
    assert!(!attack.actors.iter().any(|x| x == "somalia"), "{attack:?}");
    assert_eq!(attack.killed, Some(10), "{attack:?}");
}

#[test]
fn a_definite_act_with_no_place_is_the_act_told_before_and_names_its_group() {
    // «أن الانفجار نفذه تنظيم داعش»: the bombing told first, now with its doer
    let a = article(
        "قتلى في انفجار بتركيا\n\nقتل 27 شخصا في انفجار استهدف مركزا ثقافيا في بلدة سروج أمس.\nوأكد مسؤولان تركيان أن الانفجار نفذه تنظيم داعش.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("islamic_state"), "{attack:?}");
    assert_eq!(attack.place.as_deref(), Some("سروج"), "{attack:?}");
    assert_eq!(attack.mentions.len(), 2, "{attack:?}");
    assert_eq!(attack.killed, Some(27), "{attack:?}");
}

#[test]
fn a_definite_act_retold_names_those_it_hit_but_not_who_counts_them() {
    // «وأعلنت الحكومة حصيلة ضحايا الهجوم … هم أربعة جنود من القوات المسلحة المالية»: the
    // soldiers were hit; the government counts, it did not attack
    let a = article(
        "مالي\n\nقتل مسلحون 13 شخصا في هجوم على فندق في مدينة سيفاري أمس.\nوأعلنت حكومة مالي مساء الأحد حصيلة نهائية لعدد ضحايا الهجوم بلغت 13 قتيلا هم أربعة جنود من القوات المسلحة المالية.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{attack:?}");
    assert_eq!(attack.targets, ["mali_fama"], "{attack:?}");
    assert_eq!(attack.place.as_deref(), Some("سيفاري"), "{attack:?}");
    assert_eq!(attack.mentions.len(), 2, "{attack:?}");
}

#[test]
fn an_earlier_act_after_baad_takes_no_actor_of_the_main_clause() {
    // «أعلنت الحكومة الحداد بعد أشهر من اغتيال نائب»: the government mourns, it killed no one
    let a = article(
        "الصومال\n\nقتل عشرة أشخاص في هجوم شنته حركة الشباب على فندق في مقديشو أمس.\nوأعلنت الحكومة الصومالية الحداد ثلاثة أيام بعد أشهر من اغتيال نائب في البرلمان.",
    );
    for attack in of_type(&a, "ATTACK") {
        assert_ne!(doer(attack), Some("somalia"), "{attack:?}");
    }
}

#[test]
fn an_act_of_the_past_is_not_the_news_by_place_alone() {
    // the background campaign «منذ عام 2009» is not the bombing of the day, though both are
    // in Nigeria and the bombing names no doer
    let a = article(
        "نيجيريا\n\nقتل 20 شخصا في تفجير انتحاري استهدف سوقا في مدينة مايدوغوري في نيجيريا أمس.\nوكانت جماعة بوكو حرام قد شنت سلسلة هجمات دموية في شمال شرقي نيجيريا منذ عام 2009.",
    );
    let attacks = of_type(&a, "ATTACK");
    assert_eq!(attacks.len(), 2, "{:#?}", a.events);
    let bombing = attacks
        .iter()
        .find(|e| e.place.as_deref() == Some("مايدوغوري"))
        .expect("the bombing");
    assert_eq!(doer(bombing), None, "{bombing:?}");
    assert_ne!(bombing.date.as_deref(), Some("2009"), "{bombing:?}");
}

#[test]
fn an_act_after_mundhu_is_an_earlier_act_with_its_own_actors() {
    // «شددت تونس إجراءاتها منذ الهجوم على فندق سوسة»: Tunisia tightens security, it did not
    // attack the hotel; «قصفت المدفعية … غداة غارات …»: the shelling and the earlier air
    // strikes are two acts
    let a = article(
        "تونس\n\nقتل مسلح 38 سائحا في هجوم على فندق في مدينة سوسة.\nوكانت تونس قد شددت إجراءاتها الأمنية منذ الهجوم على فندق سوسة في يونيو الماضي.",
    );
    for attack in of_type(&a, "ATTACK") {
        assert_ne!(doer(attack), Some("tunisia"), "{attack:?}");
    }
    let b = article(
        "تركيا\n\nقصفت المدفعية التركية أمس مواقع حزب العمال الكردستاني في شمال العراق غداة غارات نفذها الطيران التركي على مواقع تنظيم داعش في سورية.\nوقتل جنديان تركيان في هجوم لحزب العمال الكردستاني.",
    );
    let shelling = of_type(&b, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.rule.contains("قصفت"))
        .expect("the shelling");
    assert!(shelling.actors.iter().any(|x| x == "pkk"), "{shelling:?}");
    assert!(
        !shelling.actors.iter().any(|x| x == "islamic_state"),
        "{shelling:?}"
    );
}

#[test]
fn actors_listed_with_a_head_word_share_the_doers_role() {
    // «المقاومة الشعبية وقوات الجيش الموالي للشرعية»: «وقوات» lists the army with the
    // resistance, both took the base
    let a = article(
        "اليمن\n\nسيطرت المقاومة الشعبية وقوات الجيش الموالي للشرعية على قاعدة العند الجوية في محافظة لحج بعد معارك مع الحوثيين.\nوقتل عشرة من الحوثيين في اشتباكات مع المقاومة الشعبية.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    // the doers first, in the order named, then the side that lost the base
    assert_eq!(
        takeover.actors.get(..2),
        Some(
            &[
                "yemen_popular_resistance".to_string(),
                "yemen_army".to_string()
            ][..]
        ),
        "{takeover:?}"
    );
}

#[test]
fn the_force_whose_mosque_or_convoy_is_hit_is_the_target() {
    // «جامع قوات الأمن», «قافلة للشرطة الكينية»: what was hit belongs to the side hit
    let a = article(
        "كينيا\n\nهاجم مسلحون قافلة للشرطة الكينية في مقاطعة لامو قرب الحدود مع الصومال.\nوقتل انتحاري عشرة أشخاص في تفجير استهدف جامع قوات الأمن الكينية في مدينة غاريسا.",
    );
    let attacks = of_type(&a, "ATTACK");
    assert!(!attacks.is_empty(), "{:#?}", a.events);
    for attack in attacks {
        assert_eq!(doer(attack), None, "{attack:?}");
        assert!(!attack.targets.is_empty(), "{attack:?}");
    }
}

#[test]
fn who_holds_the_place_hit_or_taken_is_acted_on() {
    // «قرية يسيطر عليها تنظيم داعش», «المواقع التي كانت تسيطر عليها ميليشيات الحوثي»
    let a = article(
        "سوريا\n\nقصفت قوات النظام السوري قرية يسيطر عليها تنظيم داعش في ريف حلب الشرقي.\nوقتل عشرة من عناصر جبهة النصرة في اشتباكات مع الجيش السوري الحر في إدلب.",
    );
    let strike = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.rule.contains("قصفت"))
        .expect("the strike");
    assert_eq!(
        strike.actors,
        vec!["syrian_army".to_string(), "islamic_state".to_string()],
        "{strike:?}"
    );
    // the verb after «قرية» opens the clause about it, it is no village's name
    assert_ne!(strike.place.as_deref(), Some("يسيطر"), "{strike:?}");
    let b = article(
        "اليمن\n\nتمكنت المقاومة الشعبية من السيطرة على المواقع التي كانت تسيطر عليها ميليشيات الحوثي في مديرية المسيمير.\nوقتل عشرة من الحوثيين في اشتباكات مع المقاومة الشعبية.",
    );
    let takeover = the_one(&b, "TAKEOVER");
    assert_eq!(
        takeover.actors,
        vec![
            "yemen_popular_resistance".to_string(),
            "houthis".to_string()
        ],
        "{takeover:?}"
    );
}

#[test]
fn a_clash_between_a_side_and_the_men_of_another_has_both_sides() {
    // «بين القوات الأمنية التركية، وعناصر منظمة "بي كيه كيه"»: a comma, «و», a head word and
    // the kind of group before the second side
    let a = article(
        "تركيا\n\nقتل جندي تركي وأصيب آخران بجروح في اشتباكات وقعت بين القوات الأمنية التركية، وعناصر منظمة \"بي كيه كيه\" في ولاية أديامان.\nوقتل عشرة من عناصر تنظيم داعش في غارات للتحالف الدولي في الرقة.",
    );
    let clash = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.rule.contains("اشتباكات"))
        .expect("the clash");
    assert_eq!(doer(clash), Some("turkish_security_forces"), "{clash:?}");
    assert!(clash.actors.iter().any(|x| x == "pkk"), "{clash:?}");
}

/// The one clash of `text` (its trigger «trigger»): (doers, targets).
fn clash_sides(text: &str, trigger: &str) -> (Vec<String>, Vec<String>) {
    let a = article(text);
    let clash = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.rule.contains(trigger))
        .unwrap_or_else(|| panic!("the clash «{trigger}»: {:#?}", a.events));
    (clash.doers().cloned().collect(), clash.targets.clone())
}

#[test]
fn a_clash_between_sides_named_after_its_place_has_both_sides() {
    // «توسعت رقعة المواجهات في إب بين …»: the place stands between the trigger and «بين»
    let (doers, targets) = clash_sides(
        "إب\n\nوتوسعت رقعة المواجهات في إب بين المقاومة الشعبية ومسلحي جماعة الحوثي لتصل إلى مديرية العدين، وقتل سبعة من المسلحين.",
        "مواجهات",
    );
    assert_eq!(doers, ["yemen_popular_resistance"]);
    assert_eq!(targets, ["houthis"]);
}

#[test]
fn a_clash_whose_first_side_is_closed_has_two_actors_on_it() {
    // «بين X وY من جهة، وZ من جهة أخرى» and «بين X وY، وZ»: X and Y fight together
    for text in [
        "تعز\n\nوقال شهود عيان إن مواجهات عنيفة دارت بين المقاومة الشعبية وقوات الجيش الوطني من جهة، وميليشيات الحوثي من جهة أخرى في مدينة تعز.",
        "تعز\n\nوقال مصدر ميداني إن مواجهات عنيفة اندلعت بين المقاومة الشعبية وقوات الجيش الوطني، وميليشيات الحوثي في جبل صبر بمدينة تعز.",
    ] {
        let (doers, targets) = clash_sides(text, "مواجهات");
        assert_eq!(doers, ["yemen_popular_resistance", "yemen_army"], "{text}");
        assert_eq!(targets, ["houthis"], "{text}");
    }
}

#[test]
fn who_designated_a_group_in_an_aside_did_not_attack() {
    // «، المصنف تنظيما إرهابيا من قبل تركيا والولايات المتحدة، هاجموا»: the agent marker
    // belongs to the aside's participle, not to the attack
    let a = article(
        "تركيا\n\nوقالت سلطات الولاية إن متمردي حزب العمال الكردستاني، المصنف تنظيما إرهابيا من قبل الولايات المتحدة والاتحاد الأوروبي، هاجموا عناصر من قوات الأمن التركية في ولاية ماردين أمس، ما أدى إلى مقتل جنديين.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("pkk"), "{attack:#?}");
    assert!(
        !attack
            .actors
            .iter()
            .any(|x| x == "usa" || x == "european_union"),
        "{attack:#?}"
    );
}

#[test]
fn a_daily_routine_or_an_escalation_is_no_act() {
    // «ينفذ الطيران التركي يوميا غارات», «يصعد متمردو طالبان هجماتهم»: campaigns told in
    // general terms, not an incident
    let a = article(
        "تركيا\n\nوينفذ الطيران التركي يوميا غارات مكثفة على مواقع حزب العمال الكردستاني في جبال قنديل.\nويصعد متمردو طالبان هجماتهم على القوات الأفغانية في ولاية هلمند.\nوقتل جنديان تركيان في هجوم نفذه مسلحون من حزب العمال الكردستاني في ولاية ماردين أمس.",
    );
    let attacks = of_type(&a, "ATTACK");
    assert_eq!(attacks.len(), 1, "{:#?}", a.events);
    assert_eq!(
        attacks[0].place.as_deref(),
        Some("ماردين"),
        "{:?}",
        attacks[0]
    );
}

#[test]
fn each_item_of_a_list_of_attacks_is_an_attack_of_the_doer_named_before_the_list() {
    let a = article(
        "حصيلة\n\nوقال المتحدث إن تنظيم داعش نفذ سلسلة من العمليات شملت استهداف المصلين في مسجد بمدينة الموصل، وإطلاق النار على دورية للشرطة العراقية جنوب مدينة كركوك، وحادث تفجير سيارة مفخخة في مدينة تكريت، ما أدى إلى مقتل 20 شخصا.",
    );
    let attacks = of_type(&a, "ATTACK");
    let places: Vec<Option<&str>> = attacks.iter().map(|e| e.place.as_deref()).collect();
    assert_eq!(attacks.len(), 3, "{places:?} {:#?}", a.events);
    for e in &attacks {
        assert_eq!(doer(e), Some("islamic_state"), "{e:?}");
    }
    // the police patrol was hit by the second item only
    let police = |e: &&&Event| e.actors.iter().any(|x| x == "iraqi_security_forces");
    assert_eq!(attacks.iter().filter(police).count(), 1, "{attacks:#?}");
    // the toll told after the last item is that item's
    let tolls: Vec<Option<u32>> = attacks.iter().map(|e| e.killed).collect();
    assert_eq!(tolls, vec![None, None, Some(20)], "{attacks:#?}");
    // one attack told with its place in a list of places stays one attack
    let a = article(
        "غارات\n\nشنت طائرات التحالف غارات على مواقع تنظيم داعش في مدينة الرقة، ومدينة دير الزور، ما أدى إلى مقتل 12 مسلحا.",
    );
    assert_eq!(of_type(&a, "ATTACK").len(), 1, "{:#?}", a.events);
    // the same raids told on after «و» are the same raids
    let a = article(
        "غارات\n\nشنت طائرات التحالف غارات على مواقع تنظيم داعش في مدينة الرقة، واستهدفت الغارات مخازن أسلحة للتنظيم في بلدة الطبقة، ما أدى إلى مقتل 12 مسلحا.",
    );
    assert_eq!(of_type(&a, "ATTACK").len(), 1, "{:#?}", a.events);
}

#[test]
fn shooting_at_someone_is_an_attack_but_training_to_shoot_is_not() {
    let a = article(
        "هجوم\n\nوقام مسلحون من تنظيم داعش بإطلاق النار على دورية للشرطة العراقية في مدينة كركوك أمس، ما أدى إلى مقتل شرطيين.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("islamic_state"));
    let a = article(
        "تدريب\n\nزار الوزير قوات جهاز مكافحة الإرهاب العراقي في بغداد أمس وشاهد عناصرها أثناء تدريبهم على إطلاق النار على أهداف ثابتة.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn a_verbal_noun_whose_pronoun_is_the_doer_acts_on_the_actor_after_it() {
    let a = article(
        "سيناء\n\nقتل عشرة جنود في هجوم بسيناء أمس. ويتبنى معظم هذه الهجمات تنظيم أنصار بيت المقدس الذي أصبح يسمي نفسه ولاية سيناء بعد مبايعته تنظيم داعش في نوفمبر 2014.",
    );
    let pledge = the_one(&a, "PLEDGE");
    assert_eq!(pledge.actors, ["isis_sinai", "islamic_state"], "{pledge:?}");
    // after «لـ» and a word of members or ground; a pronoun for no actor leaves no doer
    let a = article(
        "غارات على القاعدة في المكلا\n\nوقللت الطائرات من دون طيار من انتشارهم في المدينة، بعد استهدافها لعناصر تنظيم القاعدة في المكلا.",
    );
    let strike = the_one(&a, "ATTACK");
    assert!(strike.actors.is_empty(), "{strike:?}");
    assert_eq!(strike.targets, ["aqap"], "{strike:?}");
    let a = article(
        "مقتل مسلحين في رفح\n\nوأعلن الجيش المصري مقتل عشرة مسلحين بعد استهدافه لمواقع تنظيم أنصار بيت المقدس في رفح.",
    );
    let strike = the_one(&a, "ATTACK");
    assert_eq!(doer(strike), Some("egypt_armed_forces"), "{strike:?}");
    assert_eq!(strike.targets, ["isis_sinai"], "{strike:?}");
}

#[test]
fn who_replies_with_an_act_does_it_but_not_the_act_replied_to() {
    let a = article(
        "تعز\n\nوفي ظل تقدم المقاومة الشعبية في تعز، رد الحوثيون بقصف عشوائي على الأحياء السكنية في المدينة، ما أدى إلى مقتل خمسة مدنيين.",
    );
    assert_eq!(
        doer(the_one(&a, "ATTACK")),
        Some("houthis"),
        "{:#?}",
        a.events
    );
    let a = article(
        "فان\n\nوقتل جندي تركي في إقليم فان بعد أن ردت قوات الأمن التركية على هجوم شنه مقاتلون من حزب العمال الكردستاني على حافلة عسكرية.",
    );
    for e in of_type(&a, "ATTACK") {
        assert_ne!(doer(e), Some("turkish_security_forces"), "{e:?}");
    }
}

#[test]
fn the_feminine_adjective_of_a_state_after_a_feminine_noun_names_no_party() {
    let a = article(
        "حدود\n\nقصف الجيش الأردني فجر أمس مركبة سورية حاولت اختراق الحدود الشمالية للمملكة، ما أدى إلى مقتل سائقها، وقال مصدر عسكري إن المركبة كانت تقل مسلحين من تنظيم داعش الإرهابي.",
    );
    let e = the_one(&a, "ATTACK");
    assert!(!e.actors.iter().any(|x| x == "syria"), "{e:?}");
    // nor the country where it happened
    assert_eq!(e.place, None, "{e:?}");
    // a craft so qualified is still the state's
    let a = article(
        "غارة\n\nقتل عشرون شخصا حين قصفت مقاتلة سورية سوقا مزدحمة في بلدة أريحا بريف إدلب أمس، في غارة جديدة على بلدة تسيطر عليها جبهة النصرة.",
    );
    let e = the_one(&a, "ATTACK");
    // and the craft named past another act's trigger is that act's doer, not the one
    // killed («قتل عشرون شخصا حين قصفت …»)
    assert_eq!(doer(e), Some("syria"), "{e:?}");
}

#[test]
fn what_an_inquiry_is_for_did_not_happen() {
    let a = article(
        "تحقيق\n\nقتل ثلاثة أشخاص في هجوم شنه مسلحون من حزب العمال الكردستاني على مركز للشرطة التركية في إسطنبول أمس، وقال الوزير إن السلطات ستفتح تحقيقا مفصلا ليصار إلى القبض على الفاعلين وتقديمهم للعدالة.",
    );
    assert!(!of_type(&a, "ATTACK").is_empty(), "{:#?}", a.events);
    none_of(&a, "ARREST");
}

#[test]
fn a_toll_counts_glued_numbers_a_lone_singular_and_no_combined_figure() {
    let a = article(
        "بعقوبة\n\nارتفعت حصيلة الهجمات الصاروخية لتنظيم داعش على منطقة الحديد في بعقوبة إلى 11 قتيلا و18 جريحا.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!((e.killed, e.injured), (Some(11), Some(18)), "{e:?}");
    let a = article(
        "القاهرة\n\nتبنى تنظيم داعش هجوما بسيارة مفخخة استهدف القنصلية الإيطالية في وسط القاهرة أوقع قتيلا.",
    );
    assert_eq!(the_one(&a, "ATTACK").killed, Some(1));
    let a = article(
        "بغداد\n\nارتفعت حصيلة تفجير السيارة المفخخة التي استهدفت سوقا في بغداد الجديدة وتبناه تنظيم داعش إلى 66 قتيلا وجريحا.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!((e.killed, e.injured), (None, None), "{e:?}");
}

#[test]
fn a_reply_after_a_comma_and_wa_is_its_own_attack_by_its_own_doer() {
    // «، ورد …»: no contrastive opener, the reply verb opens the answer's clause; the act
    // after «بـ» of a light or reply verb is an attack by that verb's subject
    let a = article(
        "الحدود التركية\n\nوقتل امس ضابط تركي واصيب جنديان في هجوم لتنظيم داعش على الحدود مع سورية، ورد الطيران الحربي التركي بمهاجمة اهداف للتنظيم داخل سورية.",
    );
    let doers = doers_of(&a, "ATTACK", 2);
    assert!(doers.contains(&Some("islamic_state")), "{doers:?}");
    assert!(doers.contains(&Some("turkey")), "{doers:?}");
    let a = article(
        "الأنبار\n\nتسللت قوة من الجيش العراقي إلى منطقة جبة قرب ناحية البغدادي، وقامت بمهاجمة وكر لتنظيم داعش وتمكنت من قتل 15 من عناصره.",
    );
    assert_eq!(the_one(&a, "ATTACK").killed, Some(15));
}

#[test]
fn an_attack_feared_by_a_precaution_is_no_attack() {
    let a = article(
        "شمال سيناء\n\nرفعت الأجهزة الأمنية بمحافظة شمال سيناء حالة الطوارئ القصوى تحسبا لقيام الجماعات الإرهابية بمهاجمة المقار الأمنية خلال الاحتفال.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn an_arrest_beside_a_toll_counts_no_dead() {
    let a = article(
        "الكاميرون\n\nقتل 33 شخصا على الأقل في هجومين انتحاريين نفذتهما جماعة بوكو حرام في مدينة ماروا، وأكد مسؤول في الشرطة اعتقال ثلاثة شبان يشتبه في صلتهم بالجماعة.",
    );
    let arrest = the_one(&a, "ARREST");
    assert_eq!((arrest.killed, arrest.injured), (None, None), "{arrest:#?}");
    assert!(
        of_type(&a, "ATTACK").iter().any(|e| e.killed == Some(33)),
        "{:#?}",
        a.events
    );
}

#[test]
fn a_capital_standing_for_its_state_is_the_doer_not_the_place() {
    let a = article(
        "غارات مصرية\n\nوردا على إعدام المصريين، شنت القاهرة غارات جوية على مواقع الجهاديين في ليبيا. وقالت الحكومة المصرية إن الغارات أصابت أهدافها.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("egypt"), "{e:?}");
    assert_eq!(e.place.as_deref(), Some("ليبيا"), "{e:?}");
}

#[test]
fn a_state_joined_to_a_place_by_wa_is_where_not_who() {
    // «في الكاميرون وتشاد»: Chad is where the bombings were, not who carried them out
    let a = article(
        "بوكو حرام\n\nونفذت جماعة بوكو حرام في الأيام الأخيرة اعتداءات انتحارية في الكاميرون وتشاد أسفرت عن مقتل عشرين شخصا. وأعلنت تشاد حالة الطوارئ.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("boko_haram"), "{e:?}");
    assert!(!e.actors.iter().any(|x| x == "chad"), "{e:?}");
}

#[test]
fn crafts_bought_are_no_attack_but_crafts_pounding_are() {
    let a = article(
        "صفقة\n\nوتتضمن الصفقة مقاتلات حديثة وطائرات بدون طيار للجيش العراقي لتحرير الأراضي من تنظيم داعش.",
    );
    none_of(&a, "ATTACK");
    let a = article(
        "صنعاء\n\nفي غضون ذلك، دكت مقاتلات التحالف العربي مواقع عسكرية لميليشيات الحوثي في العاصمة اليمنية صنعاء أمس.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("saudi_led_coalition"), "{e:?}");
}

#[test]
fn exactly_is_no_seizure_and_an_interview_no_meeting() {
    let a = article(
        "السعودية\n\nوقالت وزارة الداخلية السعودية إن هذا بالضبط ما خطط له تنظيم داعش في المنطقة الشرقية، وإن قوات الأمن السعودية تتابع التحقيق مع الموقوفين في الهجوم الإرهابي.",
    );
    none_of(&a, "SEIZE");
    let a = article(
        "اليمن\n\nوقال المتحدث في لقاء مع قناة العربية إن ميليشيات الحوثي تكبدت خسائر كبيرة في مواجهات مع المقاومة الشعبية في تعز، وإن المقاومة الشعبية تتقدم.",
    );
    none_of(&a, "MEET");
}

#[test]
fn members_of_a_group_taken_are_arrested_not_seizing() {
    // «ضبط 21 من قيادات الإخوان»: people after a number and «من» make an arrest, the
    // group's men its targets, never the doer of a seizure
    let a = article(
        "مصر\n\nوأعلنت وزارة الداخلية المصرية ضبط 21 من قيادات الإخوان في محافظة الجيزة بتهمة التحريض على العنف والإرهاب، وقالت إن قوات الأمن المصرية داهمت أوكارهم.",
    );
    none_of(&a, "SEIZE");
    let e = the_one(&a, "ARREST");
    assert_eq!(doer(e), Some("egypt_security_forces"), "{e:?}");
    // a network belonging to a group: an arrest of its men
    let a = article(
        "الكويت\n\nأعلنت وزارة الداخلية الكويتية، اليوم الخميس، عن ضبط شبكة إرهابية تابعة لتنظيم داعش المتطرف تضم خمسة كويتيين، وقالت إن التحقيق مستمر مع أفرادها.",
    );
    none_of(&a, "SEIZE");
    let e = the_one(&a, "ARREST");
    assert_ne!(doer(e), Some("islamic_state"), "{e:?}");
}

#[test]
fn a_depot_bombed_is_no_seizure() {
    let a = article(
        "شبوة\n\nوفي محافظة شبوة، قصفت مقاتلات التحالف العربي مخازن أسلحة لميليشيات الحوثي في معسكر مرة، وقالت مصادر محلية إن انفجارات سمعت في المنطقة.",
    );
    none_of(&a, "SEIZE");
}

#[test]
fn a_warrant_or_stopped_visas_are_no_arrest() {
    let a = article(
        "تونس\n\nوكانت الشرطة الإيطالية قد أصدرت بحقه مذكرة توقيف دولية صادرة من تونس للاشتباه في تورطه بالهجوم الإرهابي على متحف باردو.",
    );
    none_of(&a, "ARREST");
    let a = article(
        "لبنان\n\nوكشف السفير اليمني لدى لبنان أن سفارة بلاده في بيروت أوقفت منح التأشيرات للبنانيين خشية تسرب مقاتلين من حزب الله لدعم الحوثيين في اليمن.",
    );
    none_of(&a, "ARREST");
}

#[test]
fn what_a_meeting_discusses_is_not_who_meets() {
    let a = article(
        "عدن\n\nالتقى الرئيس اليمني عبد ربه منصور هادي في الرياض أمس سفير الولايات المتحدة لدى اليمن، وأوضحت وكالة الأنباء اليمنية أن اللقاء ناقش التطورات في اليمن وما حققته المقاومة الشعبية من انتصارات على ميليشيات الحوثي.",
    );
    for e in of_type(&a, "MEET") {
        assert!(
            !e.actors
                .iter()
                .any(|x| x == "houthis" || x == "yemen_popular_resistance"),
            "{e:?}"
        );
    }
    // parties named after «بين» still meet, whatever the talks are about
    let a = article(
        "الزبداني\n\nوجرت مفاوضات حول مصير الزبداني بين حركة أحرار الشام وجبهة النصرة في إدلب، وقالت الحركة إن المفاوضات فشلت. وكانت قوات النظام السوري وحزب الله قد شنت هجوما واسعا على المدينة المحاصرة.",
    );
    let e = the_one(&a, "MEET");
    assert!(e.actors.iter().any(|x| x == "ahrar_al_sham"), "{e:?}");
}

#[test]
fn a_verb_whose_subject_is_no_actor_leaves_the_doer_unknown() {
    // the strikes' subject is «المقاتلات», no actor: the Houthis own the vehicles hit
    let a = article(
        "لحج\n\nكما استهدفت المقاتلات مركبات عسكرية تابعة لميليشيات الحوثي في منطقة كرش التابعة لمحافظة لحج جنوبي اليمن، وقتل فيها خمسة من المسلحين.",
    );
    for e in of_type(&a, "ATTACK") {
        assert_ne!(doer(e), Some("houthis"), "{e:?}");
    }
}

#[test]
fn consent_or_refusal_to_an_act_is_no_act() {
    let a = article(
        "خبر\n\nوقال رئيس الحزب: «لا نتفق مع حزب العمال الكردستاني على أن وقف إطلاق النار \
         انتهى ولا نوافق على قصف منطقة كردستان لأن هذا ليس هو الحل»، مشيرا إلى أن تركيا ترفض \
         عملية السلام مع حزب العمال الكردستاني.",
    );
    none_of(&a, "ATTACK");
    let a = article(
        "خبر\n\nقال المسؤول: لا نوافق على قصف منطقة كردستان لأن هذا ليس هو الحل. \
         وكانت الطائرات التركية قصفت أمس مواقع لحزب العمال الكردستاني.",
    );
    let attack = the_one(&a, "ATTACK");
    assert!(attack.evidence.text.contains("قصفت"), "{attack:?}");
}

#[test]
fn a_place_after_another_with_the_genitive_li_only_says_where_that_one_lies() {
    // «الغوطة الشرقية لدمشق»: the act is in the Ghouta; Damascus only says which
    let a = article(
        "خبر\n\nوفي الغوطة الشرقية لدمشق، هاجم مسلحو تنظيم داعش مواقع جيش الإسلام أمس، وقتل \
         خمسة من عناصره في الهجوم.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(
        attack.place.as_deref(),
        Some("الغوطة الشرقية"),
        "{attack:?}"
    );
}

#[test]
fn a_place_named_to_say_where_another_lies_is_not_where_the_act_was() {
    // the ambush was at the entrance of Qa'tabah; al-Dhale' says where Qa'tabah lies, and
    // the finer tier (a town) must not win for the landmark
    let a = article(
        "خبر\n\nوقتل ستة من مسلحي الحوثي أمس في كمين نصبته المقاومة الشعبية في مدخل مديرية \
         قعطبة شمال مدينة الضالع.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(attack.place.as_deref(), Some("قعطبة"), "{attack:?}");
    // before the act, the two places may be another act's: the landmark stays a candidate
    let b = article(
        "خبر\n\nسيطرت القوات المشتركة على قرية مغربتين جنوب بلدة صرين، وشن طيران التحالف \
         غارات على مواقع تنظيم داعش في البلدة.",
    );
    let strikes: Vec<&Event> = of_type(&b, "ATTACK");
    assert!(
        strikes
            .iter()
            .all(|e| e.place.as_deref() != Some("مغربتين")),
        "{strikes:?}"
    );
}

#[test]
fn a_speaker_before_a_colon_and_the_groups_that_describe_him_are_no_parties() {
    // the militiaman reports a suicide bombing; neither his militia nor the army it fights
    // beside did it, and the text names no doer
    let a = article(
        "خبر\n\nوقال سالم عمر، العنصر في ميليشيا الدفاع الذاتي التي تقاتل «بوكو حرام» إلى \
         جانب الجيش النيجيري، لوكالة الصحافة الفرنسية: «وقع هجوم انتحاري في سوق المدينة صباحا \
         نفذته انتحارية وقتل سبعة أشخاص».",
    );
    for e in of_type(&a, "ATTACK") {
        assert!(
            !e.actors.iter().any(|x| x == "cjtf" || x.contains("army")),
            "{e:#?}"
        );
    }
}

#[test]
fn a_verb_that_carries_its_object_has_its_subject_after_it() {
    // «واستهدفتها طائرات التحالف»: «ها» is the pass the reinforcements crossed; the
    // coalition struck, the Houthis did not strike the coalition
    let a = article(
        "خبر\n\nوذكر الشهود أن تعزيزات الحوثيين مرت بعقبة ثرة، التي تربط بين المحافظتين \
         واستهدفتها طائرات التحالف العربي أكثر من مرة.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("saudi_led_coalition"), "{attack:#?}");
}

#[test]
fn who_condemns_an_act_with_dan_is_no_party_to_it() {
    // «دانت», the short form of «أدانت»: the organisation condemned the shelling, it did not
    // shell
    let a = article(
        "خبر\n\nدانت منظمة هيومن رايتس ووتش الخميس قصف المتمردين الحوثيين لمناطق سكنية في \
         مدينة عدن، وقالت إن القصف أسفر عن مقتل عشرات المدنيين.",
    );
    for e in of_type(&a, "ATTACK") {
        assert!(
            !e.actors.iter().any(|x| x == "human_rights_watch"),
            "{e:#?}"
        );
    }
}

#[test]
fn a_state_after_a_compass_word_with_a_glued_bi_is_where_not_who() {
    // «بشرق أفغانستان» is a place as «في شرق أفغانستان» is: the state is not the one hit
    let a = article(
        "خبر\n\nتواجه حركة طالبان هجمات يشنها تنظيم الدولة الإسلامية على مواقعها بشرق \
         أفغانستان، وقالت أفغانستان إنها ستتصدى للتنظيم.",
    );
    for e in of_type(&a, "ATTACK") {
        assert!(!e.actors.iter().any(|x| x == "afghanistan"), "{e:#?}");
    }
    assert!(
        !a.relations
            .iter()
            .any(|r| r.a == "afghanistan" || r.b == "afghanistan"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_speaker_after_the_act_in_a_clause_of_its_own_is_no_party() {
    // the opposition source reports the shelling; it did not shell
    let a = article(
        "قصف الزبداني\n\nوأعلنت تنسيقيات الثورة أنها وثقت عدد البراميل والصواريخ والقذائف التي \
         ألقيت من الأرض والجو على مدينة الزبداني خلال 16 يوما، حيث أكد مصدر في المعارضة \
         السورية المسلحة أن ما سقط على المدينة هو 650 برميلا متفجرا من الطيران المروحي.",
    );
    for e in of_type(&a, "ATTACK") {
        assert!(
            !e.actors.iter().any(|x| x == "syrian_armed_opposition"),
            "{e:?}"
        );
    }
}

#[test]
fn a_definite_figurative_blow_is_no_strike() {
    // «الضربة القاصمة للحوثيين»: the crushing blow dealt to the Houthis, no act of theirs
    let a = article(
        "خبر\n\nوقال المتحدث باسم المقاومة إن الضربة القاصمة للحوثيين أربكت صفوفهم في تعز، \
         وإن الضربات الموجعة التي تلقاها الانقلابيون ستجبرهم على الانسحاب.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn states_listed_together_are_no_doer_found_by_position() {
    // the states most hit by attacks are no attackers, nor allies of each other
    let a = article(
        "المؤشر العالمي للإرهاب\n\nأكد المؤشر العالمي للإرهاب أن أكثر دول العالم تأثراً \
         بالهجمات الإرهابية خلال العقد الماضي هي أفغانستان واليمن والصومال ونيجيريا. وتواجه \
         أفغانستان واليمن والصومال ونيجيريا جماعات متطرفة منذ سنوات.",
    );
    for e in of_type(&a, "ATTACK") {
        assert!(e.actors.is_empty(), "{e:?}");
    }
    assert!(
        !has_relation(&a, "ALLY", "afghanistan", "yemen"),
        "{:?}",
        a.relations
    );
}

#[test]
fn one_sentence_telling_the_victims_then_the_claimant_is_one_attack() {
    let a = article(
        "فجر انتحاري نفسه بحزام ناسف أمس داخل مسجد في مقر قوات الطوارئ الخاصة في مدينة أبها، \
         ونتج عن الحادثة مقتل عشرة من رجال الأمن، فيما أكد مصدر أمني أن حادث التفجير وقع \
         بعد خروج الطلبة من المعهد، إلى ذلك، أعلن تنظيم داعش مسؤوليته عن عملية التفجير.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("islamic_state"), "{e:#?}");
    assert!(
        e.actors
            .iter()
            .any(|x| x == "saudi_special_emergency_forces"),
        "{e:#?}"
    );
}

#[test]
fn a_doerless_act_and_another_kind_of_act_in_one_sentence_stay_two() {
    let a = article(
        "قصفت الطائرات التركية مواقع لحزب العمال الكردستاني في شمال العراق، بعد العملية \
         الانتحارية التي نفذها تنظيم داعش في مدينة سوروتش.",
    );
    assert_eq!(of_type(&a, "ATTACK").len(), 2, "{:#?}", a.events);
}

#[test]
fn a_relative_clause_whose_verb_points_back_as_its_object_names_the_one_hit() {
    let a = article(
        "وتركزت العمليات على أهداف لحزب العمال الكردستاني الذي استهدفته عشرات الغارات في \
         شمال العراق.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), None, "{e:#?}");
    assert_eq!(e.targets, ["pkk"], "{e:#?}");
    // a noun with a pronoun after the verb is no object of it
    let b = article("وتواصل جماعة بوكو حرام، التي أعلنت ولاءها لتنظيم داعش، هجماتها في نيجيريا.");
    assert_eq!(doer(the_one(&b, "PLEDGE")), Some("boko_haram"));
}

#[test]
fn the_actor_after_a_relative_clauses_verb_is_the_one_it_hit() {
    let a = article(
        "هجوم إرهابي\n\nقتل عشرة في الهجوم الذي استهدف قوات الأمن المصرية في العريش. وتبنى \
         تنظيم ولاية سيناء الهجوم.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("isis_sinai"), "{e:#?}");
    assert!(
        e.actors.iter().any(|x| x == "egypt_security_forces"),
        "{e:#?}"
    );
    // the antecedent is no actor: no doer, the forces hit
    let b = article(
        "إدانة\n\nأدانت الرابطة العمل الإرهابي الذي استهدف مجموعة من منسوبي قوات الطوارئ \
         الخاصة بمنطقة عسير. وقتل في التفجير عشرة.",
    );
    let e = the_one(&b, "ATTACK");
    assert_eq!(doer(e), None, "{e:#?}");
    assert_eq!(e.targets, ["saudi_special_emergency_forces"], "{e:#?}");
    // the antecedent an actor: it did it
    let c = article(
        "غارات\n\nقالت وزارة الدفاع إن الطائرات التركية التي قصفت مواقع داعش في الرقة عادت \
         إلى قواعدها.",
    );
    assert_eq!(doer(the_one(&c, "ATTACK")), Some("turkey"));
}

#[test]
fn a_name_after_a_glued_preposition_is_as_near_as_its_word() {
    // «على قاعدة تابعة للناتو»: two words between the marker and the name, not three
    let a = article(
        "هجوم في كابل\n\nأعلن مسؤول أفغاني أمس أن جنديا وثمانية مقاولين قتلوا في هجوم \
         للمتشددين على قاعدة تابعة للناتو في كابل. وأعلنت حركة طالبان مسؤوليتها عن الهجوم \
         على القاعدة.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("taliban"), "{e:#?}");
    assert!(e.actors.iter().any(|x| x == "nato"), "{e:#?}");
}

#[test]
fn an_agent_marker_after_a_comma_names_the_doer_of_another_word() {
    // the regime's aircraft shelled; the front besieges the airbase, it shelled nothing
    let a = article(
        "خبر\n\nوقال ناشطون إن طيران النظام السوري قصف مناطق في محيط مطار أبو الضهور \
         العسكري، المحاصر من قبل جبهة النصرة منذ أكثر من عامين.",
    );
    let shelling = the_one(&a, "ATTACK");
    assert_eq!(
        shelling.actors.first().map(String::as_str),
        Some("syrian_army"),
        "{shelling:?}"
    );
    assert!(
        !shelling.actors.iter().any(|id| id == "nusra_front"),
        "{shelling:?}"
    );
    // without the comma the marker is the act's own: «استهداف الحافلة من قبل مسلحي داعش»
    let b =
        article("خبر\n\nوأدان الوزير استهداف حافلة للجنود في سيناء من قبل مسلحي تنظيم داعش أمس.");
    let attack = the_one(&b, "ATTACK");
    assert_eq!(
        attack.actors.first().map(String::as_str),
        Some("islamic_state"),
        "{attack:?}"
    );
}

#[test]
fn joining_is_a_defection_only_to_a_fighting_side() {
    // a brigade's commanders joining the Houthis defect
    let a = article(
        "خبر\n\nوسيطرت القوات الحكومية على مواقع اللواء الخامس عشر الذي انضم قادته إلى \
         الحوثيين العام الماضي بعد معارك عنيفة.",
    );
    assert!(!of_type(&a, "DEFECT").is_empty(), "{:?}", a.events);
    // a state joining another in a campaign, a minister joining talks: no defection
    let b = article(
        "خبر\n\nوانضمت الكاميرون مع تشاد إلى نيجيريا في حملة لمحاربة جماعة بوكو حرام التي \
         قتلت آلاف الأشخاص في هجماتها. وتتهم نيجيريا والكاميرون الجماعة بشن هجمات عبر الحدود.",
    );
    assert!(of_type(&b, "DEFECT").is_empty(), "{:?}", b.events);
    let c = article(
        "خبر\n\nوانضم وزير الخارجية الإيطالي أمس إلى المشاورات الليبية التي بدأت أول من أمس في \
         الجزائر بحضور ممثلين عن قوات فجر ليبيا التي تقاتل الجيش.",
    );
    assert!(of_type(&c, "DEFECT").is_empty(), "{:?}", c.events);
}

#[test]
fn a_second_thing_said_after_wa_anna_is_a_clause_of_its_own() {
    // the air force shelled al-Zabadani; the rebels answered near Idlib: two acts, two
    // doers, two places («سلاح الجو السوري» is Syria's force)
    let a = article(
        "خبر\n\nوقال المبعوث الدولي إن سلاح الجو السوري قصف مناطق في الزبداني وحولها وإن \
         مقاتلي المعارضة ردوا بإطلاق الصواريخ وقذائف الهاون على قريتين قرب مدينة إدلب. \
         وتحاصر قوات النظام السوري وميليشيا حزب الله مدينة الزبداني منذ أسابيع.",
    );
    let strikes = of_type(&a, "ATTACK");
    assert_eq!(strikes.len(), 2, "{strikes:?}");
    let by_syria = strikes
        .iter()
        .find(|e| e.actors.first().map(String::as_str) == Some("syria"))
        .expect("the air force's shelling");
    assert_eq!(by_syria.place.as_deref(), Some("الزبداني"), "{by_syria:?}");
    let by_rebels = strikes
        .iter()
        .find(|e| e.actors.first().map(String::as_str) == Some("syrian_armed_opposition"))
        .expect("the rebels' reply");
    assert_eq!(by_rebels.place.as_deref(), Some("إدلب"), "{by_rebels:?}");
}

#[test]
fn the_list_of_the_dead_names_no_doer() {
    // the soldiers and the UN contractors were killed; neither attacked the other
    let a = article(
        "خبر\n\nوأعلنت الحكومة حصيلة نهائية لضحايا الهجوم الإرهابي بلغت 13 قتيلا هم أربعة جنود \
         من القوات المسلحة المالية، وخمسة متعاقدين مع بعثة الأمم المتحدة في مالي، وأربعة \
         مهاجمين.",
    );
    let attack = the_one(&a, "ATTACK");
    assert!(attack.actors.is_empty(), "{attack:?}");
    assert!(
        !a.relations.iter().any(|r| r.kind == "HOSTILE"),
        "{:?}",
        a.relations
    );
}

#[test]
fn an_act_pointed_back_to_is_the_one_told_whatever_date_its_sentence_gives() {
    // «وهذه الهجمات» is the bombing told before; 29 July is when the death was announced
    let a = article(
        "خبر\n\nقتل 20 شخصا في 7 أغسطس 2015 في هجوم انتحاري تبنته حركة طالبان في العاصمة \
         الأفغانية كابل. وهذه الهجمات هي الأولى التي تضرب العاصمة منذ تعيين الملا أختر منصور \
         على رأس حركة طالبان بعد وفاة الملا عمر التي أعلنت في 29 يوليو 2015.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(attack.mentions.len(), 2, "{attack:?}");
}

#[test]
fn a_plot_that_targets_is_no_attack() {
    // plots aimed at national unity, foiled by the security services: no act happened
    let a = article(
        "خبر\n\nوأكد المسؤول أن الأجهزة الأمنية السعودية نجحت في كشف مخططات إرهابية تستهدف \
         الوحدة الوطنية، وأن تنظيم داعش الإرهابي يقف وراء هذه المخططات التي تستهدف أمن الوطن.",
    );
    assert!(of_type(&a, "ATTACK").is_empty(), "{:?}", a.events);
}

#[test]
fn imposing_control_is_a_takeover() {
    let a = article(
        "خبر\n\nوأكدت مصادر محلية أن المقاومة الشعبية تمكنت أمس من فرض سيطرتها الكاملة على \
         قاعدة العند بعد معارك عنيفة مع ميليشيات الحوثي.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(
        takeover.actors.first().map(String::as_str),
        Some("yemen_popular_resistance"),
        "{takeover:?}"
    );
}

#[test]
fn a_condemner_named_again_after_the_act_is_still_no_party() {
    // Tunisia condemns the bombing; its second mention («موقف تونس») is the same condemner
    let a = article(
        "خبر\n\nوأعربت الحكومة التونسية عن إدانتها الشديدة للعمل الإرهابي الذي استهدف مسجدا \
         لقوات الطوارئ الخاصة في منطقة عسير، مجددة موقف تونس الثابت والرافض للإرهاب. وكان \
         انتحاري قد فجر نفسه داخل المسجد أثناء صلاة الظهر.",
    );
    assert!(
        !a.events
            .iter()
            .any(|e| e.actors.iter().any(|id| id == "tunisia")),
        "{:?}",
        a.events
    );
    // two who condemn together («تدينان») are no doers either
    let b = article(
        "خبر\n\nمنظمة التعاون الإسلامي والولايات المتحدة تدينان هجمات جماعة بوكو حرام في \
         الكاميرون. وقالت الولايات المتحدة إن الهجمات الانتحارية قتلت العشرات.",
    );
    assert!(
        !b.events
            .iter()
            .any(|e| e.actors.first().is_some_and(|id| id == "usa")),
        "{:?}",
        b.events
    );
}

#[test]
fn who_investigates_an_act_did_not_do_it() {
    let a = article(
        "الأمم المتحدة تكلف خبراء للتحقيق حول الهجمات الكيميائية في سوريا\n\nكلفت الأمم \
         المتحدة فريقا من الخبراء للتحقيق في الهجمات بالأسلحة الكيميائية التي قتلت عشرات \
         المدنيين في ريف إدلب. وتتهم المعارضة السورية قوات النظام السوري بشن الهجمات \
         بالبراميل المتفجرة على المدنيين، فيما يقاتل تنظيم داعش الجيش السوري في ريف حمص.",
    );
    assert!(
        !a.events
            .iter()
            .any(|e| e.actors.first().is_some_and(|id| id == "united_nations")),
        "{:?}",
        a.events
    );
}

#[test]
fn a_state_named_once_before_its_verb_leaves_the_one_it_supports_no_supporter() {
    // Iran and Turkey are named once: places of the article, no actors; the groups after
    // the verb are supported, not supporters
    let a = article(
        "دعم الحوثيين\n\nوقال المسؤول اليمني إن إيران دعمت الحوثيين بالمال والسلاح العام الماضي.",
    );
    let support = the_one(&a, "SUPPORT");
    assert!(support.doers().next().is_none(), "{support:#?}");
    assert_eq!(support.targets, ["houthis"], "{support:#?}");
    let a =
        article("اتهامات بدعم داعش\n\nواتهمت الحكومة العراقية تركيا بأنها دعمت تنظيم داعش بالسلاح.");
    let support = the_one(&a, "SUPPORT");
    assert!(support.doers().next().is_none(), "{support:#?}");
    // named twice, Turkey is an actor: the supporter
    let a = article(
        "اتهامات لتركيا بدعم داعش\n\nواتهمت الحكومة العراقية تركيا بأنها دعمت تنظيم داعش بالسلاح.",
    );
    assert_eq!(support_doer(the_one(&a, "SUPPORT")), Some("turkey"));
    // a place that does not open the verb's clause leaves the subject named before it
    let a = article("معارك في أبين\n\nوقالت مصادر محلية إن المقاومة الشعبية من قبائل المنطقة في مديرية الطفة اشتبكت مع الحوثيين.");
    let clash = the_one(&a, "ATTACK");
    assert_eq!(
        support_doer(clash),
        Some("yemen_popular_resistance"),
        "{clash:#?}"
    );
}

/// The first doer of an event (an actor not among its targets).
fn support_doer(e: &Event) -> Option<&str> {
    e.doers().next().map(String::as_str)
}

#[test]
fn a_mediator_mediates_talks_agreements_and_releases_only() {
    // the Red Crescent mediated the release, not the ambush the prisoners were taken in
    let a = article("صفقة تبادل\n\nكان تنظيم القاعدة قد أسر أربعة من مسلحي الحوثي في كمين بمحافظة البيضاء، وتم الإفراج عنهم في إطار صفقة تبادل بين الطرفين بوساطة الهلال الأحمر القطري.");
    let ambush = the_one(&a, "ATTACK");
    assert!(
        !ambush.actors.iter().any(|x| x == "qatar_red_crescent"),
        "{ambush:#?}"
    );
    let release = the_one(&a, "RELEASE");
    assert!(
        release.actors.iter().any(|x| x == "qatar_red_crescent"),
        "{release:#?}"
    );
}

#[test]
fn who_comments_on_an_attack_or_answers_it_did_not_do_it() {
    // the prime minister's state comments on the attack on the party's office
    let a = article("هجوم على مقر حزب\n\nأعلن رئيس الوزراء التركي المكلف أحمد داود أوغلو، في تعليق على تعرض مبنى فرع حزب العدالة والتنمية في إسطنبول لاعتداء مسلح: لن تتمكن المنظمات الإرهابية من النيل من استقرار تركيا. وتقول الحكومة التركية إن تركيا تحارب الإرهاب.");
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{attack:#?}");
    assert_eq!(
        attack.targets,
        ["akp"],
        "no doer, the party hit: {attack:#?}"
    );
    // the shelling answers the attack: two acts, each with its own doer and place
    let a = article("قصف متبادل في سوريا\n\nوأعلنت تشكيلات تابعة للجيش الحر استهداف مقرات النظام في القنيطرة ردا على استهداف قوات الأسد للمدنيين في محافظة درعا.");
    let attacks = of_type(&a, "ATTACK");
    let answered = attacks
        .iter()
        .find(|e| e.place.as_deref() == Some("درعا"))
        .unwrap_or_else(|| panic!("the act answered, at Daraa: {attacks:#?}"));
    assert_eq!(doer(answered), Some("syrian_army"), "{answered:#?}");
    assert!(answered.targets.is_empty(), "{answered:#?}");
    let answer = attacks
        .iter()
        .find(|e| e.place.as_deref() == Some("القنيطرة"))
        .unwrap_or_else(|| panic!("the answer, at Quneitra: {attacks:#?}"));
    assert_eq!(doer(answer), Some("fsa"), "{answer:#?}");
}

#[test]
fn the_doers_of_a_suffered_attack_are_listed_together() {
    // «من قوات النظام وحزب الله»: both did it; the town suffered it
    let a = article(
        "هجوم على الزبداني\n\nتعرضت بلدة الزبداني في ريف دمشق لهجوم من قوات النظام وحزب الله اللبناني.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(attack.actors, ["syrian_army", "hezbollah"], "{attack:#?}");
    assert!(attack.targets.is_empty(), "{attack:#?}");
    // the sides of a clash stay two
    let a =
        article("اشتباكات في عدن\n\nواندلعت اشتباكات عنيفة بين الحوثيين والمقاومة الشعبية في عدن.");
    let clash = the_one(&a, "ATTACK");
    assert!(!clash.targets.is_empty(), "{clash:#?}");
}

#[test]
fn the_dead_named_before_their_verb_were_hit() {
    // the PKK's men killed in Turkey's strikes are its targets
    let a = article("غارات تركية\n\nوذكرت الوكالة أن نحو 390 مقاتلا من حزب العمال الكردستاني قتلوا وجرح 400 آخرون خلال أسبوعين من الغارات الجوية التركية على قواعد للمتمردين في شمال العراق.");
    let strikes = the_one(&a, "ATTACK");
    assert_eq!(doer(strikes), Some("turkey"), "{strikes:#?}");
    assert_eq!(strikes.targets, ["pkk"], "{strikes:#?}");
    // those the verb's object names were killed by the group: it stays the doer
    let a = article("هجوم في نيجيريا\n\nوقال مسؤولون إن مسلحين من جماعة بوكو حرام قتلوا ما لا يقل عن ستة أطفال في هجوم على قرية.");
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("boko_haram"), "{attack:#?}");
}

#[test]
fn a_killing_with_its_doer_named_is_an_attack() {
    // the army named after the verb killed; the Taliban counted after it were hit
    let a = article("هجوم في هلمند\n\nوقتل الجيش الأفغاني 15 مسلحا من طالبان في ولاية هلمند.");
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), Some("afghan_forces"), "{attack:#?}");
    assert_eq!(attack.targets, ["taliban"], "{attack:#?}");
    // the subject before the verb
    let a =
        article("قتلى في هجمات\n\nووفق التقرير فإن تنظيم داعش قتل 4 مدنيين بينهم طفل في ريف حلب.");
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("islamic_state"));
    // no subject named: the dead, not a doer — no act
    let a = article(
        "قتلى في هجمات\n\nوقتل 20 عنصرا من تنظيم داعش في الرمادي، وقتل من الجيش العراقي عشرات.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn groups_counted_among_the_dead_together_are_no_allies() {
    let a = article("غارات التحالف\n\nوأفاد المرصد السوري بأن طائرات التحالف الدولي قتلت 3042 من تنظيم داعش وجبهة النصرة خلال عشرة أشهر.");
    assert!(
        !has_relation(&a, "ALLY", "islamic_state", "nusra_front"),
        "{:#?}",
        a.relations
    );
    assert!(
        has_relation(&a, "HOSTILE", "anti_isis_coalition", "nusra_front"),
        "{:#?}",
        a.relations
    );
}

#[test]
fn a_passives_doer_further_on_is_not_another_acts_object() {
    let a = article("معارك في درنة\n\nوتمت السيطرة على مدينة درنة وتم طرد عناصر تنظيم داعش منها.");
    let e = the_one(&a, "TAKEOVER");
    assert_eq!(doer(e), None, "ISIS was expelled, it took nothing: {e:?}");
    assert!(e.targets.iter().any(|t| t == "isis_libya"), "{e:?}");
}

#[test]
fn two_forces_of_one_state_side_by_side_are_one_party() {
    // «رجال الأمن قوات الطوارئ»: the second names the first again; neither struck the other
    let a = article(
        "إدانة الحادث الإرهابي في عسير\n\nوأكدوا أن من قام بهذا الحادث الإرهابي لا دين له، مبينين أن استهداف رجال الأمن قوات الطوارئ أثناء أدائهم صلاتهم دليل على إجرام منفذ الجريمة.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), None, "{e:?}");
    assert_eq!(
        e.targets,
        ["saudi_security_forces", "saudi_special_emergency_forces"],
        "{e:?}"
    );
}

#[test]
fn a_count_of_shells_is_no_toll() {
    let a = article(
        "قصف على الفوعة\n\nوأكد المرصد سقوط أكثر من 160 قذيفة أول من أمس على بلدة الفوعة في ريف إدلب، ما تسبب بمقتل شخص واحد.",
    );
    for e in of_type(&a, "ATTACK") {
        assert_ne!(e.killed, Some(160), "160 shells, not 160 dead: {e:?}");
    }
}

#[test]
fn the_battlefield_is_a_place_not_a_battle() {
    let a = article(
        "طالبان بعد الملا عمر\n\nويمكن لحركة طالبان الضعيفة أن تساعد الحكومة الأفغانية في ترسيخ وجودها في ميدان المعركة، وفر مئات من الجنود من أرض المعركة في السنوات الماضية.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn a_seizure_of_those_who_belong_to_a_group_is_an_arrest() {
    let a = article(
        "القبض على خلية إرهابية في الرياض\n\nوتمكنت قوات الأمن السعودية من ضبط 12 من المنتمين لتنظيم داعش في الرياض.",
    );
    none_of(&a, "SEIZE");
    let e = the_one(&a, "ARREST");
    assert_eq!(doer(e), Some("saudi_security_forces"), "{e:?}");
}

#[test]
fn the_act_a_reply_cue_names_after_an_act_is_not_its_party() {
    let a = article(
        "هجوم انتحاري على ثكنة للدرك في تركيا\n\nوأكد متمردو حزب العمال الكردستاني أن الهجوم الانتحاري الذي استهدف ثكنة للدرك التركي جاء ردا على مقتل مدنيين عراقيين في غارات للمقاتلات التركية.",
    );
    let doers = doers_of(&a, "ATTACK", 2);
    assert!(
        doers.contains(&None) && doers.contains(&Some("turkish_armed_forces")),
        "the bombing has no doer named, the strikes are Turkey's: {:#?}",
        a.events
    );
    // a reason with no act after the cue leaves its actors to the act
    let a = article(
        "كمين في لحج\n\nوواجه القيادي مقاومة عنيفة من مسلحي الحوثي الذين حاولوا بكل قوتهم اغتياله، انتقاما منه بسبب دوره في صفوف المقاومة الشعبية.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(doer(e), Some("houthis"), "{e:?}");
}

#[test]
fn a_relative_verb_whose_object_is_the_antecedents_hits_the_antecedent() {
    // «الذي قصفت مواقع له»: ISIS owns the positions struck, it did not strike
    let a = article(
        "غارات تركية على داعش\n\nوبدأت أنقرة مهاجمة تنظيم الدولة الإسلامية الذي قصفت مواقع له في الأراضي السورية عدة مرات.",
    );
    for e in of_type(&a, "ATTACK") {
        assert_ne!(doer(e), Some("islamic_state"), "{e:?}");
    }
}

#[test]
fn the_one_fought_against_before_the_act_is_not_its_doer() {
    // «ضد X» before a one-sided act: X is the opponent of the campaign, not the striker
    let a = article(
        "غارات في سوريا\n\nوفي إطار الحملة ضد تنظيم داعش، قصفت المدفعية التركية أمس أهدافا في ريف حلب الشمالي.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("turkey"));
    // those listed with it are opponents too
    let a = article(
        "غارات تركية\n\nوفي إطار العمليات ضد حزب العمال الكردستاني وتنظيم داعش، قصفت المدفعية التركية أمس أهدافا في شمال سوريا.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("turkey"));
    // a relative clause about the opponent that holds the act names its doer
    let a = article(
        "كارتر في بغداد\n\nبحث الوزير مع مسؤولين عراقيين المواجهة ضد تنظيم داعش الذي كثف أخيرا تفجيراته في بغداد.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("islamic_state"));
}

#[test]
fn the_owner_of_what_was_hit_was_acted_on() {
    let a = article(
        "غارات في أبين\n\nاستهدف طيران التحالف العربي أمس تعزيزات عسكرية تابعة لميليشيات الحوثي كانت قادمة في اتجاه مدينة شقرة.",
    );
    let strike = the_one(&a, "ATTACK");
    assert_eq!(doer(strike), Some("saudi_led_coalition"), "{strike:?}");
    assert!(strike.actors.iter().any(|x| x == "houthis"), "{strike:?}");
    // the doer's parent is no target
    let a = article(
        "هجمات في كينيا\n\nوشهدت مدينة لامو أمس هجوما نفذته حركة الشباب الصومالية التابعة لتنظيم القاعدة.",
    );
    let attack = the_one(&a, "ATTACK");
    assert!(
        !attack.targets.iter().any(|x| x == "al_qaeda"),
        "{attack:?}"
    );
}

#[test]
fn an_unnamed_doer_after_the_act_leaves_the_actors_after_it_acted_on() {
    // «يهاجم المسلحون الأكراد الشرطة»: the gunmen attack, the police are attacked
    let a = article(
        "هجمات في تركيا\n\nوقال مسؤول إن المسلحين الأكراد يهاجمون منذ أسبوع مواقع الجيش، بينما هاجم المسلحون أمس الشرطة التركية في ولاية شرناق.",
    );
    for e in of_type(&a, "ATTACK") {
        assert_ne!(doer(e), Some("turkish_security_forces"), "{e:?}");
    }
    let a = article(
        "هجوم في مالي\n\nوهاجم مسلحون فندقا يستخدمه موظفو الأمم المتحدة في بلدة سيفاري أمس.",
    );
    for e in of_type(&a, "ATTACK") {
        assert_ne!(doer(e), Some("united_nations"), "{e:?}");
    }
    // «مسلحون تابعون لجماعة الحوثي» names the doer
    let a = article(
        "اختطاف في صنعاء\n\nاختطف مسلحون تابعون لجماعة الحوثي في العاصمة صنعاء أمس عشرة من قياديي حزب الإصلاح.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("houthis"));
}

#[test]
fn a_relative_verb_before_a_resumptive_has_its_subject_after_it() {
    let a = article(
        "معارك في تعز\n\nوطلب المسلحون الحوثيون أمس تعزيزات إلى مدينة تعز لاستعادة مواقع في جبل صبر التي استولت عليها المقاومة الشعبية.",
    );
    assert_eq!(
        doer(the_one(&a, "TAKEOVER")),
        Some("yemen_popular_resistance")
    );
}

#[test]
fn a_battle_not_fought_and_acts_now_and_then_are_no_events() {
    let a = article(
        "داعش والإنترنت\n\nوينضم بعض عناصر تنظيم داعش إلى معركة إلكترونية افتراضية في إحدى الألعاب للتواصل فيما بينهم.",
    );
    none_of(&a, "ATTACK");
    let a = article(
        "خطف في اليمن\n\nومن آن لآخر تقع حوادث خطف مواطنين غربيين في اليمن على يد متشددين من تنظيم القاعدة.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn funding_arming_and_stances_are_no_support() {
    let a = article(
        "قرار مجلس الأمن\n\nوصوت مجلس الأمن الدولي بالإجماع على قرار ينص على تجفيف منابع تمويل تنظيم داعش وتشديد الرقابة على المناطق الخاضعة لسيطرته.",
    );
    none_of(&a, "SUPPORT");
    let a = article(
        "الجيش الليبي\n\nوما زال الحظر الدولي على تسليح الجيش الليبي يمثل عقبة أمام الحرب على تنظيم داعش في بنغازي.",
    );
    none_of(&a, "SUPPORT");
    // a stance is no act
    let a = article(
        "إيران وحزب الله\n\nوقال الوزير إن إيران تدعم الإرهاب في المنطقة، وإنها لن تتخلى عن دعمها لحزب الله بعد الاتفاق.",
    );
    none_of(&a, "SUPPORT");
}

#[test]
fn plural_acts_since_a_time_are_a_campaign_but_since_yesterday_the_news() {
    let a = article(
        "الإمارات واليمن\n\nيذكر أن الإمارات تشارك في التحالف العربي الذي يشن غارات على مواقع الحوثيين منذ أواخر مارس الماضي.",
    );
    none_of(&a, "ATTACK");
    let a = article(
        "معارك في زنجبار\n\nودخلت المقاومة الشعبية مدينة زنجبار التي تدور فيها اشتباكات عنيفة منذ أمس مع مسلحي الحوثي.",
    );
    assert!(!of_type(&a, "ATTACK").is_empty(), "{:#?}", a.events);
}

#[test]
fn attacks_a_side_launches_in_a_present_relative_clause_are_its_habit() {
    // «التي تشن هجمات», «هجمات يشنها»: what a side does, not one act; the enmity stays
    let a = article(
        "طالبان\n\nوتتهم السلطات الأفغانية الاستخبارات الباكستانية بالوقوف وراء حركة طالبان التي تشن هجمات ضد القوات الأفغانية وقوات الحلف الأطلسي.",
    );
    none_of(&a, "ATTACK");
    assert!(
        a.relations
            .iter()
            .any(|r| r.kind == "HOSTILE" && r.a == "taliban" && r.b == "nato"),
        "{:#?}",
        a.relations
    );
    let a = article(
        "طالبان\n\nودخلت الحركة في محادثات سلام مع الحكومة الأفغانية، كما أنها تواجه هجمات يشنها تنظيم داعش على مواقعها في شرق البلاد.",
    );
    none_of(&a, "ATTACK");
    // a main verb in the present tells the day's news, as a headline does
    let a = article(
        "تعز\n\nوطيران التحالف يشن غارات عنيفة على مواقع الحوثيين في تعز تمهيدا لتقدم المقاومة.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("saudi_led_coalition"));
}

#[test]
fn many_acts_summed_up_are_no_one_act() {
    // «الكثير من الهجمات», «العديد من الهجمات التي استهدفت»: a record, not an event
    let a = article(
        "سيناء\n\nوتنشط جماعة أنصار بيت المقدس في شمال سيناء، حيث أعلنت مسؤوليتها عن الكثير من الهجمات التي تستهدف قوات الأمن المصرية.",
    );
    none_of(&a, "ATTACK");
    let a = article(
        "تونس وليبيا\n\nوفي ليبيا كان العديد من الهجمات التي استهدفت المنشآت الدبلوماسية التونسية مرتبطا بجماعة أنصار الشريعة.",
    );
    none_of(&a, "ATTACK");
    // one attack is one
    let a = article(
        "سيناء\n\nوأعلنت جماعة أنصار بيت المقدس مسؤوليتها عن الهجوم الذي استهدف قوات الأمن المصرية في العريش أمس.",
    );
    assert_eq!(of_type(&a, "ATTACK").len(), 1, "{:#?}", a.events);
}

#[test]
fn a_side_reports_its_own_captures_and_gains() {
    // the sentence names no captor: the side that reports the capture made it
    let a = article(
        "عدن\n\nوقالت حركة المقاومة الشعبية على حسابها الرسمي على تويتر إن قائدا كبيرا من قادة الحوثيين وقع في الأسر يوم السبت في عدن.",
    );
    assert_eq!(
        the_one(&a, "ARREST").actors,
        ["yemen_popular_resistance", "houthis"]
    );
    // … with those who backed it («بمساعدة عناصر الجيش») still on its side
    let a = article(
        "المقاومة تحرر الضالع\n\nوأشار القيادي في صفوف المقاومة الشعبية إلى أن الثوار تمكنوا من تحرير الشريط الحدودي بمساعدة عناصر الجيش الموالي للشرعية، كما سيطروا على مبنى قيادة الشرطة في الضالع.",
    );
    assert_eq!(
        doer(the_one(&a, "TAKEOVER")),
        Some("yemen_popular_resistance")
    );
    // a source close to a side is not the side
    let a = article(
        "الكويت تفكك خلية لداعش\n\nوقال المصدر المقرب من تنظيم داعش إن خيانة من بين المخططين أدت إلى اعتقال أفراد الخلية في الكويت.",
    );
    assert!(
        of_type(&a, "ARREST")
            .iter()
            .all(|e| doer(e) != Some("islamic_state")),
        "{:#?}",
        a.events
    );
    // ground lost is told by the loser as often: a withdrawal names no taker by its reporter
    let a = article(
        "الرمادي\n\nوذكرت الشرطة العراقية أن تنظيم داعش دمر الملعب الأولمبي بعد انسحاب القوات العراقية منه في مدينة الرمادي.",
    );
    assert!(
        of_type(&a, "TAKEOVER")
            .iter()
            .all(|e| doer(e) != Some("iraqi_police") && doer(e) != Some("iraqi_security_forces")),
        "{:#?}",
        a.events
    );
}

#[test]
fn a_takeover_or_release_still_to_come_is_no_event() {
    // «ستتم السيطرة», «سيتم الإفراج»: the future tells what will be done, not what was
    let a = article(
        "معركة الرمادي\n\nوقال المتحدث إن الجامعة هدف مهم وبتحريرها ستتم السيطرة على مناطق واسعة من مدينة الرمادي التي يسيطر عليها تنظيم داعش.",
    );
    none_of(&a, "TAKEOVER");
    let a = article(
        "تبادل الأسرى\n\nوقال المتحدث إنه سيتم الإفراج عن الأسرى الحوثيين في عدن الأسبوع المقبل.",
    );
    none_of(&a, "RELEASE");
}

#[test]
fn a_device_found_or_made_safe_is_a_seizure_not_a_bombing() {
    // defused, destroyed, found: the bomb did not go off; who made it safe seized it, and
    // the group it belonged to is acted on, not the doer
    let a = article(
        "الأنبار\n\nوتمكنت قوات الأمن العراقية من تفكيك عبوة ناسفة زرعها تنظيم داعش على طريق في مدينة الرمادي.",
    );
    none_of(&a, "ATTACK");
    let seizure = the_one(&a, "SEIZE");
    assert_eq!(seizure.actors, ["iraqi_security_forces", "islamic_state"]);
    let a = article(
        "سنجار\n\nوقال مصدر إن قوات البيشمركة تمكنت من تدمير خمس عجلات مفخخة تعود لتنظيم داعش قرب سنجار.",
    );
    none_of(&a, "ATTACK");
    assert_eq!(doer(the_one(&a, "SEIZE")), Some("peshmerga"));
    // a seizure verb that is a trigger itself stays one seizure
    let a = article(
        "العريش\n\nوضبطت قوات الأمن المصرية سيارة مفخخة لجماعة أنصار بيت المقدس في مدينة العريش.",
    );
    none_of(&a, "ATTACK");
    assert_eq!(doer(the_one(&a, "SEIZE")), Some("egypt_security_forces"));
    // no side named to have made the mines safe: not the group that laid them
    let a = article(
        "تعز\n\nوأضاف أن مواجهات عنيفة ما زالت تدور مع الحوثيين، إضافة إلى تدمير عدد من الآليات، وتفكيك سبعة ألغام زرعها الحوثيون.",
    );
    assert!(
        of_type(&a, "SEIZE")
            .iter()
            .all(|e| doer(e) != Some("houthis")),
        "{:#?}",
        a.events
    );
    // a device someone carried: no event of it
    let a =
        article("عرسال\n\nوهي لبنانية من عرسال أوقفت في شباط الماضي بينما كانت تقود سيارة مفخخة.");
    none_of(&a, "ATTACK");
    none_of(&a, "SEIZE");
    // … a device that went off is a bombing, by whoever planted it
    let a = article(
        "الرمادي\n\nوقتل ثلاثة جنود عراقيين في انفجار عبوة ناسفة زرعها تنظيم داعش على طريق في مدينة الرمادي.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("islamic_state"));
}

#[test]
fn an_unnamed_subject_of_a_launch_verb_leaves_the_doer_unknown() {
    // «شن الإرهابيون هجوما على سكان قرية … الذين يشكلون ميليشيا الدفاع الذاتي»: the militia
    // was attacked; the attackers are left unnamed, not replaced by their victims
    let a = article(
        "هجوم في نيجيريا\n\nمن جهة اخرى، شن الإرهابيون هجوما انتقاميا على سكان قرية في ولاية يوبي الذين يشكلون ميليشيا الدفاع الذاتي ما ادى الى مقتل عشرة اشخاص.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{attack:#?}");
    // a named subject of the launch verb is the doer
    let a = article(
        "هجوم في نيجيريا\n\nشنت جماعة بوكو حرام هجوما على ميليشيا الدفاع الذاتي في ولاية يوبي.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("boko_haram"));
}

#[test]
fn who_held_the_ground_taken_lost_it_and_those_listed_with_them_too() {
    // «التي يتحصن فيها مسلحو الحوثي»: the ground's holders are the losers of its liberation
    let a = article(
        "معارك في اليمن\n\nوقالت المصادر إن قوات الجيش تمكنت من تحرير مدينة زنجبار التي يتحصن فيها مسلحو الحوثي.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(takeover.actors, ["yemen_army", "houthis"]);
    // a passive freeing from the grip of two forces listed together: neither freed the town
    let a =
        article("معارك في اليمن\n\nوتم تحرير مدينة زنجبار من قبضة قوات صالح وميليشيا الحوثيين.");
    assert_eq!(doer(the_one(&a, "TAKEOVER")), None);
}

#[test]
fn the_side_whose_own_men_were_hit_is_no_doer() {
    // «اعترف الحزب بمقتل اثنين من مقاتليه خلال المواجهات»: Hezbollah lost the men
    let a = article(
        "معارك القلمون\n\nوأضافت المصادر أن حزب الله اعترف فقط بمقتل اثنين من مقاتليه خلال المواجهات في الزبداني.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), None);
    // … and the strike's doer named after stays the doer, the admitting side its target
    let a = article(
        "غارة إسرائيلية\n\nاعترف حزب الله اللبناني بمقتل اثنين من عناصره أول من أمس في غارة نفذها الطيران الحربي الإسرائيلي على بلدة في ريف القنيطرة.",
    );
    let strike = the_one(&a, "ATTACK");
    assert_eq!(strike.actors, ["israel", "hezbollah"]);
}

#[test]
fn the_one_side_the_doer_fought_lost_the_ground_it_took() {
    // the takeover's sentence names no loser; the clash before names the one side fought
    let text = "معارك في لحج\n\nاندلعت اشتباكات عنيفة بين المقاومة الشعبية وميليشيات الحوثي في محافظة لحج أمس. واستعادت المقاومة الشعبية السيطرة على معسكر النصر في مديرية الحوطة.";
    let a = article(text);
    let takeover = the_one(&a, "TAKEOVER");
    // a target read from another sentence, not a party its own sentence names
    assert_eq!(takeover.actors, ["yemen_popular_resistance"]);
    assert_eq!(takeover.targets, ["houthis"]);
    let named_in: Vec<&str> = takeover
        .mentions
        .iter()
        .filter(|m| m.rule == "event:the other side of the article")
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(named_in.len(), 1, "{:?}", takeover.mentions);
    assert!(named_in[0].contains("ميليشيات الحوثي"));
    // no relation is read from the sentence that only names the loser for the takeover
    assert!(a
        .relations
        .iter()
        .flat_map(|r| &r.evidence)
        .all(|e| !e.rule.contains("TAKEOVER")));
    // with two sides fought, the loser is not known
    let text = "معارك في لحج\n\nاندلعت اشتباكات عنيفة بين المقاومة الشعبية وميليشيات الحوثي في محافظة لحج أمس. وهاجمت المقاومة الشعبية مواقع تنظيم القاعدة في أبين. واستعادت المقاومة الشعبية السيطرة على معسكر النصر في مديرية الحوطة.";
    let a = article(text);
    assert!(the_one(&a, "TAKEOVER").targets.is_empty());
}

#[test]
fn who_lost_control_lost_the_ground_to_whom_it_went() {
    // «فقدت ميليشيات الحوثي سيطرتها على …»: the Houthis lost it; no taker named
    let a = article(
        "معارك مأرب\n\nوفي محافظة مأرب فقدت ميليشيات الحوثي سيطرتها على منطقة المخدرة ذات الأهمية الاستراتيجية.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(doer(takeover), None);
    assert_eq!(takeover.targets, ["houthis"]);
    // … the subject before the verb, and the side it went to («لصالح») took it
    let a = article(
        "معارك تعز\n\nوقال المصدر إن الحوثيين فقدوا السيطرة على المدينة لصالح المقاومة الشعبية.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(takeover.actors, ["yemen_popular_resistance", "houthis"]);
    assert_eq!(takeover.targets, ["houthis"]);
}

#[test]
fn acts_now_and_then_are_no_act() {
    // «بين فترة وأخرى», «من وقت لآخر»: how often acts happen, before or after the trigger
    let a = article(
        "داعش والقاعدة في اليمن\n\nوكان يستهدف مسلحو داعش بين فترة وأخرى عناصر تنظيم القاعدة في محافظة البيضاء.",
    );
    none_of(&a, "ATTACK");
    let a = article(
        "معارك الضالع\n\nوتشن المقاومة الشعبية من وقت لآخر هجمات مسلحة على تجمعات الحوثيين في الضالع.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn unnamed_jets_are_the_articles_one_air_force() {
    let a = article(
        "غارات التحالف\n\nشنت طائرات التحالف العربي غارات على مواقع الحوثيين في صنعاء. وفي مأرب قصفت المقاتلات مواقع للحوثيين.",
    );
    let strikes = of_type(&a, "ATTACK");
    assert_eq!(strikes.len(), 2, "{strikes:#?}");
    assert!(strikes
        .iter()
        .all(|e| doer(e) == Some("saudi_led_coalition")));
    // the doer named elsewhere is in the evidence, under the rule's name
    assert!(strikes.iter().any(|e| e
        .mentions
        .iter()
        .any(|m| m.rule == "event:the article's one air force")));
    // two air forces in one article: the jets stay unnamed
    let a = article(
        "غارات\n\nشنت طائرات التحالف العربي غارات على مواقع الحوثيين في صنعاء. وشن الطيران الروسي غارات على مواقع المعارضة في إدلب. وفي مأرب قصفت المقاتلات مواقع للحوثيين.",
    );
    let unnamed: Vec<_> = of_type(&a, "ATTACK")
        .into_iter()
        .filter(|e| e.evidence.text.contains("المقاتلات"))
        .collect();
    assert!(unnamed.iter().all(|e| doer(e).is_none()), "{unnamed:#?}");
}

#[test]
fn forces_beside_the_object_are_no_party() {
    // «مقاتلين … يقاتلون إلى جانب الجيش»: the army stands beside the fighters hit; it neither
    // did the attack nor is a party to it
    let a = article(
        "هجوم في حديثة\n\nهاجم مسلحو تنظيم داعش أمس مقاتلين من العشائر يقاتلون إلى جانب الجيش العراقي في قضاء حديثة، ما أدى إلى مقتل خمسة منهم.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(attack.actors, ["islamic_state"]);
    assert!(attack.targets.is_empty(), "{attack:#?}");
    // … while «بمشاركة» after the act still names the doer's partner
    let a = article(
        "معارك الزبداني\n\nشنت قوات النظام السوري هجوما على مدينة الزبداني بمشاركة مقاتلي حزب الله.",
    );
    assert_eq!(the_one(&a, "ATTACK").actors, ["syrian_army", "hezbollah"]);
}

#[test]
fn who_fell_victim_to_the_act_suffered_it() {
    // «وراح ضحيته عدد من رجال الأمن»: the security men were its victims, never its doers
    let a = article(
        "تفجير عسير\n\nاستنكر مسؤولون في المنطقة حادث التفجير الإرهابي الذي استهدف المصلين في مسجد قوات الطوارئ بمنطقة عسير، وراح ضحيته عدد من رجال الأمن.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{attack:#?}");
    assert!(attack
        .targets
        .contains(&"saudi_security_forces".to_string()));
    // … and the number after the cue counts the dead
    let a = article(
        "تفجير بعقوبة\n\nانفجرت سيارة مفخخة أمس في سوق شعبي بمدينة بعقوبة في محافظة ديالى، وراح ضحيتها 13 شخصا، ولم تتبن أي جهة الهجوم حتى الآن.",
    );
    assert_eq!(the_one(&a, "ATTACK").killed, Some(13));
}

#[test]
fn a_state_stood_beside_is_no_party() {
    // «ووقوفها إلى جانب حكومة السعودية»: solidarity after the act, not a partner in it
    let a = article(
        "إدانة التفجير\n\nوأدانت الحكومة الألمانية التفجير الإرهابي الذي استهدف مسجدا في مقر قوات الأمن بمنطقة عسير، وقدم وزير الخارجية الألماني مواساة الحكومة الألمانية للسعودية، معربا عن أمله في إلقاء القبض على مرتكبي هذا العمل الإجرامي، مؤكدا دعم الحكومة الألمانية ووقوفها إلى جانب حكومة السعودية في هذا المصاب.",
    );
    assert!(a.actors.iter().any(|x| x.id == "saudi_arabia"));
    for e in &a.events {
        assert!(!e.actors.contains(&"saudi_arabia".to_string()), "{e:#?}");
    }
}

#[test]
fn who_states_that_an_act_happened_is_no_party() {
    // «وصرح … بأن»: a speech verb and «بأن» enclose the speaker, as «قال … إن» does
    let a = article(
        "هجوم سامراء\n\nوصرح المتحدث باسم الجيش العراقي بأن مسلحين هاجموا نقطة تفتيش في مدينة سامراء، ما أسفر عن مقتل ثلاثة جنود.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{attack:#?}");
    assert_eq!(attack.killed, Some(3));
}

#[test]
fn a_side_that_tells_the_other_sides_losses_in_a_clash_fought_it() {
    // «قالت المقاومة إن المعارك أسفرت عن مقتل 56 من مسلحي الحوثي»: the resistance fought
    let a = article(
        "معارك تعز\n\nعلى صعيد محافظة تعز، قالت المقاومة الشعبية إن المعارك الأخيرة بمديرية مشرعة وحدنان أسفرت عن مقتل 56 من مسلحي الحوثي وقوات الرئيس المخلوع.",
    );
    let clash = the_one(&a, "ATTACK");
    assert_eq!(doer(clash), Some("yemen_popular_resistance"));
    assert!(clash.targets.contains(&"houthis".to_string()));
    // … not an organisation that counts the dead
    let a = article(
        "معارك إدلب\n\nوقال المرصد السوري لحقوق الإنسان إن المعارك في ريف إدلب أسفرت عن مقتل 20 من مقاتلي جبهة النصرة.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), None);
}

#[test]
fn an_unnamed_subject_before_the_verb_leaves_the_doer_unnamed() {
    // «المقاتلات شنت غارات على تجمعات … تابعة لمسلحي الحوثي»: the jets' side is unnamed in
    // the sentence; the Houthis were hit, and the article's one air force struck
    let a = article(
        "غارات التحالف\n\nشنت طائرات التحالف العربي غارات على مواقع الحوثيين في صنعاء أمس. وفي محافظة حجة أوضحت المصادر أن المقاتلات شنت غارات عنيفة على تجمعات للمتمردين في منطقة الحدب تابعة لمسلحي الحوثي وقوات صالح.",
    );
    for e in of_type(&a, "ATTACK") {
        assert_eq!(doer(e), Some("saudi_led_coalition"), "{e:#?}");
    }
    // «مسلحين انضموا وبايعوا داعش»: unnamed militants pledged; IS did not
    let a = article(
        "مقتل مسلحين\n\nوأعلنت أجهزة الأمن الروسية الأحد أنها قتلت ثمانية متطرفين في منطقة القوقاز، وأضافت أن المسلحين بايعوا تنظيم داعش العام الماضي.",
    );
    let pledge = the_one(&a, "PLEDGE");
    assert_eq!(doer(pledge), None, "{pledge:#?}");
    assert_eq!(pledge.targets, ["islamic_state"]);
}

#[test]
fn the_objects_of_a_relative_verb_and_of_a_plural_verb_were_hit() {
    // «العملية التي استهدفت المصلين الآمنين من رجال قوات الطوارئ»: the worshippers of the
    // forces were hit (member words between the verb and the force do not count)
    let a = article(
        "تفجير المسجد\n\nوقال الشيخ إن العملية الإرهابية التي استهدفت المصلين الآمنين من رجال قوات الطوارئ الخاصة وفي بيت من بيوت الله تعد انتهاكا واضحا لحرمة المساجد.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{attack:#?}");
    assert_eq!(attack.targets, ["saudi_special_emergency_forces"]);
    // «كما هاجموا حي الجحملية الذي يعتبر المعقل الرئيسي لمسلحي الحوثي»: the plural verb
    // holds its subject; the Houthis named after it were attacked
    let a = article(
        "معارك تعز\n\nوتقدم مقاتلو المقاومة الشعبية في مدينة تعز أمس، كما هاجموا حي الجحملية الذي يعتبر المعقل الرئيسي لمسلحي الحوثي في مدينة تعز، ما أسفر عن مقتل خمسة منهم.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_ne!(doer(attack), Some("houthis"), "{attack:#?}");
}

#[test]
fn a_present_tense_reporter_and_a_membership_are_no_party() {
    // «وتقول بعثة الأمم المتحدة إن …»: the mission counts the dead of the Taliban's attacks
    let a = article(
        "هجمات طالبان\n\nوتقول بعثة الامم المتحدة في افغانستان ان قرابة الف افغاني قتلوا في هجمات طالبان في الاشهر الاربعة الاولى من العام الحالي.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(attack.actors, ["taliban"], "{attack:#?}");
    // «وتركيا العضو في حلف شمال الأطلسي … بدأت حربا»: NATO only describes Turkey
    let a = article(
        "تركيا والإرهاب\n\nوتركيا العضو في حلف شمال الأطلسي في حالة تأهب قصوى منذ أن بدأت حربا على الإرهاب الشهر الماضي تشمل توجيه ضربات ضد داعش في سوريا.",
    );
    for e in &a.events {
        assert!(!e.actors.contains(&"nato".to_string()), "{e:#?}");
        assert!(!e.targets.contains(&"nato".to_string()), "{e:#?}");
    }
    assert!(!a.events.is_empty());
}

#[test]
fn the_victims_of_a_verb_that_holds_its_subject_and_of_saqata_suffered_the_act() {
    // «فاستهدفوا الأبرياء من رجال الأمن»: the security men were hit by the act the sentence
    // tells first («العملية الإرهابية التي استهدفت …»), not its doers
    let a = article(
        "استنكار\n\nاستنكر عدد من مشايخ منطقة نجران العملية الإرهابية التي استهدفت المصلين في مسجد قوات الطوارئ الخاصة بمنطقة عسير.\n\nوقال أحد المشايخ إن «العملية الإرهابية التي استهدفت المصلين الآمنين من رجال قوات الطوارئ الخاصة تعد انتهاكا لحرمة المساجد، وهم تخلوا عن مبادئ الإسلام فاستهدفوا الأبرياء من رجال الأمن في بيوت الله».",
    );
    for e in of_type(&a, "ATTACK") {
        assert_eq!(doer(e), None, "{e:#?}");
    }
    assert!(!of_type(&a, "ATTACK").is_empty());
    // «سقط سبعة حوثيين بين قتيل وجريح جراء هجوم للمقاومة»: the Houthis fell; seven dead and
    // wounded together count as neither
    let a = article(
        "هجوم في صنعاء\n\nوفي العاصمة صنعاء، سقط سبعة حوثيين بين قتيل وجريح جراء هجوم للمقاومة الشعبية في ساعات مبكرة من فجر امس الاحد.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(
        doer(attack),
        Some("yemen_popular_resistance"),
        "{attack:#?}"
    );
    assert_eq!(attack.targets, ["houthis"]);
    assert_eq!(attack.killed, None);
}

#[test]
fn who_names_the_perpetrator_did_not_do_it() {
    // «تركيا تكشف هوية منفذ الهجوم»: Turkey named the bomber; it did not bomb
    let a = article(
        "تركيا تكشف هوية منفذ الهجوم الانتحاري في سروج\n\nكشفت السلطات التركية هوية الانتحاري الذي فجر نفسه في بلدة سروج أمس، ما أسفر عن مقتل 32 شخصا.",
    );
    assert!(!of_type(&a, "ATTACK").is_empty());
    for e in of_type(&a, "ATTACK") {
        assert!(!e.actors.contains(&"turkey".to_string()), "{e:#?}");
    }
}

#[test]
fn who_support_is_given_to_receives_it() {
    // «دعما عسكريا للجيش اللبناني»: the army receives the support; a state named once is a
    // place, so the sentence names no supporter
    let a =
        article("دعم أمريكي\n\nوقدمت الولايات المتحدة دعما عسكريا للجيش اللبناني في مواجهة الإرهاب.");
    let support = the_one(&a, "SUPPORT");
    assert_eq!(doer(support), None, "{support:#?}");
    assert_eq!(support.targets, ["lebanese_army"]);
}

#[test]
fn a_clash_told_beside_a_strike_is_an_act_of_its_own() {
    // «لقصف من قبل قوات النظام، ترافق مع استمرار الاشتباكات بين …»: the regime's shelling
    // (its one side) and a clash between the regime and the rebels are two acts
    let a = article(
        "قتلى في ريف دمشق\n\nتعرضت مناطق في مدينة داريا لقصف من قبل قوات النظام، ترافق مع استمرار الاشتباكات العنيفة بين قوات النظام والفصائل المعارضة في محيط المدينة. وقتل خمسة من عناصر داعش في اشتباكات مع الجيش الحر في حلب.",
    );
    let attacks = of_type(&a, "ATTACK");
    let shelling = attacks
        .iter()
        .find(|e| e.subtype.as_deref() == Some("shelling"))
        .expect("the shelling");
    assert_eq!(shelling.actors, ["syrian_army"], "{shelling:#?}");
    let clash = attacks
        .iter()
        .find(|e| {
            e.subtype.as_deref() == Some("armed_clash") && e.place.as_deref() == Some("داريا")
        })
        .expect("the clash at Daraya");
    assert_eq!(
        clash.actors,
        ["syrian_army", "syrian_armed_opposition"],
        "{clash:#?}"
    );
}

#[test]
fn a_clash_and_a_strike_from_afar_are_never_one_act() {
    // two sentences, one side and one place: the coalition's raids and the clash between
    // the resistance and the Houthis stay two acts
    let a = article(
        "معارك في مأرب\n\nوفي مأرب شرق اليمن، قتل تسعة من ميليشيات الحوثي واثنان من رجال المقاومة الشعبية في مواجهات بين الطرفين. وشنت طائرات التحالف غارات جوية استهدفت مواقع للحوثيين شمال مأرب.",
    );
    let attacks = of_type(&a, "ATTACK");
    assert_eq!(attacks.len(), 2, "{attacks:#?}");
    let strike = attacks
        .iter()
        .find(|e| e.subtype.as_deref() == Some("air_strike"))
        .expect("the air strike");
    assert_eq!(doer(strike), Some("saudi_led_coalition"), "{strike:#?}");
    assert!(!strike
        .actors
        .contains(&"yemen_popular_resistance".to_string()));
}

#[test]
fn a_long_subject_of_taarrada_suffered_the_act_it_completes() {
    // «تعرضت <time, place, subject> لقصف»: the «ل» of the act completes the suffering verb
    // however long its subject, so the act happened (it says no purpose)
    let a = article(
        "قتلى في ريف دمشق\n\nتعرضت بعد منتصف ليل الأحد مناطق في مدينة داريا بالغوطة الغربية، لقصف من قبل قوات النظام. وقتل خمسة من عناصر داعش في اشتباكات مع الجيش الحر في حلب.",
    );
    let shelling = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.subtype.as_deref() == Some("shelling"))
        .expect("the shelling of Daraya");
    assert_eq!(shelling.actors, ["syrian_army"], "{shelling:#?}");
    // and the actor inside that subject was acted on, not the doer
    let a = article(
        "هجوم على الجيش الجزائري\n\nوجاء في البيان أن مفرزة تعرضت يوم الجمعة في منطقة جبل اللوح بولاية عين الدفلى «وهي مفرزة للجيش الوطني الشعبي لإطلاق نار من طرف مجموعة إرهابية»، ما أسفر عن مقتل جنديين.",
    );
    let attack = the_one(&a, "ATTACK");
    assert_eq!(doer(attack), None, "{attack:#?}");
    assert_eq!(attack.targets, ["algeria_anp"], "{attack:#?}");
}

#[test]
fn cover_from_the_air_is_no_party_to_the_act_it_backs() {
    // «مدعومة بغطاء جوي مكثف من قبل طيران التحالف»: the resistance took the district, the
    // coalition backed it from the air (the «من قبل» is the cover's)
    let a = article(
        "تقدم المقاومة في أبين\n\nوذكرت مصادر محلية في محافظة أبين أن المقاومة الشعبية مدعومة بغطاء جوي مكثف من قبل طيران التحالف تمكنت أمس من السيطرة على معظم مناطق مديرية لودر بعد فرار ميليشيات الحوثي.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(
        doer(takeover),
        Some("yemen_popular_resistance"),
        "{takeover:#?}"
    );
    assert!(
        !takeover.actors.contains(&"saudi_led_coalition".to_string()),
        "{takeover:#?}"
    );
    // a relative clause about the air force holds the act: the air force struck
    let a = article(
        "تقدم في زنجبار\n\nوجاء هذا التقدم تحت غطاء جوي من طائرات التحالف الذي استهدف عدة مواقع للحوثيين في محيط مدينة زنجبار.",
    );
    let strike = the_one(&a, "ATTACK");
    assert_eq!(doer(strike), Some("saudi_led_coalition"), "{strike:#?}");
}

#[test]
fn a_state_beside_its_own_force_is_that_force() {
    // «12 سوريا قتلوا في قصف لطيران النظام السوري»: the regime's air force struck; Syria,
    // named by its dead (the article names the country too), is no target of its own force
    let a = article(
        "قتلى في قصف على ريف حلب\n\nقال المرصد السوري لحقوق الإنسان إن 12 سوريا قتلوا في قصف لطيران النظام السوري على قرية في ريف حلب الشمالي أمس. وفي خبر آخر، انقطعت أخبار ثلاثة صحافيين أجانب في منطقة حلب في سورية منذ أسبوع بعد دخولهم سورية من تركيا.",
    );
    let strike = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| doer(e) == Some("syrian_army"))
        .expect("the regime's strike");
    assert!(!strike.actors.contains(&"syria".to_string()), "{strike:#?}");
}

#[test]
fn a_need_is_no_act() {
    // «بحاجة إلى مثل هذه الضربات»: what a society needs has not happened
    let a = article(
        "الأمن الخليجي\n\nقال رئيس التحرير إن المجتمع الخليجي بحاجة إلى مثل هذه الضربات الأمنية القوية ضد خلايا تنظيم داعش.",
    );
    assert!(of_type(&a, "ATTACK").is_empty(), "{:#?}", a.events);
}

#[test]
fn the_rebels_of_a_yemeni_article_are_the_houthis() {
    // «قصفت مقاتلات التحالف مخازن أسلحة للمتمردين»: in Yemen, the rebels the coalition
    // strikes are the Houthis; the rebellion itself («التمرد») names nobody
    let a = article(
        "غارات على شبوة\n\nوفي محافظة شبوة اليمنية، شنت مقاتلات التحالف مساء أمس غارات على مستودعات ذخيرة للمتمردين في أحد المعسكرات.",
    );
    let strike = the_one(&a, "ATTACK");
    assert_eq!(
        strike.actors,
        ["saudi_led_coalition", "houthis"],
        "{strike:#?}"
    );
    let speech = article(
        "ندوة في الرياض\n\nقال الباحث إن التمرد المسلح في اليمن يشكل اعتداء على حق الشعب اليمني في اختيار نظامه.",
    );
    assert!(
        speech.actors.iter().all(|x| x.id != "houthis"),
        "{:#?}",
        speech.actors
    );
}

#[test]
fn ground_tried_for_or_not_taken_is_no_takeover() {
    // «ولم يستطع الحزب السيطرة», «في إطار محاولات الجيش إحكام سيطرته»: no ground changed
    // hands; the takeover told after attempts still did
    let failed = article(
        "معارك الزبداني\n\nقال قيادي معارض إن المعارك في الزبداني تحولت إلى حرب استنزاف، ولم يستطع حزب الله السيطرة على أي من الأحياء الغربية للمدينة.",
    );
    none_of(&failed, "TAKEOVER");
    let tried = article(
        "غارات على بنغازي\n\nشنت طائرات سلاح الجو الليبي غارات على مواقع في بنغازي، في إطار محاولات الجيش إحكام سيطرته على المدينة.",
    );
    none_of(&tried, "TAKEOVER");
    let taken = article(
        "تقدم في لحج\n\nسيطرت المقاومة الشعبية على مدينة الحوطة عاصمة محافظة لحج بعد محاولات عديدة، وقال مصدر إن خمسة من عناصرها قتلوا في المعارك.",
    );
    assert_eq!(
        doer(the_one(&taken, "TAKEOVER")),
        Some("yemen_popular_resistance")
    );
}

#[test]
fn stopping_an_advance_or_a_course_is_no_arrest() {
    // «أوقف» stops things as often as it arrests people: an advance, a training course
    let advance = article(
        "غارات على مأرب\n\nوفي مأرب قصفت مقاتلات التحالف مواقع للحوثيين قرب صرواح، حيث أوقفت تقدمهم نحو المدينة.",
    );
    none_of(&advance, "ARREST");
    let course = article(
        "التعاون العسكري\n\nوكانت نيجيريا قد أوقفت بصورة مفاجئة دورة تدريب عسكرية كانت تنظمها الولايات المتحدة لجنودها في الحرب على بوكو حرام.",
    );
    none_of(&course, "ARREST");
    let people = article(
        "توقيفات في تونس\n\nأوقفت قوات الأمن التونسية 12 شخصا يشتبه في انتمائهم إلى تنظيم داعش في محافظة مدنين.",
    );
    the_one(&people, "ARREST");
}

#[test]
fn the_likelihood_of_an_attack_is_no_attack() {
    // «لاحتمالية وقوع هجوم»: a risk weighed, not an act
    let a = article(
        "رفع مستوى التأهب\n\nرفعت بريطانيا مستوى التأهب الأمني إلى ثاني أعلى درجاته، ما يشير إلى استعداد البلاد لاحتمالية وقوع هجوم يشنه تنظيم داعش.",
    );
    none_of(&a, "ATTACK");
}

#[test]
fn targets_of_a_strike_belong_to_the_one_hit() {
    // «قصفت الطائرات أهدافا لتنظيم داعش»: IS owns what was hit; it struck nothing
    let a = article(
        "غارات على الرقة\n\nوقصفت طائرات حربية مساء أمس أهدافا لتنظيم داعش قرب مدينة الرقة، وقال المرصد إن عشرة مسلحين قتلوا.",
    );
    let strike = the_one(&a, "ATTACK");
    assert_eq!(doer(strike), None, "{strike:#?}");
    assert_eq!(strike.targets, ["islamic_state"], "{strike:#?}");
}

#[test]
fn a_verbal_noun_in_construct_with_its_agent_has_that_doer() {
    // «كشف مصدر في البيشمركة عن قصف طائرات التحالف لمخازن …»: the coalition struck; the
    // Peshmerga only told of it
    let told = article(
        "غارات على الموصل\n\nوكشف مصدر في وزارة البيشمركة أمس عن قصف طائرات التحالف الدولي لثلاثة مستودعات للذخيرة تابعة لتنظيم داعش قرب الموصل.",
    );
    let strike = the_one(&told, "ATTACK");
    assert_eq!(doer(strike), Some("anti_isis_coalition"), "{strike:#?}");
    assert!(!strike.actors.contains(&"peshmerga".to_string()));
    // a verb with its subject before it keeps that subject
    let verb = article(
        "غارات على الرقة\n\nقال المرصد إن طائرات التحالف الدولي قتلت 30 من عناصر تنظيم داعش في الرقة خلال أسبوع.",
    );
    assert_eq!(doer(the_one(&verb, "ATTACK")), Some("anti_isis_coalition"));
}

#[test]
fn who_tells_of_a_post_shelled_did_not_shell_it() {
    // «أوضح المتحدث باسم وزارة الداخلية أنه … تعرض مركز حدودي لقذائف»: the ministry tells
    // what its post suffered; the shells came from across the border
    let a = article(
        "قذائف على جازان\n\nوأوضح المتحدث الأمني باسم وزارة الداخلية السعودية أنه صباح أمس تعرض مركز حدودي في منطقة جازان لقذائف كثيفة من داخل الأراضي اليمنية، ما أدى إلى مقتل جنديين.",
    );
    let shelling = the_one(&a, "ATTACK");
    assert_eq!(doer(shelling), None, "{shelling:#?}");
}

#[test]
fn a_stronghold_and_the_rebellions_men_name_the_one_hit() {
    // «اقتحام معقل ميليشيات الحوثي»: the stronghold is the Houthis'; «عناصر التمرد» in a
    // Yemeni article are their men
    let a = article(
        "تقدم في تعز\n\nوتمكن مقاتلو المقاومة الشعبية في مديرية صبر جنوب مدينة تعز اليمنية من اقتحام معقل ميليشيات الحوثي وسيطروا على مواقع استراتيجية. وفي الحديدة نفذت المقاومة هجوما مسلحا على عناصر التمرد قرب الميناء.",
    );
    let attack = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.text.contains("الحديدة"))
        .expect("the attack in Hodeidah");
    assert_eq!(attack.targets, ["houthis"], "{attack:#?}");
    assert!(
        a.events.iter().any(|e| e.evidence.text.contains("معقل")
            && e.targets.contains(&"houthis".to_string())),
        "{:#?}",
        a.events
    );
}

#[test]
fn unnamed_jets_that_struck_a_place_are_the_articles_air_force() {
    // «كما شنت المقاتلات غارات على معسكر في محافظة حجة»: no one named, nobody hit by name,
    // no toll — still a strike, by the article's one air force
    let a = article(
        "غارات على اليمن\n\nوشن طيران التحالف العربي غارات على مواقع الحوثيين في صعدة. كما شنت المقاتلات غارات على معسكر في محافظة حجة.",
    );
    let hajjah = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.place.as_deref() == Some("حجة"))
        .expect("the strike on Hajjah");
    assert_eq!(doer(hajjah), Some("saudi_led_coalition"), "{hajjah:#?}");
}

#[test]
fn permission_prediction_and_a_policy_of_strikes_are_no_attacks() {
    // permission to strike, an expected attack and «الضربات الاستباقية» (a campaign of
    // arrests told as a policy) are no acts
    let permission = article(
        "قاعدة إنجرليك\n\nوكانت أنقرة قد وافقت على السماح لطائرات أمريكية بشن ضربات جوية ضد تنظيم داعش انطلاقا من قاعدة إنجرليك قرب الحدود السورية.",
    );
    none_of(&permission, "ATTACK");
    let expected = article(
        "تحذير إسرائيلي\n\nوتوقع ضابط إسرائيلي كبير أن يشن تنظيم داعش هجوما على مدينة إيلات عن طريق البر أو الجو.",
    );
    none_of(&expected, "ATTACK");
    let policy = article(
        "كفاءة أمنية\n\nوقال مدير الشرطة إن الضربات الاستباقية المتتالية للخلايا الإرهابية أثبتت كفاءة الأجهزة الأمنية السعودية وجاهزيتها.",
    );
    none_of(&policy, "ATTACK");
}

#[test]
fn mastering_the_situation_takes_no_ground() {
    // «والسيطرة على الموقف»: the situation, not a place, was brought under control
    let a = article(
        "قذائف على جازان\n\nأعلنت السلطات الأمنية السعودية التصدي لقذائف كثيفة أطلقت من داخل اليمن على الحدود الجنوبية، حيث تمكنت الجهات الأمنية بالتنسيق مع القوات البرية من تدمير منصات الإطلاق والسيطرة على الموقف في منطقة جازان.",
    );
    none_of(&a, "TAKEOVER");
}

#[test]
fn full_control_announced_is_a_takeover_and_control_imposed_now_is_none() {
    // «وسيطرتها الكاملة على»: the adjective between the noun and «على»
    let a = article(
        "تحرير مديرية\n\nوأعلنت المقاومة الشعبية والجيش الوطني سيطرتها الكاملة على مديرية المسيمير بعد معارك عنيفة مع ميليشيات الحوثي.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(
        doer(takeover),
        Some("yemen_popular_resistance"),
        "{takeover:#?}"
    );
    // the present «يفرض سيطرته الكاملة على» tells who holds the ground, not who took it
    let held = article(
        "المكلا\n\nتعيش المكلا حالة استنفار في صفوف تنظيم القاعدة الذي يفرض سيطرته الكاملة على مدن الساحل منذ أشهر.",
    );
    none_of(&held, "TAKEOVER");
}

#[test]
fn a_plural_verb_before_a_verbal_noun_holds_its_subject() {
    // «قبل أن يستعيدوا السيطرة على المعسكر»: the verb's subject (the resistance, far
    // before) took it; the Houthis named later in the sentence held it — never its doer
    let a = article(
        "معارك الضالع\n\nوكان مقاتلو المقاومة قد تقدموا في مديرية قعطبة، قبل أن يستعيدوا السيطرة الكاملة على معسكر الجرباء القريب من المدينة، ويطل المعسكر على الطريق العام، وكانت تتمركز فيه قوات كبيرة من الحوثيين.",
    );
    for e in of_type(&a, "TAKEOVER") {
        assert_ne!(doer(e), Some("houthis"), "{e:#?}");
    }
    // «إن المقاومة والجيش أكملوا سيطرتهم على …»: the list right before the verb
    let a = article(
        "تقدم في أبين\n\nوقال مصدر ميداني إن المقاومة والجيش أكملوا سيطرتهم على مدينة زنجبار في أبين بعد معارك عنيفة مع ميليشيات الحوثي.",
    );
    let takeover = the_one(&a, "TAKEOVER");
    assert_eq!(
        takeover.actors[..2],
        ["yemen_popular_resistance", "yemen_army"],
        "{takeover:#?}"
    );
}

#[test]
fn keeping_a_border_in_order_is_no_seizure() {
    // «ضبط أمن الحدود», «ضبط حدودها»: keeping order, nothing seized from anyone
    let a = article(
        "مخاوف أمنية\n\nوتواجه الحكومة التونسية صعوبة في ضبط أمن الحدود بين تونس وليبيا، فيما يسعى الجيش الجزائري إلى ضبط حدوده مع مالي لمنع تسلل مسلحي القاعدة.",
    );
    none_of(&a, "SEIZE");
}

#[test]
fn control_reinforced_or_held_tight_takes_no_ground() {
    // «تعزيز سيطرتها على», «يحكم … السيطرة على»: ground already held
    let a = article(
        "ضربات التحالف\n\nوقال البيان إن غارات التحالف الدولي ساعدت وحدات حماية الشعب الكردية على تعزيز سيطرتها على المناطق الحدودية مع تركيا. ويحكم المقاتلون الأكراد السيطرة على بلدة تل أبيض منذ أسابيع.",
    );
    none_of(&a, "TAKEOVER");
}

#[test]
fn a_backer_named_in_an_adjective_is_no_party() {
    // «القوات الحكومية المدعومة من السعودية»: Saudi Arabia backs the forces, it did not fight
    let a = article(
        "معارك أبين\n\nودارت اشتباكات عنيفة في مديريات محافظة أبين التي باتت أغلب مناطقها تحت سيطرة القوات الموالية للحكومة المدعومة من السعودية.",
    );
    for e in &a.events {
        assert!(!e.actors.contains(&"saudi_arabia".to_string()), "{e:#?}");
        assert!(!e.targets.contains(&"saudi_arabia".to_string()), "{e:#?}");
    }
}

#[test]
fn an_aim_described_after_a_noun_is_no_act_but_a_headline_is() {
    // «عمل إرهابي جبان يستهدف أمنها», «يعد عدوانا كبيرا يستهدف رجال الأمن»: what an act
    // aims at, said of a noun — no attack, and the security men are no attackers
    let a = article(
        "تضامن مع السعودية\n\nوأكد المتحدث باسم الحكومة الأردنية وقوف بلاده إلى جانب السعودية ضد كل عمل إرهابي جبان يستهدف أمنها. وقال المفتي إن التفجير يعد عدوانا كبيرا يستهدف رجال الأمن السعوديين.",
    );
    for e in of_type(&a, "ATTACK") {
        assert!(
            !e.actors.contains(&"saudi_security_forces".to_string()),
            "{e:#?}"
        );
        assert!(!e.actors.contains(&"saudi_arabia".to_string()), "{e:#?}");
    }
    // after the actor, the same verb tells the act
    let a = article(
        "غارات على صعدة\n\nطائرات التحالف العربي تستهدف مواقع ميليشيات الحوثي في محافظة صعدة.",
    );
    assert_eq!(doer(the_one(&a, "ATTACK")), Some("saudi_led_coalition"));
}

#[test]
fn an_act_told_in_the_future_is_no_event() {
    // launching, going on with, joining or answering an act later is no act of the day
    for text in [
        "عملية مرتقبة\n\nأعلنت أنقرة أن تركيا ستطلق خلال أيام هجوما واسعا ضد تنظيم داعش في ريف حلب.",
        "جبهة أبين\n\nوقال قائد ميداني إن المقاومة الشعبية سيبدأون الهجوم على مواقع الحوثيين في زنجبار خلال ساعات.",
        "معارك منتظرة\n\nوتشير التقديرات إلى أن الضواحي سيشهد معارك عنيفة بين قوات النظام السوري وجبهة النصرة.",
    ] {
        let a = article(text);
        none_of(&a, "ATTACK");
    }
}

#[test]
fn an_aircraft_shot_down_is_an_attack_on_its_side() {
    let a = article(
        "معارك إدلب\n\nأسقطت جبهة النصرة طائرة حربية تابعة لقوات النظام السوري في ريف إدلب صباح اليوم، بعد اشتباكات مع الجيش السوري في المنطقة.",
    );
    let e = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.mentions.iter().any(|m| m.rule.contains("اسقط")))
        .unwrap_or_else(|| panic!("no attack read from the downing: {:#?}", a.events));
    assert_eq!(doer(e), Some("nusra_front"), "{e:?}");
    assert!(e.targets.iter().any(|t| t == "syrian_army"), "{e:?}");
}

#[test]
fn the_owner_of_what_was_hit_is_never_its_doer() {
    // after the owner's men too; an act that came from a craft of the owner's was the owner's
    let a = article(
        "غارة في أبين\n\nوقال مسؤول محلي إن الغارة أحرقت سيارة تابعة لعناصر تنظيم القاعدة قرب بلدة المحفد في محافظة أبين.",
    );
    let e = the_one(&a, "ATTACK");
    assert_ne!(doer(e), Some("aqap"), "{e:?}");
    assert!(e.targets.iter().any(|t| t == "aqap"), "{e:?}");
    let a = article(
        "غارات على داعش\n\nوقصفت ثلاث غارات مقرات تابعة لتنظيم داعش قرب مدينة بيجي شمال العراق.",
    );
    let e = the_one(&a, "ATTACK");
    assert_ne!(doer(e), Some("islamic_state"), "{e:?}");
    let a = article(
        "معارك أبين\n\nوشنت المقاومة الشعبية امس هجوما كبيرا من عدة جبهات على المليشيات الحوثية، بالتزامن مع غطاء جوي كثيف وقصف مركز من السفن الحربية التابعة لقوات التحالف العربي.",
    );
    assert!(
        of_type(&a, "ATTACK")
            .iter()
            .all(|e| !e.targets.iter().any(|t| t == "saudi_led_coalition")),
        "the coalition's ships shelled, they were not shelled: {:#?}",
        a.events
    );
}

#[test]
fn a_unit_that_defects_leaves_its_owner() {
    let a = article(
        "تطورات عسكرية في اليمن\n\nوأعلنت مصادر عسكرية انضمام اللواء 33 مدرع التابع للحرس الجمهوري بكامله للقوات الموالية للشرعية، ما يعزز موقف الجيش اليمني في مواجهة الحوثيين.",
    );
    let e = the_one(&a, "DEFECT");
    assert_eq!(doer(e), Some("saleh_loyalists"), "{e:?}");
}

#[test]
fn men_counted_among_the_dead_after_a_longer_count_suffered_the_act() {
    let a = article(
        "غارات قرب الموصل\n\nوقال المصدر إن الغارات الجوية استهدفت قافلة للمسلحين وأدت إلى تدميرها ومقتل أكثر من 30 عنصرا من مسلحي تنظيم داعش قرب الموصل.",
    );
    let e = the_one(&a, "ATTACK");
    assert_ne!(doer(e), Some("islamic_state"), "{e:?}");
    assert!(e.targets.iter().any(|t| t == "islamic_state"), "{e:?}");
}

#[test]
fn an_act_its_sentences_do_not_place_happened_where_the_lead_places_the_story() {
    let a = article(
        "اشتباكات عنيفة في مدينة زنجبار\n\nقال مصدر محلي إن المقاومة الشعبية تقدمت أمس نحو وسط المدينة. \
         وشن مقاتلو المقاومة الشعبية هجوما على مواقع الحوثيين فجر اليوم وأسروا عشرة منهم.",
    );
    let e = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.text.contains("مواقع الحوثيين"))
        .unwrap_or_else(|| panic!("no attack: {:#?}", a.events));
    assert_eq!(e.place.as_deref(), Some("زنجبار"), "{e:?}");
    assert!(
        e.mentions
            .iter()
            .any(|m| m.rule == "event:the article's place" && m.text.contains("زنجبار")),
        "the place's sentence is its evidence: {e:?}"
    );
}

#[test]
fn a_story_whose_lead_names_no_town_places_no_act() {
    let a = article(
        "تطورات المواجهات في اليمن\n\nقال مصدر محلي إن المعارك تتواصل في عدة جبهات. \
         وشن مقاتلو المقاومة الشعبية هجوما على مواقع الحوثيين فجر اليوم وأسروا عشرة منهم. \
         وفي مدينة تعز قصفت الميليشيات الأحياء السكنية.",
    );
    let e = of_type(&a, "ATTACK")
        .into_iter()
        .find(|e| e.evidence.text.contains("مواقع الحوثيين"))
        .unwrap_or_else(|| panic!("no attack: {:#?}", a.events));
    assert_eq!(e.place, None, "{e:?}");
}

#[test]
fn where_something_was_said_is_not_where_the_act_was() {
    let a = article(
        "تحقيقات تفجير سروج\n\nوقال رئيس الوزراء التركي في مؤتمر صحافي عقده في أنقرة إن الهجوم الانتحاري نفذه تنظيم داعش.",
    );
    let e = the_one(&a, "ATTACK");
    assert_ne!(e.place.as_deref(), Some("أنقرة"), "{e:?}");
    // the office an abduction began from is its place
    let a = article(
        "خطف وزير في ليبيا\n\nتتواصل الفوضى الأمنية منذ أشهر. وقالت مصادر حكومية إن مسلحين من تنظيم داعش اقتحموا وزارة الأوقاف وخطفوا موظفين من مقرها في مدينة البيضاء قبل يومين.",
    );
    let e = the_one(&a, "ATTACK");
    assert_eq!(e.place.as_deref(), Some("البيضاء"), "{e:?}");
    assert!(
        e.mentions
            .iter()
            .all(|m| m.rule != "event:the article's place"),
        "placed by its own sentence: {e:?}"
    );
}

#[test]
fn the_raids_told_again_are_the_raids_told_before() {
    let a = article(
        "غارات على صعدة\n\nشنت طائرات التحالف العربي مساء أمس غارات على مواقع لمليشيا الحوثي في محافظة صعدة. \
         وتأتي الغارات بعد يومين من إطلاق الحوثيين طائرة مسيرة، أعلن التحالف اعتراضها.",
    );
    assert!(
        of_type(&a, "ATTACK")
            .iter()
            .all(|e| doer(e) != Some("houthis")),
        "the Houthis did not raid: {:#?}",
        a.events
    );
}
