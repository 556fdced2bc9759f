"""``emit(signal, *args)``: emit a Qt signal from Python, safely on every PySide6 we support.

PySide6 6.12.0 on Python 3.11 drops one reference to ``True`` on every Python-level
``SignalInstance.emit`` (the objects are immortal from Python 3.12 on, so there it is
harmless). A long session emits tens of thousands of signals, and CPython aborts with
"bool_dealloc: deallocating True or False" once the count reaches zero — after a few minutes
of a dispatch's progress events. This module measures the loss once at import (a few emits of
a private probe signal) and gives back exactly what each emit takes. Where nothing is lost,
``emit`` is a plain ``signal.emit``.
"""

from __future__ import annotations

import ctypes
import sys
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_PROBES = 16


class _Probe(QObject):
    probe = Signal(object)


def _measure() -> int:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.probe.emit(None)
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        _incref(True)  # give back what the probe took
    per_emit = round(lost / _PROBES)
    return per_emit if per_emit > 0 and lost % _PROBES == 0 else 0


#: References to ``True`` each ``SignalInstance.emit`` loses on this PySide6/Python (0: none).
LOST_PER_EMIT = _measure()


def emit(signal: Any, *args: Any) -> None:
    signal.emit(*args)
    for _ in range(LOST_PER_EMIT):
        _incref(True)


# ---- the wider problem: void calls lose a reference to None -----------------------------------
#
# The same PySide6 build also drops a reference to ``None`` on every call of a method that
# returns nothing (``setText``, ``processEvents`` …): a busy window makes thousands of those a
# minute. ``None``, ``True`` and ``False`` are never freed while the interpreter runs, so
# their reference counts carry no meaning beyond "not zero". A guard thread keeps them far
# from zero; where the build is sound (or on Python 3.12+, where they are immortal) it is not
# started.

_FLOOR = 1 << 24
_TOP = 1 << 30
_guard: threading.Thread | None = None


def _void_call_loss() -> int:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    for _ in range(max(0, lost)):
        _incref(None)
    return lost


def _top_up() -> None:
    for constant in (None, True, False):
        count = sys.getrefcount(constant)
        if count < _FLOOR:
            # CPython ≤ 3.11: ob_refcnt is the object's first field.
            cell = ctypes.c_ssize_t.from_address(id(constant))
            cell.value += _TOP - count


def _guard_loop() -> None:
    while True:
        _top_up()
        time.sleep(0.5)


def start_refcount_guard() -> bool:
    """Start the guard if this PySide6 loses references; returns whether it runs."""
    global _guard
    if _guard is not None:
        return True
    if sys.version_info >= (3, 12) or (_void_call_loss() <= 0 and LOST_PER_EMIT == 0):
        return False
    _top_up()
    _guard = threading.Thread(target=_guard_loop, name="pyside-refcount-guard", daemon=True)
    _guard.start()
    return True


GUARDED = start_refcount_guard()
