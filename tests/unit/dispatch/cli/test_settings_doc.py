"""The settings reference (システム設定書) is generated from the declarations and never drifts."""

from __future__ import annotations

from pathlib import Path

import pytest

from dispatch.cli import settings_reference as settings_doc
from dispatch.records.settings import DECLARED, Setting

ROOT = Path(__file__).resolve().parents[4]


def test_the_committed_reference_is_up_to_date() -> None:
    committed = (ROOT / settings_doc.REFERENCE).read_text("utf-8")
    assert committed == settings_doc.render_reference(), (
        "docs/admin/settings-reference.md is out of date: run "
        "'.venv/bin/python -m dispatch.cli.settings_reference --write' and commit it"
    )


def test_every_setting_is_described_in_both_languages() -> None:
    text = settings_doc.render_reference()
    for setting in DECLARED.values():
        section = text.split(f"### `{setting.name}`\n", 1)[1].split("\n### ", 1)[0]
        assert setting.description in section
        assert "未記入" not in section, (
            f"{setting.name} has no Japanese description: add it to JAPANESE in "
            "dispatch/cli/settings_reference.py, then run "
            "python -m dispatch.cli.settings_reference --write"
        )


def test_a_secret_default_is_never_printed() -> None:
    secret = Setting("smtp.password", str, "factory-default-secret", "Relay password.", secret=True)
    text = settings_doc.render_reference({"smtp.password": secret})
    assert "factory-default-secret" not in text
    assert "Secret: never shown" in text


def test_check_fails_on_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / settings_doc.REFERENCE).parent.mkdir(parents=True)
    (tmp_path / settings_doc.REFERENCE).write_text("# old\n", encoding="utf-8")
    assert settings_doc.main(["--check"]) == 1
    assert settings_doc.main(["--write"]) == 0
    assert settings_doc.main(["--check"]) == 0
