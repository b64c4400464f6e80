// Rasid's analyst page: no build step, no network beyond this server (the review controls
// are in review.js, the alerts view in alerts.js, both loaded first).
// Views (hash routes): #/ home · #/search/Q · #/article/ID · #/actor/ID · #/events?… · #/graph
// · #/alerts?…
"use strict";

const view = document.getElementById("view");
const tip = document.getElementById("tip");

const TYPE_AR = {
  MEET: "لقاء", AGREE: "اتفاق", RELEASE: "إفراج", ATTACK: "هجوم", ARREST: "اعتقال",
  SEIZE: "ضبط", DEFECT: "انشقاق", PLEDGE: "مبايعة", SUPPORT: "دعم", TAKEOVER: "سيطرة",
};
const REL = {
  ALLY: ["الحلفاء", "Allies"], HOSTILE: ["الخصوم", "Enemies"], MEDIATE: ["الوساطة", "Mediation"],
  DEFECT: ["الانشقاق", "Defections"], AFFILIATE: ["الانتماء", "Affiliation"],
  LEADS: ["القيادة", "Leaders"], MEMBER: ["العضوية", "Members"],
};
const KIND_AR = {
  armed_group: "جماعة مسلحة", state: "دولة", state_force: "قوة حكومية", organization: "منظمة",
  media: "وسيلة إعلام", person: "شخص",
};
const MODALITY_AR = {
  reported: "مُبلَّغ عنه", claimed: "مُدّعى", alleged: "مزعوم", likely: "مرجَّح",
  planned: "مُخطَّط", denied: "مَنفيّ",
};
const EVENT_TYPES = Object.keys(TYPE_AR);

// Events and relations scored below this are hidden unless the analyst moves the slider;
// facts with no score are always shown.
const DEFAULT_MIN_CONFIDENCE = 0.5;

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
}
const en = (s) => (s ? ` <span class="en" lang="en" dir="ltr">${esc(s)}</span>` : "");
const typeTag = (t) => `<span class="type ${esc(t)}">${esc(t)}</span>`;
const enc = encodeURIComponent;

async function api(path) {
  const r = await fetch(path);
  const body = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
  return body;
}

// ---------------------------------------------------------------- confidence, doers, background
function minConfidence(value) {
  const v = parseFloat(value);
  return Number.isFinite(v) && v >= 0 && v <= 1 ? v : DEFAULT_MIN_CONFIDENCE;
}
// The slider of a filter form; its output shows the value as it moves.
function confidenceControl(value) {
  return `<label class="confidence-control">أدنى ثقة <small lang="en">min confidence</small>
    <span><input name="min_confidence" id="min-confidence" type="range" min="0" max="1" step="0.05" value="${value}" dir="ltr"
      oninput="this.nextElementSibling.value = (+this.value).toFixed(2)">
    <output for="min-confidence">${value.toFixed(2)}</output></span></label>`;
}
// What the page hides, stated in words.
function thresholdNote(value, ar, enWhat) {
  return `<p class="threshold" id="threshold" data-min-confidence="${value}">تُخفى ${ar} التي تقلّ ثقتها عن <b dir="ltr">${value.toFixed(2)}</b>،
    وتُعرض التي لا تقدير لها. <small lang="en" dir="ltr">${enWhat} with confidence below ${value.toFixed(2)} are hidden; unscored ones are shown.</small></p>`;
}
const confidenceText = (c) => (c == null ? `<span class="muted" title="لا تقدير · not scored">—</span>` : `<span dir="ltr">${(+c).toFixed(2)}</span>`);
const backgroundChip = (b) => (b ? ` <span class="chip background" title="مذكور من قبل الخبر · recalled from before the news">خلفية <small lang="en">background</small></span>` : "");
// Who did it to whom: the doers (the actors not acted on), or "doer unknown" when the text
// names none; then those acted on.
function doers(actors, targets, name) {
  const hit = targets || [];
  const by = (actors || []).filter((id) => !hit.includes(id));
  const who = by.length ? by.map(name).join("، ")
    : `<span class="doer-unknown">الفاعل مجهول <small lang="en">doer unknown</small></span>`;
  const on = hit.length
    ? ` <span class="targets">← المستهدَف <small lang="en">target</small>: ${hit.map(name).join("، ")}</span>` : "";
  return who + on;
}

