"""The operations layer keeps its promise: every staff action is declared once with its permission
and audit action, the declaration is what refuses, and no front end checks a permission itself."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import dispatch.operations
from dispatch.base.errors import PermissionDenied
from dispatch.operations import accounts as account_ops
from dispatch.operations import audit as audit_ops
from dispatch.operations import mailbox as mailbox_ops
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.declare import OPERATIONS, declaration_of, operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.audit import AuditQuery
from tests.unit.dispatch.conftest import Office

REPO = Path(__file__).resolve().parents[4]
FRONT_ENDS = ("dispatch/cli", "dispatch/registration", "desktop")


def _public_functions_taking_a_session() -> list[tuple[str, Callable[..., object]]]:
    found: list[tuple[str, Callable[..., object]]] = []
    for info in pkgutil.iter_modules(dispatch.operations.__path__):
        module = importlib.import_module(f"dispatch.operations.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["session"]:
                found.append((f"{info.name}.{name}", function))
    return found


def test_every_public_operation_is_declared_with_its_permission_and_audit_action() -> None:
    functions = _public_functions_taking_a_session()
    assert len(functions) > 40  # accounts, subscribers, alerts, backups … all found
    undeclared = [name for name, function in functions if declaration_of(function) is None]
    assert undeclared == [], f"declare these with @operation(permission, action): {undeclared}"
    for name, function in functions:
        declaration = declaration_of(function)
        assert declaration is not None and OPERATIONS[name] is declaration
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", declaration.action), name


def test_a_declaration_without_a_session_first_is_refused() -> None:
    with pytest.raises(TypeError, match="takes the session as its first argument"):

        @operation(Permission.READ_AUDIT, "audit.nothing")
        def wrong(name: str, session: Session) -> None:  # pragma: no cover - never called
            """The session is not first."""


def test_the_declaration_refuses_and_audits_with_the_declared_action_and_target(
    office: Office,
) -> None:
    operator = office.operator()
    with pytest.raises(PermissionDenied):
        account_ops.deactivate_account(operator, "aud")
    denied = audit_ops.search_audit(office.admin, AuditQuery(action="account.deactivate"))
    assert [(e.actor, e.target, e.outcome) for e in denied] == [("opr", "account:aud", "denied")]
    # And the account was not touched.
    assert {a.name: a.active for a in account_ops.list_accounts(office.admin)}["aud"]


def test_either_permission_serves_where_the_declaration_names_two(office: Office) -> None:
    auditor = office.auditor()  # READ_STATISTICS, not COUNT_AUDIENCE
    assert isinstance(subscriber_ops.count_by_topic(auditor), dict)
    with pytest.raises(PermissionDenied):
        subscriber_ops.count_subscribers(auditor)


def test_the_local_mailbox_has_one_rule_for_every_front_end(office: Office) -> None:
    """It holds mail addressed to residents: those who may see subscribers list and read it, the
    administrator (no READ_SUBSCRIBERS) and the auditor may not, and each look is audited."""
    assert mailbox_ops.list_local_mailbox(office.operator()) == []
    for person in (office.admin, office.auditor()):
        with pytest.raises(PermissionDenied):
            mailbox_ops.list_local_mailbox(person)
    entries = audit_ops.search_audit(office.admin, AuditQuery(action="mailbox.list"))
    assert [e.outcome for e in entries] == ["ok", "denied", "denied"]


def test_no_front_end_checks_a_permission_itself() -> None:
    offenders = []
    for folder in FRONT_ENDS:
        for path in sorted((REPO / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if ".require(" in line:
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == [], "call a declared operation instead:\n" + "\n".join(offenders)
