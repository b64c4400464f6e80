// The alerts view (#/alerts, #/alerts?watchlist=NAME&unread=1) and the unread badge of
// the header: the facts ingests brought that watchlists follow, newest first, each linking
// to the page's view of its fact; the watchlists with their unread counts; and, with an
// analyst's token, marking alerts read and saving or removing a watchlist. Loaded before
// app.js, whose helpers (esc, view, api, enc, route, showError, typeTag, TYPE_AR, REL,
// EVENT_TYPES) it calls at run time; writes go through writeApi (review.js).
"use strict";

// Alerts the view lists at most.
const ALERTS_SHOWN = 200;
const ALERT_KIND = { event: ["حدث", "event"], edge: ["علاقة", "relation"] };

// The header's badge: how many alerts are unread over every watchlist; hidden at none.
async function refreshAlertBadge() {
  const badge = document.getElementById("alert-badge");
  if (!badge) return;
  try {
    const lists = await api("/api/watchlists");
    const n = lists.reduce((sum, w) => sum + (w.unread || 0), 0);
    badge.textContent = n > 999 ? "999+" : String(n);
    badge.title = `${n} تنبيه غير مقروء · unread alerts`;
    badge.hidden = n === 0;
  } catch (e) {
    badge.hidden = true; // the badge never stands in the way of a view
  }
}

// What an alert is about, in words: its type tagged, its actors by their Arabic names
// (the id when the store has no name), its place and its date.
function alertTitle(a) {
  const name = (id) => `<span dir="auto">${esc((a.names && a.names[id] && a.names[id].name_ar) || id)}</span>`;
  const type = `${typeTag(a.fact_type)}${TYPE_AR[a.fact_type] ? ` ${esc(TYPE_AR[a.fact_type])}` : ""}`;
  const actors = (a.actors || []);
  const what = a.kind === "edge" && actors.length === 2
    ? `${name(actors[0])} ${type} ${name(actors[1])}`
    : `${type} ${actors.map(name).join("، ")}`;
  const place = a.place ? ` · <span dir="auto">${esc(a.place)}</span>` : "";
  const date = a.date ? ` · <span dir="ltr">${esc(a.date)}</span>` : "";
  return `${what}${place}${date}`;
}

// "2026-12-05 05:00" of an RFC 3339 time (UTC).
const alertTime = (t) => esc(String(t || "").replace("T", " ").slice(0, 16));

function alertItem(a) {
  const [ar, e] = ALERT_KIND[a.kind] || [a.kind, a.kind];
  const unread = !a.read;
  const readButton = unread && analystToken()
    ? ` <button type="button" class="mark-read" data-read="${esc(a.id)}" title="تعليمه مقروءاً · mark read">✓ <small lang="en">read</small></button>` : "";
  return `<li class="alert${unread ? " unread" : ""}" data-alert="${esc(a.id)}" data-kind="${esc(a.kind)}">
    ${unread ? `<span class="chip new">جديد <small lang="en">new</small></span>` : ""}
    <span class="chip kind">${ar} <small lang="en">${e}</small></span>
    <a class="fact-link" href="${esc(a.page)}">${alertTitle(a)}</a>
    <div class="muted"><a class="chip watchlist" href="#/alerts?watchlist=${enc(a.watchlist)}">${esc(a.watchlist)}</a>
      <small dir="ltr">${alertTime(a.created_at)}</small>${readButton}</div></li>`;
}

// What a watchlist follows, in a line.
function filterText(f) {
  const parts = [];
  const list = (ar, e, v) => { if (v && v.length) parts.push(`${ar} <small lang="en">${e}</small>: <span dir="auto">${v.map(esc).join("، ")}</span>`); };
  list("الفاعلون", "actors", f.actors);
  list("الأماكن", "places", f.places);
  list("الدول", "countries", f.countries);
  list("الأحداث", "events", f.event_types);
  list("العلاقات", "relations", f.relation_types);
  if (f.min_confidence != null) parts.push(`ثقة ≥ <span dir="ltr">${(+f.min_confidence).toFixed(2)}</span>`);
  if (!f.events) parts.push(`العلاقات فقط <small lang="en">relations only</small>`);
  if (!f.relations) parts.push(`الأحداث فقط <small lang="en">events only</small>`);
  return parts.join(" · ") || `كل شيء <small lang="en">everything</small>`;
}

