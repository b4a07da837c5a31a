// The member's claims panel, shown only where GET /claims/catalog is deployed: pick one of
// their recent bookings (GET /bookings/recent) or type its reference, pick a problem, answer the
// questions that apply (the catalogue's `when` conditions), file with an Idempotency-Key (a retry
// of the same form files one claim); "my claims" (GET /claims, from the server: every device
// sees them), each with its status and timeline; and answer the other party's claim when the
// server asks (claim.confirmation_requested).
import { $, clear, h, showError, uid } from "./dom.js";
import { has, lang, onLangChange, t, tr, untr } from "./i18n.js";

/** Whether a catalogue condition holds for the answers given so far. */
// A timeline event in words, re-translated by the FR/EN switch; an unknown code as it is.
const eventWords = (code) => (code && has(`claim.event.${code}`) ? { t: `claim.event.${code}` } : code ?? "");

export function holds(condition, answers) {
  if (!condition) return true;
  if (condition.all) return condition.all.every((c) => holds(c, answers));
  if (condition.any) return condition.any.some((c) => holds(c, answers));
  if (condition.not) return !holds(condition.not, answers);
  const value = answers[condition.question];
  if (value === undefined) return false;
  if ("equals" in condition) return value === condition.equals;
  if ("in" in condition) return condition.in.includes(value);
  if ("at_least" in condition) return value >= condition.at_least;
  if ("below" in condition) return value < condition.below;
  return true;
}

function statusText(status) {
  return has(`claims.status.${status}`) ? { t: `claims.status.${status}` } : status;
}

function questionField(question, onChange) {
  const id = `q-${question.id}`;
  let input;
  const choose = h("option", { value: "", i18n: "claims.choose" });
  if (question.type === "choice") {
    input = h("select", { id }, choose, (question.options || []).map((o) => h("option", { value: o.id }, o.label)));
  } else if (question.type === "boolean") {
    input = h(
      "select",
      { id },
      choose,
      h("option", { value: "true", i18n: "claims.yes" }),
      h("option", { value: "false", i18n: "claims.no" }),
    );
  } else if (question.type === "number") {
    input = h("input", { id, type: "number", min: question.min, max: question.max, step: "any" });
  } else {
    input = h("textarea", { id, rows: 2, maxlength: question.max_length || 1000 });
  }
  input.addEventListener("change", onChange);
  const label = question.unit ? `${question.text} (${question.unit})` : question.text;
  const field = h("div", { class: "field" }, h("label", { for: id }, label), input);
  field.read = () => {
    const raw = input.value.trim();
    if (raw === "") return undefined;
    if (question.type === "boolean") return raw === "true";
    if (question.type === "number") return Number(raw);
    return raw;
  };
  return field;
}

