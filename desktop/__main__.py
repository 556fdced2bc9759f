"""``python -m desktop`` starts the kishomail desktop app."""

import sys

from desktop.app import main

sys.exit(main())
