import os

# Qt needs a display; tests never use a real one (make test sets this too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.support.fixtures"]
