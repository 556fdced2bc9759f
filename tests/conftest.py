import os

import pytest

# Qt needs a display; tests never use a real one (make test sets this too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.support.fixtures"]


@pytest.fixture(autouse=True)
def machine_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test touches the machine's service slot or its systemd units (``/etc``): they go to
    a temporary folder of the test's own."""
    machine = tmp_path_factory.mktemp("machine")
    monkeypatch.setenv("KISHOMAIL_SERVICE_DIR", str(machine / "service"))
    monkeypatch.setenv("KISHOMAIL_UNIT_DIR", str(machine / "units"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A Qt warning fails the test. Set here, as pytest-qt's marker, and not as the
    # `qt_log_level_fail` ini key: pytest-qt comes with the `gui-test` extra, and without it
    # `--strict-config` would refuse the key and stop the core's tests too.
    if config.pluginmanager.hasplugin("pytest-qt"):
        for item in items:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
