// Analysts' review on Rasid's page: the analyst's token (kept in this tab's sessionStorage,
// never in a cookie), every write made with it (writeApi), the review marks of facts with
// the decision in force, and the confirm / reject / correct controls of the article view,
// which POST to /api/reviews. Loaded before app.js, whose helpers (esc, view, route,
// showError, TYPE_AR, REL, EVENT_TYPES) it calls at run time.
"use strict";

const TOKEN_KEY = "rasid.analystToken";
const analystToken = () => sessionStorage.getItem(TOKEN_KEY) || "";

// The mark of a fact: [Arabic, English] for each status the API gives.
const REVIEW_STATUS = {
  confirmed: ["مؤكد", "confirmed"],
  rejected: ["مرفوض", "rejected"],
  corrected: ["مصحح", "corrected"],
};
// The mark of a fact; with `decision` (the decision in force: verdict, correction,
// analyst, at) it also says what was decided, by whom and when:
// «مصحح · corrected to ARREST by lina, 2026-12-05».
function reviewChip(status, decision) {
  const s = REVIEW_STATUS[status];
  if (!s) return "";
  const said = decision ? decisionText(s[1], decision) : s[1];
  return ` <span class="chip review ${status}" data-review="${status}" title="راجعه محلل · reviewed by an analyst">${s[0]}${decision ? " ·" : ""} <small lang="en" dir="ltr">${esc(said)}</small></span>`;
}

// What a correction sets, in words: "ARREST", "doers houthis", "place مأرب" …
function correctionText(c) {
  const ids = (v) => (v || []).join(", ") || "none";
  return [
    c.event_type, c.relation_type,
    c.actors && `doers ${ids(c.actors)}`, c.targets && `targets ${ids(c.targets)}`,
    c.place && `place ${c.place}`, c.actor && `actor ${c.actor}`,
  ].filter(Boolean).join(", ");
}

// "corrected to ARREST by lina, 2026-12-05" from the status word and the decision.
function decisionText(word, d) {
  const to = d.correction ? correctionText(d.correction) : "";
  const day = String(d.at || "").slice(0, 10);
  return `${word}${to ? ` to ${to}` : ""}${d.analyst ? ` by ${d.analyst}` : ""}${day ? `, ${day}` : ""}`;
}

// ---------------------------------------------------------------- the token control
function drawTokenControl() {
  const box = document.getElementById("analyst");
  if (!box) return;
  if (analystToken()) {
    box.innerHTML = `<span class="reviewing" id="reviewing">✎ المراجعة مفعّلة <small lang="en">reviewing</small></span>
      <button type="button" id="sign-out">خروج <small lang="en">Sign out</small></button>`;
    document.getElementById("sign-out").addEventListener("click", () => {
      sessionStorage.removeItem(TOKEN_KEY);
      drawTokenControl();
      route();
    });
    return;
  }
  box.innerHTML = `<details id="token-box"><summary>رمز المحلل <small lang="en">Analyst token</small></summary>
    <form id="token-form" title="يُحفظ في هذا التبويب فقط · kept in this tab only">
      <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" dir="ltr"
        placeholder="token" aria-label="رمز المحلل · analyst token">
      <button type="submit" id="token-save">دخول <small lang="en">Use</small></button>
    </form></details>`;
  document.getElementById("token-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const t = document.getElementById("token").value.trim();
    if (!t) return;
    sessionStorage.setItem(TOKEN_KEY, t);
    drawTokenControl();
    route();
  });
}