// ---------------------------------------------------------------- downloads
// /api/export/{format} with the view's filters: [label, Arabic, English] for each format.
const EXPORTS = {
  "acled-csv": ["ACLED CSV", "الأحداث بأعمدة ACLED", "events in ACLED's columns"],
  stix: ["STIX", "حزمة STIX 2.1: الفاعلون والأحداث والعلاقات", "STIX 2.1 bundle: actors, events, relations"],
  geojson: ["GeoJSON", "الأحداث ذات الإحداثيات للخرائط", "events with coordinates, for maps"],
  jsonl: ["JSON Lines", "الحقائق سطراً سطراً بصيغة JSON", "the facts, one JSON object a line"],
  graphml: ["GraphML", "شبكة الفاعلين", "the actor graph"],
  gexf: ["GEXF", "شبكة الفاعلين عبر الزمن (Gephi)", "the actor graph over time (Gephi)"],
};
const exportHref = (f, qs) => `/api/export/${f}${qs ? `?${qs}` : ""}`;
// A row of download links: `note` ([Arabic, English]) goes into every link's tooltip,
// `before` and `after` (HTML) around the links.
function exportLinks(id, formats, qs, { note, before = "", after = "" } = {}) {
  const links = formats.map((f) => {
    const [label, ar, e] = EXPORTS[f];
    const title = note ? `${ar} · ${e} — ${note[0]} · ${note[1]}` : `${ar} · ${e}`;
    return `<a class="export" data-export="${f}" href="${esc(exportHref(f, qs))}" download title="${esc(title)}"><span dir="ltr">⬇ ${label}</span></a>`;
  }).join("");
  return `<div class="exports" id="${id}"><span class="exports-label">تنزيل <small lang="en">Download</small></span>${before}${links}${after}</div>`;
}

// What failed, in place of the view; with `keep`, above the view (a review that failed
// leaves the article in sight).
function showError(e, { keep = false } = {}) {
  const html = `<p class="error" id="error">خطأ · Error: ${esc(e.message || e)}</p>`;
  if (!keep) { view.innerHTML = html; return; }
  const old = document.getElementById("error");
  if (old) old.remove();
  view.insertAdjacentHTML("afterbegin", html);
  window.scrollTo(0, 0);
}

// ---------------------------------------------------------------- router
async function route() {
  hideTip();
  refreshAlertBadge();
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  view.dataset.view = parts[0] || "home";
  try {
    if (parts[0] === "search") await searchView(parts.slice(1).join("/"));
    else if (parts[0] === "article") await articleView(parts[1]);
    else if (parts[0] === "actor") await actorView(parts[1]);
    else if (parts[0] === "events") await eventsView(new URLSearchParams(query || ""));
    else if (parts[0] === "graph") await graphView();
    else if (parts[0] === "alerts") await alertsView(new URLSearchParams(query || ""));
    else await homeView();
    view.dataset.ready = "1";
  } catch (e) {
    showError(e);
    view.dataset.ready = "error";
  }
}
window.addEventListener("hashchange", () => { view.dataset.ready = "0"; route(); });
document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) location.hash = `#/search/${enc(q)}`;
});

// ---------------------------------------------------------------- home
async function homeView() {
  const [stats, arts, actors] = await Promise.all([
    api("/api/stats"), api("/api/articles?limit=50"), api("/api/actors?limit=24"),
  ]);
  const c = stats.counts;
  const box = (n, ar, e) => `<div><b>${n ?? 0}</b>${ar} <small lang="en">${e}</small></div>`;
  view.innerHTML = `
    <div class="stats">
      ${box(c.documents, "وثيقة", "documents")}${box(c.articles, "مقالة", "articles")}
      ${box(c.actors, "فاعل", "actors")}${box(c.merged_events, "حدثاً", "events")}
      ${box(c.edges, "علاقة", "relations")}
    </div>
    <h2>الفاعلون الأكثر ذكراً <small lang="en">Most named actors</small></h2>
    <div id="top-actors">${actors.map((a) => `<span class="actor-result"><a href="#/actor/${enc(a.id)}">${esc(a.name_ar)}${en(a.name_en)}</a>
      <small class="muted">${a.n_articles}</small></span>`).join("")}</div>
    <h2>المقالات <small lang="en">Articles</small></h2>
    <ul class="list" id="articles">${arts.map(articleItem).join("")}</ul>`;
}

function articleItem(a) {
  const meta = [a.published, a.outlet, a.source].filter(Boolean).map(esc).join(" · ");
  const badge = a.relevant !== false ? "" : ` <span class="chip">غير ذي صلة <small lang="en">not relevant</small></span>`;
  return `<li class="hit"><a href="#/article/${enc(a.id || a.article)}">${esc(a.title || "(بلا عنوان)")}</a>${badge}
    <div class="muted">${meta}</div>${a.snippet ? `<div class="snippet">${esc(a.snippet)}</div>` : ""}</li>`;
}

