"""The declaration of a staff operation: who may do it, and what the audit log calls it.

Every staff action — whether the CLI, the GUI or the registration service asks for it — is one
function in ``dispatch.operations`` of the form ``op(session, …)``, declared once::

    @operation(Permission.SEND_ALERTS, "dispatch.resend_failed", target="dispatch:{dispatch_id}")
    def resend_failed(session: Session, dispatch_id: int) -> int: ...

The declaration checks the permission before the body runs (``Session.require``: a refusal is
audited as ``denied`` with the declared action and target), so no front end checks a permission
of its own, and :data:`OPERATIONS` lists every operation with its rule, which the tests and the
architecture page read. ``also`` names permissions that serve as well as the first (reading the
alert list is for composers and for auditors); ``permission=None`` declares an operation any
signed-in staff member may do for themself (changing one's own password), whose body checks the
case where it acts for someone else.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from dispatch.operations.session import Session
from dispatch.records.accounts import Permission

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Declaration:
    name: str  # module.function
    permission: Permission | None
    action: str  # the audit log's action for this operation
    also: tuple[Permission, ...] = ()

    def allows(self, session: Session) -> bool:
        if self.permission is None:
            return True
        return any(session.can(p) for p in (self.permission, *self.also))


#: Every declared operation by ``module.function`` name.
OPERATIONS: dict[str, Declaration] = {}


def operation(
    permission: Permission | None,
    action: str,
    *,
    target: str = "",
    also: tuple[Permission, ...] = (),
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a staff operation; ``target`` is a format string over its arguments
    (``"subscriber:{subscriber_id}"``) naming what a refusal was about in the audit log."""

    def declare(function: Callable[P, R]) -> Callable[P, R]:
        name = f"{function.__module__.rsplit('.', 1)[-1]}.{function.__name__}"
        declaration = Declaration(name, permission, action, also)
        signature = inspect.signature(function)
        if next(iter(signature.parameters), None) != "session":
            raise TypeError(f"{name}: an operation takes the session as its first argument")

        @functools.wraps(function)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            session = args[0] if args else kwargs["session"]
            assert isinstance(session, Session)
            if permission is not None and not declaration.allows(session):
                session.require(permission, action, _target(signature, target, args, kwargs))
            elif permission is not None:
                session.require_enrolled()
            return function(*args, **kwargs)

        checked.__operation__ = declaration  # type: ignore[attr-defined]
        OPERATIONS[name] = declaration
        return checked

    return declare


def declaration_of(function: Callable[..., Any]) -> Declaration | None:
    found = getattr(function, "__operation__", None)
    return found if isinstance(found, Declaration) else None


def _target(
    signature: inspect.Signature, template: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> str:
    if not template:
        return ""
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    return template.format(**bound.arguments)
