"""Serving the web interface with waitress (a production WSGI server), for ``archive serve`` and
``Archive.serve()``."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

import waitress

from archive import ArchiveError

from . import create_app


def serve(
    index_dir: str | os.PathLike, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the archive at ``index_dir`` until interrupted; ``announce`` gets the URL line."""
    app = create_app({"INDEX": str(index_dir)})
    try:
        _check_address(host, port)  # before waitress, which leaks its sockets when binding fails
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="news-archive")
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


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
