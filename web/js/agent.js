// The agent console: the shared queue of escalated chats and claims (oldest due first, SLA
// state, refreshed), a claim's full review (answers, both parties' statements, timeline,
// gestures already granted), the decision with a gesture within the agent's delegation or a
// proposal above it, the supervisors' approval (never their own), and the gesture audit with
// a chart and a CSV export. Every rule stays the API's: the screen shows what
// GET /claims/{id}/review says the caller may do, and translates the API's refusals.
import { startClient } from "./app.js";
import { downloadCsv } from "./csv.js";
import { $, announce, clear, h, showError, table } from "./dom.js";
import { euros } from "./format.js";
import { formatDate, has, known, lang, onLangChange, t, tr, untr } from "./i18n.js";

const REFRESH_MS = 30_000;
const DUE_SOON_MS = 2 * 3600 * 1000;
const state = { session: null, catalog: null, items: [], picked: null, review: null, audit: null };

/** The SLA state of a due time: overdue, due_soon (within 2 h) or on_time. */
export function slaState(dueAt, now = Date.now()) {
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return "on_time";
  if (due <= now) return "overdue";
  return due - now <= DUE_SOON_MS ? "due_soon" : "on_time";
}

const problemLabel = (id) => state.catalog?.problems?.find((p) => p.id === id)?.label || id;
const outcomeLabel = (id) => state.catalog?.outcomes?.find((o) => o.id === id)?.label || known("agent.outcome", id);

async function loadCatalog() {
  try {
    state.catalog = await state.session.api.get("/claims/catalog", { lang: lang() });
  } catch {
    state.catalog = null; // labels fall back to ids
  }
}

// --- the queue ------------------------------------------------------------------------------

function renderQueue() {
  const box = clear($("#queue"));
  const items = state.items.slice().sort((a, b) => String(a.due_at).localeCompare(String(b.due_at)));
  if (!items.length) return box.append(h("p", { class: "muted", i18n: "agent.queue_empty" }));
  box.append(
    table(
      ["agent.col.due", "agent.col.sla", "agent.col.kind", "agent.col.reason", "agent.col.for", "agent.col.action"],
      items,
      (item) => {
        const sla = slaState(item.due_at);
        const kind = item.kind === "claim" ? "claim" : "conversation";
        return [
          formatDate(item.due_at),
          h("span", { class: `pill sla-${sla}`, i18n: `agent.sla.${sla}` }),
          h("span", { i18n: `agent.kind.${kind}` }),
          known("agent.reason", item.reason),
          kind === "claim" ? known("agent.audience", item.topic) : known("topic", item.topic),
          h("button", {
            type: "button",
            class: "secondary",
            "aria-label": t("agent.open_item", { kind: t(`agent.kind.${kind}`), due: formatDate(item.due_at) }),
            i18n: "agent.open",
            on: { click: () => (kind === "claim" ? openClaim(item.ref_id) : openConversation(item.ref_id)) },
          }),
        ];
      },
      (item) => ({ [item.kind === "claim" ? "claim" : "conversation"]: item.ref_id, sla: slaState(item.due_at) }),
    ),
  );
  markPicked();
}

function markPicked() {
  for (const row of document.querySelectorAll("#queue tr[data-sla]")) {
    const id = row.dataset.claim || row.dataset.conversation;
    row.classList.toggle("picked", id === state.picked);
  }
}

async function loadQueue() {
  try {
    const { items = [] } = await state.session.api.get("/agent/queue");
    state.items = items;
    renderQueue();
    tr($("#queue-updated"), "agent.updated", { time: { time: new Date().toISOString() } });
  } catch (e) {
    showError(clear($("#queue")).appendChild(h("p", { class: "alert", role: "alert" })), e);
  }
}

// --- a conversation (read-only here: joining is the staff console's) ------------------------

async function openConversation(id) {
  showError($("#item-error"), null);
  state.picked = id;
  state.review = null;
  markPicked();
  try {
    const data = await state.session.api.transcript(id);
    $("#item-hint").hidden = true;
    clear($("#item")).append(
      h("p", { i18n: "agent.conversation_meta", vars: { id, topic: { t: `topic.${data.topic}` }, status: { t: `status.${data.status}` } } }),
      h("ul", { class: "transcript-lines" }, (data.messages || []).map((m) => h("li", {}, h("strong", {}, `${m.sender?.id ?? ""}: `), m.text ?? "—"))),
      h("p", {}, h("a", { href: "staff.html", i18n: "agent.join_in_staff" })),
    );
    $("#item-title").focus();
  } catch (e) {
    showError($("#item-error"), e);
  }
}