// ---------------------------------------------------------------- search
async function searchView(q) {
  document.getElementById("q").value = q;
  const r = await api(`/api/search?q=${enc(q)}&limit=50`);
  const actors = r.actors.map((a) => `<span class="actor-result"><a href="#/actor/${enc(a.id)}">
      ${esc(a.name_ar)}${en(a.name_en)}</a> <small class="muted">${esc(KIND_AR[a.kind] || a.kind)} · ${a.n_articles}</small></span>`).join("");
  view.innerHTML = `
    <h2>نتائج البحث عن «${esc(q)}» <small lang="en">Results</small></h2>
    <section id="actor-results"><h3>الفاعلون <small lang="en">Actors</small></h3>
      ${actors || `<p class="muted">لا فاعل بهذا الاسم · no actor</p>`}</section>
    <section><h3>المقالات <small lang="en">Articles</small> (${r.hits.length})</h3>
      <ul class="list" id="hits">${r.hits.map(articleItem).join("") || `<li class="muted">لا نتائج · no results</li>`}</ul></section>`;
}

// ---------------------------------------------------------------- article
async function articleView(id) {
  const a = await api(`/api/articles/${enc(id)}`);
  const chars = Array.from(a.text);
  const blocks = a.blocks.length ? a.blocks : [[0, chars.length]];
  const anns = a.annotations;
  // what analysts rejected, struck through in the text too (an event's highlight has its
  // index as id, an actor's its actor id, a place's its name)
  const review = a.review || {};
  const rejected = (list, key) => new Set((list || []).flatMap((f, i) => (f.status === "rejected" ? [key(f.fact, i)] : [])));
  const noEvent = rejected(review.events, (_, i) => String(i));
  const noActor = rejected(review.actors, (f) => f.actor);
  const noPlace = rejected(review.places, (f) => f.name);
  const struck = (x) => (x.kind === "event" ? noEvent.has(x.id)
    : x.kind === "actor" ? noActor.has(x.id) : noPlace.has(x.name_ar) || noPlace.has(x.text));
  const paras = blocks.map(([s, e], bi) => {
    const cuts = new Set([s, e]);
    for (const x of anns) {
      if (x.end > s && x.start < e) { cuts.add(Math.max(s, x.start)); cuts.add(Math.min(e, x.end)); }
    }
    const pts = [...cuts].sort((p, q) => p - q);
    let html = "";
    for (let i = 0; i + 1 < pts.length; i++) {
      const [p, q] = [pts[i], pts[i + 1]];
      const cover = anns.map((x, k) => [x, k]).filter(([x]) => x.start <= p && x.end >= q);
      let seg = esc(chars.slice(p, q).join(""));
      const ent = cover.find(([x]) => x.kind !== "event");
      if (ent) {
        const [x, k] = ent;
        const cls = x.kind === "actor" ? (x.label === "person" ? "ann-person" : "ann-actor") : "ann-place";
        seg = `<mark class="ann ${cls}${struck(x) ? " rejected" : ""}" data-ann="${k}" data-kind="${x.kind}" data-id="${esc(x.id)}">${seg}</mark>`;
      }
      const ev = cover.find(([x]) => x.kind === "event");
      if (ev) {
        const [x, k] = ev;
        seg = `<span class="ev modality-${esc(x.modality)}${struck(x) ? " rejected" : ""}" data-ev="${esc(x.id)}" data-ann="${k}">${seg}</span>`;
      }
      html += seg;
    }
    const lead = bi === 0 && chars.slice(s, e).join("").trim() === a.title.trim();
    return `<p${lead ? ' class="lead"' : ""}>${html}</p>`;
  }).join("");

  const names = {};
  for (const x of a.actors) names[x.id] = x;
  const actorName = (id) => names[id] ? `${esc(names[id].name_ar)}` : esc(id);
  const facts = `
    <h3>الفاعلون <small lang="en">Actors</small></h3>
    <ul class="list" id="fact-actors">${a.actors.map((x, i) => factItem(a, "actor", i, `<a href="#/actor/${enc(x.id)}">${esc(x.name_ar)}</a>${en(x.name_en)}
      <small class="muted">${esc(KIND_AR[x.kind] || x.kind)} · ${x.mentions.length}×</small>`)).join("") || "<li class=muted>—</li>"}</ul>
    <h3>الأماكن <small lang="en">Places</small></h3>
    <ul class="list" id="fact-places">${a.places.map((p, i) => factItem(a, "place", i, `${esc(p.name_ar)}${en(p.name_en)} <small class="muted">${esc(p.country || "")}</small>`)).join("") || "<li class=muted>—</li>"}</ul>
    <h3>الأحداث <small lang="en">Events</small></h3>
    <ul class="list" id="fact-events">${a.events.map((e, i) => factItem(a, "event", i, `${typeTag(e.type)} ${esc(TYPE_AR[e.type] || "")}
      — ${doers(e.actors, e.targets, actorName)}${e.place ? ` · ${esc(e.place)}` : ""}${e.date ? ` · <span dir="ltr">${esc(e.date)}</span>` : ""}
      ${e.killed != null ? ` · قتلى ${e.killed}` : ""}${backgroundChip(e.background)} <small class="muted">(${esc(MODALITY_AR[e.modality] || e.modality)} · ${esc(e.modality)}${e.confidence != null ? ` · ثقة <span dir="ltr">${(+e.confidence).toFixed(2)}</span>` : ""})</small>`,
      { attrs: ` data-ev="${i}"`, correction: eventCorrection(a, e, i) })).join("") || "<li class=muted>—</li>"}</ul>
    <h3>العلاقات <small lang="en">Relations</small></h3>
    <ul class="list" id="fact-relations">${a.relations.map((r, i) => factItem(a, "relation", i, `${actorName(r.a)} ${typeTag(r.type)} ${actorName(r.b)}
      ${r.evidence.slice(0, 1).map((ev) => `<blockquote class="evidence">${esc(ev.text)}<cite>${esc(ev.rule)}</cite></blockquote>`).join("")}`,
      { correction: relationCorrection(r, i) })).join("") || "<li class=muted>—</li>"}</ul>`;
  view.innerHTML = `
    <div class="muted">${[a.published, a.outlet, a.source].filter(Boolean).map(esc).join(" · ")}
      ${a.duplicate_of ? ` · نسخة من <a href="#/article/${enc(a.duplicate_of.article)}">مقالة سابقة</a> <small lang="en">duplicate</small>` : ""}</div>
    <div class="legend"><span><i style="background:var(--actor)"></i>فاعل <small lang="en">actor</small></span>
      <span><i style="background:var(--person)"></i>شخص <small lang="en">person</small></span>
      <span><i style="background:var(--place)"></i>مكان <small lang="en">place</small></span>
      <span><i style="border-bottom:2px solid #e07b39"></i>حدث <small lang="en">event</small></span></div>
    <div class="grid2">
      <article class="card article-text" id="article-text" data-annotations="${anns.length}">${paras}</article>
      <aside class="card facts" id="facts">${facts}</aside>
    </div>`;
  view._annotations = anns;
  view._events = a.events;
  view._names = names;
  wireReviewControls(a);
  for (const li of view.querySelectorAll("#fact-events li[data-ev]")) {
    li.style.cursor = "pointer";
    li.addEventListener("click", (ev) => {
      if (ev.target instanceof Element && ev.target.closest(".review-actions, details.correct")) return;
      const span = view.querySelector(`span.ev[data-ev="${li.dataset.ev}"]`);
      for (const s of view.querySelectorAll(".flash")) s.classList.remove("flash");
      for (const s of view.querySelectorAll(`span.ev[data-ev="${li.dataset.ev}"]`)) s.classList.add("flash");
      if (span) span.scrollIntoView({ block: "center", behavior: "smooth" });
    });
  }
}

