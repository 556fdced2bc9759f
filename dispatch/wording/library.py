"""The template library: the wording files, which of them fits an alert, and their checks.

The wording lives in ``resources/templates/<language>/<name>.txt`` (``string.Template``,
``$name`` placeholders, no logic) so that an office can edit it; a file missing in a language is
taken from Japanese. :func:`parse_template` refuses a file that would put a placeholder this
package does not fill, or the unsubscribe slot, into a mail (:class:`TemplateLoadError`).

Template choice (first file that exists wins): ``<category>_<change>``, then for follow-ups
``<change>`` (``downgrade``, ``lifted``, ``withdrawn``), then ``<category>``. Rain from a gauge
rather than from JMA uses ``rain_observed`` before ``rain``. ``footer`` is shared and is the
only file without a subject.
"""

from __future__ import annotations

import logging
import re
import string
import threading
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from dispatch.mail.message import (
    UNSUBSCRIBE_URL_SLOT,
    MessageError,
    TemplateLoadError,
)
from feeds.model import Alert, Category

logger = logging.getLogger(__name__)

__all__ = [
    "LANGUAGES",
    "PLACEHOLDERS",
    "TEMPLATE_NAMES",
    "MailTemplate",
    "TemplateLibrary",
    "TemplateLoadError",
    "UnsupportedLanguageError",
    "default_library",
    "is_observation",
    "parse_template",
    "template_candidates",
]

LANGUAGES: Final = ("ja", "en", "ja-easy")
FALLBACK_LANGUAGE: Final = "ja"

#: Every template file the product ships, per language (``footer`` has no subject).
TEMPLATE_NAMES: Final = (
    "warning",
    "flood",
    "rain",
    "landslide",
    "special",
    "river",
    "other",
    "downgrade",
    "lifted",
    "withdrawn",
    "flood_downgrade",
    "flood_lifted",
    "rain_observed",
    "rain_lifted",
    "river_downgrade",
    "river_lifted",
    "footer",
)

#: Placeholders a subject may use (all single-line).
SUBJECT_PLACEHOLDERS: Final = frozenset(
    {
        "marks",
        "ward",
        "area",
        "kind",
        "kind_name",
        "topic",
        "lifted_name",
        "river",
        "amount_short",
    }
)

#: Placeholders a body may use. Names ending in ``_line`` are whole labelled lines that may be
#: empty: a template line holding nothing but such a placeholder is dropped when it is empty.
PLACEHOLDERS: Final = SUBJECT_PLACEHOLDERS | frozenset(
    {
        "notices",
        "kind_full",
        "previous_kind",
        "previous_line",
        "level",
        "level_line",
        "gloss_line",
        "conditions_line",
        "amount_line",
        "about_line",
        "intensity_line",
        "stations_line",
        "report_time",
        "action",
        "source_heading",
        "issuers",
        "jma_text",
        "footer",
    }
)

#: Placeholders of ``footer.txt``. ``manage_url`` is the personal unsubscribe slot in
#: individual mode and the office's general subscription page in batch mode.
FOOTER_PLACEHOLDERS: Final = frozenset({"office_name", "ward", "phone", "manage_url"})

_SOLE_PLACEHOLDER = re.compile(r"^\s*\$(?:\{(\w+)\}|(\w+))\s*$")


class UnsupportedLanguageError(MessageError):
    """The language is not one of :data:`LANGUAGES`."""

    code = "render.language"


@dataclass(frozen=True, slots=True)
class MailTemplate:
    """One parsed template file. ``body_lines`` keeps the lines so that optional lines
    (``$something_line`` alone on a line) can be dropped when their value is empty."""

    language: str
    name: str
    subject: string.Template | None
    body_lines: tuple[str, ...]
    optional: tuple[str | None, ...]

    def render_body(self, values: dict[str, str]) -> str:
        kept = [
            line
            for line, sole in zip(self.body_lines, self.optional, strict=True)
            if sole is None or values.get(sole, "") != ""
        ]
        return string.Template("\n".join(kept)).substitute(values)

    def render_subject(self, values: dict[str, str]) -> str:
        if self.subject is None:
            raise TemplateLoadError(f"{self.language}/{self.name}.txt has no subject")
        return self.subject.substitute(values)


