"""Staff steps whose work lives above this floor, declared here with their permission.

Starting the engine (the front end launches it), the registration service (``registration/``),
``doctor`` (``checks/``) and the DKIM key commands run code that the operations floor may not
import. Their rule is still declared once, here: the front end calls the gate, which checks and
audits like every other operation, and then does the work.
"""

from __future__ import annotations

from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission


@operation(Permission.RUN_SERVICE, "service.start")
def start_engine(session: Session) -> None:
    """May this person start the alerting engine?"""


@operation(Permission.WRITE_SUBSCRIBERS, "registration.start")
def start_registration_service(session: Session) -> None:
    """May this person run the residents' registration service (it adds subscribers)?"""


@operation(Permission.MANAGE_SETTINGS, "doctor.run", also=(Permission.RUN_CHECKS,))
def run_doctor(session: Session) -> None:
    """May this person run the installation checks?"""


@operation(Permission.MANAGE_SETTINGS, "dkim.keygen")
def make_dkim_key(session: Session) -> None:
    """May this person make (or replace) the DKIM signing key?"""


@operation(Permission.MANAGE_SETTINGS, "dkim.record")
def show_dkim_record(session: Session) -> None:
    """May this person print the DKIM DNS record?"""
