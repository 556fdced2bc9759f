"""Entry point of the frozen ``kishomail`` command (console): the core's command line."""

import sys

from dispatch.cli import main

if __name__ == "__main__":
    sys.exit(main())
