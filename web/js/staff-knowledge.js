// Staff console, knowledge base screen: capture a closed conversation as a draft article
// (personal data stays masked), edit it, publish it for members' suggestions, archive it.
import { downloadCsv } from "./csv.js";
import { $, clear, h, showError, table } from "./dom.js";
import { has, onLangChange, t, tr, untr } from "./i18n.js";
import { when } from "./format.js";

export function setupKnowledge(session, show) {
  let rows = [];
  let article = null;
  const list = $("#kb-list");
  const editor = $("#kb-editor");

  const render = () => {
    $("#kb-pick").hidden = Boolean(article);
    editor.hidden = !article;
    if (!article) return;
    const a = article;
    editor.dataset.article = a.article_id;
    editor.dataset.status = a.status;
    tr($("#kb-meta"), "staff.kb_meta", {
      id: a.article_id,
      status: { t: has(`kb.status.${a.status}`) ? `kb.status.${a.status}` : "staff.unknown", vars: { value: a.status } },
      version: a.version,
      source: a.source_conversation_id || "—",
      helper: a.credited_helper_id || "—",
    });
    $("#kb-publish").hidden = a.status === "published";
    $("#kb-archive").hidden = a.status === "archived";
  };

  const fill = (a) => {
    article = a;
    $("#kb-lang").value = a.lang;
    $("#kb-question").value = a.question || "";
    $("#kb-answer").value = a.answer || "";
    $("#kb-tags").value = (a.tags || []).join(", ");
    render();
  };

  const load = async () => {
    showError($("#kb-error"), null);
    try {
      const data = await session.api.get("/kb/articles", { status: $("#kb-status").value, limit: 100 });
      rows = data.articles || [];
      clear(list);
      if (!rows.length) return list.append(h("p", { class: "muted", i18n: "staff.kb_empty" }));
      list.append(table(["staff.kb_question", "staff.mod_lang", "staff.col.status", "staff.kb_published", "staff.col.action"], rows,
        (a) => [a.question, a.lang, h("span", { i18n: `kb.status.${a.status}` }), when(a.published_at),
          h("button", { type: "button", class: "secondary", i18n: "staff.open", on: { click: () => open(a.article_id) } })],
        (a) => ({ article: a.article_id })));
    } catch (e) {
      showError($("#kb-error"), e);
    }
  };

  const open = async (id) => {
    showError($("#kb-error"), null);
    try {
      fill(await session.api.get(`/kb/articles/${encodeURIComponent(id)}`));
      untr($("#kb-notice"));
      $("#kb-edit-title").focus();
    } catch (e) {
      showError($("#kb-error"), e);
    }
  };

  /** Capture a conversation as a draft (from this screen or from a transcript). */
  const capture = async (conversationId) => {
    show("knowledge");
    showError($("#kb-error"), null);
    try {
      fill(await session.api.post(`/kb/articles/from-conversation/${encodeURIComponent(conversationId)}`, {}));
      tr($("#kb-notice"), "staff.kb_captured", { id: conversationId });
      $("#kb-status").value = "draft";
      await load();
      $("#kb-question").focus();
    } catch (e) {
      showError($("#kb-error"), e);
    }
  };

  const act = async (path, body, notice) => {
    showError($("#kb-error"), null);
    try {
      fill(await session.api.request(path.method, `/kb/articles/${encodeURIComponent(article.article_id)}${path.suffix}`, { body }));
      tr($("#kb-notice"), notice);
      await load();
    } catch (e) {
      showError($("#kb-error"), e);
    }
  };

  editor.addEventListener("submit", (e) => {
    e.preventDefault();
    const tags = $("#kb-tags").value.split(",").map((x) => x.trim()).filter(Boolean);
    act({ method: "PATCH", suffix: "" }, {
      expected_version: article.version, lang: $("#kb-lang").value, question: $("#kb-question").value, answer: $("#kb-answer").value, tags,
    }, "staff.kb_saved");
  });
  $("#kb-publish").addEventListener("click", () => act({ method: "POST", suffix: "/publish" }, { expected_version: article.version }, "staff.kb_published_now"));
  $("#kb-archive").addEventListener("click", () => act({ method: "POST", suffix: "/archive" }, { expected_version: article.version }, "staff.kb_archived_now"));
  $("#kb-capture-form").addEventListener("submit", (e) => {
    e.preventDefault();
    capture($("#kb-conversation").value.trim());
  });
  $("#kb-list-form").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  $("#kb-status").addEventListener("change", load);
  $("#kb-csv").addEventListener("click", () =>
    downloadCsv(`entraide-articles-${$("#kb-status").value}.csv`, ["article_id", "status", "lang", "question", "answer", "tags", "topic", "published_at", "source_conversation_id", "credited_helper_id"], rows));
  onLangChange(render);
  return { load, capture };
}
