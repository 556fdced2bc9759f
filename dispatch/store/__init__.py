"""Floor 2: the encrypted store itself, with no knowledge of what the tables mean.

The SQLCipher connection and its transactions (``database``), the schema and its migrations
(``migrations``), the key file and its wrapped keys (``keys``, with its primitives in
``sealing``; ``vault``: passwords, recovery, rekey), the audit signing keys (``signing``), the
installed service's secret kept by the OS outside the data folder (``machine_slot``) and the
names of the store's files (``files``, which both ``database`` and ``vault`` import so that
neither imports the other).

May import: ``dispatch.base`` only. Its sibling ``dispatch.mail`` is on the same floor and the
two never import each other.
"""
