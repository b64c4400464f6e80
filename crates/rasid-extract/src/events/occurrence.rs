//! Whether a trigger tells an act that happened: not a question, a negation, a wish, threat,
//! demand or condition, a trend or a habit, a purpose, an aim described, nor ground an
//! attempt failed to take.

use rasid_kb::{EventLexicon, PhraseMatch};

use super::{arguments, SentenceCues, SentenceView, PLURAL_ACT};

/// Does the sentence ask rather than tell («هل تنجح الهدنة؟»)?
pub(super) fn asks(s: &SentenceView, lex: &EventLexicon) -> bool {
    let end = s.ntext.trim_end();
    lex.question_marks.iter().any(|q| end.ends_with(q.as_str()))
}

/// Is the trigger at `t` a statement that something happened? Not when it is negated
/// («لم يهاجم»), inside a name or an excluded phrase, the object of a wish, threat, demand
/// or condition («تريد توجيه ضربات», «هدد بشن هجمات») or of a trend («تزايدت الهجمات»), nor
/// a habit or an act still to come («هجمات شبه يومية», «المعركة ستبدأ»).
pub(super) fn occurrence(
    s: &SentenceView,
    t: &PhraseMatch,
    cues: &SentenceCues,
    lex: &EventLexicon,
) -> bool {
    if cues
        .excluded
        .iter()
        .any(|x| x.start <= t.start && t.end <= x.end)
        || s.inside_name(t.start, t.end)
        || s.negated(t.start, lex)
    {
        return false;
    }
    if purpose(s, t, cues, lex) {
        return false;
    }
    let (clause_start, clause_end) = s.clause(t.start);
    let before = |m: &&PhraseMatch| m.end <= t.start && m.start >= clause_start;
    let near = cues
        .irrealis
        .iter()
        .chain(&cues.trend)
        .filter(before)
        .any(|m| s.words_between(m.end, t.start) <= lex.irrealis_window);
    let habit_or_future = cues.unreal_after.iter().any(|m| {
        m.start >= t.end
            && m.end <= clause_end
            && s.words_between(t.end, m.start) <= lex.irrealis_window
    });
    let to_come = cues
        .future_after
        .iter()
        .any(|m| m.start >= t.end && m.end <= clause_end && !s.after_and(m.start));
    !near
        && !habit_or_future
        && !to_come
        && !campaign(s, t, (clause_end, &cues.campaign_after), lex)
        && !habit(s, t, (clause_start, clause_end), lex)
        && !cues.irrealis_in_clause.iter().any(|m| before(&m))
}

/// **«ولم يستطع حزب الله السيطرة على مناطق استراتيجية»: ground not taken.** A trigger of
/// a type that takes ground (kb `ground_taken`) at most `irrealis_window` words after one
/// of `failed_ground` in its clause tells an attempt or a failure («محاولات الجيش إحكام
/// سيطرته»), not a takeover. An attack tried is still an attack: other types are left alone.
pub(super) fn ground_not_taken(
    s: &SentenceView,
    t: &PhraseMatch,
    kind: &str,
    cues: &SentenceCues,
    lex: &EventLexicon,
) -> bool {
    if !lex.ground_taken.iter().any(|k| k == kind) {
        return false;
    }
    let clause_start = s.clause(t.start).0;
    cues.failed_ground.iter().any(|m| {
        m.end <= t.start
            && m.start >= clause_start
            && s.words_between(m.end, t.start) <= lex.irrealis_window
    })
}

/// **«ضد كل عمل إرهابي جبان يستهدف أمنها»: an aim described, not an act.** The trigger is
/// a whole word of `descriptive_verbs` with nothing glued before it, and the word right
/// before it (no punctuation between) ends no actor's name, no other trigger and is no
/// relative pronoun or auxiliary (`descriptive_verbs_told_after`): the verb qualifies the
/// noun before it.
pub(super) fn aim_described(s: &SentenceView, t: &PhraseMatch, lex: &EventLexicon) -> bool {
    let (word_start, word_end) = s.letters_around(t.start);
    if word_start != t.start
        || !lex
            .descriptive_verbs
            .contains(&s.normalized_span(word_start, word_end))
    {
        return false;
    }
    let Some(previous) = s.word_start_before(word_start) else {
        return false;
    };
    let (_, previous_end) = s.letters_around(previous);
    let glued_to_previous = !s.comma_between(previous_end, word_start);
    let after_actor = s
        .entities
        .iter()
        .any(|e| e.end <= word_start && e.end >= previous_end);
    let after_act = s
        .triggers
        .iter()
        .any(|o| o.end <= word_start && o.end >= previous_end);
    let word_before = s.normalized_span(previous, previous_end);
    let relative = lex.relative_pronouns.contains(&word_before)
        || lex.descriptive_verbs_told_after.contains(&word_before);
    glued_to_previous && !after_actor && !after_act && !relative
}

