"""The moto server of the local stack and of the rehearsals.

moto's server finds the emulated service of every request by listing its own package
directory (one `isdir` per service, ~150) and then trying each service's URL patterns on the
request's host: about a tenth of the local stack's CPU went there. The answer depends only
on the host and the installed moto, so it is remembered per host.
"""

from __future__ import annotations

import functools
import logging
from typing import Any


def start(host: str, port: int) -> Any:
    """Start moto's threaded server in this process; returns it (`.stop()`,
    `.get_host_and_port()`)."""
    from moto.server import ThreadedMotoServer

    _remember_backend_per_host()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    return server


@functools.cache  # once per process
def _remember_backend_per_host() -> None:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    lookup = DomainDispatcherApplication.get_backend_for_host
    found: dict[str | None, Any] = {}

    @functools.wraps(lookup)
    def get_backend_for_host(self, host):  # type: ignore[no-untyped-def]
        if host not in found:
            found[host] = lookup(self, host)
        return found[host]

    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host  # type: ignore[method-assign]
