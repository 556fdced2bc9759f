"""Entry point of the frozen ``kishomail`` command (console): the core's command line.

``kishomail engine-process`` is not a command for people: the desktop app starts the engine
that way in a process of its own (``dispatch.engine.process``; ``desktop.service_control``).
"""

import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["engine-process"]:
        from dispatch.engine.process import main as engine_main

        sys.exit(engine_main())
    from dispatch.cli import main

    sys.exit(main())
