// Staff console, audit screen (supervisors and admins): the audit log of a day, newest first,
// page after page (`next_cursor`), filtered by action and actor on the server; CSV export.
import { downloadCsv } from "./csv.js";
import { $, clear, h, showError, table } from "./dom.js";
import { isoTime, when } from "./format.js";

export function setupAudit(session) {
  const allowed = session.roles.some((r) => r === "supervisor" || r === "admin");
  let entries = [];
  let cursor = null;
  $("#audit-day").value = new Date().toISOString().slice(0, 10);

  const query = () => ({
    day: $("#audit-day").value,
    action: $("#audit-action").value.trim(),
    actor: $("#audit-actor").value.trim(),
    limit: 50,
  });

  const render = () => {
    const box = clear($("#audit-list"));
    $("#audit-more").hidden = !cursor;
    if (!entries.length) return box.append(h("p", { class: "muted", i18n: "staff.audit_empty" }));
    box.append(table(["staff.col.when", "staff.audit_actor", "staff.col.roles", "staff.audit_action", "staff.col.subject"], entries,
      (e) => [when(e.at), e.actor, (e.roles || []).join(", "), e.action, e.subject],
      (e) => ({ action: e.action, actor: e.actor })));
  };

  const load = async (more = false) => {
    if (!allowed) return;
    showError($("#audit-error"), null);
    try {
      const data = await session.api.get("/audit", { ...query(), cursor: more ? cursor : undefined });
      entries = more ? entries.concat(data.entries || []) : data.entries || [];
      cursor = data.next_cursor || null;
      render();
    } catch (e) {
      showError($("#audit-error"), e);
    }
  };

  $("#audit-form").addEventListener("submit", (e) => {
    e.preventDefault();
    load();
  });
  $("#audit-more").addEventListener("click", () => load(true));
  $("#audit-csv").addEventListener("click", () =>
    downloadCsv(`entraide-audit-${$("#audit-day").value}.csv`, ["at", "actor", "roles", "action", "subject"],
      entries.map((e) => ({ ...e, at: isoTime(e.at) }))));
  return { load: () => load(false), allowed };
}