export async function setupClaims(session) {
  const { api, socket } = session;
  const card = $("#claims");
  let catalog = null;
  let key = null; // the Idempotency-Key of the form as it is now
  const known = new Map();
  let bookings = [];
  let cursor = null;

  const form = h("form", { id: "claim-form" });
  const error = h("p", { class: "alert", role: "alert" });
  const mine = h("ul", { class: "offers", id: "my-claims", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "secondary", id: "more-claims", hidden: true, i18n: "claims.more" });
  const asked = h("div", { id: "claim-questions-asked" });
  clear(card).append(
    h("h2", { id: "claims-title", i18n: "claims.title" }),
    h("p", { class: "muted", i18n: "claims.lead" }),
    asked,
    form,
    error,
    h("h3", { i18n: "claims.mine", id: "my-claims-title", hidden: true }),
    mine,
    more,
  );
  const render = () => {
    const previous = { booking: $("#claim-booking", form)?.value, problem: $("#claim-problem", form)?.value };
    const booking = h("input", { id: "claim-booking", type: "text", list: "claim-bookings", required: true, autocomplete: "off" });
    booking.value = previous.booking || "";
    const pick = h(
      "select",
      { id: "claim-booking-pick" },
      h("option", { value: "", i18n: bookings.length ? "claims.pick" : "claims.no_bookings" }),
      bookings.map((b) =>
        h("option", {
          value: b.booking_id,
          i18n: "claims.booking_line",
          vars: { id: b.booking_id, side: { t: `claims.side.${b.side}` }, date: { date: b.departure_at } },
        }),
      ),
    );
    pick.value = bookings.some((b) => b.booking_id === booking.value) ? booking.value : "";
    pick.addEventListener("change", () => {
      if (pick.value) booking.value = pick.value;
      update();
    });
    const problems = catalog.problems || [];
    const problem = h(
      "select",
      { id: "claim-problem", required: true },
      h("option", { value: "", i18n: "claims.choose" }),
      ["passenger", "driver"].map((side) =>
        h(
          "optgroup",
          { label: t(`claims.as_${side}`) },
          problems.filter((p) => p.side === side).map((p) => h("option", { value: p.id }, p.label)),
        ),
      ),
    );
    problem.value = previous.problem || "";
    const questions = h("div", { id: "claim-fields" });
    const hold = h("label", { class: "check", hidden: true }, h("input", { type: "checkbox", id: "claim-hold" }), h("span", { i18n: "claims.hold" }));
    let fields = [];
    const update = () => {
      key = null; // the form changed: a new filing
      const answers = {};
      for (const f of fields) {
        f.hidden = !holds(f.question.when, answers);
        const value = f.hidden ? undefined : f.read();
        if (value !== undefined) answers[f.question.id] = value;
      }
      return answers;
    };
    const choose = () => {
      const chosen = problems.find((p) => p.id === problem.value);
      fields = (chosen?.questions || []).map((q) => Object.assign(questionField(q, update), { question: q }));
      clear(questions).append(...fields);
      hold.hidden = chosen?.payment_hold !== "on_request";
      update();
    };
    problem.addEventListener("change", choose);
    booking.addEventListener("change", update);
    clear(form).append(
      h("div", { class: "field", hidden: !bookings.length }, h("label", { for: "claim-booking-pick", i18n: "claims.pick_label" }), pick),
      h("div", { class: "field" }, h("label", { for: "claim-booking", i18n: "claims.booking" }), booking),
      h("datalist", { id: "claim-bookings" }, bookings.map((b) => h("option", { value: b.booking_id }))),
      h("div", { class: "field" }, h("label", { for: "claim-problem", i18n: "claims.problem" }), problem),
      questions,
      hold,
      h("button", { type: "submit", i18n: "claims.file" }),
    );
    choose();
    form.answers = update;
  };

  const load = async () => {
    const probe = await api.probe("GET", "/claims/catalog", { query: { lang: lang() } });
    if (!probe.present || !probe.data?.problems) {
      card.hidden = true;
      return false;
    }
    catalog = probe.data;
    try {
      bookings = (await api.get("/bookings/recent"))?.bookings || [];
    } catch {
      bookings = []; // typing the reference still works
    }
    render();
    card.hidden = false;
    return true;
  };

  const show = (claim, atEnd = false) => {
    let li = known.get(claim.claim_id);
    if (!li) {
      li = h(
        "li",
        { class: "offer", dataset: { claim: claim.claim_id } },
        h("strong", { class: "title" }),
        h("p", { class: "status" }),
        h("p", { class: "muted role" }),
        h(
          "details",
          { on: { toggle: (e) => e.target.open && refresh(claim.claim_id) } },
          h("summary", { i18n: "claims.timeline" }),
          h("ol", { class: "timeline muted" }),
        ),
        h("button", {
          type: "button",
          class: "secondary",
          i18n: "claims.refresh",
          on: { click: () => refresh(claim.claim_id) },
        }),
      );
      known.set(claim.claim_id, li);
      if (atEnd) mine.append(li);
      else mine.prepend(li);
      $("#my-claims-title", card).hidden = false;
    }
    if (claim.role) tr(li.querySelector(".role"), `claims.role.${claim.role}`, { booking: claim.booking_id, date: { date: claim.filed_at } });
    const label = catalog?.problems?.find((p) => p.id === claim.problem)?.label || claim.problem || "";
    tr(li.querySelector(".title"), "claims.item", { id: claim.claim_id, problem: label });
    tr(li.querySelector(".status"), "claims.status", { status: statusText(claim.status) });
    if (claim.timeline) {
      clear(li.querySelector(".timeline")).append(
        ...claim.timeline.map((step) => h("li", { dataset: { event: step.event }, i18n: "claims.step", vars: { at: { date: step.at }, event: eventWords(step.event) } })),
      );
    }
  };

  const refresh = async (id) => {
    try {
      show(await api.get(`/claims/${encodeURIComponent(id)}`));
    } catch (e) {
      showError(error, e);
    }
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answers = form.answers();
    const body = {
      booking_id: $("#claim-booking", form).value.trim(),
      problem: $("#claim-problem", form).value,
      answers,
    };
    if ($("#claim-hold", form)?.checked) body.hold_payment = true;
    key = key || uid(); // the same key while the form is unchanged: a retry files one claim
    showError(error, null);
    try {
      const filed = await api.post("/claims", body, { "Idempotency-Key": key });
      show({ ...body, ...filed });
      refresh(filed.claim_id);
      $("#claim-problem", form).value = ""; // filed: the next one starts afresh, with a new key
      render();
    } catch (e) {
      showError(error, e);
    }
  });

  socket.on("claim.updated", (frame) => refresh(frame.claim_id));
  socket.on("claim.confirmation_requested", (frame) => {
    const note = h("p", { class: "notice", role: "status" });
    const answer = (confirm) => async () => {
      try {
        await api.post(`/claims/${encodeURIComponent(frame.claim_id)}/response`, { confirm });
        box.querySelectorAll("button").forEach((b) => (b.disabled = true));
        tr(note, "claims.answered");
      } catch (e) {
        showError(note, e);
      }
    };
    const box = h(
      "div",
      { class: "disclaimer", dataset: { claim: frame.claim_id } },
      h("strong", {
        i18n: "claims.asked",
        vars: { problem: catalog?.problems?.find((p) => p.id === frame.problem)?.label || frame.problem },
      }),
      h("p", {}, frame.question || ""),
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", i18n: "claims.confirm", on: { click: answer(true) } }),
        h("button", { type: "button", class: "secondary", i18n: "claims.dispute", on: { click: answer(false) } }),
      ),
      note,
    );
    asked.append(box);
    card.hidden = false;
  });

  /** A page of the member's claims from the server, newest first (as claimant or counterpart). */
  const list = async (next = null) => {
    try {
      const page = await api.get("/claims", { cursor: next, limit: 10 });
      for (const claim of page?.claims || []) show(claim, true);
      cursor = page?.next_cursor || null;
      more.hidden = !cursor;
    } catch (e) {
      if (!e.missingRoute) showError(error, e);
    }
  };
  more.addEventListener("click", () => list(cursor));

  if (!(await load())) return;
  onLangChange(() => load());
  untr(error);
  await list();
}
