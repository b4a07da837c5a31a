"""Entraide: Chalice wiring only. Each handler parses, calls one service, shapes the reply."""

from __future__ import annotations

from chalice import AuthResponse, Chalice, CORSConfig

from chalicelib.domain.errors import Unauthenticated
from chalicelib.edges import current_principal, json_object, translate_errors
from chalicelib.wiring import services

app = Chalice(app_name="entraide", configure_logs=False)
app.experimental_feature_flags.update(["WEBSOCKETS"])
app.api.cors = CORSConfig(allow_origin="*", allow_headers=["Idempotency-Key"], max_age=600)


@app.authorizer(ttl_seconds=60)
def bearer(auth_request):
    """Verify the bearer JWT; views refuse a request whose context carries `auth_error`."""
    try:
        principal = services().sessions.authenticate(auth_request.token)
    except Unauthenticated as e:
        return AuthResponse(routes=["*"], principal_id="anonymous", context={"auth_error": e.code})
    return AuthResponse(
        routes=["*"],
        principal_id=principal.member_id,
        context={
            "member_id": principal.member_id,
            "roles": ",".join(sorted(principal.roles)),
            "tier": principal.tier or "",
        },
    )


def me():
    """The verified caller of the current request."""
    return current_principal(app)


# --- Platform -------------------------------------------------------------------------------


@app.route("/health", methods=["GET"])
def health():
    return {"status": "ok"}


@app.route("/config", methods=["GET"])
def config():
    s = services().settings
    return {"ws_url": s.ws_public_url, "stage": s.stage}


@app.route("/dev/token", methods=["POST"])
@translate_errors
def dev_token():
    return services().sessions.dev_token(json_object(app))


@app.route("/ws/ticket", methods=["POST"], authorizer=bearer)
@translate_errors
def ws_ticket():
    return services().sessions.issue_ticket(me())


# --- WebSocket --------------------------------------------------------------------------------


@app.on_ws_connect()
def ws_connect(event):
    return services().websocket.connect(event.to_dict())


@app.on_ws_message()
def ws_message(event):
    return services().websocket.message(event.to_dict())


@app.on_ws_disconnect()
def ws_disconnect(event):
    return services().websocket.disconnect(event.to_dict())