function watchlistItem(w, current) {
  const remove = analystToken()
    ? ` <button type="button" class="remove-watchlist" data-name="${esc(w.name)}" title="حذف القائمة وتنبيهاتها · delete the watchlist and its alerts">✗ <small lang="en">delete</small></button>` : "";
  return `<li data-watchlist="${esc(w.name)}"${w.name === current ? ' class="current"' : ""}>
    <a href="#/alerts?watchlist=${enc(w.name)}"><b>${esc(w.name)}</b></a>
    <span class="badge count${w.unread ? "" : " zero"}" title="غير مقروءة · unread">${w.unread}</span>
    ${w.has_webhook ? `<small class="muted" title="تُرسل التنبيهات إلى عنوان · alerts are sent to a webhook">↗ webhook</small>` : ""}${remove}
    <div class="muted filter">${filterText(w.filter)}</div></li>`;
}

// The form that saves a watchlist (with a token).
function watchlistForm() {
  const types = EVENT_TYPES.map((t) => `<label class="check"><input type="checkbox" name="event_types" value="${t}"> ${t} <small>${TYPE_AR[t]}</small></label>`).join("");
  return `<form id="watchlist-form" class="watchlist-form">
    <label><span>الاسم <small lang="en">name</small></span><input name="name" required maxlength="100" placeholder="yemen"></label>
    <label><span>الفاعلون <small lang="en" dir="ltr">actors (ids or names)</small></span><input name="actors" placeholder="houthis، القاعدة"></label>
    <label><span>الدول <small lang="en">countries</small></span><input name="countries" placeholder="YE, SY" dir="ltr"></label>
    <fieldset><legend>أنواع الأحداث <small lang="en" dir="ltr">event types (none: all)</small></legend>${types}</fieldset>
    <label><span>أدنى ثقة <small lang="en">min confidence</small></span><input name="min_confidence" type="number" min="0" max="1" step="0.05" placeholder="—" dir="ltr"></label>
    <div class="follow">
      <label class="check"><input type="checkbox" name="events" checked> الأحداث <small lang="en">events</small></label>
      <label class="check"><input type="checkbox" name="relations" checked> العلاقات <small lang="en">relations</small></label>
    </div>
    <button type="submit" id="watchlist-save">حفظ <small lang="en">Save</small></button>
  </form>`;
}

// The request a filled form makes.
function watchlistRequest(form) {
  const items = (v) => String(v || "").split(/[,،]/).map((x) => x.trim()).filter(Boolean);
  const filter = {
    actors: items(form.actors.value),
    countries: items(form.countries.value).map((c) => c.toUpperCase()),
    event_types: [...form.querySelectorAll("input[name=event_types]:checked")].map((x) => x.value),
    events: form.events.checked,
    relations: form.relations.checked,
  };
  if (form.min_confidence.value !== "") filter.min_confidence = +form.min_confidence.value;
  return { name: form.name.value.trim(), filter };
}