// ---------------------------------------------------------------- writing
// A write with the analyst's token: `method` on `path` with `body` (JSON) if given; the
// answer's JSON (null for 204), or an Error saying what the server refused.
async function writeApi(method, path, body) {
  const headers = { Authorization: `Bearer ${analystToken()}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 204) return null;
  const answer = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) {
    const hint = r.status === 401 ? " — تحقق من الرمز أو اخرج وأدخله ثانية · check the token, or sign out and enter it again" : "";
    throw new Error((answer.error || `HTTP ${r.status}`) + hint);
  }
  return answer;
}
const postReview = (body) => writeApi("POST", "/api/reviews", body);

// ---------------------------------------------------------------- the article view's controls
// The review lists of an article, by the kind of fact.
const REVIEW_LISTS = { event: "events", relation: "relations", actor: "actors", place: "places" };

// The review of fact `i` of `kind` of the article `a`: {status, decision} in force (both
// absent when not reviewed).
function factReview(a, kind, i) {
  const list = (a.review || {})[REVIEW_LISTS[kind]] || [];
  return list[i] || {};
}

// A fact of the article's list: its text (struck through when rejected), its mark with the
// decision in force and, with a token, the buttons (and `correction`, a form) to review it.
function factItem(a, kind, i, html, { attrs = "", correction = "" } = {}) {
  const { status, decision } = factReview(a, kind, i);
  const cls = status ? ` class="reviewed ${status}"` : "";
  const controls = analystToken() ? `<span class="review-actions" data-kind="${kind}" data-i="${i}">
      <button type="button" data-verdict="confirm" title="الاستخراج صحيح · the fact is right">✓ تأكيد <small lang="en">confirm</small></button>
      <button type="button" data-verdict="reject" title="الاستخراج خاطئ · the fact is wrong">✗ رفض <small lang="en">reject</small></button>
    </span>${correction}` : "";
  return `<li data-fact="${kind}" data-i="${i}"${status ? ` data-review="${status}"` : ""}${cls}${attrs}><span class="fact">${html}</span>${reviewChip(status, decision)}${controls}</li>`;
}

// The correction form of event `e`: its type, and its doer among the article's actors.
function eventCorrection(a, e, i) {
  if (!analystToken()) return "";
  const types = EVENT_TYPES.map((t) => `<option value="${t}"${t === e.type ? " selected" : ""}>${t} ${TYPE_AR[t]}</option>`).join("");
  const actors = a.actors.map((x) => `<option value="${esc(x.id)}">${esc(x.name_ar)} · ${esc(x.id)}</option>`).join("");
  return `<details class="correct"><summary>✎ تصحيح <small lang="en">correct</small></summary>
    <form class="correction" data-kind="event" data-i="${i}">
      <label>النوع <small lang="en">type</small><select name="event_type">${types}</select></label>
      <label>الفاعل <small lang="en">doer</small><select name="actor"><option value="">— كما هو · unchanged</option>${actors}</select></label>
      <label>ملاحظة <small lang="en">note</small><input name="note" maxlength="2000"></label>
      <button type="submit">حفظ <small lang="en">Save</small></button>
    </form></details>`;
}

// The correction form of relation `r`: its type.
function relationCorrection(r, i) {
  if (!analystToken()) return "";
  const types = Object.keys(REL).map((t) => `<option value="${t}"${t === r.type ? " selected" : ""}>${t} ${REL[t][0]}</option>`).join("");
  return `<details class="correct"><summary>✎ تصحيح <small lang="en">correct</small></summary>
    <form class="correction" data-kind="relation" data-i="${i}">
      <label>النوع <small lang="en">type</small><select name="relation_type">${types}</select></label>
      <label>ملاحظة <small lang="en">note</small><input name="note" maxlength="2000"></label>
      <button type="submit">حفظ <small lang="en">Save</small></button>
    </form></details>`;
}

// What a correction form asks to change (null: nothing).
function correctionOf(form, a) {
  const i = +form.dataset.i;
  const c = {};
  if (form.dataset.kind === "event") {
    const e = a.events[i];
    if (form.event_type.value !== e.type) c.event_type = form.event_type.value;
    if (form.actor.value) c.actors = [form.actor.value];
  } else if (form.relation_type.value !== a.relations[i].type) {
    c.relation_type = form.relation_type.value;
  }
  return Object.keys(c).length ? c : null;
}

// Send one decision on fact `i` of `kind`, then draw the view again (or say what failed).
async function sendReview(a, kind, i, verdict, extra = {}) {
  const item = ((a.review || {})[REVIEW_LISTS[kind]] || [])[i];
  if (!item) return;
  for (const b of view.querySelectorAll(".review-actions button, form.correction button")) b.disabled = true;
  try {
    await postReview({ fact: item.fact, verdict, ...extra });
    await route();
  } catch (e) {
    showError(e, { keep: true });
    for (const b of view.querySelectorAll(".review-actions button, form.correction button")) b.disabled = false;
  }
}

// Wire the review controls of the article view showing `a`.
function wireReviewControls(a) {
  for (const box of view.querySelectorAll(".review-actions")) {
    box.addEventListener("click", (ev) => {
      const b = ev.target instanceof Element && ev.target.closest("button[data-verdict]");
      if (b) sendReview(a, box.dataset.kind, +box.dataset.i, b.dataset.verdict);
    });
  }
  for (const form of view.querySelectorAll("form.correction")) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const correction = correctionOf(form, a);
      if (!correction) {
        showError(new Error("لا تغيير في التصحيح · the correction changes nothing"), { keep: true });
        return;
      }
      const note = form.note.value.trim();
      sendReview(a, form.dataset.kind, +form.dataset.i, "correct", note ? { correction, note } : { correction });
    });
  }
}
