// Figures in the UI language: counts, percentages, durations and times (Intl, no library).
import { lang } from "./i18n.js";

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

/** Epoch seconds or ISO-8601 as a date and time (`{time: true}`: the time only). */
export function when(value, { time = false, day = false } = {}) {
  if (value === null || value === undefined || value === "") return none;
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const options = time
    ? { hour: "2-digit", minute: "2-digit" }
    : day
      ? { dateStyle: "medium" }
      : { dateStyle: "medium", timeStyle: "short" };
  return new Intl.DateTimeFormat(locale(), options).format(date);
}
