"""The PySide6 desktop app: a client of the core in ``dispatch``."""

# Before any window exists: protect against the PySide6 reference leak (see qtcompat).
from desktop import qtcompat as _qtcompat  # noqa: F401
