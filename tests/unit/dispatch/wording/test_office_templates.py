"""The office's own templates (<data_dir>/templates) in front of the bundled ones."""

from __future__ import annotations

import pytest

from dispatch.base.errors import PermissionDenied
from dispatch.base.vocabulary import Charset
from dispatch.mail.message import Mode
from dispatch.operations import audit as audit_ops
from dispatch.operations.templates import delete_template, save_template
from dispatch.records.audit import AuditQuery
from dispatch.wording.alerts import DEMO_OFFICE, render_alert
from dispatch.wording.library import TemplateLoadError
from dispatch.wording.office_templates import (
    bundled_text,
    office_folder,
    office_library,
    office_text,
)
from tests.support.alerts import sample_warning
from tests.unit.dispatch.conftest import Office

ALERT = sample_warning("office-templates")


def render(office: Office) -> tuple[str, str]:
    library = office_library(office.data_dir)
    content = render_alert(ALERT, "ja", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH, library=library)
    return content.subject, content.body


def edited_warning() -> str:
    text = bundled_text("ja", "warning")
    _subject, rest = text.split("\n", 1)
    return "Subject: 【区からのお知らせ】${kind}\n" + rest.replace(
        "\n$footer", "\n区役所の窓口は開いています。\n$footer", 1
    )


def test_an_override_changes_the_subject_and_body_of_a_real_alert(office: Office) -> None:
    bundled_subject, bundled_body = render(office)
    operator = office.operator()
    path = save_template(operator, "ja", "warning", edited_warning())
    assert path == office_folder(office.data_dir) / "ja" / "warning.txt"
    subject, body = render(office)
    assert subject != bundled_subject
    assert subject.startswith("【区からのお知らせ】")
    assert "区役所の窓口は開いています。" in body
    assert "区役所の窓口は開いています。" not in bundled_body
    assert "気象庁発表" in body  # the relayed part is still there
    # other languages and files keep the bundled text
    library = office_library(office.data_dir)
    english = render_alert(ALERT, "en", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH, library=library)
    assert "【区からのお知らせ】" not in english.subject
    entries = audit_ops.search_audit(office.admin, AuditQuery(action="template.save"))
    assert [(e.actor, e.target) for e in entries] == [("opr", "template:ja/warning")]


def test_a_bad_override_is_refused_and_nothing_is_written(office: Office) -> None:
    operator = office.operator()
    bad = edited_warning().replace("${kind}", "${weather_tomorrow}", 1)
    with pytest.raises(TemplateLoadError, match="unknown placeholder"):
        save_template(operator, "ja", "warning", bad)
    no_subject = "\n".join(edited_warning().split("\n")[1:])
    with pytest.raises(TemplateLoadError, match="Subject"):
        save_template(operator, "ja", "warning", no_subject)
    no_footer = edited_warning().replace("$footer", "")
    with pytest.raises(TemplateLoadError, match=r"\$footer"):
        save_template(operator, "ja", "warning", no_footer)
    assert not (office_folder(office.data_dir) / "ja" / "warning.txt").exists()
    assert office_text(office.data_dir, "ja", "warning") is None
    assert (
        render(office)[0]
        == render_alert(ALERT, "ja", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH).subject
    )


def test_deleting_the_override_falls_back_to_the_bundled_text(office: Office) -> None:
    bundled = render(office)
    operator = office.operator()
    save_template(operator, "ja", "warning", edited_warning())
    library = office_library(office.data_dir)  # one long-lived library, as in the engine
    first = render_alert(ALERT, "ja", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH, library=library)
    assert first.subject.startswith("【区からのお知らせ】")
    assert delete_template(operator, "ja", "warning") is True
    assert office_text(office.data_dir, "ja", "warning") is None
    again = render_alert(ALERT, "ja", Charset.UTF8, DEMO_OFFICE, mode=Mode.BATCH, library=library)
    assert (again.subject, again.body) == bundled
    assert delete_template(operator, "ja", "warning") is False


def test_editing_templates_needs_the_permission(office: Office) -> None:
    duty = office.duty()
    with pytest.raises(PermissionDenied):
        save_template(duty, "ja", "warning", edited_warning())
    with pytest.raises(PermissionDenied):
        delete_template(duty, "ja", "warning")
    assert not office_folder(office.data_dir).exists()
