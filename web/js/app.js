// What every page does first: language switch, configuration, identity, the live connection.
//
// Identity, in this order:
//   1. `#token=<JWT>` in the URL (a host app opening the page in a web view); it is removed from
//      the address bar at once;
//   2. a `postMessage({type: "entraide:token", token})` from the host page that embeds this page
//      in an iframe (its origin must be listed in config.json's `host_origins`, or be ours);
//      the page announces itself with `{type: "entraide:ready"}` and asks for a new token with
//      `{type: "entraide:token_expired"}` when the API answers 401;
//   3. on the `local` stage only (the local stack), a "Sign in as" list of the demo ids (POST /dev/token).
// The token is kept in sessionStorage (this tab only), never in logs.
import { Api, loadConfig, Socket } from "./protocol.js";
import { $, clear, h, showError } from "./dom.js";
import { lang, LANGS, setLang, t, tr, translate } from "./i18n.js";

const DEMO = {
  member: [
    ["m-alice", ["member"]],
    ["m-bob", ["member"]],
    ["m-chloe", ["member"]],
    ["m-david", ["member"]],
  ],
  helper: ["h-1", "h-2", "h-3", "h-4", "h-5"].map((id) => [id, ["member", "helper"]]),
  staff: [
    ["a-l1", ["agent"]],
    ["a-l2", ["agent"]],
    ["s-1", ["agent", "supervisor"]],
    ["adm-1", ["admin"]],
  ],
};
DEMO.agent = DEMO.staff; // the agent console signs in the same demo staff
const DEV_STAGES = new Set(["local"]);

/** The claims of a JWT (not verified: the API does that), or null. */
export function claimsOf(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), "=")));
  } catch {
    return null;
  }
}

/** The top bar: brand, FR/EN switch, the identity slot and the connection state. */
function renderTopbar(withSession) {
  const bar = $("#topbar");
  if (!bar) return;
  const parts = [
    h("a", { class: "brand", href: "./", i18n: "app.name" }),
    h(
      "div",
      {
        class: "lang-switch",
        role: "group",
        "aria-label": t("lang.switch"),
        "data-i18n-attr": "aria-label=lang.switch",
      },
      LANGS.map((code) =>
        h("button", { type: "button", "data-lang": code, lang: code }, code.toUpperCase()),
      ),
    ),
    withSession && h("div", { class: "identity", id: "identity" }),
    withSession &&
      h("span", {
        class: "conn",
        id: "conn",
        role: "status",
        "aria-live": "polite",
        "data-state": "stopped",
        i18n: "conn.stopped",
      }),
  ];
  clear(bar).append(...parts.filter(Boolean));
}

function setupLangSwitch(withSession) {
  renderTopbar(withSession);
  document.documentElement.lang = lang();
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => setLang(button.dataset.lang));
  }
  const mark = () => {
    for (const button of document.querySelectorAll("[data-lang]")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang()));
    }
  };
  mark();
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", mark);
  }
  translate(document);
}

/** Translate a static page that needs no API (the index). */
export function startStatic() {
  setupLangSwitch(false);
}

function tellHost(message) {
  if (window.parent !== window) window.parent.postMessage(message, "*");
}

/**
 * Boot a client page. `page` is "member", "helper" or "staff"; `onSession(session)` sets the
 * page up for a signed-in person before the socket starts: session = {api, socket, me, roles,
 * config}.
 */
export async function startClient({ page, onSession }) {
  setupLangSwitch(true);
  const conn = $("#conn");
  const signin = $("#signin-status");
  const storeKey = `entraide.token.${page}`;
  const config = await loadConfig();
  const api = new Api(config.rest);
  let session = null;

  const expired = () => {
    sessionStorage.removeItem(storeKey);
    if (signin) tr(signin, "signin.expired");
    tellHost({ type: "entraide:token_expired", page });
  };
  api.onUnauthorized = expired;

  const begin = async (token) => {
    const claims = claimsOf(token);
    if (!claims?.sub) return;
    if (session) {
      if (session.me === claims.sub) {
        api.token = token; // a refreshed token for the same person
        sessionStorage.setItem(storeKey, token);
        if (session.socket.state === "stopped") session.socket.start();
        return;
      }
      sessionStorage.setItem(storeKey, token);
      location.reload(); // another person: start from a clean page
      return;
    }
    api.token = token;
    sessionStorage.setItem(storeKey, token);
    const socket = new Socket(api, config.ws);
    socket.on("state", (state) => {
      conn.dataset.state = state;
      tr(conn, `conn.${state}`);
    });
    socket.on("unauthorized", expired);
    session = { api, socket, me: claims.sub, roles: claims.roles || [], config };
    window.entraide = { socket, page }; // for debugging and browser tests; holds no token
    if (signin) {
      tr(signin, "signin.you", { id: claims.sub });
      signin.classList.add("muted");
    }
    document.body.dataset.signedIn = claims.sub;
    await onSession(session);
    socket.start();
  };

  window.addEventListener("message", (event) => {
    const allowed = event.origin === location.origin || config.hostOrigins.includes(event.origin);
    if (allowed && event.data?.type === "entraide:token" && typeof event.data.token === "string") {
      begin(event.data.token);
    }
  });

  const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromHash) history.replaceState(null, "", location.pathname + location.search);
  let token = fromHash || sessionStorage.getItem(storeKey);
  const exp = token ? claimsOf(token)?.exp : null;
  if (exp && exp * 1000 < Date.now()) token = null;

  if (DEV_STAGES.has(config.stage)) renderPicker(page, api, begin, claimsOf(token || "")?.sub);
  if (token) await begin(token);
  else if (signin) tr(signin, DEV_STAGES.has(config.stage) ? "signin.needed" : "signin.waiting");
  tellHost({ type: "entraide:ready", page });
  return { config, api };
}

function renderPicker(page, api, begin, current) {
  const box = $("#identity");
  if (!box) return;
  const error = h("span", { class: "alert", role: "alert" });
  const select = h(
    "select",
    { id: "signin-as" },
    h("option", { value: "", i18n: "signin.choose" }),
    DEMO[page].map(([id]) => h("option", { value: id, selected: id === current }, id)),
  );
  select.addEventListener("change", async () => {
    const entry = DEMO[page].find(([id]) => id === select.value);
    if (!entry) return;
    showError(error, null);
    try {
      const { token } = await api.post("/dev/token", { member_id: entry[0], roles: entry[1] });
      await begin(token);
    } catch (e) {
      showError(error, e);
    }
  });
  clear(box).append(h("label", { for: "signin-as", i18n: "signin.as" }), select, error);
}