// tooltips over highlighted spans: type, id, English name, modality, rule
function tipHtml(target) {
  const anns = view._annotations || [];
  const out = [];
  const mark = target.closest("mark.ann");
  if (mark) {
    const x = anns[+mark.dataset.ann];
    if (x && x.kind === "actor") {
      out.push(`<div><b>${esc(KIND_AR[x.label] || x.label)}</b> <span class="en">${esc(x.label)}</span></div>
        <div>${esc(x.name_ar)}${en(x.name_en)}</div><div class="en">id: ${esc(x.id)} · rule: ${esc(x.rule)}</div>`);
    } else if (x) {
      out.push(`<div><b>مكان</b> <span class="en">place · ${esc(x.label)}</span></div>
        <div>${esc(x.name_ar)}${en(x.name_en)} ${x.country ? `<span class="en">${esc(x.country)}</span>` : ""}</div>
        <div class="en">rule: ${esc(x.rule)}</div>`);
    }
  }
  const evSpan = target.closest("span.ev");
  if (evSpan) {
    const e = (view._events || [])[+evSpan.dataset.ev];
    const x = anns[+evSpan.dataset.ann];
    if (e) {
      const names = view._names || {};
      const who = doers(e.actors, e.targets, (id) => names[id] ? `${esc(names[id].name_ar)}${en(names[id].name_en)}` : esc(id));
      out.push(`<div><b>حدث ${esc(TYPE_AR[e.type] || "")}</b> <span class="en">event ${esc(e.type)}${e.subtype ? "/" + esc(e.subtype) : ""}</span></div>
        <div>${who}</div>
        <div>الصيغة: ${esc(MODALITY_AR[e.modality] || e.modality)} <span class="en">modality: ${esc(e.modality)}</span></div>
        ${e.place || e.date ? `<div>${esc(e.place || "")} <span dir="ltr">${esc(e.date || "")}</span></div>` : ""}
        <div class="en">rule: ${esc(x ? x.rule : "")}</div>`);
    }
  }
  return out.join("<hr>");
}
function hideTip() { tip.hidden = true; }
document.addEventListener("mouseover", (ev) => {
  const t = ev.target instanceof Element ? ev.target : null;
  if (!t || !t.closest("#article-text") || !(t.closest("mark.ann") || t.closest("span.ev"))) { hideTip(); return; }
  tip.innerHTML = tipHtml(t);
  tip.hidden = false;
  const r = t.getBoundingClientRect();
  const w = tip.offsetWidth;
  tip.style.left = `${Math.max(8, Math.min(window.innerWidth - w - 8, r.left + r.width / 2 - w / 2))}px`;
  tip.style.top = `${r.bottom + 8}px`;
});
document.addEventListener("click", (ev) => {
  const m = ev.target instanceof Element && ev.target.closest("mark.ann[data-kind=actor]");
  if (m) location.hash = `#/actor/${enc(m.dataset.id)}`;
});

