"""The engine's health endpoint: ``GET /health`` on 127.0.0.1 only, JSON without personal data.

For the ward's monitoring system (HTTP check with a JSON match). It is off unless
``monitor.health_port`` is set, and it listens on the loopback interface only: it answers
counts, times and the names of the conditions staff are notified of, never an address.
"""

from __future__ import annotations

import http.server
import json
import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


class HealthServer:
    """A small HTTP server in a daemon thread; ``report()`` gives the JSON object."""

    def __init__(self, port: int, report: Callable[[], dict[str, object]]) -> None:
        def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
            if handler.path.split("?")[0] not in ("/health", "/"):
                handler.send_error(404)
                return
            body = json.dumps(report(), ensure_ascii=False).encode("utf-8")
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json; charset=utf-8")
            handler.send_header("Content-Length", str(len(body)))
            handler.send_header("Cache-Control", "no-store")
            handler.end_headers()
            handler.wfile.write(body)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                answer(self)

            def log_message(self, format: str, *args: object) -> None:
                log.debug("health: " + format, *args)

        self._server = http.server.ThreadingHTTPServer((LOOPBACK, port), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="health", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()
        log.info("health endpoint on http://%s:%d/health", LOOPBACK, self.port)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