async function alertsView(params) {
  const current = params.get("watchlist") || "";
  const unreadOnly = params.get("unread") === "1";
  const qs = new URLSearchParams({ limit: String(ALERTS_SHOWN) });
  if (current) qs.set("watchlist", current);
  if (unreadOnly) qs.set("unread", "true");
  const [alerts, lists] = await Promise.all([api(`/api/alerts?${qs}`), api("/api/watchlists")]);
  const token = analystToken();
  const feed = `/api/alerts.atom${current ? `?watchlist=${enc(current)}` : ""}`;
  const here = (extra) => {
    const p = new URLSearchParams();
    if (current) p.set("watchlist", current);
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    const s = p.toString();
    return `#/alerts${s ? `?${s}` : ""}`;
  };
  const unread = alerts.filter((a) => !a.read);
  view.innerHTML = `
    <h2>التنبيهات <small lang="en">Alerts</small>${current ? ` — <span dir="auto">${esc(current)}</span>` : ""} (${alerts.length})</h2>
    <div class="alert-tools">
      <a href="${here({})}"${unreadOnly ? "" : ' class="on"'}>الكل <small lang="en">all</small></a>
      <a href="${here({ unread: "1" })}"${unreadOnly ? ' class="on"' : ""}>غير المقروءة <small lang="en">unread</small></a>
      ${current ? `<a href="#/alerts">كل القوائم <small lang="en">every watchlist</small></a>` : ""}
      <a id="atom-feed" class="export" href="${esc(feed)}" type="application/atom+xml" title="خلاصة Atom لقارئ الخلاصات · Atom feed for a feed reader"><span dir="ltr">⧉ Atom</span></a>
      ${token && unread.length ? `<button type="button" id="mark-all-read">✓ ${current ? "تعليمها مقروءة <small lang=\"en\">mark these read</small>" : "تعليم الكل مقروءاً <small lang=\"en\">mark all read</small>"}</button>` : ""}
    </div>
    <div class="grid2">
      <div class="card"><ul class="list" id="alerts">${alerts.map(alertItem).join("")
        || `<li class="muted">لا تنبيهات · no alerts${lists.length ? "" : " — احفظ قائمة متابعة أولاً · save a watchlist first"}</li>`}</ul></div>
      <div>
        <div class="card"><h3>قوائم المتابعة <small lang="en">Watchlists</small></h3>
          <ul class="list" id="watchlists">${lists.map((w) => watchlistItem(w, current)).join("") || `<li class="muted">لا قوائم · none yet</li>`}</ul></div>
        <div class="card"><h3>قائمة جديدة <small lang="en">New watchlist</small></h3>
          ${token ? watchlistForm() : `<p class="muted" id="watchlist-needs-token">أدخل رمز المحلل لحفظ قائمة <small lang="en">give an analyst token (top of the page) to save a watchlist</small></p>`}
          <p class="muted"><small>ما يطابقها الآن لا يُعدّ جديداً: التنبيهات لما تأتي به عمليات الاستيعاب اللاحقة.
            <span lang="en">What matches it now is not news: alerts are for what later ingests bring.</span></small></p></div>
      </div>
    </div>`;
  wireAlertControls(unread, current);
}

// Run a write, then draw the view again (or say what failed, keeping the view).
async function alertWrite(write) {
  for (const b of view.querySelectorAll("button")) b.disabled = true;
  try {
    await write();
    await route();
  } catch (e) {
    showError(e, { keep: true });
    for (const b of view.querySelectorAll("button")) b.disabled = false;
  }
}

function wireAlertControls(unread, current) {
  const all = document.getElementById("mark-all-read");
  if (all) {
    // one watchlist's view marks what it shows; the whole view marks every alert
    const body = current ? { ids: unread.map((a) => a.id) } : {};
    all.addEventListener("click", () => alertWrite(() => writeApi("POST", "/api/alerts/read", body)));
  }
  for (const b of view.querySelectorAll("button[data-read]")) {
    b.addEventListener("click", () => alertWrite(() => writeApi("POST", "/api/alerts/read", { ids: [b.dataset.read] })));
  }
  for (const b of view.querySelectorAll("button.remove-watchlist")) {
    b.addEventListener("click", () => {
      const name = b.dataset.name;
      if (!confirm(`حذف «${name}» وتنبيهاتها؟ · Delete watchlist ${name} and its alerts?`)) return;
      alertWrite(async () => {
        await writeApi("DELETE", `/api/watchlists/${enc(name)}`);
        if (current === name) location.hash = "#/alerts";
      });
    });
  }
  const form = document.getElementById("watchlist-form");
  if (form) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      alertWrite(() => writeApi("POST", "/api/watchlists", watchlistRequest(form)));
    });
  }
}
