"""The gauge sources' health as the dashboard shows it (computed in
``dispatch.engine.gauge_health``, which the staff notifications read too; ``kishomail doctor``
also asks the sources themselves)."""

from __future__ import annotations

from dispatch.engine.gauge_health import GaugeHealth, gauge_rows
from dispatch.operations.declare import operation
from dispatch.operations.session import Session

__all__ = ["GaugeHealth", "gauge_health"]


@operation(None, "dashboard.view")
def gauge_health(session: Session) -> list[GaugeHealth]:
    """One row per station of each source switched on (empty when none is)."""
    return gauge_rows(session.connection, session.clock)
