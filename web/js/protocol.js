// The Entraide wire protocol (shared/docs/PROTOCOL.md): REST with a bearer token, and the
// WebSocket API with single-use tickets, request_id correlation (exactly one reply per action),
// server events, heartbeats and a reconnect loop with backoff that takes a new ticket each time.

/** An error answered by the API (`{code, message}`), or a transport failure (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, body = null) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** REST calls against the API base URL, with `Authorization: Bearer <token>` once signed in. */
export class Api {
  constructor(base) {
    this.base = (base || "").replace(/\/+$/, "");
    this.token = null;
    this.onUnauthorized = null;
  }

  async request(method, path, { body, query, headers = {} } = {}) {
    const url = new URL(this.base + path, location.href);
    for (const [k, v] of Object.entries(query || {})) {
      if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
    }
    const init = { method, headers: { ...headers } };
    if (this.token) init.headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch {
      // A network failure, or a response the browser hides (no CORS headers: a gateway
      // refusal or an unknown route).
      throw new ApiError(0, "network", "");
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const code = data?.code || (response.status === 404 ? "not_found" : `http_${response.status}`);
      const error = new ApiError(response.status, code, data?.message || "", data);
      // A gateway refusal without our `code` field means "no such route" on API Gateway.
      error.missingRoute = response.status === 404 || (response.status === 403 && !data?.code);
      if (response.status === 401 && this.onUnauthorized) this.onUnauthorized(error);
      throw error;
    }
    return data;
  }

  get(path, query) {
    return this.request("GET", path, { query });
  }

  post(path, body = {}, headers = {}) {
    return this.request("POST", path, { body, headers });
  }

  /** A whole transcript: its first page, then every further page of messages while the
   * server gives a `next_cursor` (pages are bounded in size, docs/protocol.md). */
  async transcript(conversationId) {
    const path = `/conversations/${encodeURIComponent(conversationId)}`;
    const first = await this.get(path);
    const messages = [...(first?.messages || [])];
    let cursor = first?.next_cursor;
    while (cursor) {
      const page = await this.get(path, { cursor });
      messages.push(...(page?.messages || []));
      cursor = page?.next_cursor;
    }
    return { ...first, messages, next_cursor: null };
  }

  /** Whether an optional route is deployed: false when it answers 404 (or cannot be reached). */
  async probe(method, path, options) {
    try {
      return { present: true, data: await this.request(method, path, options) };
    } catch (error) {
      if (error.missingRoute || error.status === 0) return { present: false, error };
      return { present: true, error };
    }
  }
}

