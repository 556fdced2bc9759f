"""The settings of staff notifications and monitoring: when the feed counts as silent, how often
a lasting condition is mailed again, the daily summary's time, who receives which kind, the second
relay notifications fall back to, and the engine's loopback health endpoint
(:mod:`dispatch.engine.notifications`, :mod:`dispatch.engine.health`).
"""

from __future__ import annotations

from dispatch.records.setting_kind import Setting

NOTIFY_SETTINGS = (
    Setting(
        "notify.feed_silent_minutes",
        int,
        5,
        "Staff are notified when the feed has had no successful poll for this many minutes.",
    ),
    Setting(
        "notify.repeat_minutes",
        int,
        60,
        "A staff notification is mailed again this often while its condition lasts.",
    ),
    Setting(
        "notify.summary_at",
        str,
        "08:00",
        "Tokyo time (HH:MM) of the daily 'kishomail is alive' summary to staff; its "
        "absence is itself the alarm.",
    ),
    Setting(
        "notify.routes",
        str,
        "",
        "Which roles receive which notification kind, overriding the defaults: "
        "'KIND=ROLE+ROLE; KIND=ROLE' (e.g. 'disk-low=administrator'); a kind given "
        "'none' goes to nobody. The kinds and defaults are in the admin manual.",
    ),
    Setting(
        "notify.relay_failure_percent",
        int,
        20,
        "Staff are notified when more than this share (percent) of a dispatch's "
        "recipients were refused (5xx) or could not be sent.",
    ),
    Setting(
        "notify.disk_free_mb",
        int,
        1024,
        "Staff are notified when the data folder's disk has less free space (MB).",
    ),
    Setting(
        "notify.fallback_host",
        str,
        "",
        "A second relay for staff notifications, used when the first one fails (a "
        "notification must not depend on what it reports). Empty: none.",
    ),
    Setting("notify.fallback_port", int, 587, "Port of the second relay."),
    Setting("notify.fallback_security", str, "starttls", "starttls or implicit; never plain text."),
    Setting("notify.fallback_username", str, "", "Second relay user name (empty: no AUTH)."),
    Setting("notify.fallback_password", str, "", "Second relay password.", secret=True),
    Setting(
        "notify.fallback_cafile",
        str,
        "",
        "PEM file of the CA to trust for the second relay instead of the system store.",
    ),
    Setting(
        "monitor.health_port",
        int,
        0,
        "Port of the engine's health endpoint (JSON, no personal data) on 127.0.0.1 only. 0: off.",
    ),
)