// --- a claim ----------------------------------------------------------------------------------

function answerText(question, value) {
  if (typeof value === "boolean") return t(value ? "claims.yes" : "claims.no");
  if (question?.type === "choice") return question.options?.find((o) => o.id === value)?.label || String(value);
  if (question?.type === "number" && question.unit) return `${value} ${question.unit}`;
  return String(value);
}

const facts = (pairs) =>
  h("dl", { class: "facts" }, pairs.filter(Boolean).flatMap(([key, value]) => [h("dt", { i18n: key }), h("dd", {}, value)]));

function claimantStatement(review) {
  const problem = state.catalog?.problems?.find((p) => p.id === review.problem);
  const answers = Object.entries(review.answers || {});
  return h(
    "div",
    { class: "statement", id: "claimant-statement" },
    h("h4", { i18n: "agent.claimant_says", vars: { id: review.claimant_id, side: { t: `agent.side.${review.side}` } } }),
    answers.length
      ? h("dl", { class: "facts" }, answers.flatMap(([qid, value]) => {
          const question = problem?.questions?.find((q) => q.id === qid);
          return [h("dt", {}, question?.text || qid), h("dd", {}, answerText(question, value))];
        }))
      : h("p", { class: "muted", i18n: "agent.no_answers" }),
  );
}

function counterpartStatement(review) {
  const said = review.counterpart_answer || { answer: "waiting" };
  return h(
    "div",
    { class: `statement ${said.answer}`, id: "counterpart-statement", dataset: { answer: said.answer } },
    h("h4", { i18n: "agent.counterpart_says", vars: { id: review.counterpart_id } }),
    h("p", { i18n: `agent.answer.${said.answer}`, vars: { at: { date: said.at }, via: said.via || "" } }),
    said.comment && h("blockquote", {}, said.comment),
  );
}

function gesturesBlock(review) {
  const mine = review.gestures?.this_claim || [];
  const recent = review.gestures?.member_recent || { count: 0, amount_cents: 0, days: 90 };
  return h(
    "div",
    { id: "claim-gestures" },
    h("h3", { i18n: "agent.granted" }),
    mine.length
      ? h("ul", {}, mine.map((g) => h("li", {}, t("agent.granted_line", { amount: euros(g.amount_cents), by: g.granted_by, at: formatDate(g.at) }))))
      : h("p", { class: "muted", i18n: "agent.granted_none" }),
    h("p", { class: "muted", i18n: "agent.granted_recent", vars: { count: recent.count, amount: euros(recent.amount_cents), days: recent.days } }),
  );
}

function timelineBlock(review) {
  return h(
    "div",
    {},
    h("h3", { i18n: "agent.timeline" }),
    h("ol", { class: "timeline", id: "claim-timeline" }, (review.timeline || []).map((step) =>
      h("li", { dataset: { event: step.event } }, `${formatDate(step.at)} — ${known("claim.event", step.event)}${step.comment ? ` — “${step.comment}”` : ""}`),
    )),
  );
}

function blockedNote(review, action) {
  const why = review.blocked;
  if (!why) return null;
  const key = has(`agent.blocked.${action}.${why}`) ? `agent.blocked.${action}.${why}` : `agent.blocked.${why}`;
  return h("p", { class: "why", id: `${action}-blocked`, i18n: key, vars: { status: { t: `claims.status.${review.status}` } } });
}

function renderClaim() {
  const review = state.review;
  if (!review) return;
  const box = clear($("#item"));
  $("#item-hint").hidden = true;
  box.append(
    h("p", { class: "row" },
      h("strong", { id: "claim-problem" }, problemLabel(review.problem)),
      h("span", { class: "pill", id: "claim-status", dataset: { status: review.status }, i18n: `claims.status.${review.status}` })),
    facts([
      ["agent.claim_id", review.claim_id],
      ["agent.booking", review.booking_id],
      ["agent.filed", formatDate(review.filed_at)],
      review.due_at && ["agent.due", h("span", {}, formatDate(review.due_at), " ", h("span", { class: `pill sla-${slaState(review.due_at)}`, i18n: `agent.sla.${slaState(review.due_at)}` }))],
      review.resolution && ["agent.resolution", outcomeLabel(review.resolution)],
    ]),
    h("h3", { i18n: "agent.statements" }),
    claimantStatement(review),
    counterpartStatement(review),
    gesturesBlock(review),
    timelineBlock(review),
    review.waiting_for === "approval" || review.proposal ? approvalBlock(review) : decideBlock(review),
  );
}