// ---------------------------------------------------------------- actor
async function actorView(id) {
  const [a, g] = await Promise.all([api(`/api/actors/${enc(id)}`), api(`/api/graph?actor=${enc(id)}`)]);
  const groups = {};
  for (const r of a.relations) (groups[r.relation_type] ||= []).push(r);
  const order = ["ALLY", "HOSTILE", "MEDIATE", "AFFILIATE", "DEFECT", "LEADS", "MEMBER"];
  const relHtml = order.filter((t) => groups[t] || t === "ALLY" || t === "HOSTILE").map((t) => {
    const [ar, e] = REL[t] || [t, t];
    const items = (groups[t] || []).map((r) => `
      <div class="rel ${esc(t)}" data-other="${esc(r.other)}">
        <a href="#/actor/${enc(r.other)}"><b>${esc(r.other_name_ar || r.other)}</b></a>${en(r.other_name_en)}
        <small class="muted">${r.direction === "out" ? "←" : "→"} ${typeTag(t)} · ${r.weight}× · ${r.n_articles} مقالة${r.confidence != null ? ` · ثقة <span dir="ltr">${(+r.confidence).toFixed(2)}</span>` : ""}
          ${r.first_seen ? ` · <span dir="ltr">${esc(r.first_seen)}${r.last_seen && r.last_seen !== r.first_seen ? " … " + esc(r.last_seen) : ""}</span>` : ""}</small>
        ${dedupEvidence(r.evidence).map((ev) => `<blockquote class="evidence">${esc(ev.text)}
          <cite><a href="#/article/${enc(ev.article)}">${esc(ev.source)}</a>${ev.published ? " · " + esc(ev.published) : ""} · ${esc(ev.rule)}${reviewChip(ev.review)}</cite></blockquote>`).join("")}
        ${r.n_evidence > r.evidence.length ? `<small class="muted">… ${r.n_evidence - r.evidence.length} جملة أخرى <span lang="en">more sentences</span></small>` : ""}
      </div>`).join("");
    return `<section id="rel-${t}"><h3>${ar} <small lang="en">${e}</small> (${(groups[t] || []).length})</h3>
      ${items || `<p class="muted">لا شيء في هذه المقالات · none in these articles</p>`}</section>`;
  }).join("");
  const nm = (id) => a.names[id] ? esc(a.names[id].name_ar) : esc(id);
  const timeline = a.timeline.map((e) => {
    const rep = e.reports[0] || {};
    const ev = (rep.evidence || [])[0];
    return `<div class="item"><span dir="ltr">${esc(e.date_start || "????")}</span> ${typeTag(e.event_type)} ${esc(TYPE_AR[e.event_type] || "")}
      — ${doers(e.actors, e.targets, nm)}${e.place ? " · " + esc(e.place) : ""}${backgroundChip(e.background)}${reviewChip(e.review)}
      <small class="muted">${e.n_sources} مصدر · ${esc(rep.modality || "")}</small>
      ${ev ? `<blockquote class="evidence">${esc(ev.text)}<cite><a href="#/article/${enc(rep.article)}">${esc(rep.source)}</a></cite></blockquote>` : ""}</div>`;
  }).join("");
  view.innerHTML = `
    <h1 id="actor-name">${esc(a.name_ar)}${en(a.name_en)}</h1>
    <div class="muted">${esc(KIND_AR[a.kind] || a.kind)} <span class="en">${esc(a.kind)} · id ${esc(a.id)}</span> · ${a.n_articles} مقالة
      ${a.affiliation ? ` · <a href="#/actor/${enc(a.affiliation)}">${esc(a.affiliation)}</a> (${esc(a.role || "")})` : ""}</div>
    ${exportLinks("actor-exports", ["acled-csv", "stix", "graphml", "gexf"], `actor=${enc(a.id)}`,
      { note: ["أحداث هذا الفاعل وعلاقاته", "this actor's events and relations"] })}
    <div class="chips" id="aliases">الأسماء <small lang="en">Aliases</small>: ${a.aliases.slice(0, 30).map((x) => `<span>${esc(x.text)} <small class="muted">${x.mentions}</small></span>`).join("")}
      ${a.aliases.length > 30 ? `<small class="muted">… ${a.aliases.length - 30} <span lang="en">more</span></small>` : ""}</div>
    <div class="grid2 actor-grid">
      <div class="relations card" id="relations">${relHtml}</div>
      <div>
        <div class="card"><h3>شبكة العلاقات <small lang="en">Relation graph</small></h3><div id="graph"></div>
          <div class="legend"><span><i style="background:var(--ally)"></i>تحالف ALLY</span><span><i style="background:var(--hostile)"></i>عداء HOSTILE</span><span><i style="background:var(--other)"></i>أخرى other</span></div></div>
        <div class="card"><h3>الخط الزمني <small lang="en">Timeline</small></h3><div class="timeline" id="timeline">${timeline || "<p class=muted>—</p>"}</div></div>
        <div class="card"><h3>المقالات <small lang="en">Articles</small></h3><ul class="list">${a.articles.map((x) => articleItem(x)).join("")}</ul></div>
      </div>
    </div>`;
  drawGraph(document.getElementById("graph"), g, a.id);
}

