"""The export speaks Japanese to the staff who open it in Excel (issue 19: its header line was
English codes), and stays a file the import reads back: the same people with the same choices."""

from __future__ import annotations

from pathlib import Path

import pyzipper

from dispatch.base.vocabulary import Language
from dispatch.operations import accounts as account_ops
from dispatch.operations import exports as export_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import WITHOUT_TOTP, Session, initialise, login
from dispatch.records.accounts import Role
from dispatch.records.subscriber_files import ImportOptions
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.records.subscribers import (
    KandaRiver,
    NewSubscriber,
    QuietHours,
    RiverStage,
    Topics,
    WarningLevel,
)
from tests.unit.dispatch.conftest import ADMIN_PASSWORD, OPERATOR_PASSWORD, Office

PEOPLE = [
    ("tanaka@example.jp", Topics(warning_level=WarningLevel.WARNING), Language.JA),
    ("smith@example.com", Topics(rain_mm=30, kanda_rivers=KandaRiver.KANDA), Language.EN),
    ("yamada@example.jp", Topics(river_stage=RiverStage.EVACUATION), Language.EASY_JA),
]


def test_an_export_has_japanese_headers_and_imports_again_as_the_same_people(
    office: Office, tmp_path: Path
) -> None:
    operator = office.operator()
    now = office.clock.now()
    for email, topics, language in PEOPLE:
        quiet = QuietHours.parse("22:00-06:00") if language is Language.JA else None
        subscriber_ops.add_subscriber(
            operator, NewSubscriber(email, topics, now, language, quiet_hours=quiet)
        )
    request = export_ops.request_subscriber_export(operator, "名簿の移行")
    export_ops.approve_export(office.admin, request.id)
    out = tmp_path / "subscribers.zip"
    password, count = export_ops.run_subscriber_export(operator, request.id, out)
    assert count == 3
    with pyzipper.AESZipFile(out) as archive:
        archive.setpassword(password.encode())
        data = archive.read("subscribers.csv")
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["メールアドレス", "状態", "言語"]
    assert not [title for title in header if title.isascii()]  # no English left

    csv_file = tmp_path / "again.csv"
    csv_file.write_bytes(data)
    other_admin, _ = initialise(
        tmp_path / "other", "admin", ADMIN_PASSWORD, office.clock, totp=WITHOUT_TOTP
    )
    account_ops.add_account(other_admin, "opr", Role.OPERATOR, OPERATOR_PASSWORD)
    other_admin.close()
    elsewhere = login(tmp_path / "other", "opr", OPERATOR_PASSWORD, clock=office.clock)
    # The columns the import does not keep are named to leave aside, never dropped silently.
    kept_aside = ImportOptions(ignore_columns=("状態", "登録経路", "利用目的の版", "作成日時"))
    outcome = subscriber_ops.import_subscribers(elsewhere, csv_file, options=kept_aside)
    assert outcome.committed and outcome.added == 3

    def people(session: Session) -> dict[str, tuple[object, ...]]:
        listed = subscriber_ops.list_subscribers(session, SubscriberQuery())
        return {s.email: (s.topics, s.language, s.quiet_hours, s.consent_at) for s in listed}

    assert people(elsewhere) == people(operator)
    elsewhere.close()
