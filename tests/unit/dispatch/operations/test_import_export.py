"""CSV import as offices have it, and export only as an encrypted ZIP."""

from __future__ import annotations

import hashlib
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import pyzipper

from dispatch.base.errors import Conflict, PermissionDenied, ValidationError
from dispatch.base.vocabulary import Language
from dispatch.operations import accounts as account_ops
from dispatch.operations import audit as audit_ops
from dispatch.operations import exports as export_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.records.accounts import Role
from dispatch.records.audit import AuditQuery
from dispatch.records.subscriber_files import ImportOptions
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.records.subscribers import KandaRiver, NewSubscriber, RiverStage, Topics, WarningLevel
from tests.unit.dispatch.conftest import Office

JAPANESE_CSV = (
    "メールアドレス,配信内容,警報レベル,雨量しきい値,水位段階,洪水予報河川,言語,配信停止時間帯\r\n"
    "suzuki@docomo.ne.jp,気象警報・雨量,危険警報,50,,,日本語,22:00-06:00\r\n"
    "tanaka@ezweb.ne.jp,河川水位/洪水予報,,,避難判断,神田川・善福寺川,やさしい日本語,\r\n"
    "smith@gmail.com,warnings,special,,,,english,\r\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8-sig", b"\xef\xbb\xbf" + JAPANESE_CSV.encode("utf-8")),
        ("utf-8", JAPANESE_CSV.encode("utf-8")),
        ("cp932", JAPANESE_CSV.encode("cp932")),
    ],
)
def test_import_reads_the_encodings_offices_use(
    office: Office, tmp_path: Path, encoding: str, data: bytes
) -> None:
    operator = office.operator()
    outcome = subscriber_ops.import_subscribers(operator, write(tmp_path, "list.csv", data))
    assert outcome.committed and outcome.added == 3
    assert outcome.report.encoding == encoding
    suzuki = subscriber_ops.find_subscriber(operator, "suzuki@docomo.ne.jp")
    tanaka = subscriber_ops.find_subscriber(operator, "tanaka@ezweb.ne.jp")
    smith = subscriber_ops.find_subscriber(operator, "smith@gmail.com")
    assert suzuki and tanaka and smith
    assert suzuki.topics == Topics(warning_level=WarningLevel.DANGER, rain_mm=50)
    assert str(suzuki.quiet_hours) == "22:00-06:00"
    assert tanaka.topics == Topics(
        river_stage=RiverStage.EVACUATION, kanda_rivers=KandaRiver.KANDA | KandaRiver.ZENPUKUJI
    )
    assert tanaka.language is Language.EASY_JA
    assert smith.topics == Topics(warning_level=WarningLevel.SPECIAL)
    assert smith.channel.value == "import"


def test_dry_run_names_each_bad_row_and_changes_nothing(office: Office, tmp_path: Path) -> None:
    operator = office.operator()
    subscriber_ops.add_subscriber(
        operator, NewSubscriber("known@example.jp", Topics(rain_mm=30), office.clock.now())
    )
    csv = (
        "email,topics,rain_mm,language\n"
        "good1@example.jp,rain,30,ja\n"  # line 2
        "not-an-address,rain,30,ja\n"  # line 3
        "good2@example.jp,snow,,ja\n"  # line 4: unknown topic
        "Good1@Example.jp,rain,20,ja\n"  # line 5: same as line 2
        "known@example.jp,rain,30,ja\n"  # line 6: already registered
        "good3@example.jp,rain,15,ja\n"  # line 7: not an offered threshold
        "good4@example.jp,warnings,,klingon\n"  # line 8: unknown language
        "\n"
        "good5@example.jp,rain,30,en\n"  # line 10
    )
    path = write(tmp_path, "list.csv", csv.encode())
    before = subscriber_ops.count_subscribers(operator)
    outcome = subscriber_ops.import_subscribers(operator, path, dry_run=True)
    report = outcome.report
    assert not outcome.committed
    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "An e-mail address has exactly one '@'."),
        (4, "unknown topic 'snow'"),
        (7, "the rain threshold '15' is not one of 10, 20, 30, 50, 80 mm/h"),
        (8, "unknown language 'klingon'"),
    ]
    assert [str(d) for d in report.duplicates_in_file] == ["line 5: repeats the address of line 2"]
    assert report.already_registered == [6]
    assert len(report.to_add) == 2
    assert subscriber_ops.count_subscribers(operator) == before
    # No address in what the report says (it may go to the audit log and the screen).
    assert "good1" not in repr(report.as_dict()) and "known@" not in repr(report.as_dict())


