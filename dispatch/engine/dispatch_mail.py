"""The mail of one dispatch in one language, as the engine sends it: a JMA alert's through the
office's wording (then the bundled one), a manual alert's its own text.

One function for the sender and for the history's detail view, so what staff read there is
what went out."""

from __future__ import annotations

from datetime import datetime

from dispatch.base.clock import Clock
from dispatch.base.vocabulary import Charset
from dispatch.mail.message import MessageContent, Mode
from dispatch.records.outbox import Outbox
from dispatch.records.settings import OfficeProfile
from dispatch.store.database import Connection
from dispatch.wording.alerts import render_alert
from dispatch.wording.library import TemplateLibrary
from dispatch.wording.manual_alerts import render_for_dispatch


def render_dispatch(
    connection: Connection,
    dispatch_id: int,
    language: str,
    charset: Charset,
    *,
    office: OfficeProfile,
    mode: Mode,
    library: TemplateLibrary,
    clock: Clock,
    date: datetime,
) -> MessageContent:
    """``LookupError`` when the dispatch has neither an alert nor a manual alert behind it."""
    domain = office.from_address.rsplit("@", 1)[-1]
    alert = Outbox(connection, clock, domain).alert_content(dispatch_id)
    if alert is not None:
        return render_alert(alert, language, charset, office, mode=mode, date=date, library=library)
    manual = render_for_dispatch(
        connection, dispatch_id, language, charset, office, mode=mode, date=date
    )
    if manual is None:
        raise LookupError(f"dispatch {dispatch_id} has nothing to render")
    return manual
