// newsevents web UI: hash-routed views over the /api/v1 endpoints. No framework, no outside requests.
"use strict";

(function () {
  const API = "/api/v1";
  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const QUAD_OF = { AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2, REQUEST: 3,
    ACCUSE: 3, REJECT: 3, THREATEN: 3, PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4 };
  const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const QUAD_COLOURS = { 0: "#888888", 1: "#2e8b57", 2: "#1f6fd1", 3: "#e08a00", 4: "#c62828" };
  const TYPE_COLOURS = ["#2e8b57", "#52b788", "#95d5b2", "#a7c957", "#1f6fd1", "#4ea8de", "#90caf9", "#e08a00",
    "#f4a261", "#e9c46a", "#ffb703", "#c62828", "#e5383b", "#9d0208", "#6a040f", "#7b2cbf"];
  const FILTER_NAMES = ["actor", "recipient", "type", "status", "quad", "mode", "context", "sector", "place",
    "country", "since", "until", "min_confidence"];
  const SVG_NS = "http://www.w3.org/2000/svg";

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // -- small helpers -------------------------------------------------------------------------------

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null) continue;
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  function setStatus(message) {
    $("#status").textContent = message || "";
  }

  async function getJSON(path, params) {
    const url = path + (params && params.toString() ? "?" + params.toString() : "");
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = (body.error && body.error.message) || response.statusText;
      throw new Error(message);
    }
    return body;
  }

  function quadOf(event) {
    return event.quad_code || 0;
  }

  // -- routing and shared filters ------------------------------------------------------------------

  function route() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [path, query] = hash.split("?");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    return { view: parts[0] || "events", parts, params: new URLSearchParams(query || "") };
  }

  function filterParams(params) {
    const out = new URLSearchParams();
    for (const name of FILTER_NAMES) {
      const value = params.get(name);
      if (value) out.set(name, value);
    }
    return out;
  }

  function go(view, params) {
    const query = params && params.toString();
    location.hash = "#/" + view + (query ? "?" + query : "");
  }

  function readFilterForm() {
    const form = $("#filters");
    const params = new URLSearchParams();
    for (const name of FILTER_NAMES) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function fillFilterForm(params) {
    const form = $("#filters");
    for (const name of FILTER_NAMES) form.elements[name].value = params.get(name) || "";
  }

  function initFilters() {
    const select = $("#filters").elements.type;
    for (const type of PLOVER) select.append(el("option", { value: type, text: type }));
    $("#filters").addEventListener("submit", (e) => {
      e.preventDefault();
      const { view } = route();
      const target = ["events", "timeline", "network", "map"].includes(view) ? view : "events";
      const params = readFilterForm();
      if (target === "events" && $("#event-sort").value !== "-date") params.set("sort", $("#event-sort").value);
      go(target, params);
    });
    $("#clear-filters").addEventListener("click", () => {
      fillFilterForm(new URLSearchParams());
      const { view } = route();
      go(["events", "timeline", "network", "map"].includes(view) ? view : "events");
    });
  }

  // -- events --------------------------------------------------------------------------------------

  let eventsNext = null;

  function eventRow(event) {
    const open = () => go(`article/${encodeURIComponent(event.article_id)}`, new URLSearchParams({ event: event.id }));
    const type = event.event + (event.mode ? "/" + event.mode : "");
    const row = el("tr", { class: "event-row", "data-testid": "event-row", "data-article": event.article_id,
      "data-event": event.id, tabindex: "0", onclick: open,
      onkeydown: (e) => { if (e.key === "Enter") open(); } },
    el("td", { text: event.date || (event.article_published || "").slice(0, 10) || "?" }),
    el("td", {}, el("span", { class: "badge q" + quadOf(event), text: type, title: QUADS[quadOf(event)] || "" })),
    el("td", { class: "status-" + event.status, text: event.status }),
    el("td", { text: event.actor || "—" }),
    el("td", { text: event.recipient || "—" }),
    el("td", { text: event.place ? event.place + (event.place_country ? ` (${event.place_country})` : "") : "—" }),
    el("td", { text: event.confidence != null ? event.confidence.toFixed(2) : "" }),
    el("td", {}, event.story ? el("a", { href: "#/story/" + encodeURIComponent(event.story), class: "story-link",
      "data-testid": "event-story", text: "story", title: "the story this event's article belongs to",
      onclick: (e) => e.stopPropagation() }) : null));
    const sentence = el("tr", { class: "sentence-row" },
      el("td", { colspan: "8", text: "“" + (event.sentence || "").replace(/\s+/g, " ").trim() + "”" }));
    return [row, sentence];
  }

  async function loadEvents(params, append) {
    const query = filterParams(params);
    const sort = params.get("sort") || "-date";
    if (sort !== "-date") query.set("sort", sort);
    if (append && eventsNext) query.set("cursor", eventsNext);
    query.set("limit", "50");
    setStatus("loading events…");
    try {
      const page = await getJSON(API + "/events", query);
      const body = $("#view-events tbody");
      if (!append) body.textContent = "";
      for (const event of page.items) body.append(...eventRow(event));
      eventsNext = page.next;
      $("#events-more").hidden = !page.next;
      $("#view-events .empty").hidden = body.children.length > 0;
      setStatus("");
    } catch (err) {
      setStatus(err.message);
    }
  }

  function showEvents(params) {
    $("#event-sort").value = params.get("sort") || "-date";
    const exportQuery = filterParams(params);
    for (const fmt of ["csv", "jsonl", "plover"]) {
      const q = new URLSearchParams(exportQuery);
      q.set("format", fmt);
      $("#export-" + fmt).href = API + "/events/export?" + q.toString();
    }
    loadEvents(params, false);
  }

  // -- articles ------------------------------------------------------------------------------------

  let articlesNext = null;

  async function loadArticles(params, append) {
    const query = new URLSearchParams();
    for (const name of ["q", "site", "since", "until"]) if (params.get(name)) query.set(name, params.get(name));
    if (append && articlesNext) query.set("cursor", articlesNext);
    query.set("limit", "30");
    try {
      const page = await getJSON(API + "/articles", query);
      const list = $("#view-articles ol");
      if (!append) list.textContent = "";
      for (const a of page.items) {
        list.append(el("li", { "data-testid": "article-item" },
          el("a", { class: "title", href: "#/article/" + encodeURIComponent(a.id), text: a.title || a.id }),
          el("div", { class: "note" }, [a.site, (a.published || "").slice(0, 10), `${a.events} events`,
            a.score != null ? `relevance ${a.score.toFixed(2)}` : null, a.duplicate_of ? "copy" : null]
            .filter(Boolean).join(" · ") + " ", a.story ? el("a", { href: "#/story/" + encodeURIComponent(a.story),
            "data-testid": "article-item-story", text: "story" }) : null),
          el("p", { class: "snippet", text: (a.snippet || "").replace(/\s+/g, " ").trim() + "…" })));
      }
      if (!list.children.length) list.append(el("li", { text: "No articles match." }));
      articlesNext = page.next;
      $("#articles-more").hidden = !page.next;
      setStatus("");
    } catch (err) {
      setStatus(err.message);
    }
  }

  function showArticles(params) {
    const form = $("#article-search");
    form.elements.q.value = params.get("q") || "";
    form.elements.site.value = params.get("site") || "";
    loadArticles(params, false);
  }

  // -- one article ---------------------------------------------------------------------------------

  let doc = null;

  function articleSpans(d) {
    const spans = [];
    for (const e of d.entities) spans.push({ kind: "entity", id: e.id, start: e.start, end: e.end, label: e.label });
    for (const q of d.quotes) {
      spans.push({ kind: "quote", id: q.id, start: q.start, end: q.end });
      if (q.speaker && q.speaker.start != null) {
        spans.push({ kind: "speaker", id: q.id, start: q.speaker.start, end: q.speaker.end });
      }
    }
    for (const t of d.times) spans.push({ kind: "time", id: t.id, start: t.start, end: t.end });
    for (const n of d.quantities || []) spans.push({ kind: "quantity", id: n.id, start: n.start, end: n.end });
    for (const v of d.events) {
      spans.push({ kind: "trigger", id: v.id, start: v.trigger.start, end: v.trigger.end });
      spans.push({ kind: "sentence", id: v.id, start: v.sentence.start, end: v.sentence.end });
    }
    return spans;
  }

  function renderText(d) {
    const box = $("#view-article .text");
    box.textContent = "";
    for (const seg of NewsText.segments(d.article.text, articleSpans(d))) {
      if (!seg.spans.length) {
        box.append(document.createTextNode(seg.text));
        continue;
      }
      const classes = new Set();
      const refs = [];
      for (const s of seg.spans) {
        if (s.kind !== "sentence") classes.add(s.kind);
        if (s.kind === "entity") classes.add("l-" + s.label);
        refs.push(s.kind + ":" + s.id);
      }
      box.append(el("span", { class: Array.from(classes).join(" "), "data-spans": refs.join(" ") }, seg.text));
    }
  }

  function mark(kind, id, cls) {
    for (const node of $$("#view-article .text [data-spans]")) {
      if (node.dataset.spans.split(" ").includes(kind + ":" + id)) node.classList.add(cls);
    }
  }

  function clearMarks() {
    for (const cls of ["focus-sentence", "focus-trigger", "focus-actor", "focus-recipient", "focus-quote",
      "focus-speaker", "focus-span"]) {
      for (const node of $$("#view-article ." + cls)) node.classList.remove(cls);
    }
    for (const li of $$("#view-article .side li.selected")) li.classList.remove("selected");
  }

  function scrollToMark(cls) {
    const node = $("#view-article ." + cls);
    if (node) node.scrollIntoView({ block: "center" });
  }

  const actorById = (id) => doc.actors.find((a) => a.id === id);
  const actorName = (id) => (actorById(id) || { name: id }).name;

  function actorLink(id, role) {
    const actor = actorById(id);
    if (!actor) return el("span", { text: id });
    return el("a", { href: "#", class: "actor-link", "data-actor": id, text: actor.name + (actor.country ? ` (${actor.country})` : ""),
      onclick: (e) => { e.preventDefault(); selectActor(id, role); } });
  }

  function detail(title, rows) {
    const box = $("#view-article .detail");
    box.textContent = "";
    box.append(el("h3", { text: title }));
    const dl = el("dl");
    for (const [k, v] of rows) {
      if (v == null || v === "" || (Array.isArray(v) && !v.length)) continue;
      dl.append(el("dt", { text: k }), el("dd", {}, ...(Array.isArray(v) ? v : [v])));
    }
    box.append(dl);
  }

  function selectEvent(id, scroll = true) {
    const v = doc.events.find((x) => x.id === id);
    if (!v) return;
    clearMarks();
    mark("sentence", v.id, "focus-sentence");
    mark("trigger", v.id, "focus-trigger");
    for (const [role, ids] of [["actor", v.actor], ["recipient", v.recipient]]) {
      for (const actorId of ids) {
        const actor = actorById(actorId);
        for (const m of (actor && actor.mentions) || []) mark("entity", m, "focus-" + role);
      }
    }
    const li = $(`#view-article .side-events li[data-event="${CSS.escape(v.id)}"]`);
    if (li) li.classList.add("selected");
    const place = doc.places.find((p) => p.id === v.place);
    const sep = () => document.createTextNode(", ");
    const join = (ids, role) => ids.flatMap((x, i) => (i ? [sep(), actorLink(x, role)] : [actorLink(x, role)]));
    detail(`${v.event}${v.mode ? "/" + v.mode : ""} (${v.status})`, [
      ["actor", join(v.actor, "actor")],
      ["recipient", join(v.recipient, "recipient")],
      ["trigger", v.trigger.text],
      ["date", v.date],
      ["place", place ? place.name : null],
      ["context", (v.context || []).join(", ")],
      ["quad", QUADS[v.quad_code]],
      ["confidence", v.confidence != null ? String(v.confidence) : null],
      ["quote", v.quote],
    ]);
    $("#view-article .detail").setAttribute("data-event", v.id);
    if (scroll) scrollToMark("focus-sentence");
  }

  function selectQuote(id) {
    const q = doc.quotes.find((x) => x.id === id);
    if (!q) return;
    clearMarks();
    mark("quote", q.id, "focus-quote");
    mark("speaker", q.id, "focus-speaker");
    const li = $(`#view-article .side-quotes li[data-quote="${CSS.escape(q.id)}"]`);
    if (li) li.classList.add("selected");
    const sp = q.speaker || {};
    detail(`${q.kind} quote`, [
      ["speaker", sp.actor ? actorLink(sp.actor, "speaker") : sp.text || "unknown"],
      ["as written", sp.text],
      ["anonymous", sp.anonymous ? "yes" : null],
      ["cue", q.cue],
      ["text", q.text],
    ]);
    scrollToMark("focus-quote");
  }

  function selectActor(id, role) {
    const actor = actorById(id);
    if (!actor) return;
    clearMarks();
    for (const m of actor.mentions || []) mark("entity", m, role === "recipient" ? "focus-recipient" : "focus-actor");
    const events = doc.events.filter((v) => v.actor.includes(id) || v.recipient.includes(id));
    const quotes = doc.quotes.filter((q) => q.speaker && q.speaker.actor === id);
    detail(actor.name, [
      ["kind", actor.kind],
      ["country", actor.country],
      ["title", actor.title],
      ["sectors", (actor.sectors || []).join(", ")],
      ["events", events.map((v) => el("a", { href: "#", text: `${v.event} `, onclick: (e) => { e.preventDefault(); selectEvent(v.id); } }))],
      ["quotes", quotes.map((q) => el("a", { href: "#", text: `${q.id} `, onclick: (e) => { e.preventDefault(); selectQuote(q.id); } }))],
      ["all events", el("a", { href: "#/events?" + new URLSearchParams({ actor: actor.name }), text: "in the whole store" })],
    ]);
    scrollToMark(role === "recipient" ? "focus-recipient" : "focus-actor");
  }

  function onTextClick(e) {
    const node = e.target.closest("[data-spans]");
    if (!node) return;
    const refs = node.dataset.spans.split(" ").map((r) => r.split(":"));
    // The most specific thing under the pointer: a trigger, then a speaker or entity, then a quote.
    const order = ["trigger", "speaker", "entity", "time", "quantity", "quote", "sentence"];
    refs.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    const [kind, id] = refs[0];
    if (kind === "trigger" || kind === "sentence") return selectEvent(id, false);
    if (kind === "quote" || kind === "speaker") return selectQuote(id);
    if (kind === "entity") {
      const ent = doc.entities.find((x) => x.id === id);
      if (ent && ent.actor) return selectActor(ent.actor, "actor");
      clearMarks();
      mark("entity", id, "focus-span");
      const place = ent && ent.place ? doc.places.find((p) => p.id === ent.place) : null;
      return detail(ent.text, [["label", ent.label], ["place", place ? `${place.name} (${place.country || "?"})` : null],
        ["coordinates", place && place.lat != null ? `${place.lat}, ${place.lon}` : null]]);
    }
    const list = kind === "time" ? doc.times : doc.quantities;
    const item = list.find((x) => x.id === id);
    clearMarks();
    mark(kind, id, "focus-span");
    if (kind === "time") detail(item.text, [["value", item.value], ["granularity", item.granularity], ["anchor", item.anchor]]);
    else detail(item.text, [["value", item.value != null ? String(item.value) : null], ["unit", item.unit], ["approx", item.approx]]);
  }

  async function showArticle(id, params) {
    setStatus("loading article…");
    try {
      doc = await getJSON(API + "/articles/" + encodeURIComponent(id));
    } catch (err) {
      setStatus(err.message);
      return;
    }
    setStatus("");
    const a = doc.article;
    $("#view-article h1").textContent = a.title || a.id;
    const meta = $("#view-article .meta");
    meta.textContent = [a.site, (a.published || "").slice(0, 16).replace("T", " "), (a.authors || []).join(", ")]
      .filter(Boolean).join(" · ") + " ";
    // Only web links: a stored URL (from JSON Lines or a feed) could be javascript: or data:.
    if (a.url && /^https?:\/\//i.test(a.url)) {
      meta.append(el("a", { href: a.url, rel: "noreferrer noopener", target: "_blank", text: "original" }));
    }
    renderText(doc);
    const events = $("#view-article .side-events");
    events.textContent = "";
    for (const v of doc.events) {
      const who = v.actor.map(actorName).join(", ") || "?";
      const whom = v.recipient.map(actorName).join(", ");
      events.append(el("li", { "data-event": v.id, "data-testid": "article-event", onclick: () => selectEvent(v.id) },
        el("span", { class: "badge q" + (v.quad_code || 0), text: v.event }), ` ${who}${whom ? " → " + whom : ""} `,
        el("span", { class: "note status-" + v.status, text: v.status })));
    }
    const quotes = $("#view-article .side-quotes");
    quotes.textContent = "";
    for (const q of doc.quotes) {
      const who = (q.speaker && (q.speaker.actor ? actorName(q.speaker.actor) : q.speaker.text)) || "unknown";
      quotes.append(el("li", { "data-quote": q.id, onclick: () => selectQuote(q.id) },
        el("strong", { text: who + ": " }), `“${q.text.length > 90 ? q.text.slice(0, 90) + "…" : q.text}”`));
    }
    const removed = $("#view-article .removed ul");
    removed.textContent = "";
    for (const r of a.removed || []) {
      removed.append(el("li", {}, el("span", { class: "kind", text: r.kind || "clutter" }), r.text || ""));
    }
    $("#view-article .removed summary").textContent = `Removed clutter (${(a.removed || []).length})`;
    $("#view-article .detail").innerHTML = '<p class="hint">Click a highlighted span, an event or a quote.</p>';
    const eventId = params.get("event");
    const quoteId = params.get("quote");
    if (eventId) selectEvent(eventId);
    else if (quoteId) selectQuote(quoteId);
    else window.scrollTo(0, 0);
    showRelated(a.id);
  }

  function articleLink(a, extra) {
    return el("li", { "data-testid": "related-item", "data-article": a.id },
      el("a", { href: "#/article/" + encodeURIComponent(a.id), text: a.title || a.url || a.id }),
      el("div", { class: "note", text: [a.site, (a.published || "").slice(0, 10), a.duplicate_of ? "copy" : null,
        extra].filter(Boolean).join(" · ") }));
  }

  async function showRelated(id) {
    const box = $("#view-article .article-story");
    const list = $("#view-article .side-related");
    box.hidden = true;
    box.textContent = "";
    list.textContent = "";
    let related;
    try {
      related = await getJSON(API + "/articles/" + encodeURIComponent(id) + "/related");
    } catch (err) {
      setStatus(err.message);
      return;
    }
    if (!doc || doc.article.id !== id) return;  // another article was opened meanwhile
    if (related.story) {
      box.hidden = false;
      const size = related.in_story.length + 1;
      box.append(el("a", { href: "#/story/" + encodeURIComponent(related.story), "data-testid": "article-story-link",
        text: size > 1 ? `Story: ${size} articles on this happening` : "Story: this article alone so far" }));
    }
    for (const a of related.in_story) list.append(articleLink(a, "same story"));
    for (const a of related.nearest) list.append(articleLink(a, `similarity ${a.similarity.toFixed(2)}`));
    if (!list.children.length) list.append(el("li", { class: "note", text: "No related articles." }));
  }

  // -- stories -------------------------------------------------------------------------------------

  const STORY_FILTERS = ["q", "actor", "since", "until"];
  let storiesNext = null;

  function formParams(form, names) {
    const params = new URLSearchParams();
    for (const name of names) {
      const input = form.elements[name];
      const value = input.type === "checkbox" ? (input.checked ? input.value : "") : input.value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function fillForm(form, names, params) {
    for (const name of names) {
      const input = form.elements[name];
      if (input.type === "checkbox") input.checked = params.get(name) === input.value;
      else input.value = params.get(name) || "";
    }
  }

  function days(first, last) {
    if (!first) return "undated";
    return first === last || !last ? first : `${first} – ${last}`;
  }

  async function loadStories(params, append) {
    const query = new URLSearchParams();
    for (const name of STORY_FILTERS) if (params.get(name)) query.set(name, params.get(name));
    if (append && storiesNext) query.set("cursor", storiesNext);
    query.set("limit", "30");
    setStatus("loading stories…");
    try {
      const page = await getJSON(API + "/stories", query);
      const list = $("#view-stories ol");
      if (!append) list.textContent = "";
      for (const story of page.items) {
        const sources = story.sources.slice(0, 6).join(", ") + (story.sources.length > 6 ? ", …" : "");
        list.append(el("li", { "data-testid": "story-item", "data-story": story.id },
          el("a", { class: "title", href: "#/story/" + encodeURIComponent(story.id), text: story.title || story.id }),
          el("div", { class: "note", text: [days(story.first_day, story.last_day),
            `${story.num_articles} article${story.num_articles === 1 ? "" : "s"}`,
            `${story.num_sources} source${story.num_sources === 1 ? "" : "s"}`,
            `${story.events} merged event${story.events === 1 ? "" : "s"}`,
            story.copies ? `${story.copies} cop${story.copies === 1 ? "y" : "ies"}` : null].filter(Boolean).join(" · ") }),
          sources ? el("div", { class: "sources", text: sources }) : null));
      }
      if (!list.children.length) list.append(el("li", { class: "empty", text: "No stories match." }));
      storiesNext = page.next;
      $("#stories-more").hidden = !page.next;
      setStatus("");
    } catch (err) {
      setStatus(err.message);
    }
  }

  function showStories(params) {
    fillForm($("#story-search"), STORY_FILTERS, params);
    loadStories(params, false);
  }

  function sourcesText(values, unit) {
    return values.map((v) => `${v.value}${unit && v.unit ? " " + v.unit : ""} (${v.sources.map((x) => x.site || x.article_id)
      .join(", ")})`).join(" vs ");
  }

  function mergedEvent(v) {
    const who = v.actor.join(", ") || "?";
    const whom = v.recipient.join(", ");
    const item = el("li", { "data-testid": "story-event", "data-event": v.id },
      el("span", { class: "badge q" + (QUAD_OF[v.event] || 0), text: v.event + (v.mode ? "/" + v.mode : "") }),
      ` ${who}${whom ? " → " + whom : ""}`,
      el("span", { class: "note", text: ` ${[v.date, v.place, v.status !== "asserted" ? v.status : null]
        .filter(Boolean).join(" · ")}` }),
      el("div", { class: "counts", "data-testid": "story-event-counts",
        text: `${v.num_articles} article${v.num_articles === 1 ? "" : "s"}, ${v.num_sources} source` +
          `${v.num_sources === 1 ? "" : "s"}` + (v.first_seen && v.last_seen && v.first_seen !== v.last_seen
          ? ` · seen ${v.first_seen.slice(0, 10)} – ${v.last_seen.slice(0, 10)}` : "") }));
    const d = v.details || {};
    const conflicts = el("dl", { class: "conflicts" });
    for (const [name, label] of [["dates", "dates differ"], ["numbers", "numbers differ"], ["statuses", "status differs"],
      ["places", "places differ"]]) {
      if (!(v.conflicts || []).includes(name)) continue;
      conflicts.append(el("dt", { text: label }), el("dd", { "data-testid": "story-event-conflict",
        text: sourcesText(d[name] || [], name === "numbers") }));
    }
    if (conflicts.children.length) item.append(conflicts);
    const reports = el("ul", { class: "reports" });
    for (const m of v.mentions) {
      reports.append(el("li", {},
        el("a", { href: `#/article/${encodeURIComponent(m.article_id)}?` + new URLSearchParams({ event: m.event_id }),
          text: (m.site || m.article_title || m.article_id) + ":" }),
        ` “${(m.sentence || "").replace(/\s+/g, " ").trim()}”`));
    }
    for (const c of d.copies || []) {
      reports.append(el("li", { class: "note" }, `${c.site || c.article_id}: a copy of the report above (`,
        el("a", { href: "#/article/" + encodeURIComponent(c.article_id), text: "open" }), ")"));
    }
    item.append(reports);
    return item;
  }

  async function showStory(id) {
    setStatus("loading story…");
    let story;
    try {
      story = await getJSON(API + "/stories/" + encodeURIComponent(id));
    } catch (err) {
      setStatus(err.message);
      return;
    }
    setStatus("");
    $("#view-story h1").textContent = story.title || story.id;
    $("#view-story .meta").textContent = [days(story.first_day, story.last_day),
      `${story.num_articles} articles from ${story.num_sources} sources`, story.sources.join(", ")].filter(Boolean).join(" · ");
    const articles = $("#view-story .story-articles");
    articles.textContent = "";
    for (const a of story.articles) {
      articles.append(el("li", { "data-testid": "story-article", "data-article": a.id },
        el("a", { href: "#/article/" + encodeURIComponent(a.id), text: a.title || a.url || a.id }),
        el("div", { class: "note", text: [a.site, (a.published || "").slice(0, 16).replace("T", " "),
          a.duplicate_of ? "copy of " + ((story.articles.find((x) => x.id === a.duplicate_of) || {}).site || a.duplicate_of) : null,
          a.duplicate_of ? null : `${a.events} events`].filter(Boolean).join(" · ") })));
    }
    const events = $("#view-story .story-events");
    events.textContent = "";
    const ordered = story.events.slice().sort((x, y) => y.num_sources - x.num_sources || y.num_articles - x.num_articles);
    for (const v of ordered) events.append(mergedEvent(v));
    if (!ordered.length) events.append(el("li", { class: "empty", text: "No events were found in this story." }));
    window.scrollTo(0, 0);
  }

  // -- actors --------------------------------------------------------------------------------------

  const ACTOR_FILTERS = ["q", "country", "kind", "named"];
  let actorsNext = null;

  function eventsOf(actor, partner) {
    const q = new URLSearchParams({ actor: actor.country && actor.kind === "country" ? actor.country : actor.name });
    if (partner) q.set("recipient", partner.name);
    return "#/events?" + q.toString();
  }

  async function loadActors(params, append) {
    const query = new URLSearchParams();
    for (const name of ACTOR_FILTERS) if (params.get(name)) query.set(name, params.get(name));
    if (append && actorsNext) query.set("cursor", actorsNext);
    query.set("limit", "50");
    setStatus("loading actors…");
    try {
      const page = await getJSON(API + "/actors", query);
      const body = $("#view-actors tbody");
      if (!append) body.textContent = "";
      for (const a of page.items) {
        const open = () => { location.hash = eventsOf(a); };
        const partners = el("td", { class: "partners" });
        for (const p of a.partners) {
          partners.append(el("a", { href: eventsOf(a, p), class: "chip", "data-testid": "actor-partner",
            text: `${p.name}${p.country ? " (" + p.country + ")" : ""} ${p.events}`, onclick: (e) => e.stopPropagation() }), " ");
        }
        body.append(el("tr", { class: "actor-row", "data-testid": "actor-row", "data-name": a.name, tabindex: "0",
          onclick: open, onkeydown: (e) => { if (e.key === "Enter") open(); } },
        el("td", {}, el("a", { href: eventsOf(a), "data-testid": "actor-link", text: a.name,
          onclick: (e) => e.stopPropagation() }), a.country ? ` (${a.country})` : ""),
        el("td", { text: a.kind || "" }),
        el("td", { text: (a.sectors || []).join(", ") }),
        el("td", { class: "num", text: String(a.articles) }),
        el("td", { class: "num", text: String(a.events_as_actor) }),
        el("td", { class: "num", text: String(a.events_as_recipient) }),
        partners));
      }
      $("#view-actors .empty").hidden = body.children.length > 0;
      actorsNext = page.next;
      $("#actors-more").hidden = !page.next;
      setStatus("");
    } catch (err) {
      setStatus(err.message);
    }
  }

  function showActors(params) {
    fillForm($("#actor-search"), ACTOR_FILTERS, params);
    loadActors(params, false);
  }

  // -- quotes --------------------------------------------------------------------------------------

  const QUOTE_FILTERS = ["speaker", "q", "kind"];
  let quotesNext = null;

  async function loadQuotes(params, append) {
    const query = new URLSearchParams();
    for (const name of QUOTE_FILTERS) if (params.get(name)) query.set(name, params.get(name));
    if (append && quotesNext) query.set("cursor", quotesNext);
    query.set("limit", "50");
    setStatus("loading quotes…");
    try {
      const page = await getJSON(API + "/quotes", query);
      const list = $("#view-quotes ol");
      if (!append) list.textContent = "";
      let last = append && list.lastElementChild ? list.lastElementChild.dataset.speaker : null;
      for (const q of page.items) {
        const speaker = q.speaker_name || q.speaker_text || "unknown speaker";
        const href = `#/article/${encodeURIComponent(q.article_id)}?` + new URLSearchParams({ quote: q.id });
        const item = el("li", { "data-testid": "quote-item", "data-speaker": speaker, "data-article": q.article_id,
          "data-quote": q.id });
        if (speaker !== last) {
          item.append(el("div", { class: "speaker" },
            el("a", { href: "#/quotes?" + new URLSearchParams({ speaker }), "data-testid": "quote-speaker", text: speaker }),
            q.speaker_title ? el("span", { class: "note", text: " " + q.speaker_title }) : null,
            q.speaker_country ? el("span", { class: "note", text: ` (${q.speaker_country})` }) : null));
        }
        last = speaker;
        item.append(el("a", { class: "quote-text", href, "data-testid": "quote-open",
          text: `“${(q.text || "").replace(/\s+/g, " ").trim()}”` }),
        el("div", { class: "note", text: [q.kind, q.anonymous ? "anonymous" : null, q.article_title,
          (q.article_published || "").slice(0, 10)].filter(Boolean).join(" · ") }));
        list.append(item);
      }
      if (!list.children.length) list.append(el("li", { class: "empty", text: "No quotes match." }));
      quotesNext = page.next;
      $("#quotes-more").hidden = !page.next;
      setStatus("");
    } catch (err) {
      setStatus(err.message);
    }
  }

  function showQuotes(params) {
    fillForm($("#quote-search"), QUOTE_FILTERS, params);
    loadQuotes(params, false);
  }

  // -- timeline ------------------------------------------------------------------------------------

  function stepPeriod(date, interval) {
    const d = new Date(date + "T00:00:00Z");
    if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
    else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString().slice(0, 10);
  }

  function periodLabel(period, interval) {
    if (interval === "year") return period.slice(0, 4);
    if (interval === "month") return period.slice(0, 7);
    return period;
  }

  async function showTimeline(params) {
    const interval = params.get("interval") || "month";
    const by = params.get("by") || "type";
    $("#timeline-interval").value = interval;
    $("#timeline-by").value = by;
    const query = filterParams(params);
    query.set("interval", interval);
    query.set("by", by);
    let data;
    try {
      data = await getJSON(API + "/aggregates/timeline", query);
    } catch (err) {
      setStatus(err.message);
      return;
    }
    setStatus("");
    const box = $("#timeline-chart");
    box.textContent = "";
    const items = data.items;
    $("#timeline-note").textContent = `${items.reduce((n, i) => n + i.count, 0)} dated events` +
      (data.undated ? `, ${data.undated} without a date left out` : "");
    if (!items.length) {
      box.append(el("p", { class: "empty", text: "No dated events match these filters." }));
      return;
    }
    // Every period from the first to the last, so gaps show as gaps.
    const periods = [];
    const last = items[items.length - 1].period;
    for (let p = items[0].period; p <= last && periods.length < 2000; p = stepPeriod(p, interval)) periods.push(p);
    const keys = by === "quad" ? ["1", "2", "3", "4"] : PLOVER.filter((t) => items.some((i) => i.key === t));
    const colour = (k) => (by === "quad" ? QUAD_COLOURS[k] : TYPE_COLOURS[PLOVER.indexOf(k) % TYPE_COLOURS.length]);
    const counts = new Map();
    for (const i of items) counts.set(i.period + "|" + i.key, i.count);
    const totals = periods.map((p) => keys.reduce((n, k) => n + (counts.get(p + "|" + k) || 0), 0));
    const max = Math.max(1, ...totals);
    const W = 1000, H = 380, left = 40, right = 180, top = 10, bottom = 50;
    const plotW = W - left - right, plotH = H - top - bottom;
    const bw = plotW / periods.length;
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "event counts over time" });
    const ticks = Math.min(max, 5);
    for (let t = 0; t <= ticks; t++) {
      const v = Math.round((max * t) / ticks);
      const y = top + plotH - (v / max) * plotH;
      chart.append(svg("line", { class: "grid", x1: left, x2: left + plotW, y1: y, y2: y }));
      chart.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", text: String(v) }));
    }
    periods.forEach((p, i) => {
      let y = top + plotH;
      for (const k of keys) {
        const n = counts.get(p + "|" + k) || 0;
        if (!n) continue;
        const h = (n / max) * plotH;
        y -= h;
        const rect = svg("rect", { x: left + i * bw + bw * 0.1, y, width: Math.max(1, bw * 0.8), height: h,
          fill: colour(k), "data-testid": "timeline-bar" });
        rect.append(svg("title", { text: `${periodLabel(p, interval)} · ${by === "quad" ? QUADS[k] : k}: ${n}` }));
        chart.append(rect);
      }
    });
    chart.append(svg("line", { class: "axis", x1: left, x2: left + plotW, y1: top + plotH, y2: top + plotH }));
    const every = Math.ceil(periods.length / 12);
    periods.forEach((p, i) => {
      if (i % every) return;
      chart.append(svg("text", { x: left + i * bw + bw / 2, y: top + plotH + 16, "text-anchor": "middle",
        text: periodLabel(p, interval) }));
    });
    keys.forEach((k, i) => {
      const item = svg("g", { class: "legend-item", transform: `translate(${W - right + 16}, ${top + i * 18})`,
        onclick: () => { const q = filterParams(params); q.set(by === "quad" ? "quad" : "type", k); go("events", q); } });
      item.append(svg("rect", { width: 12, height: 12, fill: colour(k) }));
      item.append(svg("text", { x: 18, y: 10, text: by === "quad" ? QUADS[k] : k }));
      chart.append(item);
    });
    box.append(chart);
  }

  // -- network -------------------------------------------------------------------------------------

  function layoutComponent(nodes, links) {
    // Force-directed layout (Fruchterman–Reingold) of one connected group, started from a circle so
    // the picture is the same every time. Positions are relative to the group's own origin.
    const n = nodes.length;
    const k = 70;
    nodes.forEach((node, i) => {
      const angle = Math.PI / 2 + (2 * Math.PI * i) / n;  // pairs stand upright, labels apart
      node.x = n === 1 ? 0 : 25 * Math.sqrt(n) * Math.cos(angle);
      node.y = n === 1 ? 0 : 25 * Math.sqrt(n) * Math.sin(angle);
    });
    for (let step = 0; step < 250 && n > 1; step++) {
      const temperature = 10 * (1 - step / 250) + 0.5;
      const fx = new Float64Array(n), fy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
          const d2 = Math.max(dx * dx + dy * dy, 1);
          const f = (k * k) / d2;
          fx[i] += dx * f; fy[i] += dy * f; fx[j] -= dx * f; fy[j] -= dy * f;
        }
      }
      for (const [a, b] of links) {
        if (a === b) continue;
        const dx = nodes[a].x - nodes[b].x, dy = nodes[a].y - nodes[b].y;
        const f = Math.sqrt(dx * dx + dy * dy) / k;
        fx[a] -= dx * f; fy[a] -= dy * f; fx[b] += dx * f; fy[b] += dy * f;
      }
      for (let i = 0; i < n; i++) {
        const len = Math.max(Math.hypot(fx[i], fy[i]), 1e-9);
        const move = Math.min(len, temperature);
        nodes[i].x += (fx[i] / len) * move;
        nodes[i].y += (fy[i] / len) * move;
      }
    }
  }

  function layout(nodes, edges, W) {
    // Lay out each connected group of actors on its own, then shelve the groups left to right, biggest
    // first; returns the height used.
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    const parent = nodes.map((_, i) => i);
    const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (const e of edges) parent[find(index.get(e.source))] = find(index.get(e.target));
    const groups = new Map();
    nodes.forEach((node, i) => {
      const root = find(i);
      if (!groups.has(root)) groups.set(root, []);
      groups.get(root).push(node);
    });
    const ordered = Array.from(groups.values()).sort((a, b) => b.length - a.length || a[0].name.localeCompare(b[0].name));
    let x = 0, y = 0, rowHeight = 0;
    for (const group of ordered) {
      const local = new Map(group.map((node, i) => [node.id, i]));
      const links = edges.filter((e) => local.has(e.source)).map((e) => [local.get(e.source), local.get(e.target)]);
      layoutComponent(group, links);
      const xs = group.map((node) => node.x), ys = group.map((node) => node.y);
      const minX = Math.min(...xs), minY = Math.min(...ys);
      const w = Math.max(...xs) - minX + 190, h = Math.max(...ys) - minY + 50;
      if (x > 0 && x + w > W) { x = 0; y += rowHeight; rowHeight = 0; }
      for (const node of group) { node.x += x - minX + 20; node.y += y - minY + 25; }
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    return y + rowHeight;
  }

  async function showNetwork(params) {
    let data;
    try {
      data = await getJSON(API + "/aggregates/network", filterParams(params));
    } catch (err) {
      setStatus(err.message);
      return;
    }
    setStatus("");
    const box = $("#network-chart");
    box.textContent = "";
    box.classList.add("network");
    if (!data.edges.length) {
      box.append(el("p", { class: "empty", text: "No events with both an actor and a recipient match these filters." }));
      return;
    }
    const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
    const nodes = data.nodes.filter((node) => linked.has(node.id));
    const W = 1000;
    const H = Math.max(200, layout(nodes, data.edges, W) + 90);
    const at = new Map(nodes.map((node) => [node.id, node]));
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" });
    const defs = svg("defs");
    for (const [q, c] of Object.entries(QUAD_COLOURS)) {
      defs.append(svg("marker", { id: "arrow-" + q, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "6",
        markerHeight: "6", orient: "auto-start-reverse" }, svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: c })));
    }
    chart.append(defs);
    const radius = (node) => 5 + Math.sqrt(node.events) * 3;
    for (const e of data.edges) {
      const a = at.get(e.source), b = at.get(e.target);
      if (!a || !b) continue;
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
      const rb = radius(b) + 2;
      const path = svg("path", { class: "edge", "data-testid": "network-edge",
        d: `M ${a.x} ${a.y} Q ${(a.x + b.x) / 2 - dy * 0.12} ${(a.y + b.y) / 2 + dx * 0.12} ${b.x - (dx / d) * rb} ${b.y - (dy / d) * rb}`,
        stroke: QUAD_COLOURS[e.quad] || QUAD_COLOURS[0], "stroke-width": 1 + Math.sqrt(e.events) * 1.5,
        "marker-end": `url(#arrow-${e.quad || 0})`,
        onclick: () => { const q = filterParams(params); q.set("actor", a.name); q.set("recipient", b.name); go("events", q); } });
      path.append(svg("title", { text: `${a.name} → ${b.name}: ${e.events} events (${QUADS[e.quad] || "?"})` }));
      chart.append(path);
    }
    for (const node of nodes) {
      const g = svg("g", { class: "node", "data-testid": "network-node", "data-name": node.name,
        transform: `translate(${node.x}, ${node.y})`,
        onclick: () => { const q = filterParams(params); q.set("actor", node.name); go("events", q); } });
      g.append(svg("circle", { r: radius(node) }));
      g.append(svg("text", { x: radius(node) + 3, y: 4, text: node.name + (node.country ? ` (${node.country})` : "") }));
      g.append(svg("title", { text: `${node.name}: ${node.events} events` }));
      chart.append(g);
    }
    Object.entries(QUADS).forEach(([q, label], i) => {
      const item = svg("g", { class: "legend-item", transform: `translate(${20 + i * 170}, ${H - 24})`,
        onclick: () => { const p = filterParams(params); p.set("quad", q); go("network", p); } });
      item.append(svg("rect", { width: 12, height: 12, fill: QUAD_COLOURS[q] }));
      item.append(svg("text", { x: 18, y: 10, text: label }));
      chart.append(item);
    });
    box.append(chart);
  }

  // -- map -----------------------------------------------------------------------------------------

  let land = null;
  const mapState = { zoom: 1, cx: 0, cy: 0, places: [] };

  function decodeTopology(topology) {
    // TopoJSON arcs are delta-encoded integers; the transform turns them back into degrees.
    const [sx, sy] = topology.transform.scale;
    const [tx, ty] = topology.transform.translate;
    const arcs = topology.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
    });
    const ring = (indexes) => indexes.flatMap((i, n) => {
      const points = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      return n ? points.slice(1) : points;
    });
    const rings = [];
    for (const geometry of Object.values(topology.objects).flatMap((o) => o.geometries || [o])) {
      const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
      for (const polygon of polygons) for (const r of polygon) rings.push(ring(r));
    }
    return rings;
  }

  const project = (lon, lat) => [lon + 180, 90 - lat];

  function landPath(rings) {
    // Rings that cross the antimeridian (Russia, Fiji, Antarctica) are unwrapped into one continuous
    // run of longitudes and drawn again one world-width over; the map's edge clips what sticks out.
    const parts = [];
    for (const ring of rings) {
      let shift = 0;
      let prev = null;
      const points = ring.map(([lon, lat]) => {
        if (prev !== null && Math.abs(lon + shift - prev) > 180) shift += lon + shift > prev ? -360 : 360;
        prev = lon + shift;
        return [lon + shift, lat];
      });
      const lons = points.map((p) => p[0]);
      const offsets = [0];
      if (Math.min(...lons) < -180) offsets.push(360);
      if (Math.max(...lons) > 180) offsets.push(-360);
      for (const offset of offsets) {
        parts.push("M" + points.map(([lon, lat]) => project(lon + offset, lat).map((v) => v.toFixed(2)).join(",")).join("L") + "Z");
      }
    }
    return parts.join("");
  }

  function clusterPlaces(places, zoom) {
    // Greedy clustering in projected degrees: the radius shrinks as the map zooms in.
    const radius = 10 / zoom;
    const clusters = [];
    for (const p of places.slice().sort((a, b) => b.events - a.events)) {
      const [x, y] = project(p.lon, p.lat);
      const near = clusters.find((c) => Math.hypot(c.x - x, c.y - y) < radius);
      if (near) {
        near.places.push(p);
        near.events += p.events;
      } else {
        clusters.push({ x, y, places: [p], events: p.events, quad: p.quad });
      }
    }
    return clusters;
  }

  function drawMap(params) {
    const box = $("#map-chart");
    box.textContent = "";
    const { zoom } = mapState;
    const w = 360 / zoom, h = 180 / zoom;
    const x0 = Math.min(360 - w, Math.max(0, mapState.cx - w / 2));
    const y0 = Math.min(180 - h, Math.max(0, mapState.cy - h / 2));
    const chart = svg("svg", { viewBox: `${x0} ${y0} ${w} ${h}`, role: "img", "aria-label": "map of event places" });
    for (let lon = -180; lon <= 180; lon += 30) chart.append(svg("path", { class: "graticule", d: `M ${lon + 180} 0 V 180` }));
    for (let lat = -60; lat <= 60; lat += 30) chart.append(svg("path", { class: "graticule", d: `M 0 ${90 - lat} H 360` }));
    if (land) chart.append(svg("path", { class: "land", d: landPath(land) }));
    const clusters = clusterPlaces(mapState.places, zoom);
    for (const c of clusters) {
      const r = (2 + Math.sqrt(c.events) * 1.6) / zoom;
      const single = c.places.length === 1;
      const label = single ? c.places[0].name : `${c.places.length} places`;
      const g = svg("g", { "data-testid": "map-cluster", "data-places": String(c.places.length),
        onclick: (e) => {
          e.stopPropagation();
          if (single) {
            const q = filterParams(params);
            q.set("place", c.places[0].name);
            go("events", q);
          } else {
            mapState.zoom = Math.min(64, zoom * 3);
            mapState.cx = c.x;
            mapState.cy = c.y;
            drawMap(params);
          }
        } });
      g.append(svg("circle", { class: "cluster", cx: c.x, cy: c.y, r, fill: QUAD_COLOURS[c.quad] || QUAD_COLOURS[0] }));
      // Font sizes in map units (degrees), set through the CSSOM: CSS would override an attribute.
      const count = svg("text", { class: "cluster-label", x: c.x, y: c.y, text: String(c.events) });
      count.style.fontSize = (r * 1.1).toFixed(3) + "px";
      g.append(count);
      if (single || zoom >= 4) {
        const name = svg("text", { class: "place-label", x: c.x + r * 1.2, y: c.y + r * 0.35, text: label });
        name.style.fontSize = (4 / zoom).toFixed(3) + "px";
        g.append(name);
      }
      g.append(svg("title", { text: `${label}: ${c.events} events` + (single ? "" : " (click to zoom in)") }));
      chart.append(g);
    }
    // Drag to pan, wheel to zoom.
    let drag = null;
    chart.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, cx: mapState.cx, cy: mapState.cy }; });
    chart.addEventListener("pointerup", () => { drag = null; });
    chart.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const scale = w / chart.getBoundingClientRect().width;
      mapState.cx = drag.cx - (e.clientX - drag.x) * scale;
      mapState.cy = drag.cy - (e.clientY - drag.y) * scale;
      const nx = Math.min(360 - w, Math.max(0, mapState.cx - w / 2));
      const ny = Math.min(180 - h, Math.max(0, mapState.cy - h / 2));
      chart.setAttribute("viewBox", `${nx} ${ny} ${w} ${h}`);
    });
    chart.addEventListener("wheel", (e) => {
      e.preventDefault();
      zoomMap(e.deltaY < 0 ? 2 : 0.5, params);
    }, { passive: false });
    box.append(chart);
    $("#map-note").textContent = `${mapState.places.length} located places, ${clusters.length} shown as ` +
      `${clusters.length === 1 ? "one marker" : "markers"} at zoom ${zoom}×`;
  }

  function zoomMap(factor, params) {
    mapState.zoom = Math.min(64, Math.max(1, mapState.zoom * factor));
    drawMap(params);
  }

  let mapParams = new URLSearchParams();

  async function showMap(params) {
    mapParams = params;
    try {
      if (!land) land = decodeTopology(await getJSON("/static/vendor/land-110m.json"));
      const data = await getJSON(API + "/aggregates/places", filterParams(params));
      mapState.places = data.items;
    } catch (err) {
      setStatus(err.message);
      return;
    }
    setStatus("");
    if (!mapState.cx) {
      mapState.cx = 180;
      mapState.cy = 90;
    }
    drawMap(params);
  }

  // -- wiring --------------------------------------------------------------------------------------

  function render() {
    const { view, parts, params } = route();
    for (const section of $$(".view")) section.hidden = section.id !== "view-" + view;
    for (const link of $$(".top nav a")) link.classList.toggle("active", link.dataset.view === view ||
      (view === "article" && link.dataset.view === "articles") || (view === "story" && link.dataset.view === "stories"));
    $("#filters").hidden = !["events", "timeline", "network", "map"].includes(view);
    fillFilterForm(params);
    if (view === "events") showEvents(params);
    else if (view === "articles") showArticles(params);
    else if (view === "article") showArticle(parts[1], params);
    else if (view === "timeline") showTimeline(params);
    else if (view === "network") showNetwork(params);
    else if (view === "map") showMap(params);
    else if (view === "stories") showStories(params);
    else if (view === "story") showStory(parts[1]);
    else if (view === "actors") showActors(params);
    else if (view === "quotes") showQuotes(params);
    else go("events");
  }

  function init() {
    initFilters();
    $("#events-more").addEventListener("click", () => loadEvents(route().params, true));
    $("#articles-more").addEventListener("click", () => loadArticles(route().params, true));
    $("#stories-more").addEventListener("click", () => loadStories(route().params, true));
    $("#actors-more").addEventListener("click", () => loadActors(route().params, true));
    $("#quotes-more").addEventListener("click", () => loadQuotes(route().params, true));
    for (const [form, view, names] of [["#story-search", "stories", STORY_FILTERS],
      ["#actor-search", "actors", ACTOR_FILTERS], ["#quote-search", "quotes", QUOTE_FILTERS]]) {
      $(form).addEventListener("submit", (e) => {
        e.preventDefault();
        go(view, formParams(e.target, names));
      });
    }
    $("#event-sort").addEventListener("change", () => {
      const params = route().params;
      params.set("sort", $("#event-sort").value);
      go("events", params);
    });
    $("#article-search").addEventListener("submit", (e) => {
      e.preventDefault();
      const form = e.target;
      const q = new URLSearchParams();
      if (form.elements.q.value.trim()) q.set("q", form.elements.q.value.trim());
      if (form.elements.site.value.trim()) q.set("site", form.elements.site.value.trim());
      go("articles", q);
    });
    $("#view-article .text").addEventListener("click", onTextClick);
    for (const box of $$("#view-article .legend input")) {
      box.addEventListener("change", () => {
        const text = $("#view-article .text");
        const layer = box.dataset.layer;
        if (layer === "quantity") text.classList.toggle("show-quantity", box.checked);
        else text.classList.toggle("hide-" + layer, !box.checked);
      });
    }
    for (const id of ["#timeline-interval", "#timeline-by"]) {
      $(id).addEventListener("change", () => {
        const params = route().params;
        params.set("interval", $("#timeline-interval").value);
        params.set("by", $("#timeline-by").value);
        go("timeline", params);
      });
    }
    $("#map-zoom-in").addEventListener("click", () => zoomMap(2, mapParams));
    $("#map-zoom-out").addEventListener("click", () => zoomMap(0.5, mapParams));
    $("#map-reset").addEventListener("click", () => { mapState.zoom = 1; mapState.cx = 180; mapState.cy = 90; drawMap(mapParams); });
    window.addEventListener("hashchange", render);
    render();
  }

  init();
})();
