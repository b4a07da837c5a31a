// The Helper console: presence (status, capacity, and the topics and languages taken now within
// the approved profile; re-applied after every reconnect), incoming offers (first accept wins;
// `already_taken` shown), several conversations at once with knowledge-base suggestions from the
// member's messages, points / level / rewards / leaderboard, and transcript reading for the
// Helpers the company authorised (the server decides: others get 404).
import { startClient } from "./app.js";
import { ChatView } from "./chat.js";
import { attachCopilot } from "./copilot.js";
import { $, announce, clear, h, showError } from "./dom.js";
import { tr } from "./i18n.js";
import { setupRecognition } from "./recognition.js";

const PRESENCE = "entraide.helper.presence";
const CONVERSATIONS = "entraide.helper.conversations";
const offers = new Map();
const panes = new Map();

function stored(key, fallback) {
  try {
    return JSON.parse(sessionStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

function remember() {
  const open = [...panes.values()].filter((p) => !p.view.closed).map((p) => p.info);
  sessionStorage.setItem(CONVERSATIONS, JSON.stringify(open));
}

function refreshEmpty() {
  $("#no-offers").hidden = offers.size > 0;
  $("#no-conversations").hidden = panes.size > 0;
}

/** Checkboxes of the approved profile's topics and languages (all ticked: the whole profile). */
function profileChoices(fieldset, name, values, kind, chosen) {
  for (const value of values) {
    const box = h("input", { type: "checkbox", name, value });
    box.checked = !chosen || chosen.includes(value);
    fieldset.append(h("label", { class: "check" }, box, " ", h("span", { i18n: `${kind}.${value}` })));
  }
  fieldset.hidden = values.length < 2; // one value: nothing to narrow
}

/** The narrowed list, or undefined when the whole approved profile applies. */
function narrowed(form, name) {
  const all = [...form.querySelectorAll(`input[name=${name}]`)];
  const ticked = all.filter((b) => b.checked).map((b) => b.value);
  return ticked.length && ticked.length < all.length ? ticked : undefined;
}

async function setupPresence(session) {
  const form = $("#presence-form");
  const error = $("#presence-error");
  let wanted = stored(PRESENCE, null);
  if (wanted) {
    form.querySelector(`input[value="${wanted.status}"]`).checked = true;
    $("#capacity").value = String(wanted.capacity);
  }
  try {
    const profile = await session.api.get(`/programme/helpers/${encodeURIComponent(session.me)}`);
    profileChoices($("#presence-topics"), "topics", profile.topics || [], "topic", wanted?.topics);
    profileChoices($("#presence-languages"), "languages", profile.languages || [], "lang", wanted?.languages);
  } catch {
    /* no programme record readable: the whole approved profile applies */
  }
  const apply = async () => {
    if (!wanted) return;
    showError(error, null);
    try {
      const ack = await session.socket.request("presence.set", wanted);
      tr($("#presence-now"), "helper.presence_now", {
        status: { t: `presence.${ack.status}` },
        topics: { list: (ack.topics || []).map((x) => ({ t: `topic.${x}` })) },
        languages: { list: (ack.languages || []).map((x) => ({ t: `lang.${x}` })) },
        capacity: ack.capacity,
      });
      $("#presence-now").dataset.status = ack.status;
    } catch (e) {
      showError(error, e);
    }
  };
  form.addEventListener("change", () => {
    const data = new FormData(form);
    wanted = {
      status: data.get("status"),
      capacity: Number(data.get("capacity")),
      topics: narrowed(form, "topics"),
      languages: narrowed(form, "languages"),
    };
    sessionStorage.setItem(PRESENCE, JSON.stringify(wanted));
    apply();
  });
  // A lost connection makes the server set us offline: say again what we want on every open.
  session.socket.on("open", apply);
  if (session.socket.online) apply(); // it opened while the profile was read
}

function openPane(session, info) {
  if (panes.has(info.id)) return panes.get(info.id);
  const dismiss = h("button", { type: "button", class: "secondary", hidden: true, i18n: "helper.dismiss" });
  let feed = () => {};
  const view = new ChatView({
    socket: session.socket,
    me: session.me,
    conversationId: info.id,
    escalate: true,
    close: true,
    onMessage: (message) => feed(message),
    onEvent: (type) => {
      if (type === "conversation.closed" || type === "closed.ack") {
        dismiss.hidden = false;
        remember();
        session.refreshStanding?.();
      }
    },
  });
  feed = attachCopilot(view, { api: session.api, lang: info.lang, me: session.me });
  const pane = h(
    "article",
    { class: "pane", dataset: { conversation: info.id }, "aria-label": info.id },
    h("h3", { i18n: "helper.pane", vars: { topic: { t: `topic.${info.topic}` }, lang: { t: `lang.${info.lang}` } } }),
    view.el,
    dismiss,
  );
  dismiss.addEventListener("click", () => {
    view.dispose();
    pane.remove();
    panes.delete(info.id);
    refreshEmpty();
  });
  $("#conversations").append(pane);
  const entry = { info, view, pane };
  panes.set(info.id, entry);
  remember();
  refreshEmpty();
  return entry;
}

function removeOffer(id) {
  offers.get(id)?.remove();
  offers.delete(id);
  refreshEmpty();
}

function setupOffers(session) {
  const { socket } = session;
  socket.on("help.offer", (frame) => {
    const id = frame.conversation_id;
    if (offers.has(id) || panes.has(id)) return;
    const error = h("p", { class: "alert", role: "alert" });
    const accept = h("button", { type: "button", i18n: "helper.accept" });
    const li = h(
      "li",
      { class: "offer", dataset: { conversation: id } },
      h("strong", {
        i18n: "helper.offer_meta",
        vars: { topic: { t: `topic.${frame.topic}` }, lang: { t: `lang.${frame.lang}` } },
      }),
      h("p", {}, frame.preview || ""),
      accept,
      error,
    );
    accept.addEventListener("click", async () => {
      accept.disabled = true;
      try {
        await socket.request("help.accept", { conversation_id: id });
      } catch (e) {
        showError(error, e);
        if (e.code === "already_taken") setTimeout(() => removeOffer(id), 4000);
        else accept.disabled = false;
        return;
      }
      removeOffer(id);
      const { view } = openPane(session, { id, topic: frame.topic, lang: frame.lang });
      await view.sync();
      view.input.focus();
    });
    offers.set(id, li);
    $("#offers").append(li);
    announce("helper.new_offer", { topic: { t: `topic.${frame.topic}` } });
    refreshEmpty();
  });
  socket.on("help.offer_withdrawn", (frame) => {
    if (!offers.has(frame.conversation_id)) return;
    removeOffer(frame.conversation_id);
    announce("helper.withdrawn");
  });
}

/** Reopen the conversations this tab was answering before a reload. */
async function restore(session) {
  for (const info of stored(CONVERSATIONS, [])) {
    try {
      const transcript = await session.api.transcript(info.id);
      if (transcript.status === "closed") continue;
      const { view } = openPane(session, info);
      for (const message of transcript.messages || []) view.add(message);
    } catch {
      /* gone or no longer ours */
    }
  }
  remember();
}

function transcriptLine(m) {
  return h(
    "li",
    { class: "msg", dataset: { seq: m.seq, verdict: m.verdict || "allow" } },
    h("span", { class: "text" }, m.text ?? ""),
    h("span", { class: "meta", i18n: "chat.meta", vars: { name: { t: `role.${m.sender?.role || "member"}` }, time: { time: m.ts } } }),
  );
}

/** Transcript reading (SPEC A7): every page of it (Api.transcript follows `next_cursor`). */
function setupTranscripts(session) {
  const out = $("#transcript");
  const error = $("#transcript-error");
  $("#transcript-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const id = $("#transcript-id").value.trim();
    if (!id) return;
    showError(error, null);
    clear(out);
    try {
      const conversation = await session.api.transcript(id);
      out.append(
        h("p", {
          class: "muted",
          i18n: "transcripts.meta",
          vars: { topic: { t: `topic.${conversation.topic}` }, lang: { t: `lang.${conversation.lang}` }, status: conversation.status },
        }),
        h(
          "ol",
          { class: "messages", dataset: { conversation: id }, tabindex: "0", "aria-labelledby": "transcripts-title" },
          (conversation.messages || []).map(transcriptLine),
        ),
      );
    } catch (e) {
      if (e.status === 404) tr(error, "transcripts.not_found");
      else showError(error, e);
    }
  });
}

startClient({
  page: "helper",
  onSession: async (session) => {
    $("#console").hidden = false;
    session.refreshStanding = setupRecognition(session, $("#recognition"));
    setupTranscripts(session);
    await setupPresence(session);
    setupOffers(session);
    await restore(session);
    refreshEmpty();
  },
});
