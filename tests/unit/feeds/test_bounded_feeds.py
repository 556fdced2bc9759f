"""Bounded feeds: a deeply nested Atom document is refused early, and telegram documents are
fetched only from the configured feed host over HTTPS (a local HTTPS server, no network)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from feeds import atom
from feeds.atom import AtomPoller, parse_atom
from feeds.errors import AtomFeedError, FeedFetchError
from tests.support.silent_peer import silent_peer

from .conftest import SYNTHETIC
from .tlsutil import make_tls

ATOM_NS = "http://www.w3.org/2005/Atom"
TELEGRAM = (SYNTHETIC / "01_20260920T1800_VPWW55.xml").read_bytes()
TITLE = "気象警報・注意報（Ｒ０６）（大雨）"


def test_a_deeply_nested_28mb_atom_document_is_refused() -> None:
    depth = (28 * 1000 * 1000) // 7
    document = f'<feed xmlns="{ATOM_NS}">'.encode() + b"<a>" * depth + b"</a>" * depth + b"</feed>"
    with pytest.raises(AtomFeedError, match="nested more than 64 deep"):
        parse_atom(document, "hostile.xml")


def test_a_real_feed_still_parses() -> None:
    feed = (SYNTHETIC.parent / "atom" / "extra_l.xml").read_bytes()
    assert len(parse_atom(feed, "extra_l.xml")) > 10


class _Server:
    """A tiny server on loopback; ``routes`` maps a path to (status, headers, body)."""

    def __init__(self, context: object | None = None) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                status, headers, body = owner.routes.get(self.path, (404, {}, b""))
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if context is not None:
            self.server.socket = context.wrap_socket(  # type: ignore[attr-defined]
                self.server.socket, server_side=True
            )
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[_Server, _Server, Path]]:
    ca_file, context = make_tls(tmp_path)
    feed, other = _Server(context), _Server()
    yield feed, other, ca_file
    feed.close()
    other.close()


def _entry(link: str) -> str:
    return (
        f"<entry><title>{TITLE}</title><id>{link}</id><updated>2026-09-20T09:00:00Z</updated>"
        f'<author><name>気象庁</name></author><link href="{link}"/></entry>'
    )


def test_documents_come_only_from_the_configured_host_over_https(
    servers: tuple[_Server, _Server, Path],
) -> None:
    feed, other, ca_file = servers
    home = f"https://localhost:{feed.port}"
    foreign = f"http://127.0.0.1:{other.port}/data/20260920_0_VPWW55_130000.xml"
    plain = f"http://localhost:{feed.port}/data/plain_VPWW55_130000.xml"
    good = f"{home}/data/good_VPWW55_130000.xml"
    bounce = f"{home}/data/bounce_VPWW55_130000.xml"
    feed.routes = {
        "/feed.xml": (
            200,
            {"Content-Type": "application/atom+xml"},
            (
                f'<feed xmlns="{ATOM_NS}"><title>t</title>'
                + "".join(_entry(link) for link in (foreign, plain, bounce, good))
                + "</feed>"
            ).encode(),
        ),
        "/data/good_VPWW55_130000.xml": (200, {}, TELEGRAM),
        "/data/bounce_VPWW55_130000.xml": (302, {"Location": foreign}, b""),
    }
    other.routes = {"/data/20260920_0_VPWW55_130000.xml": (200, {}, TELEGRAM)}
    with AtomPoller([f"{home}/feed.xml"], verify=str(ca_file)) as poller:
        result = poller.poll()
    assert [t.source_id for t in result.telegrams] == [good]
    reasons = " | ".join(str(error) for error in result.errors)
    assert "not on the configured feed host (localhost)" in reasons
    assert "redirected to" in reasons
    assert other.requests == []  # the other host was never asked for anything
    assert "/data/plain_VPWW55_130000.xml" not in feed.requests


def test_a_feed_server_that_never_speaks_tls_is_given_up_within_the_connect_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Connect and TLS handshake have a bound of their own (here 1 s), well inside the read
    timeout (20 s, the default): the poll reports the feed as unreachable, and says why."""
    ca_file, _ = make_tls(tmp_path)
    monkeypatch.setattr(atom, "CONNECT_TIMEOUT", 1.0)
    with (
        silent_peer() as port,
        AtomPoller([f"https://localhost:{port}/feed.xml"], verify=str(ca_file)) as poller,
    ):
        started = time.monotonic()
        with pytest.raises(FeedFetchError) as caught:
            poller.poll()
        elapsed = time.monotonic() - started
    assert elapsed < 6
    assert str(caught.value) == (
        f"could not fetch https://localhost:{port}/feed.xml: no connection and TLS handshake "
        "within 1 s (a server that takes the connection but does not speak TLS, or a blocked "
        "network) (the feed is polled again later; check the network, proxy and the feed URL "
        "in the settings)"
    )
