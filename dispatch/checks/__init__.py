"""Floor 7: checking an installation: ``doctor`` (is this setup healthy?) and ``selftest``
(does this build work, end to end, in a throw-away folder?). ``findings`` holds what a check
finds and the report; ``feed_checks`` is doctor's look at the feed and the gauge sources,
``kriver_health`` its look
at the 危機管理型水位計 reader, ``bounce_mailbox`` at the bounce mailbox and ``sender_domain`` at
the SPF, DKIM and DMARC records of the sender domains.

May import: ``dispatch.operations`` and the floors below it, and ``feeds``. Its sibling
``dispatch.registration`` is on the same floor and the two never import each other; only
``dispatch.cli`` sits above.
"""
