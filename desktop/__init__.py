"""The PySide6 desktop app: a client of the core in ``dispatch``."""
