// The dashboard: polls /dashboard/api/summary and redraws. Data only ever reaches the page
// through textContent, never as markup, so a title with <script> in it is shown as text.
"use strict";

const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function fmt(n, digits = 1) {
  return Number(n || 0).toLocaleString("en", { maximumFractionDigits: digits });
}

function ms(seconds) {
  return `${fmt((seconds || 0) * 1000, 1)} ms`;
}

function replaceRows(tbody, rows) {
  tbody.replaceChildren(...rows.map((cells) => {
    const tr = el("tr");
    for (const cell of cells) tr.append(cell instanceof Node ? cell : el("td", cell));
    return tr;
  }));
}

function chart(target, label, series) {
  const opts = {
    width: target.clientWidth || 500,
    height: 180,
    legend: { show: true },
    scales: { x: { time: true } },
    series: [{}, ...series.map(([name, stroke]) => ({ label: name, stroke, width: 2 }))],
    axes: [{}, { label }],
  };
  return new uPlot(opts, [[], ...series.map(() => [])], target);
}

const charts = {
  throughput: chart($("chart-throughput"), "events/s", [["in/s", "#2563eb"], ["out/s", "#16a34a"]]),
  lag: chart($("chart-lag"), "records", [["lag", "#dc2626"]]),
  duplicates: chart($("chart-duplicates"), "copies/min", [["duplicates", "#9333ea"]]),
};

function drawCharts(history) {
  const at = history.map((p) => p.at);
  charts.throughput.setData([at, history.map((p) => p.in_per_s), history.map((p) => p.out_per_s)]);
  charts.lag.setData([at, history.map((p) => p.lag)]);
}

function drawAgents(agents) {
  const rows = Object.entries(agents).map(([name, a]) => {
    const state = el("td", a.state, `state-${a.state}`);
    state.title = Object.entries(a.states || {}).map(([w, s]) => `${w}: ${s}`).join("\n");
    const reasons = Object.entries(a.dead_letters || {}).map(([r, n]) => `${r} ${fmt(n, 0)}`);
    return [name, state, fmt(a.in_per_s), fmt(a.out_per_s), fmt(a.events_in, 0),
      fmt(a.events_out, 0), ms(a.latency_s.p50), ms(a.latency_s.p95), ms(a.latency_s.p99),
      fmt(a.errors, 0), reasons.join(", ") || "–"];
  });
  replaceRows($("agents").tBodies[0], rows);
}

function drawLag(lag) {
  replaceRows($("lag").tBodies[0], lag.map((r) => [r.topic, r.partition, fmt(r.end_offset, 0),
    r.committed === null ? "–" : fmt(r.committed, 0), fmt(r.lag, 0), r.member || "–"]));
}

function drawStories(stories) {
  replaceRows($("stories").tBodies[0], stories.growing.map((st) => {
    const more = st.source_count > st.sources.length ? ` +${st.source_count - st.sources.length}` : "";
    return [st.title || `(untitled) ${st.id}`, `+${fmt(st.joined, 0)}`, fmt(st.size, 0),
      `${st.sources.join(", ")}${more}` || "–", st.countries.join(", ") || "–"];
  }));
  const perMinute = stories.duplicates_per_minute;
  charts.duplicates.setData([perMinute.map(([at]) => at), perMinute.map(([, n]) => n)]);
}

function drawTop(list, ranked) {
  list.replaceChildren(...ranked.map(([name, n]) => {
    const li = el("li", name);
    li.append(el("span", fmt(n, 0), "n"));
    return li;
  }));
}

async function openEvent(article) {
  $("event-title").textContent = article.title || article.id;
  $("event-json").textContent = "loading…";
  $("event-dialog").showModal();
  const response = await fetch(`/dashboard/api/events/${article.partition}/${article.offset}`);
  $("event-json").textContent = response.ok
    ? JSON.stringify(await response.json(), null, 2)
    : `not found (${response.status})`;
}

function drawFeed(feed) {
  $("feed").replaceChildren(...feed.map((a) => {
    const li = el("li");
    li.dataset.id = a.id;
    li.append(el("div", a.title || `(untitled) ${a.id}`, "title"));
    const countries = a.countries.length ? a.countries.join(", ") : "–";
    const entities = a.entities.length ? a.entities.join(" · ") : "–";
    const authors = (a.authors || []).join(", ");
    const byline = [a.published ? `published ${a.published}` : "", authors ? `by ${authors}` : ""]
      .filter(Boolean).join(" · ");
    if (byline) li.append(el("div", byline, "tags byline"));
    li.append(el("div", `focus: ${countries} · entities: ${entities} · sidebar: ${a.sidebar}`, "tags"));
    li.addEventListener("click", () => openEvent(a).catch((e) => console.warn(e)));
    return li;
  }));
}

function draw(s) {
  const enrich = s.agents.enrich || { events_in: 0, in_per_s: 0, out_per_s: 0, dead_letters: {} };
  $("served-by").textContent = s.served_by;
  $("worker-count").textContent = s.workers.length;
  $("updated").textContent = new Date(s.generated_at * 1000).toLocaleTimeString();
  $("processed").textContent = fmt(enrich.events_in, 0);
  $("in-rate").textContent = fmt(enrich.in_per_s);
  $("out-rate").textContent = fmt(enrich.out_per_s);
  $("total-lag").textContent = fmt(s.total_lag, 0);
  $("dead-letters").textContent = fmt(
    Object.values(enrich.dead_letters || {}).reduce((x, y) => x + y, 0), 0);
  drawAgents(s.agents);
  drawLag(s.lag);
  for (const w of ["5m", "60m"]) {
    drawTop($(`countries-${w}`), s.top[w].countries);
    drawTop($(`entities-${w}`), s.top[w].entities);
  }
  drawFeed(s.feed);
  drawStories(s.stories);
  drawCharts(s.history);
}

async function poll() {
  try {
    const response = await fetch("/dashboard/api/summary", { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    draw(await response.json());
    $("status").textContent = "live";
    $("status").className = "status";
  } catch (error) {
    $("status").textContent = "unreachable";
    $("status").className = "status down";
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

poll();
