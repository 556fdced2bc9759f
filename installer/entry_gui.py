"""Entry point of the frozen ``kishomail-gui`` (the desktop app).

``--version`` and ``selftest`` are answered by the core's command line without loading Qt, so
that a build, an installer or an administrator can check the installation headless:
``kishomail-gui selftest --no-error-dialogs``. Everything else starts the desktop app.
"""

import sys

HEADLESS = {"--version", "selftest"}


def main() -> int:
    args = sys.argv[1:]
    if HEADLESS & set(args):
        from dispatch.cli import main as cli_main

        # The command line never shows dialogs; the flag matters to the GUI only.
        rest = [a for a in args if a != "--no-error-dialogs"]
        if "selftest" in rest:
            rest.append("--no-error-dialogs")
        return cli_main(rest)
    from desktop.app import main as gui_main

    return int(gui_main() or 0)


if __name__ == "__main__":
    sys.exit(main())
