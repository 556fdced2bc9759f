"""Where kishomail looks for its store: once the engine is installed as a service, every
staff member's own OS login reaches the machine's store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dispatch.base.paths import SERVICE_CONFIG, resolve_data_dir, service_dir


def test_an_installed_service_makes_its_store_the_default_for_every_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KISHOMAIL_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    assert resolve_data_dir(None) == tmp_path / "home" / ".local" / "share" / "kishomail"
    service_dir().mkdir(parents=True)
    machine = tmp_path / "var" / "lib" / "kishomail"
    (service_dir() / SERVICE_CONFIG).write_text(json.dumps({"data_dir": str(machine)}))
    assert resolve_data_dir(None) == machine
    # What a person names still wins.
    assert resolve_data_dir(str(tmp_path / "mine")) == tmp_path / "mine"
    monkeypatch.setenv("KISHOMAIL_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(None) == tmp_path / "env"