def test_import_is_all_or_nothing(office: Office, tmp_path: Path) -> None:
    operator = office.operator()
    path = write(
        tmp_path, "list.csv", b"email,topics\nfine@example.jp,warnings\nbroken@,warnings\n"
    )
    outcome = subscriber_ops.import_subscribers(operator, path)
    assert not outcome.committed and outcome.added == 0
    assert subscriber_ops.count_subscribers(operator) == 0
    last = audit_ops.search_audit(office.admin, AuditQuery(action="subscriber.import"))[-1]
    assert last.outcome == "refused: bad rows" and last.detail["bad_rows"] == 1


def test_duplicates_are_reported_not_doubled(office: Office, tmp_path: Path) -> None:
    operator = office.operator()
    path = write(tmp_path, "a.csv", b"email,topics\none@example.jp,rain\ntwo@example.jp,rain\n")
    assert subscriber_ops.import_subscribers(operator, path).added == 2
    again = subscriber_ops.import_subscribers(operator, path)
    assert again.committed and again.added == 0
    assert again.report.already_registered == [2, 3]
    assert subscriber_ops.count_subscribers(operator) == 2


def test_unreadable_and_unexpected_files_get_clear_errors(office: Office, tmp_path: Path) -> None:
    operator = office.operator()
    with pytest.raises(ValidationError, match="neither UTF-8 nor Shift_JIS"):
        subscriber_ops.import_subscribers(
            operator, write(tmp_path, "bin.csv", b"email\n\x81\x00\xff\xfe\x80")
        )
    with pytest.raises(ValidationError, match="empty"):
        subscriber_ops.import_subscribers(operator, write(tmp_path, "empty.csv", b""))
    with pytest.raises(ValidationError, match="no address column"):
        subscriber_ops.import_subscribers(
            operator, write(tmp_path, "noaddr.csv", b"name,topics\nx,rain\n")
        )
    # Free text is not kept (R2.2): a file with extra columns is refused, not half-read.
    with pytest.raises(ValidationError, match="Unknown columns 'メモ'"):
        subscriber_ops.import_subscribers(
            operator,
            write(tmp_path, "memo.csv", "email,topics,メモ\na@example.jp,rain,x\n".encode()),
        )


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Excel's "Unicode text": UTF-16 with its byte-order mark, and without one.
        ("email,topics\nutf16@example.jp,rain\n".encode("utf-16"), "UTF-16"),
        ("email,topics\nutf16@example.jp,rain\n".encode("utf-16-le"), "UTF-16"),
        # A quotation mark never closed: everything after it runs into one huge cell.
        (b'email,topics\nok@example.jp,rain\n"open@example.jp' + b"x" * 140_000 + b",rain\n",
         "longer than 128 KB"),
        # Two columns that both say "address": which one would be the resident's?
        ("email,topics,メールアドレス\na@example.jp,rain,b@example.jp\n".encode(),
         "names the address column twice: 'email' (column 1) and 'メールアドレス' (column 3)"),
        # An empty Excel date (1900) and a placeholder (2099) are nobody's consent.
        (b"email,topics,consent_at\nok@example.jp,rain,2024/05/01 10:00\n"
         b"old@example.jp,rain,1900/01/01 00:00\nlate@example.jp,rain,2099/12/31\n",
         "cannot be true on lines 3, 4"),
    ],
    ids=["utf-16", "utf-16-without-bom", "cell-over-128kb", "two-address-columns", "consent"],
)  # fmt: skip
def test_a_file_that_cannot_be_right_is_refused_whole_and_changes_nothing(
    office: Office, tmp_path: Path, data: bytes, message: str
) -> None:
    operator = office.operator()
    subscriber_ops.add_subscriber(
        operator,
        NewSubscriber("kept@example.jp", Topics(rain_mm=30), office.clock.now()),
    )
    before = folder_hash(office.data_dir)
    for dry_run in (True, False):
        with pytest.raises(ValidationError, match=re.escape(message)) as refused:
            subscriber_ops.import_subscribers(
                operator, write(tmp_path, "list.csv", data), dry_run=dry_run
            )
        assert "Nothing was imported" in str(refused.value) or "import that file" in str(
            refused.value
        )
    assert folder_hash(office.data_dir) == before
    assert subscriber_ops.count_subscribers(operator) == 1