async function openClaim(id, focus = true) {
  showError($("#item-error"), null);
  state.picked = id;
  markPicked();
  try {
    state.review = await state.session.api.get(`/claims/${encodeURIComponent(id)}/review`);
    renderClaim();
    if (focus) $("#item-title").focus();
  } catch (e) {
    showError($("#item-error"), e);
  }
}

/** Show an API refusal; above the delegation, with the ceiling the API gave. */
function refusal(el, error) {
  if (error?.code === "above_delegation" && Number.isFinite(error.body?.ceiling_cents)) {
    return tr(el, "err.above_delegation_ceiling", { ceiling: euros(error.body.ceiling_cents) });
  }
  return showError(el, error);
}

function outcomeSelect(id, chosen) {
  const select = h("select", { id, required: true }, h("option", { value: "", i18n: "claims.choose" }));
  for (const o of state.catalog?.outcomes || []) select.append(h("option", { value: o.id, selected: o.id === chosen }, o.label));
  return select;
}

function decideBlock(review) {
  const ceiling = review.delegation?.ceiling_cents ?? 0;
  const outcome = outcomeSelect("decide-outcome");
  const amount = h("input", { id: "decide-gesture", type: "number", min: "0", step: "0.01", inputmode: "decimal", value: "0" });
  const charge = h("input", { id: "decide-charge", type: "number", min: "0", step: "0.01", inputmode: "decimal" });
  const chargeField = h("div", { class: "field", hidden: true }, h("label", { for: "decide-charge", i18n: "agent.charge" }), charge);
  const hint = h("p", { class: "muted", id: "decide-hint", "aria-live": "polite" });
  const error = h("p", { class: "alert", role: "alert", id: "decide-error" });
  const done = h("p", { class: "notice", role: "status", id: "decide-done" });
  const decide = h("button", { type: "submit", id: "decide-submit", i18n: "agent.decide" });
  const propose = h("button", { type: "button", class: "secondary", id: "decide-propose", hidden: true, i18n: "agent.propose" });
  const cents = () => Math.round(Number(amount.value || 0) * 100);
  const update = () => {
    chargeField.hidden = outcome.value !== "charge_passenger";
    const above = cents() > ceiling;
    propose.hidden = !above;
    tr(hint, above ? "agent.above_ceiling" : "agent.within_ceiling", { ceiling: euros(ceiling) });
    hint.className = above ? "why" : "muted";
  };
  outcome.addEventListener("change", update);
  amount.addEventListener("input", () => {
    showError(error, null); // a new amount: the last refusal no longer applies
    update();
  });
  const send = async (requestApproval) => {
    showError(error, null);
    untr(done);
    const body = { outcome: outcome.value, gesture_eur: Number(amount.value || 0) };
    if (!chargeField.hidden && charge.value) body.charge_eur = Number(charge.value);
    if (requestApproval) body.request_approval = true;
    try {
      const claim = await state.session.api.post(`/claims/${encodeURIComponent(review.claim_id)}/decision`, body);
      tr(done, requestApproval ? "agent.proposed" : "agent.decided", { outcome: outcomeLabel(body.outcome), amount: euros(cents()) });
      announce(requestApproval ? "agent.proposed" : "agent.decided", { outcome: outcomeLabel(body.outcome), amount: euros(cents()) });
      form.querySelectorAll("button, input, select").forEach((el) => (el.disabled = true));
      state.review = { ...state.review, status: claim.status };
      loadQueue();
    } catch (e) {
      refusal(error, e);
    }
  };
  const form = h(
    "form",
    { class: "decide-form", id: "decide-form", "aria-labelledby": "decide-title" },
    h("h3", { id: "decide-title", i18n: "agent.decision" }),
    h("p", { class: "ceiling", id: "decide-ceiling", i18n: "agent.your_ceiling", vars: { ceiling: euros(ceiling) } }),
    h("div", { class: "field" }, h("label", { for: "decide-outcome", i18n: "agent.outcome" }), outcome),
    h("div", { class: "field" }, h("label", { for: "decide-gesture", i18n: "agent.gesture" }), amount),
    chargeField,
    h("p", { class: "muted", i18n: "agent.gesture_reason", vars: { reason: problemLabel(review.problem) } }),
    hint,
    blockedNote(review, "decide"),
    h("div", { class: "row" }, decide, propose),
    error,
    done,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(false);
  });
  propose.addEventListener("click", () => send(true));
  if (!review.can_decide) form.querySelectorAll("button, input, select").forEach((el) => (el.disabled = true));
  update();
  return form;
}

