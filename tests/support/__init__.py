"""Reusable test helpers: TLS material, a fault-injecting aiosmtpd server, a latency proxy.

Register the pytest fixtures with ``pytest_plugins = ["tests.support.fixtures"]``.
"""