/** Where the deployed copy finds its API: `config.json` beside the pages, then `GET /config`. */
export async function loadConfig() {
  let config = {};
  try {
    const response = await fetch(new URL("config.json", location.href), { cache: "no-store" });
    if (response.ok) config = await response.json();
  } catch {
    /* no config.json: same-origin API */
  }
  const api = new Api(config.rest || "");
  let server = {};
  try {
    server = await api.get("/config");
  } catch {
    /* the API is down: the pages say so when they call it */
  }
  return {
    rest: config.rest || "",
    ws: config.ws || server.ws_url || "",
    stage: server.stage || config.stage || "prod",
    hostOrigins: config.host_origins || [],
  };
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
const HEARTBEAT_MS = 25000;

/**
 * The WebSocket connection. `request(action, fields)` resolves with the ack (or rejects with
 * an ApiError carrying the error frame's code); `on(type, fn)` receives server events; `on
 * ("open", fn)` runs after every (re)connect with `{reconnected}`; `on("state", fn)` gets
 * "connecting" | "online" | "offline" | "stopped".
 */
export class Socket {
  constructor(api, wsUrl, { requestTimeoutMs = 15000 } = {}) {
    this.api = api;
    this.wsUrl = wsUrl;
    this.requestTimeoutMs = requestTimeoutMs;
    this.ws = null;
    this.state = "stopped";
    this.listeners = new Map();
    this.pending = new Map();
    this.attempt = 0;
    this.counter = 0;
    this.opened = 0;
    this.stopped = true;
    this.retryTimer = null;
    this.heartbeat = null;
    this.kick = () => this.reconnectNow();
  }

  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type)?.delete(fn);
  }

  emit(type, data) {
    for (const fn of this.listeners.get(type) || []) {
      try {
        fn(data);
      } catch (error) {
        console.error("entraide: a handler failed", type, error?.name);
      }
    }
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit("state", state);
  }

  start() {
    this.stopped = false;
    window.addEventListener("online", this.kick);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener("online", this.kick);
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.detach("stopped");
    ws?.close(1000);
    this.setState("stopped");
  }

  get online() {
    return this.ws !== null && this.ws.readyState === WebSocket.OPEN;
  }

  /** Try at once (the browser says the network is back). */
  reconnectNow() {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  async connect() {
    if (this.stopped || this.ws || this.connecting) return;
    this.connecting = true;
    this.setState("connecting");
    let ticket;
    try {
      ticket = (await this.api.post("/ws/ticket")).ticket;
    } catch (error) {
      this.connecting = false;
      if (error.status === 401) {
        this.stopped = true;
        this.setState("stopped");
        this.emit("unauthorized", error);
        return;
      }
      this.scheduleRetry();
      return;
    }
    this.connecting = false;
    if (this.stopped) return;
    const base = this.wsUrl.includes("?") ? `${this.wsUrl}&` : `${this.wsUrl.replace(/\/?$/, "/")}?`;
    const ws = new WebSocket(`${base}ticket=${encodeURIComponent(ticket)}`);
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      this.setState("online");
      this.startHeartbeat();
      this.emit("open", { reconnected: this.opened > 0 });
      this.opened += 1;
    };
    ws.onmessage = (event) => {
      if (this.ws === ws) this.receive(event.data);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.detach("disconnected");
      this.emit("close", {});
      this.scheduleRetry();
    };
  }

  /** Forget the current socket: every pending request fails with `code`. */
  detach(code) {
    this.ws = null;
    clearInterval(this.heartbeat);
    for (const [, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new ApiError(0, code, ""));
    }
    this.pending.clear();
  }

  scheduleRetry() {
    if (this.stopped) return;
    this.setState("offline");
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    const delay = base * (0.8 + Math.random() * 0.4);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  startHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.request("ping", {}, 10000).catch((error) => {
        if (error.code === "timeout") this.drop();
      });
    }, HEARTBEAT_MS);
  }

  /** Give up on a silent socket and reconnect (half-open connections never close by themselves). */
  drop() {
    const ws = this.ws;
    if (!ws) return;
    this.detach("disconnected");
    try {
      ws.close();
    } catch {
      /* already closing */
    }
    this.emit("close", {});
    this.scheduleRetry();
  }

  /** Resolves once the socket is open (at once if it is), or after `ms` whatever happens. */
  whenOnline(ms = 5000) {
    if (this.online) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, ms);
      const off = this.on("open", () => {
        clearTimeout(timer);
        off();
        resolve(true);
      });
    });
  }

  /** Send one action; resolves with its ack, rejects with its error (exactly one reply). */
  request(action, fields = {}, timeoutMs = this.requestTimeoutMs) {
    return new Promise((resolve, reject) => {
      if (!this.online) {
        reject(new ApiError(0, "disconnected", ""));
        return;
      }
      this.counter += 1;
      // A caller may give its own request_id (help.open: the same one when it sends again).
      const requestId =
        fields.request_id || `r${this.counter}-${Math.random().toString(36).slice(2, 8)}`;
      const entry = { resolve, reject };
      entry.timer = setTimeout(() => {
        if (this.pending.get(requestId) === entry) this.pending.delete(requestId);
        reject(new ApiError(0, "timeout", ""));
      }, timeoutMs);
      this.pending.set(requestId, entry);
      this.ws.send(JSON.stringify({ ...fields, action, request_id: requestId }));
    });
  }

  receive(raw) {
    let frame;
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    const entry = frame.request_id ? this.pending.get(frame.request_id) : null;
    if (entry && ["ack", "error", "pong"].includes(frame.type)) {
      this.pending.delete(frame.request_id);
      clearTimeout(entry.timer);
      if (frame.type === "error") {
        const error = new ApiError(400, frame.code || "error", frame.message || "", frame);
        entry.reject(error);
      } else entry.resolve(frame);
      return;
    }
    if (frame.type === "error" && !frame.request_id && frame.code === "unauthenticated") {
      this.drop(); // the server forgot this connection: take a new ticket
      return;
    }
    if (frame.type) this.emit(frame.type, frame);
  }
}