function dedupEvidence(list) {
  const seen = new Set();
  return list.filter((e) => { const k = e.article + "|" + e.start; if (seen.has(k)) return false; seen.add(k); return true; });
}

const EDGE_COLOR = { ALLY: "#1f9d55", HOSTILE: "#c53030" };
function drawGraph(el, g, focus) {
  if (typeof cytoscape !== "function") { el.textContent = "cytoscape missing"; return; }
  const elements = [
    ...g.nodes.map((n) => ({ data: { id: n.id, label: n.name_en ? `${n.name_ar}\n${n.name_en}` : n.name_ar, kind: n.kind } })),
    ...g.edges.map((e) => ({ data: { id: e.id, source: e.a, target: e.b, type: e.relation_type, weight: e.weight,
      label: e.confidence == null ? e.relation_type : `${e.relation_type} ${(+e.confidence).toFixed(2)}` } })),
  ];
  const cy = cytoscape({
    container: el, elements, wheelSensitivity: 0.3, maxZoom: 1.6,
    layout: focus && g.nodes.length <= 60
      ? { name: "concentric", animate: false, concentric: (n) => (n.id() === focus ? 10 : 1),
          levelWidth: () => 1, minNodeSpacing: 110, padding: 30 }
      : { name: "cose", animate: false, padding: 30, nodeDimensionsIncludeLabels: true },
    style: [
      { selector: "node", style: { label: "data(label)", "text-wrap": "wrap", "text-max-width": "150px", "font-size": 15, "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 2, "text-valign": "bottom",
        "text-margin-y": 4, "background-color": "#7b8794", width: 22, height: 22,
        "font-family": "Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans, sans-serif" } },
      { selector: "node[kind = 'armed_group']", style: { "background-color": "#e07b39" } },
      { selector: "node[kind = 'state'], node[kind = 'state_force']", style: { "background-color": "#3c6e9f" } },
      { selector: "node[kind = 'person']", style: { "background-color": "#b04fa6" } },
      { selector: `node[id = "${String(focus || "").replace(/"/g, "")}"]`, style: { width: 36, height: 36, "border-width": 3, "border-color": "#12263a", "font-weight": "bold" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 10, 1.5, 7)", "line-color": "#5a67d8", "curve-style": "bezier", opacity: 0.8,
        label: "data(label)", "font-size": 10, "text-rotation": "autorotate", color: "#5d6675" } },
      { selector: "edge[type = 'ALLY']", style: { "line-color": EDGE_COLOR.ALLY } },
      { selector: "edge[type = 'HOSTILE']", style: { "line-color": EDGE_COLOR.HOSTILE, "line-style": "dashed" } },
    ],
  });
  cy.on("tap", "node", (ev) => { location.hash = `#/actor/${enc(ev.target.id())}`; });
  el.dataset.nodes = g.nodes.length;
  el.dataset.edges = g.edges.length;
  window._cy = cy;
}