function approvalBlock(review) {
  const proposal = review.proposal || {};
  const ceiling = review.delegation?.ceiling_cents ?? 0;
  const error = h("p", { class: "alert", role: "alert", id: "approval-error" });
  const done = h("p", { class: "notice", role: "status", id: "approval-done" });
  const aboveOwn = (proposal.gesture_cents || 0) > ceiling;
  const send = async (approve) => {
    showError(error, null);
    try {
      const claim = await state.session.api.post(`/claims/${encodeURIComponent(review.claim_id)}/approval`, { approve });
      tr(done, approve ? "agent.approved" : "agent.rejected", { outcome: outcomeLabel(proposal.resolution), amount: euros(proposal.gesture_cents) });
      announce(approve ? "agent.approved" : "agent.rejected", { outcome: outcomeLabel(proposal.resolution), amount: euros(proposal.gesture_cents) });
      box.querySelectorAll("button").forEach((b) => (b.disabled = true));
      state.review = { ...state.review, status: claim.status };
      loadQueue();
    } catch (e) {
      refusal(error, e);
    }
  };
  const approve = h("button", { type: "button", id: "approve", i18n: "agent.approve", on: { click: () => send(true) } });
  const reject = h("button", { type: "button", class: "secondary", id: "reject", i18n: "agent.reject", on: { click: () => send(false) } });
  const box = h(
    "section",
    { id: "approval", "aria-labelledby": "approval-title" },
    h("h3", { id: "approval-title", i18n: "agent.proposal" }),
    facts([
      ["agent.outcome", outcomeLabel(proposal.resolution)],
      ["agent.gesture", h("span", { id: "proposal-gesture" }, euros(proposal.gesture_cents))],
      proposal.charge_cents ? ["agent.charge", euros(proposal.charge_cents)] : null,
      ["agent.proposed_by", h("span", { id: "proposal-by" }, proposal.proposed_by || "")],
    ]),
    h("p", { class: "ceiling", i18n: "agent.your_ceiling", vars: { ceiling: euros(ceiling) } }),
    blockedNote(review, "approve"),
    !review.blocked && aboveOwn && h("p", { class: "why", id: "approve-above", i18n: "agent.approve_above_own" }),
    h("div", { class: "row" }, approve, reject),
    error,
    done,
  );
  if (!review.can_approve) {
    approve.disabled = true;
    reject.disabled = true;
  } else if (aboveOwn) approve.disabled = true;
  return box;
}

// --- the gesture audit --------------------------------------------------------------------------

