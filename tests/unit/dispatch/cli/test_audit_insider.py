"""Issue 18, point 1: a staff member with the data folder's files and their own password
rewrites the audit log — drops the triggers, deletes or edits someone else's entry, renumbers
and re-chains with the HMAC key the store holds, re-signs what their own key can — and
``kishomail audit verify`` (a real process) says so. Real SQLCipher files; the insider is a
separate process (``tests.support.insider``) with only the files and their password."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from dispatch.operations import service as service_ops
from dispatch.operations.session import Session
from dispatch.records.audit import AuditLog
from dispatch.records.audit_anchors import anchors_path, read_anchors
from dispatch.store import vault
from dispatch.store.machine_slot import Protection
from tests.unit.dispatch.conftest import (
    ADMIN_PASSWORD,
    AUDITOR_PASSWORD,
    OPERATOR_PASSWORD,
    CliResult,
    Office,
)

ADMIN = {"KISHOMAIL_USER": "admin", "KISHOMAIL_PASSWORD": ADMIN_PASSWORD}
AUDITOR = {"KISHOMAIL_USER": "aud", "KISHOMAIL_PASSWORD": AUDITOR_PASSWORD}


def act(session: Session, action: str, times: int = 1) -> list[int]:
    return [
        session.audit_log.append(session.account.name, action, target=f"record:{n}")
        for n in range(times)
    ]


def insider(data_dir: Path, *args: str, name: str = "opr") -> None:
    """The dishonest colleague, as their own process, with their own password only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KISHOMAIL_")}
    env.update(KISHOMAIL_TEST_FAST_KDF="1", INSIDER_PASSWORD=OPERATOR_PASSWORD)
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.insider", str(data_dir), name, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def verify(cli: Any, env: dict[str, str] = ADMIN) -> tuple[CliResult, dict[str, Any]]:
    """``audit verify`` twice: as people read it, and as JSON."""
    shown: CliResult = cli("audit", "verify", env=env)
    as_json = cli("audit", "verify", "--json", env=env)
    assert as_json.stdout, as_json.stderr
    return shown, json.loads(as_json.stdout)


def busy_office(office: Office) -> tuple[Session, list[int], list[int]]:
    """The administrator and an operator take turns; returns the operator's session and the
    administrator's and the operator's entries."""
    operator = office.operator()
    admin_entries = act(office.admin, "admin.work", 2)
    operator_entries = act(operator, "operator.work", 2)
    admin_entries += act(office.admin, "admin.more_work", 2)
    operator_entries += act(operator, "operator.more_work")
    return operator, admin_entries, operator_entries


def test_an_untouched_log_verifies_and_says_what_it_was_checked_against(
    office: Office, cli: Any
) -> None:
    busy_office(office)[0].close()
    shown, report = verify(cli)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "The audit log is intact" in shown.stdout
    assert report["unsigned"] == 0 and report["signed"] == report["checked"]
    assert report["signers"]["admin"] >= 5 and report["signers"]["opr"] >= 4
    assert report["keys_from"] == "key file" and report["keys"] == 4
    assert "public keys of the key file" in shown.stdout
    assert "Anchors: none found outside the store." in shown.stdout
    assert any("no anchor" in note for note in report["not_checked"])


def test_re_chaining_without_a_change_still_verifies(office: Office, cli: Any) -> None:
    """The insider tool itself leaves an intact log when it changes nothing."""
    busy_office(office)[0].close()
    office.admin.close()
    insider(office.data_dir, "--resign", "keep")
    shown, _ = verify(cli)
    assert shown.returncode == 0, shown.stdout


def test_deleting_anothers_entry_and_re_chaining_is_detected(office: Office, cli: Any) -> None:
    operator, admin_entries, _ = busy_office(office)
    operator.close()
    office.admin.close()
    insider(office.data_dir, "--delete", str(admin_entries[0]))
    shown, report = verify(cli)
    assert shown.returncode == 1
    assert "problems" in shown.stderr and "incident" in shown.stderr
    # The HMAC chain is whole again; the administrator's later signatures are not.
    assert not any("chain jumps" in p or "does not follow" in p for p in report["problems"])
    assert any("its signature by admin does not match" in p for p in report["problems"])
    assert "PROBLEM: entry" in shown.stdout


def test_re_signing_anothers_entries_with_ones_own_key_is_detected(
    office: Office, cli: Any
) -> None:
    operator, admin_entries, _ = busy_office(office)
    operator.close()
    office.admin.close()
    insider(office.data_dir, "--delete", str(admin_entries[0]), "--resign", "own")
    shown, report = verify(cli)
    assert shown.returncode == 1
    assert any(
        "in the name of admin but signed with opr's key" in problem
        for problem in report["problems"]
    ), report["problems"]


def test_editing_anothers_entry_is_detected(office: Office, cli: Any) -> None:
    operator, admin_entries, _ = busy_office(office)
    operator.close()
    office.admin.close()
    insider(office.data_dir, "--edit", str(admin_entries[1]))
    _, report = verify(cli)
    assert report["problems"][0].startswith(f"entry {admin_entries[1]} (admin): its signature")


