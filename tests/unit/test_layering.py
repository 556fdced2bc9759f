"""The core must run headless: importing every module of feeds/ and dispatch/ loads no Qt."""

import importlib
import pkgutil
import subprocess
import sys

import dispatch
import feeds


def _all_modules() -> list[str]:
    names = []
    for package in (feeds, dispatch):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            names.append(info.name)
    return names


def test_every_core_module_imports_without_qt() -> None:
    names = _all_modules()
    assert "dispatch.cli" in names
    # A fresh interpreter, so that pytest-qt's own import of PySide6 does not hide a leak.
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt was loaded by the core: {result.stdout}"


def test_module_list_is_importable_here() -> None:
    for name in _all_modules():
        importlib.import_module(name)