/** A horizontal bar chart as plain SVG: one bar per [label, cents], outliers in red. */
export function barChart(id, titleKey, rows, outliers = new Set()) {
  const ns = "http://www.w3.org/2000/svg";
  const el = (tag, attrs = {}, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const bar = 22;
  const labelW = 90;
  const width = 200;
  const max = Math.max(1, ...rows.map(([, cents]) => cents));
  const svg = el("svg", { id, class: "chart", viewBox: `0 0 ${labelW + width + 80} ${rows.length * bar + 8}`, role: "img", "aria-labelledby": `${id}-title` });
  svg.append(el("title", { id: `${id}-title` }, t(titleKey)));
  rows.forEach(([label, cents], i) => {
    const y = i * bar + 4;
    const w = Math.max(2, Math.round((cents / max) * width));
    svg.append(
      el("text", { x: labelW - 6, y: y + 14, "text-anchor": "end" }, String(label).slice(0, 14)),
      el("rect", { class: outliers.has(label) ? "bar outlier" : "bar", x: labelW, y, width: w, height: bar - 6, "data-key": label }),
      el("text", { x: labelW + w + 4, y: y + 14 }, euros(cents)),
    );
  });
  svg.append(el("line", { class: "axis", x1: labelW, y1: 0, x2: labelW, y2: rows.length * bar + 8 }));
  return svg;
}

const AUDIT_COLUMNS = ["dimension", "key", "count", "amount_eur", "fence_eur"];

/** The report as CSV rows (dimension, key, count, amount in euros), then the outliers. */
export function auditRows(report) {
  const eur = (cents) => ((cents || 0) / 100).toFixed(2);
  const rows = [{ dimension: "total", count: report.total?.count ?? 0, amount_eur: eur(report.total?.amount_cents) }];
  for (const dim of ["by_agent", "by_reason", "by_month"]) {
    for (const [key, v] of Object.entries(report[dim] || {})) rows.push({ dimension: dim.slice(3), key, count: v.count, amount_eur: eur(v.amount_cents) });
  }
  for (const o of report.outliers || []) {
    rows.push({ dimension: `outlier_${o.kind}`, key: o.key, amount_eur: eur(o.amount_cents), fence_eur: eur(o.fence_cents) });
  }
  return rows;
}

function renderAudit() {
  const report = state.audit;
  if (!report) return;
  const outlierAgents = new Set((report.outliers || []).filter((o) => o.kind === "agent_month").map((o) => o.key.split("/")[0]));
  const totals = (dim, head, labelOf = (k) => k) =>
    table([head, "agent.col.count", "agent.col.amount"], Object.entries(report[dim] || {}), ([k, v]) => [labelOf(k), String(v.count), euros(v.amount_cents)], ([k]) => ({ key: k }));
  const months = Object.entries(report.by_month || {}).map(([k, v]) => [k, v.amount_cents]);
  const agents = Object.entries(report.by_agent || {}).map(([k, v]) => [k, v.amount_cents]);
  clear($("#audit-report")).append(
    h("p", { id: "audit-total", i18n: "agent.audit_total", vars: { count: report.total?.count ?? 0, amount: euros(report.total?.amount_cents) } }),
    h("h3", { i18n: "agent.by_month" }),
    barChart("chart-month", "agent.chart_month", months),
    totals("by_month", "agent.col.month"),
    h("h3", { i18n: "agent.by_agent" }),
    barChart("chart-agent", "agent.chart_agent", agents, outlierAgents),
    h("div", { id: "audit-by-agent" }, totals("by_agent", "agent.col.agent")),
    h("h3", { i18n: "agent.by_reason" }),
    totals("by_reason", "agent.col.reason", problemLabel),
    h("h3", { i18n: "agent.outliers" }),
    (report.outliers || []).length
      ? h("ul", { id: "audit-outliers" }, report.outliers.map((o) =>
          h("li", { i18n: `agent.outlier.${o.kind === "agent_month" ? "agent_month" : "gesture"}`, vars: { key: o.key, amount: euros(o.amount_cents), fence: euros(o.fence_cents) } })))
      : h("p", { class: "muted", id: "audit-outliers", i18n: "agent.outliers_none" }),
  );
  $("#audit-csv").disabled = false;
}

function setupAudit() {
  const { roles } = state.session;
  if (!roles.some((r) => r === "supervisor" || r === "admin")) return async () => {};
  $("#audit-card").hidden = false;
  $("#audit-link").hidden = false;
  const until = new Date();
  const since = new Date(until.getTime() - 30 * 86400 * 1000);
  $("#audit-since").value = since.toISOString().slice(0, 10);
  $("#audit-until").value = until.toISOString().slice(0, 10);
  const load = async () => {
    showError($("#audit-error"), null);
    // `until` is the end of the chosen day, so today's gestures are in.
    const end = new Date(`${$("#audit-until").value}T00:00:00Z`).getTime() + 86400 * 1000;
    try {
      state.audit = await state.session.api.get("/gestures/audit", { since: $("#audit-since").value, until: new Date(end).toISOString() });
      renderAudit();
    } catch (e) {
      showError($("#audit-error"), e);
    }
  };
  $("#audit-form").addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  $("#audit-csv").addEventListener("click", () => {
    if (!state.audit) return;
    downloadCsv(`gestures-${$("#audit-since").value}-${$("#audit-until").value}.csv`, AUDIT_COLUMNS, auditRows(state.audit));
  });
  return load;
}

startClient({
  page: "agent",
  onSession: async (session) => {
    state.session = session;
    $("#console").hidden = false;
    $("#agent-nav").hidden = false;
    $("#queue-refresh").addEventListener("click", loadQueue);
    await loadCatalog();
    const loadAudit = setupAudit();
    onLangChange(async () => {
      await loadCatalog();
      renderQueue();
      renderClaim();
      renderAudit();
    });
    await Promise.all([loadQueue(), loadAudit()]);
    setInterval(() => {
      if (document.visibilityState === "visible") loadQueue();
    }, REFRESH_MS);
  },
});
