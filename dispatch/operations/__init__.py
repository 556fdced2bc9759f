"""Floor 6: everything a staff member can do, each as a function taking the session.

The session (``session``: identity, permission checks, audited changes) and one module per staff
area: manual alerts (drafted in ``manual_alerts``, approved and sent in ``manual_alert_sending``),
backups and restore (``backup``), erasure (``erasure``), reports (``reports``), resending
(``resend``), statistics (``statistics``), bounces of alert mail (``bounces``) and the office's
mail templates (``templates``). The CLI, the GUI and the registration service all reach the
core's staff actions through here.

May import: ``dispatch.engine`` and the floors below it, and ``feeds``. ``desktop/`` may import it.
"""
