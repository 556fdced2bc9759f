"""Floor 3: the tables and the only SQL: one module per kind of record.

Accounts and permissions (``accounts``), the audit log (``audit``; its checks in
``audit_check``, its head anchored outside the store in ``audit_anchors``), settings and the office
profile (``settings``; one declaration is a ``setting_kind.Setting``, the delivery and bounce
settings are declared in ``delivery_settings``), bounces received and the figures per carrier
group (``bounces``), subscribers (the record types in ``subscribers``, the table in
``subscriber_table``, search and audience conditions in ``subscriber_queries``) and their files
(import in ``subscriber_files``, one row's cells in ``subscriber_cells``, the encrypted export
in ``subscriber_export``), alert-to-audience matching (``matching``), the outbox of dispatches
and deliveries (``outbox`` enqueues, ``delivery_queue`` claims and records replies), signed
resident links (``links``), manual alerts as records (``manual_alerts``), staff notification
contacts, apart from residents (``staff_contacts``), the embedded sink's local mailbox, kept in
the store (``mailbox``), and the river stations subscribers choose from (``stations``).
No staff session here: a record module takes a connection and does what it is asked.

May import: ``dispatch.mail``, ``dispatch.store``, ``dispatch.base`` and ``feeds``. ``desktop/``
may import it for the record types.
"""
