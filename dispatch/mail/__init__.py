"""Floor 2: mail as bytes and as SMTP, with no knowledge of the store or of subscribers.

Building messages once and substituting per recipient (``message``, also the one Message-ID
format), attachments and their encryption (``attachments``), DKIM signing (``dkim``), the
embedded sink used when no relay is set (``sink``), the per-delivery bounce address and
reading bounces (``bounces``), reading a mailbox over IMAP with TLS (``imap``), DNS lookups
for doctor's SPF/DKIM/DMARC checks (``dns_lookup``) and SMTP submission (``smtp/``: settings,
results, one connection, pacing, the pool).

May import: ``dispatch.base`` only. Its sibling ``dispatch.store`` is on the same floor and the
two never import each other.
"""
