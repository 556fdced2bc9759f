"""Words for the core's enum values (roles, statuses, languages …) in the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QObject

from dispatch.records.accounts import Role


class Words(QObject):
    def role(self, role: Role | str) -> str:
        return {
            "administrator": self.tr("administrator"),
            "operator": self.tr("operator"),
            "duty_officer": self.tr("duty officer"),
            "auditor": self.tr("auditor"),
        }.get(str(role), str(role))

    def status(self, status: str) -> str:
        return {
            "pending": self.tr("pending"),
            "active": self.tr("active"),
            "unsubscribed": self.tr("unsubscribed"),
            "suspended": self.tr("suspended"),
        }.get(str(status), str(status))

    def language(self, language: str) -> str:
        return {
            "ja": self.tr("Japanese"),
            "en": self.tr("English"),
            "ja-easy": self.tr("Easy Japanese"),
        }.get(str(language), str(language))

    def channel(self, channel: str) -> str:
        return {
            "web": self.tr("web form"),
            "mail": self.tr("by mail"),
            "staff": self.tr("staff"),
            "import": self.tr("import"),
        }.get(str(channel), str(channel))

    def topic(self, topic: str) -> str:
        return {
            "warnings": self.tr("warnings"),
            "rain": self.tr("rain"),
            "river": self.tr("river levels"),
            "kanda": self.tr("Kanda flood"),
        }.get(topic, topic)

    def dispatch_status(self, status: str) -> str:
        return {
            "queued": self.tr("queued"),
            "sending": self.tr("sending"),
            "done": self.tr("done"),
            "paused": self.tr("paused"),
            "cancelled": self.tr("cancelled"),
        }.get(status, status)

    def dispatch_kind(self, kind: str) -> str:
        return {
            "alert": self.tr("automatic"),
            "manual": self.tr("manual"),
            "test": self.tr("test"),
        }.get(kind, kind)


_words: Words | None = None


def words() -> Words:
    """A fresh translator-aware instance per call is cheap, but one is enough."""
    global _words
    if _words is None:
        _words = Words()
    return _words
