// The Helper's recognition (docs/programme.md): points this week / month / all time, level and
// the next one, rewards (granted and reachable) and the leaderboard. Read again on demand, when a
// conversation closes (its rating follows) and every minute while the page is shown.
import { $, clear, h, showError } from "./dom.js";
import { lang, onLangChange, tr } from "./i18n.js";

const EVERY_MS = 60000;

function figure(key, value, name) {
  return h("div", { class: "figure", dataset: { figure: name } }, h("span", { class: "muted", i18n: key }), h("strong", {}, String(value ?? 0)));
}

export function setupRecognition(session, card) {
  const { api, me } = session;
  const body = h("div", { id: "standing", "aria-live": "polite" });
  const rewards = h("ul", { id: "rewards", class: "offers" });
  const board = h("ol", { id: "leaderboard", class: "leaderboard" });
  const error = h("p", { class: "alert", role: "alert" });
  const period = h(
    "select",
    { id: "board-period" },
    ["week", "month", "all"].map((p) => h("option", { value: p, i18n: `recognition.period.${p}` })),
  );
  const refresh = h("button", { type: "button", class: "secondary", id: "standing-refresh", i18n: "recognition.refresh" });
  clear(card).append(
    h("h2", { id: "recognition-title", i18n: "recognition.title" }),
    body,
    refresh,
    error,
    h("h3", { i18n: "recognition.rewards" }),
    rewards,
    h("h3", { i18n: "recognition.board" }),
    h("div", { class: "field" }, h("label", { for: "board-period", i18n: "recognition.period" }), period),
    board,
  );

  const load = async () => {
    showError(error, null);
    try {
      const q = { lang: lang() };
      const [standing, catalogue, granted, top] = await Promise.all([
        api.get(`/programme/standing/${encodeURIComponent(me)}`, q),
        api.get("/programme/rewards", q),
        api.get(`/programme/helpers/${encodeURIComponent(me)}/rewards`).catch(() => ({ grants: [] })),
        api.get("/programme/leaderboard", { ...q, period: period.value, limit: 10 }),
      ]);
      const level = standing.level || {};
      clear(body).append(
        h("p", {}, h("span", { class: "badge helper", id: "level" }, level.label || ""), " ",
          level.next_at ? h("span", { class: "muted", i18n: "recognition.next", vars: { points: level.next_at } }) : null),
        h(
          "div",
          { class: "figures" },
          figure("recognition.week", standing.points?.week, "week"),
          figure("recognition.month", standing.points?.month, "month"),
          figure("recognition.all", standing.points?.all, "all"),
        ),
      );
      const got = new Map((granted.grants || []).map((g) => [g.reward_id, g]));
      clear(rewards).append(
        ...(catalogue.rewards || []).map((r) =>
          h(
            "li",
            { class: "offer", dataset: { reward: r.reward_id, granted: got.has(r.reward_id) } },
            h("strong", {}, r.label),
            " ",
            got.has(r.reward_id)
              ? h("span", { class: "badge helper", i18n: "recognition.granted" })
              : h("span", { class: "muted", i18n: "recognition.at_level", vars: { level: r.min_level } }),
          ),
        ),
      );
      clear(board).append(
        ...(top.entries || []).map((e) =>
          h(
            "li",
            { dataset: { member: e.member_id }, class: e.member_id === me ? "me" : "" },
            h("span", {}, `${e.display_name || e.member_id}`),
            " — ",
            h("span", { i18n: "recognition.points", vars: { points: e.points } }),
          ),
        ),
      );
      if (!(top.entries || []).length) board.append(h("li", { class: "muted", i18n: "recognition.board_empty" }));
    } catch (e) {
      showError(error, e);
    }
  };
  refresh.addEventListener("click", load);
  period.addEventListener("change", load);
  onLangChange(load);
  setInterval(() => {
    if (!document.hidden) load();
  }, EVERY_MS);
  card.hidden = false;
  load();
  return load;
}
