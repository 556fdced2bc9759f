"""Feed adapters: turn JMA-style XML (and observation files) into plain alert records.

No Qt, no store: this package is pure parsing and fetching.
"""
