"""Shared paths for the feed tests: everything they read lives under tests/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.jma import parse_file
from feeds.model import Telegram

DATA = Path(__file__).resolve().parents[2] / "data"
JMA = DATA / "jma"
SYNTHETIC = JMA / "synthetic"


def real_telegrams() -> list[Path]:
    """Every real JMA telegram fixture (not the Atom feeds, not the synthetic ones)."""
    return sorted(
        path for path in JMA.rglob("*.xml") if path.parent.name not in ("atom", "synthetic")
    )


@pytest.fixture
def telegram() -> type[TelegramLoader]:
    return TelegramLoader


class TelegramLoader:
    """``telegram.real("warning_r06/x.xml")`` / ``telegram.synthetic("x.xml")``."""

    @staticmethod
    def real(relative: str) -> Telegram:
        return parse_file(JMA / relative)

    @staticmethod
    def synthetic(name: str) -> Telegram:
        return parse_file(SYNTHETIC / name)
