"""The frozen build: `installer/kishomail.spec` builds a one-folder bundle whose programs answer
``--version`` and pass ``selftest``; the NSIS script compiles against it; the Linux install
script puts it, its menu entry and its icons in place.

One PyInstaller build (about a minute here) serves every test of this module.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dispatch import __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "kishomail.spec"
NSIS_SCRIPT = ROOT / "installer" / "windows" / "kishomail.nsi"
INSTALL_SCRIPT = ROOT / "installer" / "linux" / "install-bundle.sh"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    pyinstaller = Path(sys.executable).with_name("pyinstaller" + EXE)
    result = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ],
        capture_output=True,
        text=True,
        timeout=1100,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "dist" / "kishomail"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KISHOMAIL_", "PYTHON"))}
    return clean | {
        "KISHOMAIL_DATA_DIR": str(tmp_path / "store"),
        "KISHOMAIL_LOG_DIR": str(tmp_path / "logs"),
        "KISHOMAIL_TEST_FAST_KDF": "1",
        "TMPDIR": str(scratch),
    }


def run(program: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Run from an empty folder, so nothing can come from the source tree.
    return subprocess.run(
        [str(program), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=env["TMPDIR"],
        timeout=120,
    )


@pytest.mark.parametrize("program", ["kishomail", "kishomail-gui"])
def test_both_programs_answer_version(bundle: Path, env: dict[str, str], program: str) -> None:
    result = run(bundle / (program + EXE), "--version", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"kishomail {__version__}"


@pytest.mark.parametrize(
    ("program", "args"),
    [
        ("kishomail", ["selftest", "--no-error-dialogs"]),
        ("kishomail-gui", ["--no-error-dialogs", "selftest"]),
    ],
)
def test_the_frozen_selftest_passes(
    bundle: Path, env: dict[str, str], program: str, args: list[str]
) -> None:
    result = run(bundle / (program + EXE), *args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    steps = [line for line in result.stdout.splitlines() if line.startswith("OK ")]
    assert len(steps) == 5, result.stdout
    assert "selftest passed" in result.stdout
    assert list(Path(env["TMPDIR"]).iterdir()) == []  # its temporary store is gone


def test_the_frozen_gui_starts(bundle: Path, env: dict[str, str]) -> None:
    """The desktop program comes up (offscreen) and waits at its first screen, no crash."""
    log = Path(env["KISHOMAIL_LOG_DIR"]) / "kishomail.log"
    gui = subprocess.Popen(
        [str(bundle / ("kishomail-gui" + EXE)), "--no-error-dialogs"],
        env=env | {"QT_QPA_PLATFORM": "offscreen"},
        cwd=env["TMPDIR"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and gui.poll() is None:
            if log.exists() and " desktop: " in log.read_text("utf-8"):
                break
            time.sleep(0.2)
        assert gui.poll() is None, log.read_text("utf-8") if log.exists() else "no log"
        assert " desktop: " in log.read_text("utf-8")
        assert "Traceback" not in log.read_text("utf-8")
    finally:
        gui.terminate()
        gui.wait(10)


def test_the_bundle_carries_every_data_file(bundle: Path) -> None:
    shipped = bundle / "_internal" / "resources"
    source = ROOT / "resources"
    for pattern in ("templates/**/*.txt", "demo_telegrams/*.xml", "icons/*", "translations/*.qm"):
        wanted = {p.relative_to(source) for p in source.glob(pattern)}
        assert {p.relative_to(shipped) for p in shipped.glob(pattern)} == wanted, pattern
    assert (bundle / "_internal" / "feeds" / "jma" / "data" / "areas.json").is_file()
    # The GUI's Qt: the platform plugins and Qt's own Japanese strings.
    qt = bundle / "_internal" / "PySide6" / "Qt"
    assert list(qt.glob("plugins/platforms/*offscreen*"))
    assert (qt / "translations" / "qtbase_ja.qm").is_file()


def test_frozen_doctor_checks_a_real_store(bundle: Path, env: dict[str, str]) -> None:
    kishomail = bundle / ("kishomail" + EXE)
    env = env | {"KISHOMAIL_PASSWORD": "frozen-admin-pass-1"}
    assert run(kishomail, "init", "--admin", "admin", "--without-totp", env=env).returncode == 0
    telegrams = bundle / "_internal" / "resources" / "demo_telegrams"
    assert (
        run(
            kishomail, "--user", "admin", "settings", "set", "feeds.source", str(telegrams), env=env
        ).returncode
        == 0
    )
    result = run(kishomail, "--user", "admin", "doctor", "--json", env=env)
    levels = {c["name"]: c["level"] for c in json.loads(result.stdout)["checks"]}
    assert levels["store"] == "OK" and levels["audit"] == "OK"
    assert levels["relay"] == "WARN"  # the embedded sink answered over TLS
    assert levels["feed"] == "WARN"  # a replay folder, not the live feed


def test_the_frozen_engine_process_runs_what_the_desktop_starts(
    bundle: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """The desktop app runs its engine as ``kishomail engine-process`` beside it
    (desktop/service_control.py); the frozen command must start the service and stop it."""
    from dispatch.operations.session import login

    kishomail = bundle / ("kishomail" + EXE)
    password = "frozen-admin-pass-1"
    init = run(
        kishomail,
        "init",
        "--admin",
        "admin",
        "--without-totp",
        env=env | {"KISHOMAIL_PASSWORD": password},
    )
    assert init.returncode == 0, init.stderr
    session = login(tmp_path / "store", "admin", password)
    try:
        handshake = {
            "data_dir": str(session.store.data_dir),
            "store_id": session.store.store_id,
            "data_key": session.store.data_key.hex(),
            "started_by": "admin",
        }
    finally:
        session.close()
    result = subprocess.run(
        [str(kishomail), "engine-process"],
        input=json.dumps(handshake) + "\nstop\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=env["TMPDIR"],
        timeout=120,
    )
    kinds = [json.loads(line)["event"] for line in result.stdout.splitlines()]
    assert result.returncode == 0, result.stderr
    assert kinds[0] == "started" and kinds[-1] == "stopped"
    garbled = subprocess.run(
        [str(kishomail), "engine-process"],
        input="not a handshake\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=env["TMPDIR"],
        timeout=120,
    )
    assert garbled.returncode == 1
    assert "not a valid handshake" in json.loads(garbled.stdout)["data"]["message"]


def test_the_windows_installer_script_compiles(bundle: Path, tmp_path: Path) -> None:
    makensis = shutil.which("makensis")
    assert makensis, "makensis is missing: install the 'nsis' package (make test-system-deps)"
    setup = tmp_path / "kishomail-setup.exe"
    result = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",  # a warning is an error
            "-DNOCOMPRESS",
            f"-DDIST={bundle}",
            f"-DVERSION={__version__}",
            f"-DOUTFILE={setup}",
            str(NSIS_SCRIPT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert setup.read_bytes()[:2] == b"MZ"  # a Windows executable
    # Every file of the bundle is inside (uncompressed here; symbolic links count once).
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    assert setup.stat().st_size > 0.9 * sum(p.stat().st_size for p in files)


def test_linux_install_puts_program_menu_entry_and_icons_in_place(
    bundle: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    prefix, bindir, datadir = tmp_path / "opt" / "kishomail", tmp_path / "bin", tmp_path / "share"
    places = ["--prefix", str(prefix), "--bindir", str(bindir), "--datadir", str(datadir)]
    result = subprocess.run(
        ["bash", str(INSTALL_SCRIPT), *places, str(bundle)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "selftest passed" in result.stdout
    assert run(bindir / "kishomail", "--version", env=env).stdout.startswith("kishomail ")

    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(datadir / "applications" / "kishomail.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name[ja]"] == "気象メール"
    assert os.access(desktop["Exec"], os.X_OK) and desktop["Exec"].startswith(str(prefix))
    icons = datadir / "icons" / "hicolor"
    assert (icons / "48x48" / "apps" / f"{desktop['Icon']}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{desktop['Icon']}.svg").is_file()

    # Uninstalling removes the program and keeps the data folder.
    data = Path(env["KISHOMAIL_DATA_DIR"])
    data.mkdir()
    (data / "kishomail.db").write_bytes(b"the office's store")
    removed = subprocess.run(
        ["bash", str(INSTALL_SCRIPT), "--uninstall", *places], capture_output=True, text=True
    )
    assert removed.returncode == 0
    assert not prefix.exists() and not (bindir / "kishomail").exists()
    assert (data / "kishomail.db").read_bytes() == b"the office's store"
