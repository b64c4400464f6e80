//! Sentences that report the same event become one event.

use rasid_kb::EventLexicon;

use super::{Candidate, Retelling};

/// Can `b` be another report of `a`? Same type; a shared party, or no party named in one
/// of them, a place named in both («انفجار في X» then «وتبنى داعش تفجير X») and both news
/// or both background; places
/// that agree (equal, one missing, or one the country of the other) and dates that agree
/// (one a prefix of the other, or one missing).
fn same_event(a: &Candidate, b: &Candidate, lex: &EventLexicon) -> bool {
    let (x, y) = (&a.event, &b.event);
    if x.kind != y.kind
        || answers(a, b)
        || other_items(a, b)
        || clash_beside_act(a, b)
        || clash_and_remote_act(a, b, lex)
    {
        return false;
    }
    let shared = a.parties().any(|id| b.parties().any(|o| o == id));
    let anonymous = a.parties().next().is_none() || b.parties().next().is_none();
    let places = match (&x.place, &y.place) {
        (Some(p), Some(q)) if p == q => true,
        (Some(_), Some(_)) => {
            (a.place_is_country || b.place_is_country)
                && a.place_country.is_some()
                && a.place_country == b.place_country
        }
        _ => true,
    };
    let both_placed = x.place.is_some() && y.place.is_some();
    // an act of the past told as background («وكانت بوكو حرام قد شنت …») is not the news of
    // the day by place alone
    let same_time = x.background == y.background;
    let by_place = anonymous || complementary(a, b, &lex.blast_subtypes);
    if !(shared || (by_place && both_placed && same_time)) {
        return false;
    }
    places && dates_agree(x, y)
}

/// **Roles reversed: an act and the answer to it.** «خطفت جبهة النصرة مقاتلين من الفرقة
/// 30 … وردت الولايات المتحدة على هجوم النصرة باستهداف مقرات لها»: when both reports name
/// a doer, neither doer is the other's, and one's doer is the other's target, they tell two
/// acts (the blow and the reply), not one; folding them would put both sides in the doer's
/// place. Clashes (each side both doer and target) are exempt.
fn answers(a: &Candidate, b: &Candidate) -> bool {
    if a.mutual || b.mutual || a.initiators.is_empty() || b.initiators.is_empty() {
        return false;
    }
    let shared_doer = a.initiators.iter().any(|id| b.initiators.contains(id));
    !shared_doer && crossed(a, b)
}

/// Is one report's doer the other's target?
fn crossed(a: &Candidate, b: &Candidate) -> bool {
    a.initiators.iter().any(|id| b.targets.contains(id))
        || b.initiators.iter().any(|id| a.targets.contains(id))
}

/// **One sentence, one act seen from two sides.** «فجر انتحاري نفسه … واستشهد 12 من رجال
/// الأمن، … وأعلن تنظيم داعش مسؤوليته عن عملية التفجير»: two reports of one sentence, one
/// naming those hit and no doer, the other a doer who is none of them, of one kind (equal
/// subtypes, or both `blasts`: a suicide bombing is no air strike), at the same place (not
/// just in the same country), tell one act. Not a meeting or a clash, whose parties have no
/// sides; across sentences a doerless act may be another one («خسر النظام سهل الغاب» …
/// «استعادة نقاط كانت قوات النظام سيطرت عليها»).
fn complementary(a: &Candidate, b: &Candidate, blasts: &[String]) -> bool {
    let hit_only = |r: &super::Report| r.initiators.is_empty() && !r.targets.is_empty();
    let fills = |x: &super::Report, y: &super::Report| {
        hit_only(x)
            && y.targets.is_empty()
            && !y.initiators.is_empty()
            && !y.initiators.iter().any(|id| x.targets.contains(id))
    };
    let two_sides = a.reports.iter().any(|r| {
        b.reports
            .iter()
            .any(|o| o.start == r.start && (fills(r, o) || fills(o, r)))
    });
    two_sides
        && subtypes_agree(a, b, blasts)
        && !crossed(a, b)
        && a.event.place == b.event.place
        && !(a.symmetric || b.symmetric || a.mutual || b.mutual)
}

/// Equal subtypes, both `blasts` (a car bomb and a suicide bombing), or one unknown.
fn subtypes_agree(a: &Candidate, b: &Candidate, blasts: &[String]) -> bool {
    match (&a.event.subtype, &b.event.subtype) {
        (Some(x), Some(y)) => x == y || (blasts.contains(x) && blasts.contains(y)),
        _ => true,
    }
}

