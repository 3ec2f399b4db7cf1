"""``archive serve`` as it runs: a real waitress server in a subprocess, real sockets on loopback.
Idle and half-open connections must not lock anyone out; odd ids must survive the real URL
decoding."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
from contextlib import contextmanager
from urllib.parse import quote

from tests.conftest import ODD_KEYS

PARTIAL_REQUEST = b"GET /?q=baby HTTP/1.1\r\nHost: 127.0.0.1\r\n"  # never finished


@contextmanager
def archive_serve(index_dir, *options: str):
    command = [sys.executable, "-m", "archive", "serve", "--index", str(index_dir), "--port", "0",
               *options]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, (line, server.stderr.read() if server.poll() is not None else "")
        yield int(match.group(1))
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()
        server.stderr.close()


def get(port: int, path: str, timeout: float) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def half_open(port: int, count: int) -> list[socket.socket]:
    """``count`` connections: every other one sends a request it never finishes, the rest
    send nothing at all."""
    sockets = []
    for number in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        if number % 2:
            sock.sendall(PARTIAL_REQUEST)
        sockets.append(sock)
    return sockets


def test_a_hundred_half_open_connections_do_not_lock_others_out(robust):
    with archive_serve(robust.index_dir) as port:
        held = half_open(port, 100)  # waitress' own default limit was 100 connections
        try:
            status, body = get(port, "/?q=baby", timeout=10)
            assert status == 200 and b"Kate Beckinsale" in body
        finally:
            for sock in held:
                sock.close()


def test_idle_connections_are_closed_so_a_full_server_serves_again(robust):
    with archive_serve(robust.index_dir, "--max-connections", "20", "--idle-timeout", "1") as port:
        held = half_open(port, 30)  # more than the limit: the server stops accepting for a while
        try:
            status, _ = get(port, "/api/stats", timeout=20)
            assert status == 200
            closed = 0
            for sock in held[:10]:  # the first ones were accepted, then closed for idling
                try:
                    closed += sock.recv(1) == b""
                except (TimeoutError, ConnectionResetError):
                    pass
            assert closed >= 1
        finally:
            for sock in held:
                sock.close()


def test_odd_ids_survive_the_real_servers_url_decoding(robust):
    ids = [f"odd-keys.jsonl#{key}" for key in ODD_KEYS] + ["new%0Aline.txt", "tab%09story.txt"]
    with archive_serve(robust.index_dir) as port:
        for article_id in ids:
            status, body = get(port, "/api/article/" + quote(article_id, safe=""), timeout=10)
            assert status == 200 and json.loads(body)["id"] == article_id, article_id
            status, body = get(port, "/article/" + quote(article_id, safe="") + ".txt", timeout=10)
            assert status == 200 and body.startswith(robust.get(article_id).title.encode())
