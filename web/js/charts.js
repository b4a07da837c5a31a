// Plain SVG charts drawn from the figures the API gives (no library, no build step). Every chart
// is an image with a text alternative and the same data as a table for screen readers.
import { h } from "./dom.js";

const NS = "http://www.w3.org/2000/svg";
let serial = 0;

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** A round upper bound for an axis: 1, 2, 5 × 10^n at or above `value`. */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value);
}

function dataTable(caption, rows) {
  return h("table", { class: "visually-hidden" }, h("caption", {}, caption),
    h("tbody", {}, rows.map(([label, value]) => h("tr", {}, h("th", { scope: "row" }, label), h("td", {}, value)))));
}

/**
 * Vertical bars. `bars`: [{label, value, part?, tip}] (`part`, drawn darker inside the bar, is a
 * subset such as the escalated requests); `lines`: [{at, label}] dashed marks at the left edge of
 * bar `at` (the 10 s and 30 s targets); `format(value)` for the axis and the tips.
 */
export function barChart({ title, bars, lines = [], format = String, partLabel = "", width = 640 }) {
  const W = Math.max(300, Math.min(900, Math.round(width))), H = 220, left = 52, right = 8, top = 18, bottom = 34;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const step = (W - left - right) / Math.max(1, bars.length);
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const id = `chart-${++serial}`;
  const every = Math.max(1, Math.ceil(bars.length / Math.max(2, Math.floor((W - left) / 64))));
  const grid = [0, max / 2, max].map((v) => [
    svg("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), class: "gridline" }),
    svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, format(v)),
  ]);
  const rects = bars.map((b, i) => {
    const x = left + i * step + step * 0.12;
    const w = step * 0.76;
    return svg("g", { class: "bar", "data-label": b.label, "data-value": b.value },
      svg("title", {}, b.tip || `${b.label}: ${format(b.value)}`),
      svg("rect", { x, y: y(b.value), width: w, height: Math.max(0, y(0) - y(b.value)), class: "value" }),
      b.part ? svg("rect", { x, y: y(b.part), width: w, height: Math.max(0, y(0) - y(b.part)), class: "part" }) : null,
      i % every === 0 ? svg("text", { x: x + w / 2, y: H - bottom + 16, "text-anchor": "middle", class: "axis" }, b.label) : null);
  });
  const marks = lines.map((l) => {
    const x = left + l.at * step;
    return svg("g", { class: "target", "data-target": l.label },
      svg("line", { x1: x, x2: x, y1: top - 6, y2: y(0) }),
      svg("text", { x: x + 4, y: top + 4, class: "axis" }, l.label));
  });
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": id, preserveAspectRatio: "xMidYMid meet" },
    svg("title", { id }, title), grid, rects, marks);
  const legend = partLabel ? h("p", { class: "muted legend" }, h("span", { class: "swatch part" }), partLabel) : null;
  return h("figure", { class: "chart-figure" }, chart, legend,
    dataTable(title, bars.map((b) => [b.label, b.part !== undefined ? `${format(b.value)} (${partLabel} ${format(b.part)})` : format(b.value)])));
}

/** Shares in 0..1 as rows: the label, a bar with an optional target tick, the figure. */
export function rateChart({ title, rows, format }) {
  const clamp = (v) => Math.max(0, Math.min(1, v ?? 0)) * 100;
  return h("figure", { class: "chart-figure rates", "aria-label": title },
    rows.map((r) => h("div", { class: "rate-row", dataset: { rate: r.key, value: r.value ?? "" } },
      h("span", { class: "rate-label" }, r.label),
      svg("svg", { viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", class: "rate-bar" },
        svg("rect", { x: 0, y: 0, width: 100, height: 10, class: "track" }),
        svg("rect", { x: 0, y: 0, width: clamp(r.value), height: 10, class: r.good === false ? "value bad" : "value" }),
        r.target !== undefined ? svg("rect", { x: clamp(r.target) - 0.4, y: 0, width: 0.8, height: 10, class: "target-tick" }) : null),
      h("strong", { class: "rate-value" }, format(r.value)))));
}
