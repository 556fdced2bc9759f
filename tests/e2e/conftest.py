"""End-to-end tests: real processes (the engine, SMTP servers, postfix) on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Cheap Argon2id for the stores these tests make, and logs in the test's folder."""
    monkeypatch.setenv("KISHOMAIL_TEST_FAST_KDF", "1")
    monkeypatch.setenv("KISHOMAIL_LOG_DIR", str(tmp_path / "logs"))
