"""The audit log in words: action codes, detail keys, outcomes and targets as staff read them.

The log itself keeps codes (``alert.approve``, ``{"sent": 52}``) — they are what the chain
signs and what the CLI and the exports show. This table, in one place, gives each known code
its words in the reader's language (Japanese by default); a code it does not know is shown as
it is, so a new action is never hidden. :meth:`AuditWords.actions_matching` lets a search in
words (「承認」) find the codes (``alert.approve``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject

from desktop.formatting import typed
from desktop.words import words


class AuditWords(QObject):
    def actions(self) -> dict[str, str]:
        """Every known action code with its words."""
        return {
            "account.add": self.tr("account added"),
            "account.contact.add": self.tr("staff contact added"),
            "account.contact.list": self.tr("staff contacts viewed"),
            "account.contact.remove": self.tr("staff contact removed"),
            "account.deactivate": self.tr("account deactivated"),
            "account.list": self.tr("accounts viewed"),
            "account.password": self.tr("password changed"),
            "account.password_reset": self.tr("password reset"),
            "account.reactivate": self.tr("account reactivated"),
            "account.role": self.tr("role changed"),
            "account.totp.confirm": self.tr("two-step login confirmed"),
            "account.totp.disable": self.tr("two-step login turned off"),
            "account.totp.enable": self.tr("two-step login set up"),
            "alert.approve": self.tr("manual alert approved"),
            "alert.cancel": self.tr("manual alert cancelled"),
            "alert.compose": self.tr("manual alert written"),
            "alert.edit": self.tr("manual alert edited"),
            "alert.emergency_send": self.tr("manual alert sent alone (emergency)"),
            "alert.list": self.tr("manual alerts viewed"),
            "alert.password_mail": self.tr("manual alert password mailed"),
            "alert.preview": self.tr("manual alert previewed"),
            "alert.preview_draft": self.tr("manual alert draft previewed"),
            "alert.schedule": self.tr("manual alert scheduled"),
            "alert.send": self.tr("manual alert sent"),
            "alert.submit": self.tr("manual alert submitted for approval"),
            "alert.test_send": self.tr("manual alert test mail"),
            "alert.view": self.tr("manual alert viewed"),
            "audit.checkpoint": self.tr("audit log checkpoint"),
            "audit.export": self.tr("audit log exported"),
            "audit.search": self.tr("audit log searched"),
            "audit.verify": self.tr("audit log chain verified"),
            "backup.create": self.tr("backup made"),
            "backup.delete": self.tr("backup deleted"),
            "backup.list": self.tr("backups viewed"),
            "backup.restore": self.tr("restored from a backup"),
            "backup.verify": self.tr("backup checked"),
            "bounces.read": self.tr("bounced mail read"),
            "bounces.summary": self.tr("bounce summary viewed"),
            "dashboard.view": self.tr("dashboard viewed"),
            "demo.seed": self.tr("demo subscribers made"),
            "dispatch.done": self.tr("dispatch finished"),
            "dispatch.enqueue": self.tr("dispatch queued"),
            "dispatch.list": self.tr("dispatch history viewed"),
            "dispatch.progress": self.tr("dispatch progress viewed"),
            "dispatch.resend_failed": self.tr("failed deliveries sent again"),
            "dispatch.show": self.tr("dispatch details viewed"),
            "dkim.keygen": self.tr("DKIM key made"),
            "dkim.record": self.tr("DKIM record shown"),
            "doctor.run": self.tr("health check run"),
            "erasure.all": self.tr("all data erased"),
            "erasure.certificate": self.tr("erasure certificate issued"),
            "erasure.start": self.tr("erasure started"),
            "erasure.verify": self.tr("erasure checked"),
            "export.approve": self.tr("export approved"),
            "export.list": self.tr("export requests viewed"),
            "export.refuse": self.tr("export refused"),
            "export.request": self.tr("export requested"),
            "login": self.tr("login"),
            "login.failed": self.tr("login failed"),
            "login.in_place": self.tr("identity confirmed at this workstation"),
            "mailbox.list": self.tr("mailbox viewed"),
            "mailbox.show": self.tr("mail in the mailbox opened"),
            "notify.sent": self.tr("staff notification sent"),
            "notify.test": self.tr("staff notification test"),
            "poster.save": self.tr("poster saved"),
            "poster.view": self.tr("poster viewed"),
            "registration.bounce": self.tr("bounce handled"),
            "registration.change": self.tr("resident changed their topics"),
            "registration.confirm": self.tr("registration confirmed"),
            "registration.purge": self.tr("unconfirmed registration removed"),
            "registration.signup": self.tr("registration applied for"),
            "registration.start": self.tr("registration service started"),
            "registration.stop": self.tr("registration service stopped"),
            "registration.stop_mail": self.tr("unsubscribe by mail"),
            "registration.unsubscribe": self.tr("resident unsubscribed"),
            "report.handling": self.tr("handling report made"),
            "retention.erase_inactive": self.tr("long-inactive subscribers erased"),
            "retention.purge": self.tr("expired records removed"),
            "service.engine_stop": self.tr("service stop requested"),
            "service.heartbeat": self.tr("service state checked"),
            "service.install": self.tr("OS service installed"),
            "service.manager_start": self.tr("service started from the desktop"),
            "service.manager_stop": self.tr("service stopped from the desktop"),
            "service.start": self.tr("service started"),
            "service.stop": self.tr("service stopped"),
            "service.uninstall": self.tr("OS service removed"),
            "settings.change": self.tr("setting changed"),
            "settings.read": self.tr("settings viewed"),
            "smtp.test": self.tr("relay connection test"),
            "stations.change": self.tr("stations changed"),
            "stations.read": self.tr("stations viewed"),
            "statistics.export": self.tr("statistics exported"),
            "statistics.read": self.tr("statistics viewed"),
            "store.init": self.tr("data folder set up"),
            "store.recover": self.tr("administrator recovered"),
            "store.rekey": self.tr("store key changed"),
            "store.recovery_key": self.tr("new recovery key issued"),
            "subscriber.add": self.tr("subscriber added"),
            "subscriber.audience": self.tr("audience counted"),
            "subscriber.change": self.tr("subscriber changed"),
            "subscriber.count": self.tr("subscribers counted"),
            "subscriber.delete": self.tr("subscriber deleted"),
            "subscriber.export": self.tr("subscribers exported"),
            "subscriber.import": self.tr("subscribers imported"),
            "subscriber.list": self.tr("subscribers viewed"),
            "subscriber.view": self.tr("subscriber viewed"),
            "template.delete": self.tr("template deleted"),
            "template.preview": self.tr("template previewed"),
            "template.save": self.tr("template saved"),
            "template.view": self.tr("template viewed"),
        }

    def keys(self) -> dict[str, str]:
        """The detail keys the log uses most, with their words."""
        return {
            "accepted": self.tr("accepted"),
            "added": self.tr("added"),
            "alert": self.tr("alert"),
            "anchors": self.tr("anchors"),
            "approval_voided": self.tr("approval voided"),
            "audience": self.tr("audience"),
            "category": self.tr("category"),
            "change_at_first_login": self.tr("password change at first login"),
            "changed": self.tr("changed"),
            "channel": self.tr("channel"),
            "characters": self.tr("characters"),
            "checked": self.tr("checked"),
            "contacts": self.tr("contacts"),
            "content_sha256": self.tr("content hash"),
            "correction_of": self.tr("correction of"),
            "days": self.tr("days"),
            "emergency": self.tr("emergency"),
            "erased": self.tr("erased"),
            "error": self.tr("error"),
            "exercise": self.tr("exercise"),
            "failed": self.tr("failed"),
            "formats": self.tr("formats"),
            "from": self.tr("from"),
            "id": self.tr("id"),
            "label": self.tr("label"),
            "languages": self.tr("languages"),
            "once": self.tr("once"),
            "one_click": self.tr("one click"),
            "outcome": self.tr("outcome"),
            "previous_sha256": self.tr("previous hash"),
            "problems": self.tr("problems"),
            "reason": self.tr("reason"),
            "recipients": self.tr("recipients"),
            "refused": self.tr("refused"),
            "removed": self.tr("removed"),
            "resent_in_doubt": self.tr("sent again (in doubt)"),
            "revision": self.tr("revision"),
            "role": self.tr("role"),
            "rows": self.tr("rows"),
            "sent": self.tr("sent"),
            "shown": self.tr("shown"),
            "signed": self.tr("signed"),
            "source": self.tr("source"),
            "status": self.tr("status"),
            "subscribers": self.tr("subscribers"),
            "text": self.tr("text"),
            "to": self.tr("to"),
            "topics": self.tr("topics"),
            "unsaved": self.tr("typed, not saved"),
            "value": self.tr("value"),
            "via": self.tr("via"),
        }

    def outcomes(self) -> dict[str, str]:
        return {
            "ok": self.tr("done"),
            "denied": self.tr("refused (no permission)"),
            "problems found": self.tr("problems found"),
            "wrong TOTP code": self.tr("wrong two-step code"),
        }

    def targets(self) -> dict[str, str]:
        """The kind before the colon of a target (``dispatch:12``)."""
        return {
            "account": self.tr("account"),
            "alert": self.tr("manual alert"),
            "backup": self.tr("backup"),
            "dispatch": self.tr("dispatch"),
            "export": self.tr("export"),
            "setting": self.tr("setting"),
            "subscriber": self.tr("subscriber"),
            "template": self.tr("template"),
        }

    # ---- reading one entry ----------------------------------------------------------------

    def action(self, code: str) -> str:
        return self.actions().get(code, code)

    def outcome(self, outcome: str) -> str:
        return self.outcomes().get(outcome, outcome)

    def target(self, target: str) -> str:
        kind, colon, rest = target.partition(":")
        if not colon:
            return target
        word = self.targets().get(kind)
        return f"{word} {rest}" if word else target

    def value(self, value: Any) -> str:
        if value is True:
            return self.tr("yes")
        if value is False:
            return self.tr("no")
        if value is None or value == "":
            return "-"
        if isinstance(value, list | tuple):
            return "、".join(self.value(v) for v in value) or "-"
        if isinstance(value, Mapping):
            return "、".join(f"{self.key(str(k))} {self.value(v)}" for k, v in value.items())
        return str(value)

    def key(self, key: str) -> str:
        return self.keys().get(key, key)

    def detail_lines(self, detail: Mapping[str, Any]) -> list[str]:
        """「項目: 値」, one line per key, in the order the entry has them."""
        return [f"{self.key(str(k))}: {self._value_of(str(k), v)}" for k, v in detail.items()]

    def _value_of(self, key: str, value: Any) -> str:
        said = words()
        if key == "role" and isinstance(value, str):
            return said.role(value)
        if key == "languages" and isinstance(value, list):
            return "、".join(said.language(str(v)) for v in value)
        if key == "topics" and isinstance(value, list):
            return "、".join(said.topic(str(v)) for v in value)
        if key == "channel" and isinstance(value, str):
            return said.channel(value)
        return self.value(value)

    # ---- searching in words -----------------------------------------------------------------

    def actions_matching(self, text: str) -> tuple[str, ...]:
        """The codes whose words contain ``text`` (NFKC, any case): 「承認」 → alert.approve."""
        wanted = typed(text).casefold()
        if not wanted:
            return ()
        return tuple(
            sorted(
                code for code, word in self.actions().items() if wanted in typed(word).casefold()
            )
        )


_words: AuditWords | None = None


def audit_words() -> AuditWords:
    global _words
    if _words is None:
        _words = AuditWords()
    return _words