def test_export_is_an_aes256_zip_whose_password_is_shown_once(
    office: Office, tmp_path: Path
) -> None:
    operator = office.operator()
    subscriber_ops.add_subscriber(
        operator, NewSubscriber("=cmd@example.jp", Topics(rain_mm=30), office.clock.now())
    )
    subscriber_ops.add_subscriber(
        operator,
        NewSubscriber(
            "b@example.jp", Topics(warning_level=WarningLevel.WARNING), office.clock.now()
        ),
    )
    out = tmp_path / "export" / "subscribers.zip"
    out.parent.mkdir()
    request = export_ops.request_subscriber_export(operator, "区の防災訓練の名簿照合")
    export_ops.approve_export(office.admin, request.id)
    password, count = export_ops.run_subscriber_export(operator, request.id, out)
    assert count == 2 and len(password) >= 16
    # Only the ZIP is written: no password file, no plain CSV, nothing else.
    assert [p.name for p in out.parent.iterdir()] == ["subscribers.zip"]
    raw = out.read_bytes()
    assert b"b@example.jp" not in raw and password.encode() not in raw
    with zipfile.ZipFile(out) as plain:
        with pytest.raises(RuntimeError):  # encrypted: no password, no data
            plain.read("subscribers.csv")
    with pyzipper.AESZipFile(out) as archive:
        info = archive.getinfo("subscribers.csv")
        assert info.flag_bits & 0x1  # encrypted entry
        archive.setpassword(b"wrong password")
        with pytest.raises(RuntimeError):
            archive.read("subscribers.csv")
        archive.setpassword(password.encode())
        text = archive.read("subscribers.csv").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("メールアドレス,状態,言語")
    assert "b@example.jp" in text
    assert "'=cmd@example.jp" in text  # defused for Excel
    # Times in Tokyo time, as the screen shows them (with the offset, so a re-import agrees).
    created = lines[0].split(",").index("作成日時")
    stamp = datetime.fromisoformat(lines[2].split(",")[created])
    assert stamp.utcoffset() == timedelta(hours=9)
    assert stamp == office.clock.now().replace(microsecond=0)
    entry = audit_ops.search_audit(office.admin, AuditQuery(action="subscriber.export"))[-1]
    assert entry.detail["rows"] == 2 and password not in repr(entry)
    assert (entry.actor, entry.detail["approver"]) == ("opr", "admin")
    assert entry.detail["sha256"] == hashlib.sha256(raw).hexdigest()


def test_an_export_needs_a_second_person_and_runs_once(office: Office, tmp_path: Path) -> None:
    operator = office.operator()
    subscriber_ops.add_subscriber(
        operator, NewSubscriber("a@example.jp", Topics(rain_mm=30), office.clock.now())
    )
    subscriber_ops.add_subscriber(
        operator,
        NewSubscriber(
            "b@example.jp", Topics(warning_level=WarningLevel.WARNING), office.clock.now()
        ),
    )
    out = tmp_path / "rain.zip"
    request = export_ops.request_subscriber_export(
        operator, "雨量情報の登録者数の確認", SubscriberQuery(topic="rain"), ("email", "status")
    )
    # Not approved yet: nothing is written.
    with pytest.raises(Conflict, match="not approved yet"):
        export_ops.run_subscriber_export(operator, request.id, out)
    assert not out.exists()
    # The approver sees the request and how many rows it would write, no address.
    listed = export_ops.export_requests(office.admin)
    assert [(r.id, r.requester, rows) for r, rows in listed] == [(request.id, "opr", 1)]
    assert "a@example.jp" not in repr(listed)
    # Nobody approves their own request (an administrator asking is refused too: no right).
    with pytest.raises(PermissionDenied):
        export_ops.approve_export(operator, request.id)
    export_ops.approve_export(office.admin, request.id)
    with pytest.raises(Conflict, match="decided already"):
        export_ops.refuse_export(office.admin, request.id)
    # Only the requester runs it, once; the columns and the filter are the approved ones.
    account_ops.add_account(office.admin, "opr2", Role.OPERATOR, "second-operator-pw-1")
    other = office.login("opr2", "second-operator-pw-1")
    with pytest.raises(Conflict, match="opr's"):
        export_ops.run_subscriber_export(other, request.id, out)
    password, count = export_ops.run_subscriber_export(operator, request.id, out)
    assert count == 1
    with pyzipper.AESZipFile(out) as archive:
        archive.setpassword(password.encode())
        text = archive.read("subscribers.csv").decode("utf-8-sig")
    assert text.splitlines() == ["メールアドレス,状態", "a@example.jp,active"]
    with pytest.raises(Conflict, match="used already"):
        export_ops.run_subscriber_export(operator, request.id, tmp_path / "again.zip")
    assert not (tmp_path / "again.zip").exists()
    # An approval lapses after export.valid_hours.
    late = export_ops.request_subscriber_export(operator, "後で使う書き出し")
    export_ops.approve_export(office.admin, late.id)
    office.clock.advance(hours=25)
    with pytest.raises(Conflict, match="expired"):
        export_ops.run_subscriber_export(operator, late.id, tmp_path / "late.zip")
    # The handling report's list of exports names both people and the file's hash.
    entry = audit_ops.search_audit(office.admin, AuditQuery(action="subscriber.export"))
    done = [e for e in entry if e.outcome == "ok"]
    assert len(done) == 1 and done[0].detail["approver"] == "admin"
    other.close()


