"""Floor 1, the ground: helpers every other floor uses and that know nothing of kishomail's data.

Typed errors with codes (``errors``), the injected clock (``clock``), the data-folder layout
(``paths``), logging set-up (``logs``), the one-instance lock (``instance_lock``), address
normalising (``addresses``), spreadsheet and PDF writing (``spreadsheet``, ``pdf``) and the
shared words (``vocabulary``: one ``Language``, one ``Charset``).

May import: the standard library and third-party packages only, never another ``dispatch``
floor (nor ``feeds``). Everything above may import it; so may ``desktop/``.
"""
