"""Floor 5: what runs unattended: poll, match, enqueue, send, back up, with no staff session.

Telegram and observation sources (``sources``), the service with its scheduler (``service``; its
jobs besides polling in ``scheduled_jobs``, its configuration in ``service_config``),
the outbox drain over SMTP (``sender``), scheduled manual alerts going out when due
(``due_alerts``), the backup mechanism (``backups``), staff notifications (``notifications``,
mailed by ``staff_mail``), the bounce mailbox read as a job (``bounces``), the loopback health
endpoint (``health``), the assembly of a running engine from the store's settings
(``assembly``), the engine as its own process (``process``), its heartbeat in the store
(``heartbeat``), the audit head anchored outside the store, with an RFC 3161 timestamp where the
ward has an authority (``audit_anchor``), and its life under the OS's service manager
(``os_service``: the systemd unit, ``sd_notify``, the Windows service's registration).

May import: ``dispatch.wording`` and the floors below it, and ``feeds``; never
``dispatch.operations`` (the engine must not load the staff's code or the session).
"""