def test_a_file_from_the_previous_system_in_the_seeds_own_wording(
    office: Office, tmp_path: Path
) -> None:
    """002 主な配信内容 (注意報、警報 / 新宿区雨量情報 / 河川水位情報 / 神田川洪水予報) and the
    alias 気象警報・注意報; a vendor column named to be left out; consent as it really was."""
    path = tmp_path / "old-system.csv"
    path.write_text(
        "メールアドレス,配信内容,旧システムID,登録日時\n"
        "a@example.jp,注意報、警報,101,2019-04-01 09:00\n"
        "b@example.jp,新宿区雨量情報・河川水位情報,102,2020-05-01 10:00\n"
        "c@example.jp,気象警報・注意報・神田川洪水予報,103,2021-06-01 11:00\n",
        encoding="utf-8",
    )
    operator = office.operator()
    # An unknown vendor column is never dropped silently …
    with pytest.raises(ValidationError, match="--ignore-column"):
        subscriber_ops.import_subscribers(operator, path)
    # … only when the person importing names it.
    options = ImportOptions(ignore_columns=("旧システムID",), from_system="旧気象メール")
    outcome = subscriber_ops.import_subscribers(operator, path, options=options)
    assert outcome.committed and outcome.added == 3, outcome.report.problems
    assert any("旧システムID" in note for note in outcome.report.notes)
    found = {s.email: s for s in subscriber_ops.list_subscribers(operator, SubscriberQuery())}
    assert found["a@example.jp"].topics.warning_level is WarningLevel.ADVISORY
    assert found["b@example.jp"].topics.rain_mm is not None
    assert found["b@example.jp"].topics.river_stage is not None
    assert found["c@example.jp"].topics.warning_level is WarningLevel.ADVISORY
    assert found["c@example.jp"].topics.kanda_rivers == KandaRiver.ALL
    # Consent as it was: to the old system's purpose text, at the time the old system kept.
    assert {s.purpose_version for s in found.values()} == {"imported from 旧気象メール"}
    assert found["a@example.jp"].consent_at.startswith("2019-04-01")
    entry = audit_ops.search_audit(office.admin, AuditQuery(action="subscriber.import"))[-1]
    assert entry.detail["ignored_columns"] == ["旧システムID"]
    operator.close()


def test_the_station_column_chooses_from_the_one_station_list(
    office: Office, tmp_path: Path
) -> None:
    """``水位観測所`` names stations of the list (code or name); empty or すべて is every station;
    a station not in the list is a bad row naming the choices, and nothing is imported."""
    operator = office.operator()
    csv = (
        "メールアドレス,配信内容,水位段階,水位観測所\n"
        "one@example.jp,河川水位,氾濫危険,鷺盛橋\n"
        "both@example.jp,河川水位,,83030400470000016/千歳橋\n"
        "all@example.jp,河川水位,,すべて\n"
        "empty@example.jp,河川水位,,\n"
    )
    outcome = subscriber_ops.import_subscribers(operator, write(tmp_path, "ok.csv", csv.encode()))
    assert outcome.committed and outcome.added == 4
    chosen = {
        address: found.topics.river_stations
        for address in ("one", "both", "all", "empty")
        if (found := subscriber_ops.find_subscriber(operator, f"{address}@example.jp"))
    }
    assert chosen == {
        "one": ("83030400470000016",),
        "both": ("83030400470000016", "83030400470000099"),
        "all": None,
        "empty": None,
    }
    bad = "email,topics,river_stations\nnew@example.jp,river,南小滝橋\n"
    refused = subscriber_ops.import_subscribers(operator, write(tmp_path, "bad.csv", bad.encode()))
    assert not refused.committed
    [problem] = refused.report.problems
    assert problem.line == 2 and "Unknown river station '南小滝橋'" in problem.reason
    assert "鷺盛橋" in problem.reason  # the choices are named
    assert subscriber_ops.find_subscriber(operator, "new@example.jp") is None