// ---------------------------------------------------------------- graph
async function graphView() {
  view.innerHTML = `
    <h2>شبكة العلاقات <small lang="en">Relation graph</small></h2>
    <form class="filters" id="graph-filters">
      ${Object.keys(REL).map((t) => `<label><span><input type="checkbox" name="t" value="${t}" ${t === "ALLY" || t === "HOSTILE" ? "checked" : ""}> ${REL[t][0]} <small lang="en">${t}</small></span></label>`).join("")}
      <label>أدنى وزن <small lang="en">min weight</small><input name="w" type="number" min="1" value="1" style="width:5em"></label>
      ${confidenceControl(DEFAULT_MIN_CONFIDENCE)}
      <button type="submit">عرض <small lang="en">Show</small></button>
    </form>
    <div id="graph-exports-box"></div>
    <div id="threshold-box">${thresholdNote(DEFAULT_MIN_CONFIDENCE, "العلاقات", "Relations")}</div>
    <div id="graph-full"></div>`;
  const form = document.getElementById("graph-filters");
  const load = async () => {
    const types = [...form.querySelectorAll("input[name=t]:checked")].map((x) => x.value).join(",");
    const conf = minConfidence(form.min_confidence.value);
    document.getElementById("threshold-box").innerHTML = thresholdNote(conf, "العلاقات", "Relations");
    // the export filters edges by confidence only: say that it holds every type and weight
    document.getElementById("graph-exports-box").innerHTML = exportLinks("graph-exports", ["graphml", "gexf"],
      `min_confidence=${conf}`, {
        note: [`كل أنواع العلاقات وأوزانها، بثقة لا تقلّ عن ${conf.toFixed(2)}`,
          `every relation type and weight, confidence at least ${conf.toFixed(2)}`],
        after: `<span class="muted" id="graph-exports-note">كل الأنواع والأوزان <small lang="en">every type and weight</small></span>`,
      });
    const g = await api(`/api/graph?types=${enc(types)}&min_weight=${enc(form.w.value || 1)}&min_confidence=${conf}`);
    drawGraph(document.getElementById("graph-full"), g, null);
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load().catch(showError); });
  form.min_confidence.addEventListener("change", () => load().catch(showError));
  await load();
}

// ---------------------------------------------------------------- events
async function eventsView(params) {
  const conf = minConfidence(params.get("min_confidence"));
  params.set("min_confidence", String(conf));
  const qs = params.toString();
  const [r, places] = await Promise.all([api(`/api/events?${qs}`), api("/api/places")]);
  const nm = (id) => r.names[id] ? `${esc(r.names[id].name_ar)}` : esc(id);
  const val = (k) => esc(params.get(k) || "");
  const rows = r.events.map((e) => {
    const rep = e.reports[0] || {};
    const ev = (rep.evidence || [])[0];
    const link = (id) => `<a href="#/actor/${enc(id)}">${nm(id)}</a>`;
    return `<tr${e.background ? ' class="background"' : ""}><td><span dir="ltr">${esc(e.date_start || "")}${e.date_end && e.date_end !== e.date_start ? " … " + esc(e.date_end) : ""}</span>${backgroundChip(e.background)}</td>
      <td>${typeTag(e.event_type)}<br>${esc(TYPE_AR[e.event_type] || "")}${reviewChip(e.review)}</td>
      <td>${doers(e.actors, e.targets, link)}</td>
      <td>${esc(e.place || "")} <small class="muted">${esc(e.country || "")}</small></td>
      <td>${e.killed ?? ""}</td><td>${e.injured ?? ""}</td><td>${e.n_sources}</td>
      <td>${esc(MODALITY_AR[rep.modality] || "")}<br><small class="en">${esc(rep.modality || "")}</small></td>
      <td class="confidence">${confidenceText(e.confidence)}</td>
      <td class="evtext">${ev ? `${esc(ev.text)} <a href="#/article/${enc(rep.article)}">↗</a>` : ""}</td></tr>`;
  }).join("");
  view.innerHTML = `
    <h2>الأحداث <small lang="en">Events</small> (${r.count})</h2>
    <form class="filters" id="event-filters">
      <label>النوع <small lang="en">type</small><select name="type"><option value="">—</option>
        ${EVENT_TYPES.map((t) => `<option value="${t}" ${params.get("type") === t ? "selected" : ""}>${t} ${TYPE_AR[t]}</option>`).join("")}</select></label>
      <label>الفاعل <small lang="en">actor</small><input name="actor" value="${val("actor")}" placeholder="houthis"></label>
      <label>المكان <small lang="en">place</small><input name="place" value="${val("place")}"></label>
      <label>الدولة <small lang="en">country</small><input name="country" value="${val("country")}" size="3" placeholder="YE"></label>
      <label>من <small lang="en">from</small><input name="from" value="${val("from")}" placeholder="2024-01-01" size="10"></label>
      <label>إلى <small lang="en">to</small><input name="to" value="${val("to")}" placeholder="2024-12-31" size="10"></label>
      ${confidenceControl(conf)}
      <button type="submit">تصفية <small lang="en">Filter</small></button>
    </form>
    ${exportLinks("event-exports", ["acled-csv", "stix", "geojson", "jsonl"], qs, {
      note: ["بمرشّحات هذه الصفحة", "with this page's filters"],
      before: `<a id="csv" class="export" href="/api/events.csv?${esc(qs)}" download title="الأحداث المعروضة · the events shown"><span dir="ltr">⬇ CSV</span></a>`,
    })}
    ${thresholdNote(conf, "الأحداث", "Events")}
    <div class="grid2">
      <div class="card"><h3>الخريطة <small lang="en">Map</small></h3><div id="map"></div></div>
      <div class="card"><h3>الخط الزمني <small lang="en">Timeline</small></h3><div id="chart"></div></div>
    </div>
    <table id="events-table"><thead><tr><th>التاريخ <small lang="en">date</small></th><th>النوع <small lang="en">type</small></th>
      <th>الفاعلون <small lang="en">actors</small></th><th>المكان <small lang="en">place</small></th><th>قتلى <small lang="en">killed</small></th>
      <th>جرحى <small lang="en">injured</small></th><th>مصادر <small lang="en">sources</small></th><th>الصيغة <small lang="en">modality</small></th>
      <th>الثقة <small lang="en">confidence</small></th><th>الدليل <small lang="en">evidence</small></th></tr></thead><tbody>${rows}</tbody></table>`;
  const filters = document.getElementById("event-filters");
  filters.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(ev.target)) if (String(v).trim()) p.set(k, String(v).trim());
    location.hash = `#/events?${p}`;
  });
  filters.min_confidence.addEventListener("change", () => filters.requestSubmit());
  drawChart(document.getElementById("chart"), r.events);
  await drawMap(document.getElementById("map"), r.events, places.places, nm);
}

