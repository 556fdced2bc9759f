"""A local HTTP server publishing a folder in the layout of www.jma.go.jp/bosai/amedas/
(``data/latest_time.txt``, ``data/map/{stamp}.json``, ``const/amedastable.json``), so the AMeDAS
poller is tested over real HTTP without the network."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RAIN_DATA = Path(__file__).resolve().parents[1] / "data" / "rain"
#: The real capture's time (tests/data/rain/20210224150000.json).
CAPTURE_TIME = datetime.fromisoformat("2021-02-24T15:00:00+09:00")


def publish(
    root: Path, at: datetime = CAPTURE_TIME, rain_1h: dict[str, float] | None = None
) -> None:
    """Lay out ``root`` like JMA's amedas/ folder: the real station table, and the real map
    capture as the map of ``at`` — with the one-hour rain of some stations replaced when
    ``rain_1h`` is given (then the file is synthetic, derived from the real one)."""
    (root / "data" / "map").mkdir(parents=True, exist_ok=True)
    (root / "const").mkdir(exist_ok=True)
    shutil.copy(RAIN_DATA / "amedastable.json", root / "const")
    (root / "data" / "latest_time.txt").write_text(at.isoformat())
    target = root / "data" / "map" / f"{at:%Y%m%d%H%M}00.json"
    if rain_1h is None:
        shutil.copy(RAIN_DATA / "20210224150000.json", target)
        return
    stations = json.loads((RAIN_DATA / "20210224150000.json").read_text("utf-8"))
    for code, value in rain_1h.items():
        stations[code]["precipitation1h"] = [value, 0]
    target.write_text(json.dumps(stations), "utf-8")


@contextmanager
def serve(root: Path, requested: list[str] | None = None) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1; yields the base URL (ending in ``/``). Each path asked for
    is appended to ``requested``."""
    log = requested if requested is not None else []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            log.append(self.path)
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
