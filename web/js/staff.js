// The staff console: the professional queue, the conversations of a day, transcripts (an
// audited read), joining as the company voice, closing; and, where deployed, the moderation
// dry run and queue, the 24 h figures and the audit log.
import { startClient } from "./app.js";
import { ChatView } from "./chat.js";
import { $, clear, h, showError, table } from "./dom.js";
import { formatDate, has, tr, untr } from "./i18n.js";

const current = { id: null, view: null, onOpened: null };

const label = (prefix, value) => (value && has(`${prefix}.${value}`) ? h("span", { i18n: `${prefix}.${value}` }) : value ?? "");
const openButton = (onClick) => h("button", { type: "button", class: "secondary", i18n: "staff.open", on: { click: onClick } });

function setupQueue(session) {
  const box = $("#queue");
  const load = async () => {
    try {
      const { items = [] } = await session.api.get("/agent/queue");
      if (!items.length) return clear(box).append(h("p", { class: "muted", i18n: "staff.queue_empty" }));
      clear(box).append(
        table(
          ["staff.col.due", "staff.col.kind", "staff.col.topic", "staff.col.lang", "staff.col.reason", "staff.col.action"],
          items,
          (item) => [
            formatDate(item.due_at),
            label("staff.kind", item.kind),
            label("topic", item.topic),
            item.lang || "",
            item.reason || "",
            openButton(() => (item.kind === "claim" ? openClaim(session, item.ref_id) : openTranscript(session, item.ref_id))),
          ],
          (item) => ({ [item.kind === "claim" ? "claim" : "conversation"]: item.ref_id }),
        ),
      );
    } catch (e) {
      showError(clear(box).appendChild(h("p", { class: "alert", role: "alert" })), e);
    }
  };
  $("#queue-refresh").addEventListener("click", load);
  return load;
}

function setupList(session) {
  const box = $("#conversation-list");
  const day = $("#day");
  day.value = new Date().toISOString().slice(0, 10);
  const load = async () => {
    try {
      const data = await session.api.get("/conversations", { day: day.value, status: $("#status-filter").value });
      const rows = (data.conversations || []).slice().sort((a, b) => b.opened_at - a.opened_at);
      if (!rows.length) return clear(box).append(h("p", { class: "muted", i18n: "staff.empty" }));
      clear(box).append(
        table(
          ["staff.col.opened", "staff.col.status", "staff.col.topic", "staff.col.lang", "staff.col.member", "staff.col.helper", "staff.col.messages", "staff.col.rating", "staff.col.action"],
          rows,
          (c) => [
            formatDate(c.opened_at, false),
            h("span", { class: `pill ${c.status}` }, label("status", c.status)),
            label("topic", c.topic),
            c.lang,
            c.member_id,
            c.helper_id || "—",
            String(c.messages ?? ""),
            c.rating ? `★ ${c.rating}` : "",
            openButton(() => openTranscript(session, c.conversation_id)),
          ],
          (c) => ({ conversation: c.conversation_id }),
        ),
      );
    } catch (e) {
      showError(clear(box).appendChild(h("p", { class: "alert", role: "alert" })), e);
    }
  };
  $("#list-form").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  return load;
}

async function openTranscript(session, id) {
  const error = $("#transcript-error");
  showError(error, null);
  untr($("#transcript-notice"));
  let data;
  try {
    data = await session.api.transcript(id);
  } catch (e) {
    return showError(error, e);
  }
  current.view?.dispose();
  const joined = (data.participants || []).some((p) => p.id === session.me);
  const closed = data.status === "closed";
  current.id = id;
  current.view = new ChatView({
    socket: session.socket,
    me: session.me,
    conversationId: id,
    writable: joined && !closed,
    nameOf: (sender) => sender.id,
    onEvent: (type) => {
      if (type === "conversation.closed" || type === "closed.ack") $("#staff-close").hidden = true;
    },
  });
  $("#transcript-chat").append(current.view.el);
  for (const message of data.messages || []) current.view.add(message);
  if (closed) current.view.markClosed();
  tr($("#transcript-meta"), "staff.meta", {
    id,
    topic: { t: `topic.${data.topic}` },
    lang: { t: `lang.${data.lang}` },
    status: { t: `status.${data.status}` },
  });
  tr($("#transcript-people"), "staff.participants", {
    list: { list: (data.participants || []).map((p) => `${p.id} (${p.role})`) },
  });
  $("#transcript-actions").hidden = false;
  $("#join").hidden = joined || closed;
  $("#staff-close").hidden = closed;
  $("#transcript-title").focus();
  current.onOpened?.();
}

async function openClaim(session, id) {
  try {
    const claim = await session.api.get(`/claims/${encodeURIComponent(id)}`);
    current.view?.dispose();
    current.view = null;
    $("#transcript-actions").hidden = true;
    tr($("#transcript-meta"), "staff.claim", { id, status: claim.status });
    untr($("#transcript-people"));
    $("#transcript-title").focus();
  } catch (e) {
    showError($("#transcript-error"), e);
  }
}

function setupTranscript(session, reloadLists) {
  const act = async (action, after) => {
    if (!current.id) return;
    try {
      await session.socket.request(action, { conversation_id: current.id });
      after();
    } catch (e) {
      showError($("#transcript-error"), e);
    }
  };
  $("#join").addEventListener("click", () =>
    act("conversation.join", () => {
      $("#join").hidden = true;
      current.view.setWritable(true);
      tr($("#transcript-notice"), "staff.joined");
      current.view.sync();
      current.view.input.focus();
    }),
  );
  $("#staff-close").addEventListener("click", () =>
    act("conversation.close", () => {
      current.view?.markClosed();
      $("#staff-close").hidden = true;
      $("#join").hidden = true;
      reloadLists();
    }),
  );
  $("#reload").addEventListener("click", () => current.id && openTranscript(session, current.id));
}