def test_a_forged_key_for_the_victim_is_detected_against_the_anchor(
    office: Office, cli: Any
) -> None:
    """The insider gives the administrator a key of their own making (in the store and the key
    file) and re-signs everything: the anchor, signed by the service, knew the real key."""
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    operator, admin_entries, _ = busy_office(office)
    service = service_ops.open_service_session(office.data_dir)  # anchors the head
    service.close()
    operator.close()
    office.admin.close()
    insider(office.data_dir, "--delete", str(admin_entries[0]), "--replace-key", "admin")
    shown, report = verify(cli, AUDITOR)  # the administrator can no longer log in (below)
    assert shown.returncode == 1
    assert any("did not exist yet when the anchor" in p for p in report["problems"])
    assert report["anchors"] == 1


def test_cutting_entries_off_the_end_is_detected_against_the_last_anchor(
    office: Office, cli: Any
) -> None:
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    operator = busy_office(office)[0]
    operator.close()
    service = service_ops.open_service_session(office.data_dir)
    anchored = service.audit_log.head()[0]
    service.close()
    later = act(office.admin, "admin.after_the_anchor", 2)
    office.admin.close()
    anchors = (anchors_path()).read_text(encoding="utf-8").splitlines()
    assert len(anchors) == 1 and json.loads(anchors[0])["seq"] == anchored
    assert stat.S_IMODE((anchors_path()).stat().st_mode) == 0o640

    shown, report = verify(cli)
    assert shown.returncode == 0, shown.stdout
    assert report["anchors"] == 1 and report["last_anchor_seq"] == anchored
    assert f"at entry {anchored}" in shown.stdout
    assert any("came after the last anchor" in note for note in report["not_checked"])

    # Cutting only what came after the anchor cannot be told (said above); cutting into the
    # anchored part can, though what is left is a perfectly chained and signed log.
    insider(office.data_dir, "--truncate-to", str(anchored - 2))
    keyfile = vault.load_keyfile(office.data_dir)
    store = vault.unlock_with_recovery_key(office.data_dir, office.recovery_key)  # no entry
    anchor_list, _ = read_anchors(anchors_path(), store.store_id)
    cut = AuditLog(store.connection()).verify(keyfile.audit_keys, anchor_list)
    store.close_thread_connection()
    assert cut.problems == (
        f"the log ends at entry {anchored - 2}, but the anchor of {anchor_list[0].at} saw entry "
        f"{anchored}: entries {anchored - 1} to {anchored} were cut off the end",
    )
    # The command (whose login writes entries again) says so too.
    shown, report = verify(cli)
    assert shown.returncode == 1
    assert f"is not the entry anchored on {anchor_list[0].at}" in report["problems"][0]
    assert later[0] > anchored


def test_an_edited_anchors_file_is_not_trusted(office: Office, cli: Any) -> None:
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    service_ops.open_service_session(office.data_dir).close()
    path = anchors_path()
    anchor = json.loads(path.read_text(encoding="utf-8"))
    anchor["seq"] += 5  # a forged anchor, to make honest entries look cut off
    path.write_text(json.dumps(anchor) + "\n", encoding="utf-8")
    shown, report = verify(cli)
    assert shown.returncode == 1
    assert "not signed by the service's key" in report["problems"][0]
    assert report["anchors"] == 0


def test_the_victims_next_login_refuses_a_replaced_key(office: Office, cli: Any) -> None:
    act(office.admin, "admin.work")
    office.admin.close()
    insider(office.data_dir, "--replace-key", "admin")
    done = cli("audit", "search", env=ADMIN)
    assert done.returncode == 1
    assert "audit signing key of account admin" in done.stderr


def test_anchors_kept_elsewhere_still_tell_a_rewrite_when_the_machines_file_is_gone(
    office: Office, cli: Any, tmp_path: Path
) -> None:
    """Lines kept from the daily mails (the same JSON as the file) are enough: even with the
    machine's anchors file removed, a rewrite before the anchor is told."""
    service_ops.install_service(office.admin, protection=Protection.FILE, start=False)
    operator, admin_entries, _ = busy_office(office)
    operator.close()
    service_ops.open_service_session(office.data_dir).close()
    office.admin.close()
    kept = tmp_path / "kept-from-the-mails.log"
    kept.write_text(anchors_path().read_text(encoding="utf-8"), encoding="utf-8")
    anchors_path().unlink()
    insider(office.data_dir, "--delete", str(admin_entries[0]), "--replace-key", "admin")
    without = cli("audit", "verify", "--json", env=AUDITOR)
    assert json.loads(without.stdout)["anchors"] == 0  # nothing to check the new key against
    shown = cli("audit", "verify", "--anchors", str(kept), env=AUDITOR)
    assert shown.returncode == 1
    assert "did not exist yet when the anchor" in shown.stdout
    missing = cli("audit", "verify", "--anchors", str(tmp_path / "none.log"), env=AUDITOR)
    assert missing.returncode == 1 and "There is no file" in missing.stderr
