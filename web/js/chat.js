// One conversation on screen: ordered messages by seq, sending with client_msg_id (kept and
// re-sent after a lost connection: the server answers a re-send with the same ack), gap
// filling and `message.sync` after the last seq on every reconnect, verdicts, notices,
// and the escalate / close actions. Used by the member widget, the Helper and staff consoles.
import { ApiError } from "./protocol.js";
import { announce, h, showError, uid } from "./dom.js";
import { formatDate, t, tr } from "./i18n.js";

const STAFF_ROLES = new Set(["agent", "supervisor", "admin"]);
let counter = 0;

/** How a sender is named to others: the Helper by name when known, staff as the company. */
export function defaultName(sender, helperName) {
  if (STAFF_ROLES.has(sender.role)) return { t: "role.company" };
  if (sender.role === "helper" && helperName) return helperName;
  return { t: `role.${sender.role}` };
}

export class ChatView {
  /**
   * options: socket, me, conversationId, nameOf(sender) → string | {t: key},
   * writable (default true), escalate / close (show those actions), onEvent(type, frame),
   * onMessage(message) (each message once, in whatever order it arrives).
   */
  constructor(options) {
    this.socket = options.socket;
    this.me = options.me;
    this.id = options.conversationId;
    this.nameOf = options.nameOf || ((sender) => defaultName(sender));
    this.onEvent = options.onEvent || (() => {});
    this.onMessage = options.onMessage || (() => {}); // every message placed, once
    this.have = new Set();
    this.lastSeq = 0; // highest seq with every seq before it present
    this.pending = new Map();
    this.syncing = null;
    this.closed = false;
    counter += 1;
    const inputId = `msg-${counter}`;
    this.list = h("ol", {
      class: "messages",
      role: "log",
      "aria-live": "polite",
      "aria-label": t("chat.log"),
      "data-i18n-attr": "aria-label=chat.log",
    });
    this.input = h("textarea", {
      id: inputId,
      rows: 2,
      maxlength: 2000,
      placeholder: t("chat.placeholder"),
      "data-i18n-attr": "placeholder=chat.placeholder",
    });
    this.sendButton = h("button", { type: "submit", i18n: "chat.send" });
    this.error = h("p", { class: "alert", role: "alert" });
    this.composer = h(
      "form",
      { class: "composer", on: { submit: (e) => this.submit(e) } },
      h("label", { for: inputId, class: "visually-hidden", i18n: "chat.message" }),
      this.input,
      this.sendButton,
    );
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) this.submit(e);
    });
    this.actions = h("div", { class: "row" });
    this.el = h("div", { class: "chat" }, this.list, this.composer, this.error, this.actions);
    if (options.escalate) this.addEscalate();
    if (options.close) this.addClose();
    this.setWritable(options.writable !== false);
    this.unsubscribe = [
      ...[
        "message.new",
        "message.moderated",
        "participant.joined",
        "conversation.escalated",
        "conversation.closed",
      ].map((type) =>
        this.socket.on(type, (frame) => {
          if (frame.conversation_id === this.id) this.event(type, frame);
        }),
      ),
      this.socket.on("open", () => this.resume()),
    ];
  }

  dispose() {
    for (const off of this.unsubscribe) off();
    this.el.remove();
  }

  setWritable(writable) {
    this.writable = writable && !this.closed;
    this.composer.hidden = !this.writable;
  }

  event(type, frame) {
    if (type === "message.new") this.add(frame);
    else if (type === "message.moderated") {
      const li = this.list.querySelector(`li.msg[data-seq="${Number(frame.seq)}"]`);
      if (li) this.showVerdict(li, frame);
    } else if (type === "participant.joined") {
      this.note("chat.joined", { who: this.nameOf(frame.participant) });
    } else if (type === "conversation.escalated") {
      this.note("chat.escalated", { due: { date: frame.due_at } });
    } else if (type === "conversation.closed") this.markClosed();
    this.onEvent(type, frame);
  }

  markClosed() {
    if (this.closed) return;
    this.closed = true;
    this.note("chat.closed");
    this.setWritable(false);
    this.actions.hidden = true;
  }

  /** A notice line (joins, escalations, closes): events, not messages, so no seq. */
  note(key, vars) {
    this.list.append(tr(h("li", { class: "event-note" }), key, vars));
    this.scroll();
  }

  /** Messages from the server (message.new, message.sync, a transcript, an ack). */
  add(message) {
    const seq = message.seq;
    if (typeof seq !== "number" || this.have.has(seq)) return false;
    const mine = message.sender?.id === this.me;
    const entry = mine && message.client_msg_id ? this.pending.get(message.client_msg_id) : null;
    const li = entry ? entry.li : this.render(message.sender, message.text);
    if (entry) this.pending.delete(message.client_msg_id);
    this.finish(li, message);
    this.place(li, seq);
    this.have.add(seq);
    this.onMessage(message);
    while (this.have.has(this.lastSeq + 1)) this.lastSeq += 1;
    if (seq > this.lastSeq) this.sync(); // a gap: fetch what is missing
    this.scroll();
    return true;
  }

  render(sender, text) {
    const mine = sender?.id === this.me;
    const staff = STAFF_ROLES.has(sender?.role);
    const name = mine ? { t: "chat.you" } : this.nameOf(sender || {});
    const li = h(
      "li",
      { class: `msg${mine ? " own" : ""}${staff ? " staff" : ""}` },
      h("span", { class: "text" }, text ?? ""),
      h("span", { class: "verdict" }),
      h("span", { class: "meta" }),
    );
    li.dataset.name = JSON.stringify(name);
    return li;
  }

  finish(li, message) {
    li.classList.remove("pending");
    li.dataset.seq = String(message.seq);
    this.showVerdict(li, message);
    tr(li.querySelector(".meta"), "chat.meta", {
      name: JSON.parse(li.dataset.name),
      time: { time: message.ts || new Date().toISOString() },
    });
  }

  /** A stored message's verdict and text; a stored one blocked was removed by a moderator. */
  showVerdict(li, message) {
    li.dataset.verdict = message.verdict || "allow";
    const text = li.querySelector(".text");
    if (message.text !== null && message.text !== undefined) text.textContent = message.text;
    const verdict = li.querySelector(".verdict");
    if (message.verdict === "block" && typeof message.seq === "number") {
      text.textContent = "";
      tr(verdict, "verdict.removed");
    } else if (message.verdict && message.verdict !== "allow") tr(verdict, `verdict.${message.verdict}`);
    else {
      delete verdict.dataset.i18n;
      verdict.textContent = "";
    }
  }

  place(li, seq) {
    const after = [...this.list.querySelectorAll("li.msg[data-seq]")].find(
      (other) => other !== li && Number(other.dataset.seq) > seq,
    );
    // Messages in seq order; messages still waiting for their ack stay last.
    const target = after || this.list.querySelector("li.msg.pending");
    if (target) this.list.insertBefore(li, target);
    else if (li.nextElementSibling || !li.isConnected) this.list.append(li);
  }

  scroll() {
    this.list.scrollTop = this.list.scrollHeight;
  }

  /** Everything after the last contiguous seq (several pages if needed). */
  sync() {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      let added = 0;
      try {
        do {
          this.syncAgain = false;
          const reply = await this.socket.request("message.sync", {
            conversation_id: this.id,
            after_seq: this.lastSeq,
          });
          for (const message of reply.messages || []) if (this.add(message)) added += 1;
          if (reply.more) this.syncAgain = true;
        } while (this.syncAgain);
      } catch (error) {
        if (error.code !== "disconnected") showError(this.error, error);
      } finally {
        this.syncing = null;
      }
      return added;
    })();
    return this.syncing;
  }

  /** After a (re)connect: fetch what was missed, then re-send what was never acknowledged. */
  async resume() {
    const added = await this.sync();
    if (added > 0) {
      this.note("chat.resynced", { count: added });
      announce("chat.resynced", { count: added });
    }
    for (const entry of this.pending.values()) if (!entry.inFlight) this.deliver(entry);
  }

  submit(event) {
    event.preventDefault();
    const text = this.input.value.trim();
    if (!text || !this.writable) return;
    this.input.value = "";
    this.send(text);
    this.input.focus();
  }

  /** Send a message; it shows at once as pending and settles with the server's answer. */
  send(text) {
    const entry = { id: uid(), text, li: this.render({ id: this.me }, text), inFlight: false };
    entry.li.classList.add("pending");
    tr(entry.li.querySelector(".verdict"), "verdict.sending");
    this.pending.set(entry.id, entry);
    this.list.append(entry.li);
    this.scroll();
    showError(this.error, null);
    return this.deliver(entry);
  }

  async deliver(entry) {
    entry.inFlight = true;
    try {
      const ack = await this.socket.request("message.send", {
        conversation_id: this.id,
        client_msg_id: entry.id,
        text: entry.text,
      });
      entry.inFlight = false;
      if (!this.pending.has(entry.id)) return; // a sync already placed it
      if (ack.seq === null || ack.seq === undefined) {
        this.pending.delete(entry.id);
        entry.li.classList.remove("pending");
        entry.li.dataset.verdict = "block";
        tr(entry.li.querySelector(".verdict"), "verdict.block");
        return;
      }
      this.add({ ...ack, sender: { id: this.me }, client_msg_id: entry.id });
    } catch (error) {
      entry.inFlight = false;
      if (error instanceof ApiError && ["disconnected", "timeout"].includes(error.code)) {
        tr(entry.li.querySelector(".verdict"), "verdict.waiting");
        if (error.code === "timeout" && this.socket.online) setTimeout(() => this.deliver(entry), 2000);
        return;
      }
      this.pending.delete(entry.id);
      entry.li.classList.remove("pending");
      entry.li.classList.add("failed");
      showError(entry.li.querySelector(".verdict"), error);
    }
  }

  addEscalate() {
    const reasonId = `reason-${counter}`;
    const reason = h("textarea", { id: reasonId, rows: 2, maxlength: 500, required: true });
    const form = h(
      "form",
      { class: "field", hidden: true },
      h("label", { for: reasonId, i18n: "chat.reason" }),
      reason,
      h(
        "div",
        { class: "row" },
        h("button", { type: "submit", i18n: "chat.escalate_go" }),
        h("button", {
          type: "button",
          class: "secondary",
          i18n: "chat.cancel",
          on: { click: () => (form.hidden = true) },
        }),
      ),
    );
    const open = h("button", {
      type: "button",
      class: "secondary",
      i18n: "chat.escalate",
      "data-action": "escalate",
      on: {
        click: () => {
          form.hidden = false;
          reason.focus();
        },
      },
    });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const ack = await this.socket.request("conversation.escalate", {
          conversation_id: this.id,
          reason: reason.value.trim(),
        });
        form.hidden = true;
        open.hidden = true;
        this.onEvent("escalated.ack", ack);
      } catch (error) {
        showError(this.error, error);
      }
    });
    this.actions.append(open);
    this.el.append(form);
  }

  addClose() {
    this.actions.append(
      h("button", {
        type: "button",
        class: "danger",
        i18n: "chat.close",
        "data-action": "close",
        on: { click: () => this.closeConversation() },
      }),
    );
  }

  async closeConversation() {
    try {
      await this.socket.request("conversation.close", { conversation_id: this.id });
      this.markClosed();
      this.onEvent("closed.ack", {});
    } catch (error) {
      showError(this.error, error);
    }
  }
}

export { formatDate };
