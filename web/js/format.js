// Figures in the UI language: counts, percentages, amounts, durations and times (Intl, no
// library).
import { formatDate, lang } from "./i18n.js";

const locale = () => (lang() === "fr" ? "fr-FR" : "en-GB");
const none = "—";

/** A whole count: 1 234 / 1,234. */
export function count(value) {
  return value === null || value === undefined ? none : new Intl.NumberFormat(locale()).format(value);
}

/** A number with at most `digits` decimals. */
export function number(value, digits = 1) {
  if (value === null || value === undefined) return none;
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** A share in 0..1 as a percentage: 0.4167 -> 41.7 % / 41.7%. */
export function percent(value, digits = 1) {
  if (value === null || value === undefined) return none;
  return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: digits }).format(value);
}

/** Seconds as a short duration: 8.4 s, 9 min 30 s, 2 h 05 min. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return none;
  const unit = (value, name, digits = 0) =>
    new Intl.NumberFormat(locale(), { style: "unit", unit: name, unitDisplay: "narrow", maximumFractionDigits: digits }).format(value);
  if (seconds < 60) return unit(seconds, "second", 1);
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = Math.round(seconds - m * 60);
    return s ? `${unit(m, "minute")} ${unit(s, "second")}` : unit(m, "minute");
  }
  const h = Math.floor(seconds / 3600);
  return `${unit(h, "hour")} ${unit(Math.round((seconds - h * 3600) / 60), "minute")}`;
}

/** Euros from cents: 12,50 € / €12.50. */
export function euros(cents) {
  return new Intl.NumberFormat(locale(), { style: "currency", currency: "EUR" }).format((cents || 0) / 100);
}

/** Epoch seconds or ISO-8601 as a date and time (`{time: true}`: the time only, `{day: true}`:
 * the date only), i18n.js's formatDate with a dash for nothing. */
export function when(value, options = {}) {
  return value === null || value === undefined || value === "" ? none : formatDate(value, options);
}

/** Epoch seconds as ISO-8601 (UTC), e.g. for a CSV; anything else as it is ("" for none). */
export function isoTime(epoch) {
  return typeof epoch === "number" ? new Date(epoch * 1000).toISOString() : epoch ?? "";
}
