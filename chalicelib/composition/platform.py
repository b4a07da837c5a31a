"""Builders of the platform: AWS clients, the clock, the members mirror, identity and the
WebSocket edge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.adapters.apigateway.pusher import ApiGatewayPusher
from chalicelib.adapters.aws import AwsClients, is_aws_failure
from chalicelib.adapters.dynamodb.counters import DynamoCounters
from chalicelib.adapters.dynamodb.member_mirror import DynamoMemberDirectory, DynamoRoleAuthority
from chalicelib.adapters.dynamodb.session_stores import (
    DynamoConnectionRepository,
    DynamoTicketStore,
)
from chalicelib.adapters.jwt.token_codec import JwtTokenCodec
from chalicelib.adapters.secretsmanager.secret import SecretsManagerSecret
from chalicelib.api.chat import register_actions
from chalicelib.api.websocket import WebSocketEdge
from chalicelib.domain.clock import SystemClock
from chalicelib.domain.frames import FrameDispatcher
from chalicelib.domain.limits import RateLimit
from chalicelib.domain.sessions import SessionService
from chalicelib.observability import logger
from chalicelib.policies.helper_presence import OfflineOnLastDisconnect
from chalicelib.policies.sanctions import RefuseSuspendedMembers

if TYPE_CHECKING:
    from chalicelib.composition.root import Services


def aws(root: Services) -> AwsClients:
    return AwsClients(root.settings.region)


def clock(root: Services) -> SystemClock:
    return SystemClock()


def members(root: Services) -> DynamoMemberDirectory:
    return DynamoMemberDirectory()


def pusher(root: Services) -> ApiGatewayPusher:
    return ApiGatewayPusher(
        lambda endpoint: root.aws.client("apigatewaymanagementapi", endpoint),
        root.settings.ws_management_endpoint,
    )


def sessions(root: Services) -> SessionService:
    s = root.settings
    key = SecretsManagerSecret(root.aws.client("secretsmanager"), s.jwt_secret_arn, s.jwt_secret)
    return SessionService(
        tokens=JwtTokenCodec(key, s.jwt_audience, s.jwks_url, s.jwt_issuer),
        tickets=DynamoTicketStore(),
        connections=DynamoConnectionRepository(),
        pusher=root.pusher,
        members=root.members,
        clock=root.clock,
        ticket_ttl=s.ticket_ttl_seconds,
        connection_ttl=s.connection_ttl_seconds,
        ticket_guards=[RefuseSuspendedMembers(root.members), ticket_limit(root).take_for],
        role_authority=DynamoRoleAuthority(),
        max_connections=s.max_connections_per_member,
    )


def ticket_limit(root: Services) -> RateLimit:
    """TICKETS_PER_MINUTE per member (a ticket guard, after the suspension check)."""
    return RateLimit(
        "ticket",
        root.settings.tickets_per_minute,
        60,
        DynamoCounters(),
        root.clock,
        "too many WebSocket tickets; wait before connecting again",
    )


def frames(root: Services) -> FrameDispatcher:
    dispatcher = FrameDispatcher(
        max_bytes=root.settings.max_frame_bytes,
        on_unexpected=lambda action, exc: logger.exception(
            "frame handler failed", action=action, error=type(exc).__name__
        ),
        temporary=is_aws_failure,
    )
    register_actions(dispatcher, root)
    return dispatcher


def websocket(root: Services) -> WebSocketEdge:
    edge = WebSocketEdge(root.sessions, root.frames)
    edge.on_disconnect.append(
        OfflineOnLastDisconnect(lambda: root.chat.requests, root.sessions.is_online))
    return edge
