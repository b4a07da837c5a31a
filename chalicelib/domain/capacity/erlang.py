"""Erlang B and C on many servers, computed by the stable recurrence (no factorials)."""

from __future__ import annotations

import math


def erlang_b(servers: int, load: float) -> float:
    """Blocking probability of `servers` servers offered `load` Erlangs (M/M/s/s)."""
    if servers < 0 or load < 0:
        raise ValueError("servers and load must not be negative")
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(servers: int, load: float) -> float:
    """Probability that an arrival waits in an M/M/s queue; 1 when the queue is unstable."""
    if load >= servers:
        return 1.0
    if load == 0:
        return 0.0
    b = erlang_b(servers, load)
    return servers * b / (servers - load * (1 - b))


def wait_exceeds(servers: int, load: float, service_rate: float, t: float) -> float:
    """P(wait > t) in M/M/s: C · exp(−(s·μ − λ)·t), rates per second."""
    c = erlang_c(servers, load)
    if c >= 1.0:
        return 1.0
    drain = servers * service_rate - load * service_rate
    return c * math.exp(-drain * t)
