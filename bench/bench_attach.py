"""The desktop app attaching to an engine that already runs (issue 13, point 4), beside the bare
round trip on the engine's control channel measured in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_attach.py             # 9 rounds
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_attach.py --rounds 3  # a smoke run

An engine (``kishomail run``, its own process, a local empty feed folder) runs on a fresh store.
Then, each round:

(a) **Baseline**: a plain Python socket connects to the channel, asks ``status`` and reads the
    answer (what any client pays, with no Qt and no window).
(b) **Attach**: a :class:`desktop.service_control.ServiceControl` is made for an open session
    until it says ``running`` (its ``QLocalSocket`` connected, subscribed, the status read).
(c) **Login → attached status shown**: from the session handed to the app's controller (the
    password has been checked) until the main window's status bar shows the running engine:
    building the main window and its pages is part of it. Target: under 1 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("KISHOMAIL_TEST_FAST_KDF", "1")  # store set-up is not what is measured
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop import i18n  # noqa: E402
from desktop.app import Controller  # noqa: E402
from desktop.bridge import ServiceBridge  # noqa: E402
from desktop.service_control import ServiceControl  # noqa: E402
from desktop.windows.main_window import MainWindow  # noqa: E402
from dispatch.engine.events import (  # noqa: E402
    REQUEST_STATUS,
    channel_address,
    channel_request,
    status_from_json,
)
from dispatch.operations.session import WITHOUT_TOTP, initialise, login  # noqa: E402
from dispatch.operations.settings import change_setting  # noqa: E402

ADMIN, PASSWORD = "admin", "bench-password-1"


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms"


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window did not attach in time")
        app.processEvents()


def bare_round_trip(address: str) -> float:
    started = time.perf_counter()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(address)
        client.sendall(channel_request(REQUEST_STATUS))
        data = b""
        while not data.endswith(b"\n"):
            data += client.recv(65536)
    status_from_json(data.decode("ascii"))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(["bench"])
    assert isinstance(app, QApplication)
    i18n.install_translations("ja")
    with tempfile.TemporaryDirectory(prefix="kb") as work_text:
        work = Path(work_text)
        data_dir = work / "s"
        (work / "feed").mkdir()
        admin, _ = initialise(data_dir, ADMIN, PASSWORD, totp=WITHOUT_TOTP)
        change_setting(admin, "feeds.source", str(work / "feed"))
        admin.close()
        env = {k: v for k, v in os.environ.items() if not k.startswith("KISHOMAIL_")}
        env.update(
            PYTHONPATH=str(REPO),
            KISHOMAIL_TEST_FAST_KDF="1",
            KISHOMAIL_USER=ADMIN,
            KISHOMAIL_PASSWORD=PASSWORD,
            KISHOMAIL_LOG_DIR=str(work / "logs"),
        )
        engine = subprocess.Popen(
            [sys.executable, "-m", "dispatch", "--data-dir", str(data_dir), "run"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=REPO,
        )
        try:
            assert engine.stdout is not None
            while b"kishomail is running" not in engine.stdout.readline():
                if engine.poll() is not None:
                    raise RuntimeError("the engine did not start")
            figures = measure(app, data_dir, work, args.rounds)
        finally:
            engine.terminate()
            engine.wait(timeout=120)
    bare, attach, shown = figures
    print(f"GUI attach to a running engine ({args.rounds} rounds, medians)")
    print(f"    baseline: socket connect + status round trip  {_median_ms(bare)}")
    print(f"    ServiceControl → running                      {_median_ms(attach)}")
    print(f"    login → attached status shown (main window)   {_median_ms(shown)}")
    print(
        f"    ratio attach / baseline                       "
        f"{statistics.median(attach) / statistics.median(bare):7.1f}×"
    )
    print(
        "    target < 1 s for login → shown: "
        + ("met" if statistics.median(shown) < 1 else "NOT met")
    )
    return 0


def measure(
    app: QApplication, data_dir: Path, work: Path, rounds: int
) -> tuple[list[float], list[float], list[float]]:
    address = channel_address(data_dir)
    bare = [bare_round_trip(address) for _ in range(rounds)]
    session = login(data_dir, ADMIN, PASSWORD)
    attach: list[float] = []
    for _ in range(rounds):
        started = time.perf_counter()
        control = ServiceControl(session, ServiceBridge())
        _wait(app, lambda control=control: control.state == "running")
        attach.append(time.perf_counter() - started)
        control.release()
        control.deleteLater()
    shown: list[float] = []
    settings = QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat)
    for _ in range(rounds):
        controller = Controller(data_dir, settings)
        started = time.perf_counter()
        controller.open_session(session)
        window = controller.window
        assert isinstance(window, MainWindow)
        _wait(app, lambda window=window: "稼働中" in window.state_label.text())
        shown.append(time.perf_counter() - started)
        window._ask_keep_running = lambda: "keep"  # type: ignore[method-assign]
        window.setProperty("keepSession", True)  # close the window, keep the session
        window.close()
        assert controller.control is not None
        controller.control.release()
        window.deleteLater()
        app.processEvents()
    session.close()
    return bare, attach, shown


if __name__ == "__main__":
    sys.exit(main())
