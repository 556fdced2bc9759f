"""The engine as a real Windows service: what ``kishomail-service.exe`` runs under the Service
Control Manager (its pywin32 ``ServiceFramework`` shell is ``installer/entry_service.py``).

The SCM gives a service 30 seconds to say it is running. :class:`ServiceHost` therefore reports
``running`` *before* anything slow (unlocking the store, rebuilding the state in force), then
unlocks with the machine's service slot (DPAPI under the service's own account) and runs the
same :func:`dispatch.cli.service.serve` loop as ``kishomail service run`` until the SCM says
stop. Nothing here imports pywin32, so it is tested on any platform; the shell only translates
the SCM's calls to :meth:`ServiceHost.run` and ``stop``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from dispatch.cli.service import serve
from dispatch.engine.assembly import build_engine
from dispatch.operations import authorise
from dispatch.operations import service as service_ops
from dispatch.records.accounts import SERVICE_ACTOR

log = logging.getLogger(__name__)

#: What the shell reports to the SCM: "running", "stopping", "stopped".
Report = Callable[[str], None]


class ServiceHost:
    def __init__(self, data_dir: Path, report: Report) -> None:
        self.data_dir = data_dir
        self.report = report
        self.stop_requested = threading.Event()

    def stop(self) -> None:
        """The SCM's stop (or shutdown): finish what is in flight, then return from run()."""
        self.report("stopping")
        self.stop_requested.set()

    def run(self) -> int:
        self.report("running")  # first, well within the SCM's 30 seconds
        try:
            session = service_ops.open_service_session(self.data_dir)
            try:
                authorise.start_engine(session)
                engine = build_engine(
                    session.store,
                    clock=session.clock,
                    started_by=SERVICE_ACTOR,
                    actor=SERVICE_ACTOR,
                )
                session.audit_log.append(SERVICE_ACTOR, "service.start", detail={"once": False})
                try:
                    serve(engine, self.stop_requested, self._notify)
                finally:
                    engine.close()
                    session.audit_log.append(SERVICE_ACTOR, "service.stop")
            finally:
                session.close()
        except Exception:
            # The SCM's recovery actions restart a service that ends with an error.
            log.exception("the kishomail service failed")
            self.report("stopped")
            return 1
        self.report("stopped")
        return 0

    def _notify(self, *fields: str) -> bool:
        log.info("service: %s", "; ".join(fields))
        return True
