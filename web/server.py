"""Serving the web interface with waitress (a production WSGI server), for ``archive serve`` and
``Archive.serve()``.

Connections are cheap for a client to open and leave idle, so that none can lock others out:
waitress accepts up to ``max_connections`` at once (1,000 by default, within the process's open
file limit, which is raised to its hard maximum where allowed; its default was 100, which 100
half-open sockets filled), closes a connection that has sent or received nothing for
``idle_timeout`` seconds (15; its default was 120) whether or not a request was begun, and
watches them with poll() rather than select() (which fails past 1,024 descriptors). Requests
are GETs: headers are limited to 64 KB and bodies to 1 MB. A search stops after the app's
``TIME_BUDGET`` (see web/__init__.py), so a worker thread is never held for long. Per-client
limits (one address opening thousands of connections) belong to a reverse proxy in front.
"""

from __future__ import annotations

import os
import resource
import socket
from collections.abc import Callable

import waitress

from archive import ArchiveError

from . import create_app

MAX_CONNECTIONS = 1000
IDLE_TIMEOUT = 15  # seconds
FILES_KEPT = 256  # descriptors left for the index files, logs and the like
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 1024 * 1024


def serve(
    index_dir: str | os.PathLike, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8,
    max_connections: int = MAX_CONNECTIONS, idle_timeout: int = IDLE_TIMEOUT,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the archive at ``index_dir`` until interrupted; ``announce`` gets the URL line.
    ``max_connections``: connections open at once (fewer if the open file limit is lower);
    ``idle_timeout``: seconds after which a silent connection is closed."""
    app = create_app({"INDEX": str(index_dir)})
    try:
        _check_address(host, port)  # before waitress, which leaks its sockets when binding fails
        server = waitress.create_server(
            app, host=host, port=port, threads=threads, ident="news-archive",
            server_name=_server_name(host), connection_limit=_connection_limit(max_connections),
            channel_timeout=idle_timeout, cleanup_interval=max(1, min(5, idle_timeout // 3)),
            asyncore_use_poll=True, max_request_header_size=MAX_HEADER_BYTES,
            max_request_body_size=MAX_BODY_BYTES,
        )
    except (OSError, ValueError) as exc:  # port in use, address not on this machine, bad host name
        app.extensions["archive"].close()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ArchiveError(
            f"Cannot listen on {host}:{port}: {reason.rstrip('.')}.",
            hint="Pick another port with --port (0: any free one), or an address of this machine "
                 "with --host.",
        ) from None
    announce(f"Serving {index_dir}/ at http://{_url_host(host)}:{server.effective_port}/ (Ctrl+C to stop)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        app.extensions["archive"].close()


def _check_address(host: str, port: int) -> None:
    """Raise OSError if ``host``:``port`` cannot be listened on (in use, not an address here)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)


def _connection_limit(wanted: int) -> int:
    """``wanted``, or fewer if the process may not open that many files (its soft limit raised
    to the hard one first, where that is allowed)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted + FILES_KEPT
    if soft != resource.RLIM_INFINITY and soft < target:
        raised = target if hard == resource.RLIM_INFINITY else min(target, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - FILES_KEPT))


def _server_name(host: str) -> str:
    """The name the app puts in absolute links when no BASE_URL is set (see web/meta.py)."""
    return socket.gethostname() if host in ("0.0.0.0", "", "::") else host


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