class TemplateLibrary:
    """Template files under one folder (``<root>/<language>/<name>.txt``), read once each.

    The default root is the package data ``resources/templates`` (:func:`default_library`); an
    office's own wording can be given as another folder with the same layout. ``office`` is a
    folder of overrides (same layout) looked at first, file by file: a file there replaces the
    one of the same name under ``root``, and is read again when it changes on disk.
    """

    def __init__(self, root: Traversable | None = None, office: Path | None = None) -> None:
        self.root = root if root is not None else files("resources") / "templates"
        self.office = office
        self._cache: dict[tuple[str, str], tuple[object, MailTemplate | None]] = {}
        self._lock = threading.Lock()

    def find(self, language: str, name: str) -> MailTemplate | None:
        """The template in ``language`` exactly (no fallback), or ``None`` if there is none."""
        key = (language, name)
        stamp = self._office_stamp(language, name)
        with self._lock:
            cached = self._cache.get(key)
            if cached is None or cached[0] != stamp:
                cached = (stamp, self._load(language, name))
                self._cache[key] = cached
            return cached[1]

    def _office_stamp(self, language: str, name: str) -> object:
        """What tells an office file's versions apart (``None``: no office file)."""
        if self.office is None:
            return None
        try:
            status = (self.office / language / f"{name}.txt").stat()
        except OSError:
            return None
        return (status.st_mtime_ns, status.st_size)

    def get(self, language: str, name: str) -> MailTemplate:
        """The template in ``language``, else the Japanese one; raises if neither exists."""
        template = self.find(language, name)
        if template is None and language != FALLBACK_LANGUAGE:
            template = self.find(FALLBACK_LANGUAGE, name)
            if template is not None:
                logger.debug("template %s/%s.txt missing; using the Japanese one", language, name)
        if template is None:
            raise TemplateLoadError(f"no template {name}.txt for {language} nor Japanese")
        return template

    def for_alert(self, alert: Alert, language: str) -> MailTemplate:
        """The most specific template for the alert (see :func:`template_candidates`)."""
        for name in template_candidates(alert):
            if self.find(language, name) is not None or self.find(FALLBACK_LANGUAGE, name):
                return self.get(language, name)
        raise TemplateLoadError(f"no template for {alert.category}/{alert.change}")

    def load_all(self) -> list[MailTemplate]:
        """Every shipped template in every language (parsing checks each one)."""
        return [self.get(language, name) for language in LANGUAGES for name in TEMPLATE_NAMES]

    def _load(self, language: str, name: str) -> MailTemplate | None:
        path: Traversable | Path = self.root / language / f"{name}.txt"
        if self.office is not None and (self.office / language / f"{name}.txt").is_file():
            path = self.office / language / f"{name}.txt"
        elif not path.is_file():
            return None
        return parse_template(language, name, path.read_text(encoding="utf-8"))


def parse_template(language: str, name: str, text: str) -> MailTemplate:
    """One template file's text, checked (raises :class:`TemplateLoadError`) and parsed."""
    where = f"{language}/{name}.txt"
    text = text.removeprefix("\ufeff")  # Notepad's BOM
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if UNSUBSCRIBE_URL_SLOT in text:
        raise TemplateLoadError(
            f"{where}: use $manage_url in footer.txt, not the slot", problem="slot"
        )
    if name == "footer":
        subject = None
        body = text
        allowed = FOOTER_PLACEHOLDERS
        required = {"manage_url"}
    else:
        first, blank, body = [*text.split("\n", 2), "", ""][:3]
        if not first.startswith("Subject:") or blank.strip():
            raise TemplateLoadError(
                f"{where}: must start with 'Subject: …' and a blank line", problem="subject_line"
            )
        subject = _checked(first.removeprefix("Subject:").strip(), SUBJECT_PLACEHOLDERS, where)
        allowed = PLACEHOLDERS
        required = {"footer"}
    body = body.rstrip("\n") + "\n"
    parsed_body = _checked(body, allowed, where)
    for needed in required:  # the unsubscribe link must appear exactly once
        if _occurrences(parsed_body, needed) != 1:
            raise TemplateLoadError(
                f"{where}: must use ${needed} exactly once",
                problem="placeholder_count",
                detail=f"${needed}",
            )
    lines = tuple(body.split("\n"))
    optional = tuple(_optional_placeholder(line) for line in lines)
    return MailTemplate(language, name, subject, lines, optional)


def _checked(text: str, allowed: frozenset[str], where: str) -> string.Template:
    template = string.Template(text)
    if not template.is_valid():
        raise TemplateLoadError(
            f"{where}: a '$' that is not a placeholder (write $$ for '$')", problem="stray_dollar"
        )
    unknown = set(template.get_identifiers()) - allowed
    if unknown:
        names = "$" + ", $".join(sorted(unknown))
        raise TemplateLoadError(
            f"{where}: unknown placeholder {names}", problem="unknown_placeholder", detail=names
        )
    return template


def _occurrences(template: string.Template, name: str) -> int:
    return sum(
        1
        for match in template.pattern.finditer(template.template)
        if name in (match.group("named"), match.group("braced"))
    )


def _optional_placeholder(line: str) -> str | None:
    match = _SOLE_PLACEHOLDER.match(line)
    if match is None:
        return None
    name = match.group(1) or match.group(2)
    return name if name.endswith("_line") or name in ("notices", "jma_text") else None


_default_library: TemplateLibrary | None = None
_default_lock = threading.Lock()


def default_library() -> TemplateLibrary:
    """The shipped templates, shared by every render (each file is read once)."""
    global _default_library
    with _default_lock:
        if _default_library is None:
            _default_library = TemplateLibrary()
        return _default_library


def template_candidates(alert: Alert) -> tuple[str, ...]:
    """Template names to try for ``alert``, most specific first."""
    category = alert.category.value
    names = [f"{category}_{alert.change.value}"]
    if alert.is_follow_up:
        names.append(alert.change.value)
    if alert.category is Category.RAIN and is_observation(alert):
        names.append("rain_observed")
    names.append(category)
    names.append("other")
    return tuple(dict.fromkeys(names))


def is_observation(alert: Alert) -> bool:
    """A gauge reading (feeds.observations), not a JMA announcement."""
    return alert.is_observation