/// **«حركة طالبان التي تشن هجمات ضد القوات الأفغانية»: a habit, not one act.** The
/// trigger's last word is an indefinite plural act («هجمات», «غارات»: the plain plural
/// ending, no article, no pronoun) right after one of `habitual_launchers` opened by a
/// relative pronoun, or right before one of `habitual_launchers_after` («تواجه هجمات يشنها
/// التنظيم») — unless its clause names a recent time (`campaign_recent`).
fn habit(
    s: &SentenceView,
    t: &PhraseMatch,
    (clause_start, clause_end): (usize, usize),
    lex: &EventLexicon,
) -> bool {
    let (act_start, act_end) = s.letters_around(t.end.saturating_sub(1));
    let act = s.normalized_span(act_start, act_end);
    let definite = ["ال", "وال", "بال", "لل", "فال", "ولل"]
        .iter()
        .any(|p| act.starts_with(p));
    if definite || !act.ends_with(PLURAL_ACT) || act.chars().count() <= PLURAL_ACT.len() {
        return false;
    }
    let relative_launcher = match s.words_before(act_start, 2).as_slice() {
        [launcher, relative] => {
            lex.habitual_launchers.contains(launcher) && lex.relative_pronouns.contains(relative)
        }
        _ => false,
    };
    let launcher_after = s
        .words_after(act_end, 1)
        .first()
        .is_some_and(|(_, _, w)| lex.habitual_launchers_after.contains(w));
    if !relative_launcher && !launcher_after {
        return false;
    }
    let recent = s
        .words_after(clause_start, usize::MAX)
        .iter()
        .take_while(|(start, _, _)| *start < clause_end)
        .any(|(_, _, w)| lex.campaign_recent.contains(w));
    !recent
}

/// **«كثفت الحركة هجماتها منذ تولي بخاري الرئاسة»: a campaign, not one act.** A trigger
/// whose word ends in one of `plural_act_endings`, with one of `campaign_after` at most
/// `irrealis_window` words after it in its clause — not a recent time («منذ أمس»,
/// `campaign_recent`).
fn campaign(
    s: &SentenceView,
    t: &PhraseMatch,
    (clause_end, markers): (usize, &[PhraseMatch]),
    lex: &EventLexicon,
) -> bool {
    let (word_start, word_end) = s.letters_around(t.start);
    let word = s.normalized_span(word_start, word_end);
    if !lex
        .plural_act_endings
        .iter()
        .any(|e| word.ends_with(e.as_str()))
    {
        return false;
    }
    markers.iter().any(|m| {
        let recent = s
            .words_after(m.end, 1)
            .first()
            .is_some_and(|(_, _, w)| lex.campaign_recent.contains(w));
        m.start >= t.end
            && m.end <= clause_end
            && s.words_between(t.end, m.start) <= lex.irrealis_window
            && !recent
    })
}

/// «الحملة العسكرية لطرد داعش», «عمليات لاستعادة السيطرة»: a trigger carrying the
/// proclitic «ل» says what an act is for, not what happened — unless something suffered it
/// («تعرضت مواقع لقصف»).
fn purpose(s: &SentenceView, t: &PhraseMatch, cues: &SentenceCues, lex: &EventLexicon) -> bool {
    let lam = matches!(
        s.glued_before(t.start).as_str(),
        "ل" | "ول" | "فل" | "لل" | "ولل" | "فلل"
    ) || purpose_head_before(s, t, lex);
    lam && arguments::suffering_verb_before(s, t.start, cues.suffered.iter()).is_none()
}

/// Is the word right before the trigger one of `purpose_heads` carrying «ل» («لانتزاع
/// السيطرة»)?
fn purpose_head_before(s: &SentenceView, t: &PhraseMatch, lex: &EventLexicon) -> bool {
    s.words_before(t.start, 1).first().is_some_and(|w| {
        let w = w.strip_prefix('و').unwrap_or(w);
        w.strip_prefix('ل')
            .is_some_and(|head| lex.purpose_heads.contains(head))
    })
}
