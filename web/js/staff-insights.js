// Staff console, insights screen: the figures of GET /metrics/summary formatted in the UI
// language, the pickup-time distribution with the 10 s and 30 s targets, volumes per hour (or
// day), the rates against their targets, rising topics, and the capacity planner.
import { barChart, rateChart } from "./charts.js";
import { downloadCsv } from "./csv.js";
import { $, clear, h, showError, table } from "./dom.js";
import { has, lang, onLangChange, t, tr } from "./i18n.js";
import { count, duration, isoTime, number, percent, when } from "./format.js";

const TARGETS = { pickup10: 0.95, pickup30: 0.9, answer30: 0.9 };

const figure = (key, value, { good } = {}) =>
  h("div", { class: `figure${good === true ? " hit" : good === false ? " miss" : ""}`, dataset: { figure: key } },
    h("strong", {}, value), h("span", { class: "muted", i18n: `staff.fig.${key}` }));

const meets = (value, target) => (value === null || value === undefined ? undefined : value >= target);

function figures(s) {
  const p = s.pickup || {};
  const f = s.first_response || {};
  return [
    figure("requests", count(s.requests)),
    figure("pickup_10s", percent(p.share_under_10s), { good: meets(p.share_under_10s, TARGETS.pickup10) }),
    figure("pickup_30s", percent(p.share_under_30s), { good: meets(p.share_under_30s, TARGETS.pickup30) }),
    figure("pickup_p50", duration(p.p50)),
    figure("pickup_p95", duration(p.p95)),
    figure("answer_30s", percent(f.share_under_30s), { good: meets(f.share_under_30s, TARGETS.answer30) }),
    figure("answer_p50", duration(f.p50)),
    figure("answer_p95", duration(f.p95)),
    figure("duration_mean", duration(s.duration?.mean)),
    figure("duration_p50", duration(s.duration?.p50)),
    figure("rating_mean", s.ratings?.mean == null ? "—" : `${number(s.ratings.mean, 2)} / 5`),
    figure("never", count(p.never_picked_up)),
    figure("escalation", percent(s.escalation_rate)),
    figure("auto_settled", percent(s.claims?.auto_settlement_rate)),
    figure("claims", count(s.claims?.filed)),
  ];
}

const bucketLabel = (b) => (b.to === null ? `≥ ${number(b.from, 0)} s` : `${number(b.from, 0)}–${number(b.to, 0)} s`);

function pickupChart(s, width) {
  const bars = (s.pickup?.histogram || []).map((b) => ({ label: bucketLabel(b), value: b.count }));
  const edges = (s.pickup?.histogram || []).map((b) => b.from);
  const lines = [10, 30].filter((x) => edges.includes(x)).map((x) => ({ at: edges.indexOf(x), label: `${x} s` }));
  return barChart({ title: t("staff.chart.pickup"), bars, lines, format: (v) => count(Math.round(v)), width });
}

function volumesChart(s, width) {
  const daily = s.volumes?.period_seconds >= 86400;
  const bars = (s.volumes?.buckets || []).map((v) => ({
    label: daily ? when(v.start, { day: true }) : when(v.start, { time: true }),
    value: v.requests,
    part: v.escalated,
    tip: t("staff.chart.volume_tip", { when: daily ? when(v.start, { day: true }) : when(v.start), n: v.requests, e: v.escalated, c: v.claims }),
  }));
  return barChart({ title: t(daily ? "staff.chart.volumes_day" : "staff.chart.volumes"), bars, format: (v) => count(Math.round(v)), partLabel: t("staff.chart.escalated"), width });
}

function ratesChart(s) {
  const p = s.pickup || {};
  const rows = [
    { key: "pickup_10s", value: p.share_under_10s, target: TARGETS.pickup10 },
    { key: "pickup_30s", value: p.share_under_30s, target: TARGETS.pickup30 },
    { key: "answer_30s", value: s.first_response?.share_under_30s, target: TARGETS.answer30 },
    { key: "escalation", value: s.escalation_rate },
    { key: "auto_settled", value: s.claims?.auto_settlement_rate },
    { key: "good_ratings", value: s.ratings?.good_share },
  ].map((r) => ({ ...r, label: t(`staff.fig.${r.key}`), good: r.target === undefined ? undefined : meets(r.value, r.target) }));
  return rateChart({ title: t("staff.chart.rates"), rows, format: (v) => percent(v) });
}

// Claim problem labels by UI language, from the claims catalogue (read once per language).
const problems = {};

async function problemLabels(session) {
  const wanted = lang();
  if (!problems[wanted]) {
    try {
      const data = await session.api.get("/claims/catalog", { lang: wanted });
      problems[wanted] = Object.fromEntries((data.problems || []).map((p) => [p.id, p.label]));
    } catch {
      return {}; // the codes will do; asked again next time
    }
  }
  return problems[wanted];
}

// A chat topic by its UI label, a claim problem by the catalogue's label (else its code).
const topicLabel = (r, labels = {}) => {
  if (r.source === "chat" && has(`topic.${r.topic}`)) return t(`topic.${r.topic}`);
  return (r.source !== "chat" && labels[r.topic]) || r.topic.replace(/_/g, " ");
};

