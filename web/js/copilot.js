// The answering copilot of a conversation pane: knowledge-base articles suggested from what the
// member last wrote (our own ranking, GET /kb/suggest, in the conversation's language), each
// insertable as the reply being written; and, for agents, canned responses per language.
// Nothing is sent by itself: the Helper or agent reads, edits and sends.
import { clear, debounce, h } from "./dom.js";

// A small list per language of the conversation (the button's label is in the UI's language).
export const CANNED = {
  fr: {
    "canned.hello": "Bonjour, je m'occupe de votre demande. Pouvez-vous me donner la référence de votre réservation ?",
    "canned.checking": "Merci, je vérifie cela et je reviens vers vous dans quelques minutes.",
    "canned.escalated": "Je transmets votre demande à notre équipe Relations membres : elle vous répond sous 24 h.",
    "canned.bye": "Avez-vous besoin d'autre chose ? Bonne route !",
  },
  en: {
    "canned.hello": "Hello, I am looking after your request. Could you give me your booking reference?",
    "canned.checking": "Thank you, I am checking this and will come back to you in a few minutes.",
    "canned.escalated": "I am passing your request to our Member Relations team: they answer within 24 hours.",
    "canned.bye": "Is there anything else I can do for you? Have a good trip!",
  },
};

function insert(view, text) {
  const box = view.input;
  box.value = box.value.trim() ? `${box.value.trim()}\n${text}` : text;
  box.focus();
  box.setSelectionRange(box.value.length, box.value.length);
}

/** Attach the copilot under a ChatView; returns `fromMessage(message)` to feed it. */
export function attachCopilot(view, { api, lang, me, canned = false }) {
  const list = h("ul", { class: "suggestions copilot-list", "aria-live": "polite" });
  const box = h(
    "details",
    { class: "copilot", open: true },
    h("summary", { i18n: "copilot.title" }),
    h("p", { class: "muted copilot-empty", i18n: "copilot.empty" }),
    list,
  );
  if (canned) {
    box.append(
      h("p", { class: "muted", i18n: "copilot.canned" }),
      h(
        "div",
        { class: "row canned" },
        Object.entries(CANNED[lang] || CANNED.en).map(([key, text]) =>
          h("button", { type: "button", class: "secondary", i18n: key, on: { click: () => insert(view, text) } }),
        ),
      ),
    );
  }
  view.el.append(box);
  let asked = 0;

  const suggest = debounce(async (text) => {
    const mine = ++asked;
    let data;
    try {
      data = await api.get("/kb/suggest", { q: text.slice(0, 500), lang, limit: 3 });
    } catch {
      return;
    }
    if (mine !== asked) return;
    const items = data?.suggestions || [];
    box.querySelector(".copilot-empty").hidden = items.length > 0;
    clear(list).append(
      ...items.map((item) => {
        const use = h("button", { type: "button", class: "secondary", i18n: "copilot.insert" });
        use.addEventListener("click", async () => {
          let answer = item.excerpt || "";
          try {
            const article = await api.get(`/kb/articles/${encodeURIComponent(item.article_id)}`);
            answer = article.answer || answer;
          } catch {
            /* the excerpt will do */
          }
          insert(view, answer);
        });
        return h(
          "li",
          { dataset: { article: item.article_id } },
          h("strong", {}, item.question || ""),
          h("p", { class: "muted" }, item.excerpt || ""),
          use,
        );
      }),
    );
  }, 250);

  return (message) => {
    const text = (message?.text || "").trim();
    if (message?.sender?.id !== me && message?.sender?.role === "member" && text.length >= 3) suggest(text);
  };
}
