// The member widget: ask (with knowledge-base suggestions and the explicit consent of SPEC A2),
// wait, chat with the Helper, escalate, close and rate; and the claims panel when deployed.
import { startClient } from "./app.js";
import { ChatView, defaultName } from "./chat.js";
import { setupApply } from "./apply.js";
import { setupClaims } from "./claims.js";
import { $, announce, clear, debounce, h, showError } from "./dom.js";
import { lang, onLangChange, t, tr, untr } from "./i18n.js";

const OPEN = new Set(["waiting", "assigned", "escalated"]);
const state = { id: null, view: null, helper: null, due: null, position: null, closed: false };
// The help.open not answered yet (its request_id), and the failures after which it may have been
// opened all the same: sending it again reuses the id.
let pendingOpen = null;
const RESEND_SAME = new Set(["timeout", "disconnected", "unavailable", "internal"]);

function newRequestId() {
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2);
  return `open-${random}`;
}

function renderBanner() {
  const banner = $("#banner");
  let key = state.position ? "member.queued_position" : "member.queued";
  let vars = { position: state.position };
  let name = "queued";
  if (state.closed) [key, name] = ["member.closed", "closed"];
  else if (state.helper) {
    key = state.helper.display_name ? "member.assigned" : "member.assigned_anon";
    vars = { name: state.helper.display_name };
    name = "assigned";
  } else if (state.due) [key, vars, name] = ["member.escalated", { due: { date: state.due } }, "escalated"];
  banner.dataset.state = name;
  banner.querySelector(".spinner").hidden = name !== "queued";
  tr($("#banner-text"), key, vars);
  const badge = $("#banner-badge");
  badge.hidden = !state.helper || state.closed;
  if (state.helper) {
    badge.className = `badge ${state.helper.badge || "helper"}`;
    tr(badge, `role.${state.helper.badge || "helper"}`);
  }
}

function showConversation(session, id) {
  state.id = id;
  $("#conversation").dataset.conversation = id;
  state.view?.dispose();
  state.view = new ChatView({
    socket: session.socket,
    me: session.me,
    conversationId: id,
    escalate: true,
    close: true,
    nameOf: (sender) => defaultName(sender, state.helper?.display_name),
    onEvent: (type, frame) => {
      if (type === "conversation.escalated" || type === "escalated.ack") state.due = frame.due_at;
      if (type === "conversation.closed" || type === "closed.ack") showRating();
      renderBanner();
    },
  });
  $("#chat-slot").append(state.view.el);
  $("#ask").hidden = true;
  $("#conversation").hidden = false;
  $("#rate-form").hidden = true;
  $("#new-request").hidden = true;
  untr($("#rate-thanks"));
  renderBanner();
}

function showRating() {
  state.closed = true;
  const form = $("#rate-form");
  if (!form.hidden || $("#rate-thanks").textContent) return;
  form.hidden = false;
  $("#rate-title").focus();
}

function reset() {
  state.view?.dispose();
  Object.assign(state, { id: null, view: null, helper: null, due: null, position: null, closed: false });
  $("#conversation").hidden = true;
  $("#ask").hidden = false;
  $("#ask-form").reset();
  $("#conv-lang").value = lang();
  $("#suggestions").hidden = true;
  $("#open-request").disabled = true;
  $("#question").focus();
}

