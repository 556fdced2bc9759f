"""The names of the store's files in the data folder: the database and its key files.

Their own module so that the database, the vault (keys), backups and erasure can all name
them without importing one another (``database`` and ``vault`` used to import each other for
these two strings).
"""

from __future__ import annotations

#: The SQLCipher database.
DB_FILE = "kishomail.db"
#: The key file: the database key wrapped for each staff password and the recovery key.
KEY_FILE = "kishomail.keys"
#: During ``rekey``: the new key file, until it replaces :data:`KEY_FILE`.
NEXT_KEY_FILE = "kishomail.keys.next"
#: Held (an OS lock, see :mod:`dispatch.store.key_lock`) by whoever reads and rewrites the key
#: file, so that two changes never interleave.
KEY_LOCK_FILE = "kishomail.keys.lock"