/// **A clash and a one-sided act read apart in one sentence are two acts** («قصف من قبل
/// قوات النظام، ترافق مع استمرار الاشتباكات بين …»): the sentence's reading kept the clash
/// apart because it names both its sides; a shared side does not fold them back.
fn clash_beside_act(a: &Candidate, b: &Candidate) -> bool {
    a.mutual != b.mutual
        && a.reports.iter().any(|r| {
            b.reports
                .iter()
                .any(|o| o.start == r.start && o.mutual != r.mutual)
        })
}

/// **A clash is no strike from afar.** «نفذ طيران النظام 16 غارة على أحياء مدينة درعا» and
/// «تدور اشتباكات بين قوات النظام والفصائل في درعا» share a side and a place, but a clash
/// (its sides both doers and targets) and an act of kb `remote_subtypes` (air strikes,
/// shelling: one side hits from afar) are two acts; folded, the strike's doer would fight
/// the clash's sides and the clash would lose its other side.
fn clash_and_remote_act(a: &Candidate, b: &Candidate, lex: &EventLexicon) -> bool {
    let remote = |c: &Candidate| {
        !c.mutual
            && c.event
                .subtype
                .as_ref()
                .is_some_and(|st| lex.remote_subtypes.contains(st))
    };
    (a.mutual && remote(b)) || (b.mutual && remote(a))
}

/// Two items of one list of acts («شملت استهداف …، وإطلاق النار على …»): two acts.
fn other_items(a: &Candidate, b: &Candidate) -> bool {
    match (a.list_item, b.list_item) {
        (Some((s, c)), Some((t, d))) => s == t && c != d,
        _ => false,
    }
}

/// One date a prefix of the other («2015-07» and «2015-07-03»), or one missing.
fn dates_agree(x: &rasid_model::Event, y: &rasid_model::Event) -> bool {
    match (&x.date, &y.date) {
        (Some(d), Some(e)) => d.starts_with(e.as_str()) || e.starts_with(d.as_str()),
        _ => true,
    }
}

/// Fold `b` into `a`: union of actors and roles, the finer place and date, the larger
/// counts, every sentence as evidence.
fn absorb(a: &mut Candidate, b: Candidate) {
    for r in b.reports {
        if !a
            .reports
            .iter()
            .any(|x| x.start == r.start && x.rule == r.rule)
        {
            a.reports.push(r);
        }
    }
    for (mine, theirs) in [
        (&mut a.initiators, b.initiators),
        (&mut a.targets, b.targets),
        (&mut a.mediators, b.mediators),
        (&mut a.others, b.others),
    ] {
        for id in theirs {
            if !mine.contains(&id) {
                mine.push(id);
            }
        }
    }
    let x = &mut a.event;
    let y = b.event;
    // the finer place: a town over a province, a province over a country
    let coarseness = |country: bool, region: bool| u8::from(country) * 2 + u8::from(region);
    let finer = coarseness(b.place_is_country, b.place_is_region)
        < coarseness(a.place_is_country, a.place_is_region);
    if y.place.is_some() && (x.place.is_none() || finer) {
        x.place = y.place;
        a.place_country = b.place_country;
        a.place_is_country = b.place_is_country;
        a.place_is_region = b.place_is_region;
    }
    if let Some(d) = y.date {
        if x.date.as_ref().is_none_or(|e| d.len() > e.len()) {
            x.date = Some(d);
            x.date_end = y.date_end;
        }
    }
    x.killed = x.killed.max(y.killed);
    x.injured = x.injured.max(y.injured);
    a.mutual |= b.mutual;
    // news if any of its reports is news
    x.background &= y.background;
    if x.subtype.is_none() {
        x.subtype = y.subtype;
    }
    if x.modality == "reported" && y.modality != "reported" {
        x.modality = y.modality;
        x.claimed_by = y.claimed_by;
    }
    // one role per actor: a doer in one sentence is not acted on in another
    let initiators = a.initiators.clone();
    a.targets.retain(|id| !initiators.contains(id));
    for e in y.mentions {
        if !x.mentions.iter().any(|m| m.start == e.start) {
            x.mentions.push(e);
        }
    }
}

/// Is `b` a claim of the act `a` reported earlier with no doer? «انفجار في X … وأعلن
/// تنظيم Y مسؤوليته عن التفجير»: the claim names no place of its own (one that did would
/// merge by place), the act names no doer, and nothing else tells them apart.
fn claim_of_earlier(a: &Candidate, b: &Candidate) -> bool {
    let (x, y) = (&a.event, &b.event);
    x.kind == y.kind
        && y.modality == "claimed"
        && y.place.is_none()
        && !b.initiators.is_empty()
        && a.initiators.is_empty()
        && !x.background
        && dates_agree(x, y)
}

