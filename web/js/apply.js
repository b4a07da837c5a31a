// "Become a Helper" (docs/programme.md): the member's programme record when they have one (its
// status), otherwise their eligibility with every unmet condition, and the application form
// (languages and topics) when they are eligible.
import { clear, h, showError } from "./dom.js";
import { has, tr } from "./i18n.js";

const LANGUAGES = ["fr", "en"];
const TOPICS = ["booking", "payment", "account", "trip"];

function choices(name, values, kind) {
  return h(
    "fieldset",
    { id: `apply-${name}` },
    h("legend", { i18n: `apply.${name}` }),
    values.map((v) => h("label", { class: "check" }, h("input", { type: "checkbox", name, value: v }), " ", h("span", { i18n: `${kind}.${v}` }))),
  );
}

function reason(code) {
  return has(`apply.reason.${code}`) ? { t: `apply.reason.${code}` } : code;
}

export function setupApply(session, card) {
  const { api, me } = session;
  const status = h("p", { id: "apply-status", role: "status" });
  const body = h("div");
  const error = h("p", { class: "alert", role: "alert" });
  clear(card).append(h("h2", { id: "apply-title", i18n: "apply.title" }), h("p", { class: "muted", i18n: "apply.lead" }), status, body, error);

  const showRecord = (record) => {
    clear(body);
    card.dataset.status = record.status;
    tr(status, "apply.status", { status: has(`apply.state.${record.status}`) ? { t: `apply.state.${record.status}` } : record.status });
  };

  const showForm = () => {
    const form = h(
      "form",
      { id: "apply-form" },
      choices("languages", LANGUAGES, "lang"),
      choices("topics", TOPICS, "topic"),
      h("button", { type: "submit", i18n: "apply.send" }),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const picked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((b) => b.value);
      showError(error, null);
      try {
        showRecord(await api.post("/programme/applications", { languages: picked("languages"), topics: picked("topics") }));
      } catch (e) {
        showError(error, e);
      }
    });
    clear(body).append(form);
  };

  const load = async () => {
    showError(error, null);
    try {
      return showRecord(await api.get(`/programme/helpers/${encodeURIComponent(me)}`));
    } catch (e) {
      if (e.status !== 404 && e.status !== 403) return showError(error, e);
    }
    try {
      const verdict = await api.get("/programme/eligibility");
      card.dataset.status = verdict.eligible ? "eligible" : "not_eligible";
      if (verdict.eligible) {
        tr(status, "apply.eligible");
        showForm();
      } else {
        tr(status, "apply.not_eligible");
        clear(body).append(h("ul", { id: "apply-reasons" }, (verdict.reasons || []).map((r) => h("li", { i18n: "apply.reason", vars: { reason: reason(r) } }))));
      }
    } catch (e) {
      showError(error, e);
    }
  };
  card.hidden = false;
  return load();
}