const reasonsOf = (result) =>
  (result.reasons || []).map((r) => (typeof r === "string" ? r : [r.category, r.rule].filter(Boolean).join(" / ")));

async function setupModeration(session, afterDecision = async () => {}) {
  const probe = await session.api.probe("POST", "/moderation/check", { body: { text: "bonjour", lang: "fr" } });
  if (!probe.present || probe.error?.status === 403) return;
  $("#moderation").hidden = false;
  $("#moderation-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const out = clear($("#mod-result"));
    showError($("#mod-error"), null);
    try {
      const result = await session.api.post("/moderation/check", { text: $("#mod-text").value, lang: $("#mod-lang").value });
      const reasons = reasonsOf(result);
      out.append(
        h("p", { "data-verdict": result.verdict, i18n: "staff.mod_verdict", vars: { verdict: result.verdict } }),
        h("p", { i18n: "staff.mod_stored", vars: { text: result.text ?? "—" } }),
        h("p", { class: "muted", hidden: !reasons.length, i18n: "staff.mod_reasons", vars: { reasons: { list: reasons } } }),
      );
    } catch (e) {
      showError($("#mod-error"), e);
    }
  });
  const box = $("#mod-queue");
  const decide = async (item, decision) => {
    showError($("#mod-queue-error"), null);
    try {
      await session.api.post(`/moderation/items/${encodeURIComponent(item.item_id)}/decision`, { decision });
      await Promise.all([loadQueue(), afterDecision()]);
    } catch (e) {
      showError($("#mod-queue-error"), e);
    }
  };
  // Oldest first, as the server sends them: restore, confirm, or confirm and warn/suspend.
  const loadQueue = async () => {
    const queue = await session.api.probe("GET", "/moderation/queue");
    if (!queue.present || queue.error) return;
    $("#mod-queue-card").hidden = false;
    const items = queue.data?.items || [];
    clear(box);
    if (!items.length) return box.append(h("p", { class: "muted", i18n: "staff.mod_queue_empty" }));
    box.append(
      h("ul", { class: "offers" }, items.slice(0, 50).map((item) =>
        h(
          "li",
          { class: "offer", dataset: { item: item.item_id, verdict: item.verdict } },
          h("strong", {}, `${item.author?.id ?? ""} (${item.author?.role ?? ""})`),
          h("p", { class: "mod-text" }, item.text ?? ""),
          h("p", { class: "muted" }, reasonsOf(item).join(", ")),
          h("span", { class: "muted" }, formatDate(item.created_at)),
          h("div", { class: "row" }, ["restore", "confirm", "warn", "suspend"].map((decision) =>
            h("button", { type: "button", class: decision === "restore" ? "secondary" : "", i18n: `staff.mod_${decision}`, on: { click: () => decide(item, decision) } }),
          )),
        ),
      )),
    );
  };
  $("#mod-queue-refresh").addEventListener("click", loadQueue);
  await loadQueue();
}

/** Numeric figures of GET /metrics/summary, whatever their nesting (two levels). */
async function setupMetrics(session) {
  const probe = await session.api.probe("GET", "/metrics/summary", { query: { window: "24h" } });
  if (!probe.present || probe.error || !probe.data) return;
  const figures = [];
  const walk = (obj, path) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (typeof v === "number") figures.push([path.concat(k).join(" · "), v]);
      else if (v && typeof v === "object" && !Array.isArray(v) && path.length < 2) walk(v, path.concat(k));
    }
  };
  walk(probe.data, []);
  clear($("#figures")).append(
    ...figures.slice(0, 16).map(([name, value]) =>
      h("div", { class: "figure" }, h("strong", {}, Number.isInteger(value) ? String(value) : value.toFixed(2)), h("span", { class: "muted" }, name.replace(/_/g, " "))),
    ),
  );
  $("#metrics").hidden = figures.length === 0;
}

/** Supervisors and admins: the audit log of the day, newest first (transcript reads, joins, closes). */
function setupAudit(session) {
  if (!session.roles.some((r) => r === "supervisor" || r === "admin")) return async () => {};
  return async () => {
    const probe = await session.api.probe("GET", "/audit?limit=30");
    if (!probe.present || probe.error) return;
    const entries = probe.data?.entries || [];
    $("#audit").hidden = false;
    const box = clear($("#audit-list"));
    if (!entries.length) return box.append(h("p", { class: "muted", i18n: "staff.audit_empty" }));
    box.append(h("ul", { class: "muted" }, entries.map((e) => h("li", {}, `${formatDate(e.at)} — ${e.actor} — ${e.action} — ${e.subject}`))));
  };
}

startClient({
  page: "staff",
  onSession: async (session) => {
    $("#console").hidden = false;
    const loadQueue = setupQueue(session);
    const loadList = setupList(session);
    const loadAudit = setupAudit(session);
    const reloadLists = () => Promise.all([loadQueue(), loadList(), loadAudit()]);
    current.onOpened = loadAudit;
    setupTranscript(session, reloadLists);
    await reloadLists();
    setupModeration(session, loadAudit);
    setupMetrics(session);
  },
});
