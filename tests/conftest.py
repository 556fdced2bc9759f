import os

import pytest

# Qt needs a display; tests never use a real one (make test sets this too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.support.fixtures"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A Qt warning fails the test. Set here, as pytest-qt's marker, and not as the
    # `qt_log_level_fail` ini key: pytest-qt comes with the `gui-test` extra, and without it
    # `--strict-config` would refuse the key and stop the core's tests too.
    if config.pluginmanager.hasplugin("pytest-qt"):
        for item in items:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
