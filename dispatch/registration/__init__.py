"""Resident self-service (R2): the registration page, double opt-in, change and unsubscribe
pages, RFC 8058 one-click unsubscribe, registration by empty mail, and the QR poster.

Headless and Qt-free: :mod:`dispatch.registration.app` is a Starlette application served by
uvicorn (``kishomail serve-registration``); :mod:`dispatch.registration.mailbox` polls the
registration mailbox over IMAP with TLS. The QR code and the A4 poster are drawn by
:mod:`dispatch.wording.poster`, a floor below, so that the desktop prints them through
``dispatch.operations.poster`` too.

Floor 7. May import: ``dispatch.operations`` and the floors below it, and ``feeds``. Its sibling
``dispatch.checks`` is on the same floor and the two never import each other; only
``dispatch.cli`` sits above.
"""
