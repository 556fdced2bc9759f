"""kishomail's core: store, accounts, audit, subscribers, matching, outbox, SMTP, scheduler, CLI.

Nothing in this package imports Qt: the desktop app is one client of it, the CLI another.
"""

__version__ = "0.1.0"
