// The staff console, one screen at a time (the address's #hash names it): conversations (the
// professional queue, conversations over any period, transcripts as an audited read, joining as
// the company voice with suggested articles and canned answers, closing, the moderation dry run
// and queue), insights and the capacity planner, the Helper programme, the knowledge base, and
// the audit log.
import { startClient } from "./app.js";
import { ChatView } from "./chat.js";
import { attachCopilot } from "./copilot.js";
import { downloadCsv } from "./csv.js";
import { $, clear, h, showError, table } from "./dom.js";
import { isoTime } from "./format.js";
import { formatDate, has, tr, untr } from "./i18n.js";
import { setupAudit } from "./staff-audit.js";
import { setupInsights } from "./staff-insights.js";
import { setupKnowledge } from "./staff-knowledge.js";
import { setupProgramme } from "./staff-programme.js";

const current = { id: null, view: null, onOpened: null, capture: null, answering: null };
const SCREENS = ["oversight", "insights", "programme", "knowledge", "audit"];

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
  const from = $("#day");
  const to = $("#day-to");
  const today = new Date().toISOString().slice(0, 10);
  // Yesterday to today by default: a live chat opened before midnight (UTC) is still listed.
  from.value = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  to.value = today;
  let rows = [];
  let cursor = null;
  const render = () => {
    $("#list-more").hidden = !cursor;
    if (!rows.length) return clear(box).append(h("p", { class: "muted", i18n: "staff.empty" }));
    clear(box).append(
      table(
        ["staff.col.opened", "staff.col.status", "staff.col.topic", "staff.col.lang", "staff.col.member", "staff.col.helper", "staff.col.messages", "staff.col.rating", "staff.col.action"],
        rows,
        (c) => [
          formatDate(c.opened_at),
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
  };
  const load = async (more = false) => {
    try {
      const query = { from: from.value, to: to.value || from.value, status: $("#status-filter").value, limit: 100 };
      const data = await session.api.get("/conversations", more ? { ...query, cursor } : query);
      rows = more ? rows.concat(data.conversations || []) : data.conversations || [];
      cursor = data.next_cursor || null;
      render();
    } catch (e) {
      showError(clear(box).appendChild(h("p", { class: "alert", role: "alert" })), e);
    }
  };
  $("#list-form").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  $("#list-more").addEventListener("click", () => load(true));
  $("#list-csv").addEventListener("click", () =>
    downloadCsv(`entraide-conversations-${from.value}-${to.value}.csv`,
      ["conversation_id", "opened_at", "status", "topic", "lang", "member_id", "helper_id", "assigned_at", "closed_at", "escalated", "rating", "messages"],
      rows.map((c) => ({ ...c, opened_at: isoTime(c.opened_at), assigned_at: isoTime(c.assigned_at), closed_at: isoTime(c.closed_at) }))));
  return () => load(false);
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
  // The copilot (suggested articles, canned answers in the conversation's language) comes with
  // the right to answer: once joined, for an open conversation.
  let feed = null;
  let lastMember = null;
  current.view = new ChatView({
    socket: session.socket,
    me: session.me,
    conversationId: id,
    writable: joined && !closed,
    nameOf: (sender) => sender.id,
    onMessage: (message) => {
      if (message?.sender?.role === "member") lastMember = message;
      feed?.(message);
    },
    onEvent: (type) => {
      if (type === "conversation.closed" || type === "closed.ack") $("#staff-close").hidden = true;
    },
  });
  current.answering = () => {
    if (feed) return;
    feed = attachCopilot(current.view, { api: session.api, lang: data.lang, me: session.me, canned: true });
    if (lastMember) feed(lastMember);
  };
  $("#transcript-chat").append(current.view.el);
  for (const message of data.messages || []) current.view.add(message);
  if (joined && !closed) current.answering();
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
  $("#capture").hidden = !closed;
  $("#transcript-title").focus();
  current.onOpened?.();
}

async function openClaim(session, id) {
  try {
    const claim = await session.api.get(`/claims/${encodeURIComponent(id)}`);
    current.view?.dispose();
    current.view = null;
    current.answering = null;
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
      current.answering?.();
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
  $("#capture").addEventListener("click", () => current.id && current.capture?.(current.id));
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

/** Show one screen (the others hidden) and mark its link; the hash keeps it on reload. */
function screens(loaders) {
  const show = (name, focus = false) => {
    const wanted = SCREENS.includes(name) ? name : "oversight";
    for (const el of document.querySelectorAll(".screen")) el.hidden = el.dataset.screen !== wanted;
    for (const link of document.querySelectorAll("#screens a")) {
      if (link.dataset.screen === wanted) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (location.hash.slice(1) !== wanted && name) history.replaceState(null, "", `#${wanted}`);
    loaders[wanted]?.();
    if (focus) document.querySelector(`.screen[data-screen="${wanted}"] h2`)?.focus();
  };
  window.addEventListener("hashchange", () => show(location.hash.slice(1), true));
  return show;
}

startClient({
  page: "staff",
  onSession: async (session) => {
    $("#screens").hidden = false;
    const loadQueue = setupQueue(session);
    const loadList = setupList(session);
    const audit = setupAudit(session);
    if (!audit.allowed) document.querySelector('#screens a[data-screen="audit"]').parentElement.hidden = true;
    const reloadLists = () => Promise.all([loadQueue(), loadList()]);
    setupTranscript(session, reloadLists);
    const insights = setupInsights(session);
    const programme = setupProgramme(session);
    let show = () => {};
    const knowledge = setupKnowledge(session, (name) => show(name));
    current.capture = knowledge.capture;
    show = screens({ insights: insights.load, programme: programme.load, knowledge: knowledge.load, audit: audit.load });
    show(location.hash.slice(1));
    await reloadLists();
    setupModeration(session, async () => audit.load());
  },
});
