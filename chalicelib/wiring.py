"""The composition root: builds each service once, on first use, from the settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache

from chalicelib.adapters.aws import AwsClients
from chalicelib.adapters.models import bind_models
from chalicelib.adapters.session_stores import (
    DynamoConnectionRepository,
    DynamoMemberDirectory,
    DynamoTicketStore,
)
from chalicelib.adapters.tokens import JwtTokenCodec
from chalicelib.adapters.websocket_pusher import ApiGatewayPusher
from chalicelib.domain.clock import SystemClock
from chalicelib.domain.frames import FrameDispatcher
from chalicelib.domain.sessions import SessionService
from chalicelib.observability import logger, tracer
from chalicelib.settings import Settings, settings
from chalicelib.websocket_edge import WebSocketEdge


def in_lambda() -> bool:
    """Whether this process is a Lambda function."""
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ


@dataclass
class Services:
    """Every service of the backend, wired to its adapters."""

    settings: Settings

    def __post_init__(self) -> None:
        if in_lambda():
            tracer()  # patches boto3/botocore so every AWS call is a traced subsegment
        bind_models(self.settings)

    @cached_property
    def aws(self) -> AwsClients:
        """boto3 clients, created lazily."""
        return AwsClients(self.settings.region)

    @cached_property
    def clock(self) -> SystemClock:
        """The wall clock."""
        return SystemClock()

    @cached_property
    def members(self) -> DynamoMemberDirectory:
        """The members mirror."""
        return DynamoMemberDirectory()

    @cached_property
    def pusher(self) -> ApiGatewayPusher:
        """Posts frames to WebSocket connections."""
        return ApiGatewayPusher(
            lambda endpoint: self.aws.client("apigatewaymanagementapi", endpoint),
            self.settings.ws_management_endpoint,
        )

    def _jwt_key(self) -> str:
        if self.settings.jwt_secret:
            return self.settings.jwt_secret
        if not self.settings.jwt_secret_arn:
            return ""
        client = self.aws.client("secretsmanager")
        return client.get_secret_value(SecretId=self.settings.jwt_secret_arn)["SecretString"]

    @cached_property
    def sessions(self) -> SessionService:
        """Tokens, tickets, connections and fan-out."""
        s = self.settings
        return SessionService(
            tokens=JwtTokenCodec(self._jwt_key, s.jwt_audience, s.jwks_url),
            tickets=DynamoTicketStore(),
            connections=DynamoConnectionRepository(),
            pusher=self.pusher,
            members=self.members,
            clock=self.clock,
            ticket_ttl=s.ticket_ttl_seconds,
            connection_ttl=s.connection_ttl_seconds,
            dev_token_ttl=s.dev_token_ttl_seconds,
            dev_enabled=s.dev_routes_enabled,
        )

    @cached_property
    def frames(self) -> FrameDispatcher:
        """The WebSocket action dispatcher with every action registered."""
        dispatcher = FrameDispatcher(
            max_bytes=self.settings.max_frame_bytes,
            on_unexpected=lambda action, exc: logger.exception(
                "frame handler failed", action=action, error=type(exc).__name__
            ),
        )
        dispatcher.register("ping", lambda connection, frame: {})
        return dispatcher

    @cached_property
    def websocket(self) -> WebSocketEdge:
        """The WebSocket edge used by the $connect, $default and $disconnect handlers."""
        return WebSocketEdge(self.sessions, self.frames)


@lru_cache(maxsize=1)
def services() -> Services:
    """The process-wide composition root."""
    return Services(settings())


def reset() -> None:
    """Forget settings and services (tests, or a local stack that re-reads its environment)."""
    settings.cache_clear()
    services.cache_clear()