function setupAsk(session) {
  const { api, socket } = session;
  const form = $("#ask-form");
  const question = $("#question");
  const consent = $("#consent");
  const button = $("#open-request");
  const error = $("#ask-error");
  const list = $("#suggestions ul");
  let kbMissing = false;
  let asked = 0;
  $("#conv-lang").value = lang();

  const refresh = () => {
    button.disabled = !consent.checked || !question.value.trim();
  };
  const suggest = debounce(async () => {
    const q = question.value.trim();
    const mine = ++asked;
    if (kbMissing || q.length < 3) {
      $("#suggestions").hidden = true;
      return;
    }
    let data;
    try {
      data = await api.get("/kb/suggest", { q, lang: $("#conv-lang").value });
    } catch (e) {
      kbMissing = Boolean(e.missingRoute);
      $("#suggestions").hidden = true;
      return;
    }
    if (mine !== asked) return; // a newer keystroke already asked
    const items = Array.isArray(data) ? data : data?.suggestions || data?.items || data?.articles || [];
    clear(list).append(
      ...items.slice(0, 5).map((item) =>
        h(
          "li",
          {},
          h(
            "details",
            {},
            h("summary", {}, item.question || item.title || ""),
            h("p", {}, item.excerpt || item.answer || ""),
          ),
        ),
      ),
    );
    $("#suggestions").hidden = items.length === 0;
  }, 300);

  question.addEventListener("input", () => {
    refresh();
    suggest();
  });
  $("#conv-lang").addEventListener("change", suggest);
  consent.addEventListener("change", () => {
    refresh();
    if (consent.checked) showError(error, null);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!consent.checked) return showError(error, { code: "consent_required" });
    if (!text) return question.focus();
    button.disabled = true;
    showError(error, null);
    let ack;
    // One request_id per request, reused when it is sent again after a lost answer (timeout,
    // disconnection, unavailable): the server then answers with the request it opened, never a
    // second one (docs/protocol.md).
    pendingOpen ||= newRequestId();
    try {
      await socket.whenOnline(); // a request is not queued offline: it waits a little for the socket
      ack = await socket.request("help.open", {
        topic: $("#topic").value,
        lang: $("#conv-lang").value,
        text,
        consent: true,
        request_id: pendingOpen,
      });
    } catch (e) {
      if (!RESEND_SAME.has(e.code)) pendingOpen = null; // refused: a new request next time
      showError(error, e);
      refresh();
      return;
    }
    pendingOpen = null;
    showConversation(session, ack.conversation_id);
    state.view.add({
      seq: ack.seq ?? 1,
      sender: { id: session.me, role: "member" },
      text: ack.text ?? text,
      verdict: ack.verdict,
      ts: new Date().toISOString(),
    });
    $("#banner").focus();
  });
}

function setupRating(session) {
  $("#rate-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const score = Number(new FormData(event.target).get("score"));
    if (!score) return;
    const comment = $("#rate-comment").value.trim();
    try {
      await session.socket.request("conversation.rate", {
        conversation_id: state.id,
        score,
        ...(comment ? { comment } : {}),
      });
    } catch (e) {
      if (e.code !== "already_rated") return showError($("#rate-error"), e);
    }
    $("#rate-form").hidden = true;
    tr($("#rate-thanks"), "member.rate_thanks");
    $("#new-request").hidden = false;
    $("#new-request").focus();
  });
  $("#new-request").addEventListener("click", reset);
}

function setupEvents(session) {
  const { socket } = session;
  socket.on("help.queued", (frame) => {
    if (frame.conversation_id !== state.id) return;
    state.position = frame.position ?? null;
    renderBanner();
  });
  socket.on("help.assigned", (frame) => {
    if (frame.conversation_id !== state.id) return;
    state.helper = frame.helper;
    state.view.note("chat.helper_joined", { name: frame.helper.display_name });
    announce("member.assigned", { name: frame.helper.display_name });
    renderBanner();
  });
  onLangChange((code) => {
    if ($("#ask").hidden === false && !$("#question").value) $("#conv-lang").value = code;
  });
}

/** Reopen the member's newest open conversation (a reload, another device). */
async function resume(session) {
  let mine;
  try {
    mine = await session.api.get("/conversations");
  } catch {
    return;
  }
  const open = (mine?.conversations || []).find((c) => OPEN.has(c.status));
  if (!open) return;
  const transcript = await session.api.transcript(open.conversation_id);
  // The transcript names who answers as help.assigned did, so a reload shows it again.
  if (transcript.helper) state.helper = transcript.helper;
  else if (transcript.helper_id) {
    state.helper = { id: transcript.helper_id, display_name: null, badge: transcript.participants?.[1]?.role };
  }
  state.due = transcript.escalated ? transcript.due_at : null;
  showConversation(session, open.conversation_id);
  for (const message of transcript.messages || []) state.view.add(message);
}

/** "Erase my data" (docs/privacy.md), after an explicit confirmation. */
function setupErasure(session) {
  $("#privacy").hidden = false;
  const status = $("#erase-status");
  $("#erase-data").addEventListener("click", async () => {
    if (!window.confirm(t("member.erase_confirm"))) return;
    try {
      await session.api.request("DELETE", `/members/${encodeURIComponent(session.me)}/data`);
      tr(status, "member.erase_done");
      announce("member.erase_done");
      $("#erase-data").disabled = true;
    } catch (error) {
      showError(status, error);
    }
  });
}

startClient({
  page: "member",
  onSession: async (session) => {
    $("#ask").hidden = false;
    setupAsk(session);
    setupRating(session);
    setupEvents(session);
    setupClaims(session);
    setupErasure(session);
    setupApply(session, $("#programme")).catch(() => {});
    await resume(session).catch(() => {});
  },
});