/// Where `c` folds in: the first earlier report of the same event, else the latest
/// anonymous act it claims.
fn home(out: &[Candidate], c: &Candidate, lex: &EventLexicon) -> Option<usize> {
    out.iter()
        .position(|o| same_event(o, c, lex))
        .or_else(|| out.iter().rposition(|o| claim_of_earlier(o, c)))
}

/// Give `act`, reported with no doer, the group of a later claim sentence that names no act
/// of its own: the doer, the `claimed` modality, the claimant, the sentence as a mention
/// and a report of its roles.
pub(crate) fn take_claim(
    act: &mut Candidate,
    group: String,
    claimant: Option<String>,
    evidence: rasid_model::Evidence,
) {
    act.targets.retain(|t| *t != group);
    act.initiators.push(group.clone());
    act.event.modality = "claimed".to_string();
    act.event.claimed_by = claimant;
    if !act.reports.iter().any(|r| r.start == evidence.start) {
        act.reports.push(super::Report {
            start: evidence.start,
            rule: evidence.rule.clone(),
            initiators: vec![group],
            targets: Vec::new(),
            mediators: Vec::new(),
            others: Vec::new(),
            mutual: false,
        });
    }
    if !act.event.mentions.iter().any(|m| m.start == evidence.start) {
        act.event.mentions.push(evidence);
    }
}

/// Is `a` the act that `b`, a sentence pointing back («هذا الهجوم»), tells again? The same
/// type, of a kind that agrees («التفجير» retells a bombing, not the clash told after it).
/// Not the dates: the pointing sentence's date is another thing's as often as not
/// («وهذه الهجمات هي الأولى منذ وفاة الملا عمر التي أعلنت الأسبوع الماضي»).
fn told_before(a: &Candidate, b: &Candidate, blasts: &[String]) -> bool {
    a.event.kind == b.event.kind && subtypes_agree(a, b, blasts)
}

/// What a sentence pointing back to the act `home` adds to it. After a demonstrative it
/// names its actors for another reason (who condemns the act, who speaks of it): it keeps
/// none as a party, except the group that claims the act. A definite noun's sentence tells
/// the act again: its armed-group doers and those it hits fill a side the act lacks. Its
/// place and toll may be another act's («وتبنت طالبان هذا الهجوم، الذي يأتي بعد سلسلة
/// هجمات في كابل أوقعت 51 قتيلا»): they only fill what the act lacks.
fn retold(home: &Candidate, mut c: Candidate, how: Retelling) -> Candidate {
    if home.event.place.is_some() {
        c.event.place = None;
    }
    if home.event.killed.is_some() {
        c.event.killed = None;
    }
    if home.event.injured.is_some() {
        c.event.injured = None;
    }
    if home.event.date.is_some() {
        c.event.date = None;
        c.event.date_end = None;
    }
    if c.event.modality == "claimed" {
        return c;
    }
    let (doers, hit) = match how {
        Retelling::Definite { group_doers } => (
            if home.initiators.is_empty() {
                group_doers
            } else {
                Vec::new()
            },
            if home.targets.is_empty() {
                c.targets.clone()
            } else {
                Vec::new()
            },
        ),
        Retelling::Demonstrative => (Vec::new(), Vec::new()),
    };
    clear_roles([
        &mut c.initiators,
        &mut c.targets,
        &mut c.mediators,
        &mut c.others,
    ]);
    for r in &mut c.reports {
        clear_roles([
            &mut r.initiators,
            &mut r.targets,
            &mut r.mediators,
            &mut r.others,
        ]);
        r.initiators.clone_from(&doers);
        r.targets.clone_from(&hit);
    }
    c.initiators = doers;
    c.targets = hit;
    c
}

/// Empty the role lists of a candidate or of one of its reports.
fn clear_roles(lists: [&mut Vec<String>; 4]) {
    for list in lists {
        list.clear();
    }
}

/// Fold the reports of one event into one candidate.
pub(crate) fn merge(candidates: Vec<Candidate>, lex: &EventLexicon) -> Vec<Candidate> {
    let blasts = &lex.blast_subtypes;
    let mut out: Vec<Candidate> = Vec::new();
    for c in candidates {
        if let Some(how) = c.refers_back.clone() {
            // the act told last before it: the one whose latest report is the latest
            let last_told = (0..out.len())
                .filter(|&i| told_before(&out[i], &c, blasts))
                .max_by_key(|&i| out[i].event.mentions.iter().map(|m| m.start).max());
            if let Some(i) = last_told {
                let c = retold(&out[i], c, how);
                absorb(&mut out[i], c);
                continue;
            }
        }
        match home(&out, &c, lex) {
            Some(i) => absorb(&mut out[i], c),
            None => out.push(c),
        }
    }
    out
}
