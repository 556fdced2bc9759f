"""The core must run headless: importing every module of feeds/ and dispatch/ loads no Qt."""

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import grimp

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


def test_no_import_cycle_among_the_core_modules() -> None:
    """The floors contract (`make lint`) keeps imports pointing down between floors; this keeps
    each floor free of cycles too (what imports hidden in functions used to hold open)."""
    graph = grimp.build_graph("dispatch")
    cycles = sorted(
        {
            tuple(sorted((importer, imported)))
            for importer in graph.modules
            for imported in graph.find_modules_directly_imported_by(importer)
            if graph.find_shortest_chain(importer=imported, imported=importer)
        }
    )
    assert cycles == []


def test_an_import_of_our_own_inside_a_function_says_why() -> None:
    """Our modules are imported at the top; where one cannot be, a comment right above says why."""
    root = Path(__file__).resolve().parents[2]
    unexplained = []
    for folder in ("dispatch", "feeds", "desktop"):
        for path in sorted((root / folder).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines):
                stripped = line.strip()
                if not line.startswith((" ", "\t")) or not stripped.startswith(
                    ("from dispatch", "from feeds", "from desktop", "import dispatch")
                ):
                    continue
                above = number
                while above > 0 and lines[above - 1].strip().startswith(("from ", "import ")):
                    above -= 1  # a block of imports shares the comment above its first line
                if "#" not in line and not lines[above - 1].strip().startswith("#"):
                    unexplained.append(f"{path.relative_to(root)}:{number + 1}: {stripped}")
    assert unexplained == [], "move these to the top or say why:\n" + "\n".join(unexplained)
