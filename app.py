"""Entraide: the Chalice app. It is created here and given one blueprint per context
(chalicelib/api/); every route, queue consumer and schedule lives in its context's blueprint.

Importing this module is Lambda's init phase: it loads the edge only (no SDK, no adapter),
and the composition root is built by the first request that needs it.
"""

from __future__ import annotations

from chalice import Chalice, CORSConfig

from chalicelib.api import (
    chat,
    claims,
    edge,
    insights,
    knowledge,
    moderation,
    platform,
    privacy,
    programme,
)
from chalicelib.settings import cors_origin

app = Chalice(app_name="entraide", configure_logs=False)
app.experimental_feature_flags.update(["WEBSOCKETS"])
if cors_origin():
    app.api.cors = CORSConfig(allow_origin=cors_origin(), allow_headers=["Idempotency-Key"],
                              max_age=600)

app.register_blueprint(edge.auth)
for blueprint in (
    platform.platform,
    chat.chat,
    moderation.moderation,
    claims.claims,
    programme.programme,
    knowledge.knowledge,
    insights.insights,
    privacy.privacy,
):
    app.register_blueprint(blueprint)

# Chalice's blueprints cannot carry WebSocket handlers: the app registers the chat's three.
ws_connect = app.on_ws_connect()(chat.ws_connect)
ws_message = app.on_ws_message()(chat.ws_message)
ws_disconnect = app.on_ws_disconnect()(chat.ws_disconnect)