function drawChart(el, events) {
  const byMonth = {};
  for (const e of events) if (e.date_start) { const m = e.date_start.slice(0, 7); byMonth[m] = (byMonth[m] || 0) + 1; }
  const months = Object.keys(byMonth).sort();
  if (!months.length) { el.innerHTML = `<p class="muted">لا تواريخ · no dates</p>`; return; }
  const max = Math.max(...Object.values(byMonth));
  const W = 460, H = 180, bw = Math.min(50, (W - 20) / months.length - 4);
  const bars = months.map((m, i) => {
    const h = (byMonth[m] / max) * (H - 40);
    const x = 10 + i * (bw + 4);
    return `<rect x="${x}" y="${H - 20 - h}" width="${bw}" height="${h}" fill="#e07b39"><title>${m}: ${byMonth[m]}</title></rect>
      <text x="${x + bw / 2}" y="${H - 5}" text-anchor="middle">${m}</text><text x="${x + bw / 2}" y="${H - 24 - h}" text-anchor="middle">${byMonth[m]}</text>`;
  }).join("");
  el.innerHTML = `<svg class="chart" dir="ltr" viewBox="0 0 ${W} ${H}" width="100%">${bars}</svg>`;
}

let world = null;
async function drawMap(el, events, places, nm) {
  if (typeof L === "undefined") { el.textContent = "leaflet missing"; return; }
  const map = L.map(el, { attributionControl: true, worldCopyJump: false }).setView([22, 40], 4);
  map.attributionControl.setPrefix(false).addAttribution("Natural Earth · Leaflet");
  try {
    if (!world) {
      const topo = await (await fetch("/assets/vendor/world-atlas/countries-50m.json")).json();
      world = topojson.feature(topo, topo.objects.countries);
    }
    L.geoJSON(world, { style: { color: "#8a9bb0", weight: 0.8, fillColor: "#f4f1e8", fillOpacity: 1 } }).addTo(map);
  } catch (e) { /* the map still shows the points */ }
  const where = {};
  for (const p of places) { where[`${p.name_ar}|${p.country || ""}`] = p; if (!where[p.name_ar]) where[p.name_ar] = p; }
  const pts = [];
  for (const e of events) {
    if (!e.place) continue;
    const p = where[`${e.place}|${e.country || ""}`] || where[e.place];
    if (!p) continue;
    pts.push([p.lat, p.lon]);
    L.circleMarker([p.lat, p.lon], { radius: 5 + Math.min(5, e.n_sources), color: EDGE_COLOR[e.event_type] || "#c05621", weight: 2, fillOpacity: 0.6 })
      .bindPopup(`<div dir="rtl">${typeTag(e.event_type)} ${esc(TYPE_AR[e.event_type] || "")}${backgroundChip(e.background)}<br>${esc(e.place)}${en(p.name_en)}<br>${doers(e.actors, e.targets, nm)}<br><span dir="ltr">${esc(e.date_start || "")}</span></div>`)
      .addTo(map);
  }
  if (pts.length) map.fitBounds(pts, { padding: [40, 40], maxZoom: 5 });
  el.dataset.points = pts.length;
}

drawTokenControl();
route();
