// DOM helpers shared by the three clients.
import { has, t, tr, untr } from "./i18n.js";

/** The first element matching `selector` below `root`. */
export const $ = (selector, root = document) => root.querySelector(selector);

/**
 * Create an element. `attrs`: `class`, `text`, `i18n` (+ `vars`), `on` ({event: fn}),
 * `dataset`, booleans (true sets the attribute, false/null skips it), anything else as an
 * attribute. Children: nodes, strings, or falsy (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") el.className = value;
    else if (name === "text") el.textContent = value;
    else if (name === "i18n") tr(el, value, attrs.vars);
    else if (name === "vars") continue;
    else if (name === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Remove every child of `el`. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** A random id (client_msg_id, Idempotency-Key), also outside secure contexts. */
export function uid() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Show an error in an alert element: a known code in the UI language, else the server's text. */
export function showError(el, error) {
  if (!el) return;
  if (!error) {
    untr(el);
    return;
  }
  const code = error.code || "internal";
  if (has(`err.${code}`)) tr(el, `err.${code}`);
  else if (error.message && error.status !== 0) untr(el).textContent = error.message;
  else tr(el, "err.generic", { code });
}

/** Say something to screen readers through the page's polite live region. */
export function announce(key, vars) {
  let region = document.getElementById("announcer");
  if (!region) {
    region = h("div", { id: "announcer", class: "visually-hidden", "aria-live": "polite" });
    document.body.append(region);
  }
  region.textContent = t(key, vars);
}

/** Delay calls to `fn` until `ms` passed without a new call. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A table of `rows` with translated headers; `cells(row)` gives each row's cells and
 * `data(row)` its `data-*` attributes. */
export function table(headers, rows, cells, data = () => ({})) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, headers.map((key) => h("th", { scope: "col", i18n: key })))),
      h(
        "tbody",
        {},
        rows.map((row) => h("tr", { dataset: data(row) }, cells(row).map((c) => h("td", {}, c)))),
      ),
    ),
  );
}
