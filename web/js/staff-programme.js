// Staff console, Helper programme screen: applications and Helpers by status (or flagged), one
// record with its history, and the decisions the programme allows from its status: approve,
// refuse (with a reason), suspend and reinstate (with a reason), clear a quality flag; and the
// Helper's transcript access, granted and withdrawn (audited by the server).
import { downloadCsv } from "./csv.js";
import { $, clear, h, showError, table } from "./dom.js";
import { has, known, onLangChange, t, tr, untr } from "./i18n.js";
import { when } from "./format.js";

// Which decisions each status allows (docs/programme.md, "Lifecycle").
const ALLOWED = {
  pending: ["approve", "refuse"],
  approved: ["suspend"],
  suspended: ["reinstate"],
  refused: [],
  left: [],
};
const NEEDS_REASON = new Set(["refuse", "suspend", "reinstate"]);

const statusLabel = (status) => h("span", { class: `pill ${status}`, i18n: has(`prog.status.${status}`) ? `prog.status.${status}` : "staff.unknown", vars: { value: status } });

export function setupProgramme(session) {
  let rows = [];
  let current = null;
  const list = $("#prog-list");

  const renderRecord = () => {
    const box = clear($("#prog-record"));
    $("#prog-pick").hidden = Boolean(current);
    $("#prog-decide").hidden = !current;
    if (!current) return;
    const r = current;
    box.append(
      h("p", { dataset: { member: r.member_id, status: r.status } }, h("strong", {}, r.member_id), " ", statusLabel(r.status),
        r.flagged ? h("span", { class: "pill escalated", i18n: "staff.prog_flag" }) : null),
      h("dl", { class: "facts" },
        h("dt", { i18n: "staff.prog_applied" }), h("dd", {}, when(r.applied_at)),
        h("dt", { i18n: "staff.prog_languages" }), h("dd", {}, (r.languages || []).map((l) => t(`lang.${l}`)).join(", ")),
        h("dt", { i18n: "staff.prog_topics" }), h("dd", {}, (r.topics || []).map((x) => known("topic", x)).join(", ")),
        r.helper_since ? [h("dt", { i18n: "staff.prog_since" }), h("dd", {}, when(r.helper_since))] : null,
        r.flag_reasons?.length ? [h("dt", { i18n: "staff.prog_flag_reasons" }), h("dd", {}, r.flag_reasons.join(", "))] : null),
      h("h3", { i18n: "staff.prog_history" }),
      h("ol", { class: "history" }, (r.history || []).map((c) =>
        h("li", {}, `${when(c.at)} — `, statusLabel(c.status), ` — ${c.by}${c.reason ? ` — « ${c.reason} »` : ""}`))),
    );
    const allowed = new Set([...(ALLOWED[r.status] || []), ...(r.flagged ? ["clear-flag"] : [])]);
    for (const button of $("#prog-actions").querySelectorAll("button")) button.hidden = !allowed.has(button.dataset.action);
    renderTranscripts(r);
  };

  // Transcript access: granted to an active Helper, withdrawable whatever the status.
  const renderTranscripts = (r) => {
    const granted = Boolean(r?.transcript_access);
    const box = $("#prog-transcripts");
    box.hidden = !r || (r.status !== "approved" && !granted);
    if (box.hidden) return;
    const state = !granted ? "off" : r.status === "approved" ? "on" : "dormant";
    box.dataset.state = state;
    tr($("#prog-transcripts-state"), `staff.prog_transcripts.${state}`);
    tr($("#prog-transcripts-toggle"), granted ? "staff.prog_transcripts.withdraw" : "staff.prog_transcripts.grant");
  };

  const toggleTranscripts = async () => {
    if (!current) return;
    const granted = !current.transcript_access;
    showError($("#prog-error"), null);
    try {
      const answer = await session.api.post(`/programme/helpers/${encodeURIComponent(current.member_id)}/transcript-access`, { granted });
      current = { ...current, transcript_access: answer.transcript_access };
      tr($("#prog-notice"), `staff.prog_done.transcripts_${granted ? "grant" : "withdraw"}`, { id: current.member_id });
      renderTranscripts(current);
      $("#prog-transcripts-toggle").focus();
    } catch (e) {
      showError($("#prog-error"), e);
    }
  };

  const open = async (memberId) => {
    showError($("#prog-error"), null);
    try {
      current = await session.api.get(`/programme/helpers/${encodeURIComponent(memberId)}`);
      untr($("#prog-notice"));
      renderRecord();
      for (const tr_ of list.querySelectorAll("tr[data-member]")) tr_.setAttribute("aria-selected", String(tr_.dataset.member === memberId));
      $("#prog-detail-title").focus();
    } catch (e) {
      showError($("#prog-error"), e);
    }
  };

  const load = async () => {
    showError($("#prog-error"), null);
    try {
      const data = await session.api.get("/programme/applications", {
        status: $("#prog-status").value,
        flagged: $("#prog-flagged").checked ? "true" : undefined,
      });
      rows = data.helpers || [];
      clear(list);
      if (!rows.length) return list.append(h("p", { class: "muted", i18n: "staff.prog_empty" }));
      list.append(table(
        ["staff.col.member", "staff.col.status", "staff.prog_applied", "staff.prog_languages", "staff.prog_topics", "staff.col.action"], rows,
        (r) => [r.member_id, statusLabel(r.status), when(r.applied_at), (r.languages || []).join(", "), (r.topics || []).join(", "),
          h("button", { type: "button", class: "secondary", i18n: "staff.open", "aria-label": t("staff.prog_open", { id: r.member_id }), on: { click: () => open(r.member_id) } })],
        (r) => ({ member: r.member_id }),
      ));
    } catch (e) {
      showError($("#prog-error"), e);
    }
  };

  const decide = async (action) => {
    if (!current) return;
    const reason = $("#prog-reason").value.trim();
    if (NEEDS_REASON.has(action) && !reason) {
      tr($("#prog-error"), "staff.prog_reason_needed");
      $("#prog-reason").focus();
      return;
    }
    showError($("#prog-error"), null);
    const body = action === "approve" ? { note: reason } : action === "clear-flag" ? {} : { reason };
    try {
      const access = current.transcript_access;
      current = { transcript_access: access, ...(await session.api.post(`/programme/helpers/${encodeURIComponent(current.member_id)}/${action}`, body)) };
      $("#prog-reason").value = "";
      tr($("#prog-notice"), `staff.prog_done.${action.replace("-", "_")}`, { id: current.member_id });
      renderRecord();
      await load();
    } catch (e) {
      showError($("#prog-error"), e);
    }
  };

  $("#prog-form").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  $("#prog-status").addEventListener("change", load);
  for (const button of $("#prog-actions").querySelectorAll("button")) button.addEventListener("click", () => decide(button.dataset.action));
  $("#prog-transcripts-toggle").addEventListener("click", toggleTranscripts);
  $("#prog-csv").addEventListener("click", () =>
    downloadCsv(`entraide-helpers-${$("#prog-status").value}.csv`, ["member_id", "status", "applied_at", "helper_since", "languages", "topics", "flagged", "flag_reasons"], rows));
  onLangChange(renderRecord);
  return { load, open };
}
