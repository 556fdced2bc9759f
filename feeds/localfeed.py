"""A local HTTP server that publishes a folder of telegrams as a JMA-style Atom feed.

Used by the tests (the real :class:`feeds.atom.AtomPoller` path end to end, no mocks) and by the
demo, on 127.0.0.1 only. It mimics what matters of the JMA server: ``/developer/xml/feed/
extra.xml`` with one entry per telegram (title = ``Control/Title``, data file name ending in the
office code), ``/developer/xml/data/<name>`` for the documents, weak ETag and Last-Modified with
304 answers, and gzip when asked. ``requests`` counts hits per path so tests can check that each
document is downloaded once.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import ssl
import threading
import zlib
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Final
from xml.sax.saxutils import escape

from feeds.errors import TelegramError
from feeds.jma import parse_telegram

logger = logging.getLogger(__name__)

FEED_PATH: Final = "/developer/xml/feed/extra.xml"
DATA_PREFIX: Final = "/developer/xml/data/"


class LocalFeedServer:
    """Serve ``folder``'s ``*.xml`` telegrams as an Atom feed on 127.0.0.1.

    Files are published under JMA-style names (``{UTC stamp}_{n}_{type}_{office}.xml``), stable
    across refreshes so that adding a file adds exactly one new entry.
    Call :meth:`refresh` after adding files. ``ssl_context`` turns it into HTTPS.
    """

    def __init__(
        self, folder: Path, *, office: str = "130000", ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.folder = folder
        self.office = office
        self.requests: Counter[str] = Counter()
        #: Path → how many more requests answer 503 (to test retries).
        self.failing: Counter[str] = Counter()
        self._documents: dict[str, bytes] = {}
        self._feed = b""
        self._etag = ""
        self._modified = datetime.now(UTC)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        if ssl_context is not None:
            self._server.socket = ssl_context.wrap_socket(self._server.socket, server_side=True)
        self._scheme = "https" if ssl_context is not None else "http"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.refresh()

    @property
    def feed_url(self) -> str:
        """The Atom feed URL (``localhost`` for HTTPS so the certificate name matches)."""
        host = "localhost" if self._scheme == "https" else "127.0.0.1"
        return f"{self._scheme}://{host}:{self._server.server_address[1]}{FEED_PATH}"

    def start(self) -> LocalFeedServer:
        """Start serving in a daemon thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalFeedServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def refresh(self) -> None:
        """Rebuild the feed from the folder (new files appear as new entries)."""
        base = self.feed_url.rsplit("/feed/", 1)[0] + "/data/"
        entries: list[tuple[str, str]] = []
        documents: dict[str, bytes] = {}
        for path in sorted(self.folder.glob("*.xml")):
            index = zlib.crc32(path.name.encode()) % 1000  # stable: names must not shift
            data = path.read_bytes()
            try:
                telegram = parse_telegram(data, path.name)
                sent = telegram.head.sent_at or telegram.head.report_datetime
                title, author = telegram.head.control_title, telegram.head.editorial_office
                content = telegram.head.headline
            except TelegramError:
                sent, title, author, content = datetime.now(UTC), "不明", "", ""
            stamp = sent.astimezone(UTC)
            name = f"{stamp:%Y%m%d%H%M%S}_{index}_{path.stem[-6:].upper()}_{self.office}.xml"
            documents[name] = data
            entries.append(
                (
                    stamp.isoformat(),
                    f"<entry><title>{escape(title)}</title><id>{base}{name}</id>"
                    f"<updated>{stamp:%Y-%m-%dT%H:%M:%SZ}</updated>"
                    f"<author><name>{escape(author)}</name></author>"
                    f'<link type="application/xml" href="{base}{name}"/>'
                    f'<content type="text">{escape(content)}</content></entry>',
                )
            )
        entries.sort(reverse=True)  # newest first, like JMA
        feed = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom" lang="ja"><title>高頻度（随時）</title>'
            f"<updated>{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}</updated>"
            + "".join(entry for _, entry in entries)
            + "</feed>"
        ).encode()
        with self._lock:
            if feed != self._feed:
                self._feed = feed
                self._etag = 'W/"' + hashlib.sha256(feed).hexdigest()[:32] + '"'
                self._modified = datetime.now(UTC)
            self._documents = documents

    def _respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.requests[path] += 1
        with self._lock:
            if path == FEED_PATH:
                modified = format_datetime(self._modified, usegmt=True)
                if headers.get("if-none-match") == self._etag:
                    return 304, {"ETag": self._etag}, b""
                meta = {"ETag": self._etag, "Last-Modified": modified}
                return 200, {**meta, "Cache-Control": "max-age=60"}, self._feed
            if self.failing[path] > 0:
                self.failing[path] -= 1
                return 503, {}, b"temporarily unavailable"
            if path.startswith(DATA_PREFIX):
                document = self._documents.get(path[len(DATA_PREFIX) :])
                if document is not None:
                    return 200, {}, document
        return 404, {}, b"not found"


def _handler_for(server: LocalFeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            lowered = {key.lower(): value for key, value in self.headers.items()}
            status, headers, body = server._respond(self.path, lowered)
            if body and "gzip" in lowered.get("accept-encoding", ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            logger.debug("local feed: " + format, *args)

    return Handler
