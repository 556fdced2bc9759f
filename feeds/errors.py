"""Typed errors of the feed adapters.

Every error the feeds package raises on purpose derives from :class:`FeedError`. The command line
prints ``str(error)`` as one plain line and exits 1, so each message says what happened, to which
file or feed, and what the operator can do about it. Messages never carry credentials, only
document names and URLs of public feeds.
"""

from __future__ import annotations


class FeedError(Exception):
    """Base class of every expected failure in ``feeds`` (bad telegram, unreachable feed, ...)."""


class TelegramError(FeedError):
    """A telegram could not be turned into a :class:`feeds.model.Telegram`.

    ``source`` names the file or document (path, file name or Atom entry id) and ``reason`` says
    why, so that one bad file in a folder can be reported and the others still processed.
    """

    advice = "check that the file is an unmodified JMA XML telegram"

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason} ({self.advice})")


class TelegramTooLargeError(TelegramError):
    """The document exceeds the size cap and was rejected before parsing."""

    advice = "the size cap protects the service; real JMA telegrams are far smaller"


class MalformedTelegramError(TelegramError):
    """Not well-formed XML, truncated, or a required JMA element is missing or invalid."""


class HostileTelegramError(TelegramError):
    """The document declares a DTD or entities (XXE, billion laughs); it is never expanded."""

    advice = "JMA telegrams never contain a DTD; the file was refused as unsafe"


class UnknownTelegramError(TelegramError):
    """The document is XML but not a JMA ``Report`` telegram this service understands."""

    advice = "only JMA 防災情報XML telegrams can be parsed"


class FeedFetchError(FeedError):
    """An Atom feed or a telegram document could not be downloaded."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(
            f"could not fetch {url}: {reason} (the feed is polled again later; "
            "check the network, proxy and the feed URL in the settings)"
        )


class FeedTooLargeError(FeedFetchError):
    """A downloaded feed or document exceeded its size cap and was abandoned."""


class AtomFeedError(FeedError):
    """An Atom feed document is malformed or hostile."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: not a usable Atom feed: {reason}")


class ObservationError(FeedError):
    """A river-level or rain-gauge observation file could not be read."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason} (see docs/feeds.md for the observation file formats)")


class SourceError(FeedError):
    """A feed source (folder, URL) given by the operator cannot be used."""