function rising(s, labels) {
  const rows = s.rising_topics || [];
  if (!rows.length) return h("p", { class: "muted", i18n: "staff.rising_none" });
  return table(["staff.col.topic", "staff.col.source", "staff.col.now", "staff.col.before", "staff.col.lift"], rows,
    (r) => [topicLabel(r, labels), h("span", { i18n: `staff.source.${r.source}` }), count(r.current), count(r.previous), `× ${number(r.lift, 1)}`],
    (r) => ({ topic: r.topic, source: r.source }));
}

/** The summary as CSV rows: one line per figure (dotted names) then the series. */
export function summaryRows(s) {
  const rows = [];
  const walk = (obj, path) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (v && typeof v === "object" && !Array.isArray(v)) walk(v, path.concat(k));
      else if (!Array.isArray(v)) rows.push({ section: "figure", name: path.concat(k).join("."), value: v });
    }
  };
  walk({ ...s, volumes: undefined, rising_topics: undefined }, []);
  for (const b of s.pickup?.histogram || []) rows.push({ section: "pickup_histogram", name: `${b.from}-${b.to ?? ""}`, value: b.count });
  for (const v of s.volumes?.buckets || []) {
    rows.push({ section: "volumes", name: isoTime(v.start), value: v.requests, escalated: v.escalated, claims: v.claims });
  }
  for (const r of s.rising_topics || []) rows.push({ section: `rising_${r.source}`, name: r.topic, value: r.current, previous: r.previous, lift: r.lift, z: r.z });
  return rows;
}

export function setupInsights(session) {
  let summary = null;
  const draw = () => {
    if (!summary) return;
    const s = summary;
    tr($("#insights-window"), "staff.window_is", { start: { date: isoTime(s.window.start) }, end: { date: isoTime(s.window.end) } });
    clear($("#figures")).append(...figures(s));
    clear($("#chart-pickup")).append(pickupChart(s, $("#chart-pickup").clientWidth || 640));
    clear($("#chart-volumes")).append(volumesChart(s, $("#chart-volumes").clientWidth || 640));
    clear($("#chart-rates")).append(ratesChart(s));
    clear($("#rising")).append(rising(s, problems[lang()]));
    if (!problems[lang()] && (s.rising_topics || []).some((r) => r.source !== "chat")) {
      problemLabels(session).then((labels) => Object.keys(labels).length && draw());
    }
  };
  const load = async () => {
    showError($("#insights-error"), null);
    try {
      summary = await session.api.get("/metrics/summary", { window: $("#window").value });
      draw();
      suggestCapacity(summary);
    } catch (e) {
      showError($("#insights-error"), e);
    }
  };
  $("#insights-refresh").addEventListener("click", load);
  $("#window").addEventListener("change", load);
  $("#insights-csv").addEventListener("click", () =>
    summary && downloadCsv(`entraide-insights-${$("#window").value}.csv`, ["section", "name", "value", "escalated", "claims", "previous", "lift", "z"], summaryRows(summary)));
  onLangChange(draw);
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    if (Math.abs(window.innerWidth - width) > 40) (width = window.innerWidth), draw();
  });
  setupCapacity(session);
  return { load, redraw: draw };
}

/** The planner's inputs from the figures: the busiest hour's arrivals, the mean conversation. */
function suggestCapacity(s) {
  const hourly = s.volumes?.period_seconds === 3600 ? s.volumes.buckets : [];
  const peak = Math.max(0, ...hourly.map((v) => v.requests));
  if (peak > 0 && !$("#capacity-form").dataset.touched) $("#cap-arrivals").value = String(peak);
  if (s.duration?.mean && !$("#capacity-form").dataset.touched) $("#cap-minutes").value = (s.duration.mean / 60).toFixed(1);
}

function setupCapacity(session) {
  const form = $("#capacity-form");
  form.addEventListener("input", () => (form.dataset.touched = "1"));
  let plan = null;
  const render = () => {
    if (!plan) return;
    const box = clear($("#capacity-result"));
    box.append(
      h("p", { class: "capacity-answer", dataset: { helpers: plan.helpers_needed ?? "" } },
        plan.feasible
          ? h("strong", { i18n: "staff.cap.needed", vars: { n: plan.helpers_needed, load: number(plan.load_erlangs, 1) } })
          : h("strong", { class: "alert", i18n: "staff.cap.unfeasible", vars: { ceiling: percent(plan.share_ceiling_from_reaction_times) } })),
      table(["staff.cap.col.helpers", "staff.cap.col.utilisation", "staff.cap.col.within", "staff.cap.col.wait"], plan.around || [],
        (a) => [count(a.helpers), percent(a.utilisation), percent(a.share_within_target), duration(a.mean_wait_for_slot_seconds)],
        (a) => ({ helpers: a.helpers })),
    );
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    showError($("#capacity-error"), null);
    try {
      plan = await session.api.get("/metrics/capacity", {
        arrivals_per_hour: $("#cap-arrivals").value,
        mean_minutes: $("#cap-minutes").value,
        capacity: $("#cap-capacity").value,
        target_seconds: $("#cap-seconds").value,
        target_share: String(Number($("#cap-share").value) / 100),
      });
      render();
    } catch (e) {
      showError($("#capacity-error"), e);
    }
  });
  onLangChange(render);
}
