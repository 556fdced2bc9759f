"""JMA Atom feeds: read, pre-filter, and download each new telegram once.

JMA publishes ``extra.xml`` (warnings, floods, rain; updated every minute, ≥ 10 minutes of
entries), ``regular.xml`` and the long ``*_l.xml`` versions (several days, for catch-up after an
outage). :class:`AtomPoller` polls them the way JMA asks consumers to:

* HTTPS with verified certificates (httpx's default; a CA file can be given for a proxy);
* gzip, and conditional GET (``If-None-Match``/``If-Modified-Since``) so an unchanged feed costs
  a 304;
* timeouts, a size cap on every body (counted on the *decompressed* bytes, so a gzip bomb is cut
  off), exponential back-off with jitter after failures;
* entries pre-filtered by title (only families we parse) and by the office code at the end of
  the data file name (``…_VPWW53_130000.xml`` → 130000 東京都) before anything is downloaded;
* every document downloaded once: ids already seen are remembered (JMA blocks addresses that
  download more than 10 GB a day).
"""

from __future__ import annotations

import logging
import random
import re
import ssl
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final
from urllib.parse import urljoin, urlsplit

import httpx

from feeds.errors import AtomFeedError, FeedFetchError, FeedTooLargeError, TelegramError
from feeds.jma import is_supported_title, parse_telegram
from feeds.model import Telegram
from feeds.safexml import MAX_FEED_BYTES, MAX_TELEGRAM_BYTES, XmlRejectedError, parse_untrusted

logger = logging.getLogger(__name__)

#: Redirects followed for one document (each to the configured host only).
MAX_DOCUMENT_REDIRECTS = 3

#: Downloads of one document before it is given up (one per poll, so minutes apart).
MAX_DOCUMENT_ATTEMPTS = 5

ATOM: Final = "{http://www.w3.org/2005/Atom}"
JMA_EXTRA_FEED: Final = "https://www.data.jma.go.jp/developer/xml/feed/extra.xml"
JMA_EXTRA_LONG_FEED: Final = "https://www.data.jma.go.jp/developer/xml/feed/extra_l.xml"
TOKYO_OFFICE: Final = "130000"

_OFFICE_IN_NAME: Final = re.compile(r"_(\d{6})\.xml$")
USER_AGENT: Final = "kishomail-feeds (Shinjuku City crisis management)"


#: The TCP connect and the TLS handshake with a feed server, as one bound (httpx's "connect"
#: phase covers both, with one deadline over the whole handshake): a server or proxy that takes
#: the connection and never speaks TLS is given up after this, with a message saying so, not
#: after the (longer) read timeout. JMA's servers answer in well under a second; 10 s leaves
#: room for a congested link, and the next poll comes a minute later anyway.
CONNECT_TIMEOUT: Final = 10.0


def jma_client(
    verify: bool | str, timeout: float, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The HTTP client every reader of JMA's servers uses: TLS verified (a CA file becomes an
    SSLContext that still checks host names and chains), our User-Agent, gzip; connect and
    TLS handshake within :data:`CONNECT_TIMEOUT` (or ``timeout`` if shorter)."""
    tls: bool | ssl.SSLContext = (
        ssl.create_default_context(cafile=verify) if isinstance(verify, str) else verify
    )
    return httpx.Client(
        verify=tls,
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"},
        follow_redirects=True,
        transport=transport,
    )


@dataclass(frozen=True, slots=True)
class AtomEntry:
    """One ``entry`` of a JMA Atom feed. ``link`` is the data document URL."""

    id: str
    title: str
    updated: datetime | None
    author: str
    link: str
    content: str

    @property
    def office_code(self) -> str:
        """The 6-digit office/area code at the end of the data file name, ``""`` if none."""
        match = _OFFICE_IN_NAME.search(self.link or self.id)
        return match.group(1) if match else ""


def parse_atom(data: bytes, source: str, *, max_bytes: int = MAX_FEED_BYTES) -> list[AtomEntry]:
    """Entries of an Atom feed document, safely parsed."""
    try:
        root = parse_untrusted(data, max_bytes=max_bytes)
    except XmlRejectedError as rejected:
        raise AtomFeedError(source, rejected.reason) from None
    if root.tag != ATOM + "feed":
        raise AtomFeedError(source, f"root element is {root.tag!r}, not an Atom feed")
    entries: list[AtomEntry] = []
    for entry in root.iterfind(ATOM + "entry"):
        updated_text = (entry.findtext(ATOM + "updated") or "").strip()
        try:
            updated = datetime.fromisoformat(updated_text) if updated_text else None
        except ValueError:
            updated = None
        link_element = entry.find(ATOM + "link")
        entry_id = (entry.findtext(ATOM + "id") or "").strip()
        entries.append(
            AtomEntry(
                id=entry_id,
                title=(entry.findtext(ATOM + "title") or "").strip(),
                updated=updated,
                author=(entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip(),
                link=(link_element.get("href", "") if link_element is not None else "") or entry_id,
                content=(entry.findtext(ATOM + "content") or "").strip(),
            )
        )
    return entries


def wanted_entries(
    entries: Iterable[AtomEntry], offices: Iterable[str] | None = (TOKYO_OFFICE,)
) -> list[AtomEntry]:
    """Entries whose title a parser reads and whose office code is wanted (``None`` = any)."""
    office_set = frozenset(offices) if offices is not None else None
    return [
        entry
        for entry in entries
        if is_supported_title(entry.title)
        and (office_set is None or entry.office_code in office_set)
    ]


@dataclass
class PollResult:
    """What one poll brought: new telegrams, documents that failed, whether the feed changed."""

    telegrams: list[Telegram] = field(default_factory=list)
    errors: list[TelegramError | FeedFetchError] = field(default_factory=list)
    not_modified: bool = False
    skipped_backoff: bool = False


class AtomPoller:
    """Poll one or more Atom feed URLs and return each new wanted telegram once.

    ``verify`` is passed to httpx: ``True`` (default: system/certifi CAs), or a CA bundle path
    for an inspecting proxy. Verification is never switched off by this class. ``clock`` and
    ``rng`` make back-off testable.
    """

    def __init__(
        self,
        feed_urls: Iterable[str] = (JMA_EXTRA_FEED,),
        *,
        offices: Iterable[str] | None = (TOKYO_OFFICE,),
        verify: bool | str = True,
        timeout: float = 20.0,
        max_feed_bytes: int = MAX_FEED_BYTES,
        max_document_bytes: int = MAX_TELEGRAM_BYTES,
        backoff_base: float = 30.0,
        backoff_max: float = 900.0,
        remember: int = 20_000,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if verify is False:
            raise ValueError("TLS verification cannot be turned off for JMA feeds")
        self.feed_urls = tuple(feed_urls)
        self.offices = tuple(offices) if offices is not None else None
        self._client = jma_client(verify, timeout, transport)
        #: Where documents may come from: the configured feeds' own origins (scheme, host, port).
        self._origins = frozenset(_origin(url) for url in self.feed_urls)
        self._max_feed = max_feed_bytes
        self._max_document = max_document_bytes
        self._validators: dict[str, tuple[str, str]] = {}  # url → (etag, last-modified)
        self._seen: OrderedDict[str, None] = OrderedDict()
        #: Documents whose download failed, with the attempts so far: tried again next poll.
        self._retry: OrderedDict[str, tuple[AtomEntry, int]] = OrderedDict()
        self._remember = remember
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._failures = 0
        self._retry_at = 0.0
        self._clock = clock
        self._rng = rng or random.Random()

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._client.close()

    def __enter__(self) -> AtomPoller:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def retry_at(self) -> float:
        """Clock value before which :meth:`poll` does nothing (back-off after failures)."""
        return self._retry_at

    def poll(self) -> PollResult:
        """Fetch every feed once; download and parse entries not seen before.

        Raises :class:`FeedFetchError` when a feed itself cannot be fetched (and schedules a
        back-off). A document whose download fails (network, 5xx) is reported in
        :attr:`PollResult.errors` and tried again at the next polls, up to
        :data:`MAX_DOCUMENT_ATTEMPTS` times — a warning must not be lost to one bad moment; a
        document that downloads but does not parse is reported and not fetched again.
        """
        result = PollResult()
        if self._clock() < self._retry_at:
            result.skipped_backoff = True
            return result
        changed = False
        fresh: list[AtomEntry] = []
        for url in self.feed_urls:
            try:
                body = self._get_feed(url)
            except FeedFetchError:
                self._schedule_backoff()
                raise
            if body is None:
                continue
            changed = True
            try:
                entries = parse_atom(body, url, max_bytes=self._max_feed)
            except AtomFeedError as error:
                self._schedule_backoff()
                raise FeedFetchError(url, error.reason) from None
            fresh += wanted_entries(entries, self.offices)
        fresh_ids = {entry.id for entry in fresh}
        retries = [entry for entry, _ in self._retry.values() if entry.id not in fresh_ids]
        self._download_new(fresh + retries, result)
        self._failures = 0
        self._retry_at = 0.0
        result.not_modified = not changed
        return result

    # -- internals ----------------------------------------------------------------------------

    def _schedule_backoff(self) -> None:
        self._failures += 1
        delay = min(self._backoff_max, self._backoff_base * 2 ** (self._failures - 1))
        delay *= 0.5 + self._rng.random() / 2  # jitter: many clients must not retry in step
        self._retry_at = self._clock() + delay
        logger.warning("feed poll failed %d time(s); next try in %.0f s", self._failures, delay)

    def _get_feed(self, url: str) -> bytes | None:
        headers: dict[str, str] = {}
        etag, last_modified = self._validators.get(url, ("", ""))
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        status, body, response_headers = self._fetch(url, headers, self._max_feed)
        if status == 304:
            logger.debug("feed %s not modified", url)
            return None
        self._validators[url] = (
            response_headers.get("etag", ""),
            response_headers.get("last-modified", ""),
        )
        return body

    def _refusal(self, url: str) -> str:
        """Why the document ``url`` (also after redirects) may not be fetched, or ``""``."""
        origin = _origin(url)
        if origin not in self._origins:
            hosts = ", ".join(sorted({host for _, host, _ in self._origins}))
            return f"the document is not on the configured feed host ({hosts}); refused"
        if origin[0] != "https" and not _is_loopback(origin[1]):
            return "the document is not served over HTTPS; refused"
        return ""

    def _fetch(
        self, url: str, headers: dict[str, str], cap: int, *, document: bool = False
    ) -> tuple[int, bytes, httpx.Headers]:
        if document:  # redirects followed by hand, each hop checked before it is requested
            for _hop in range(MAX_DOCUMENT_REDIRECTS):
                status, body, got = self._fetch_once(url, headers, cap, redirects=False)
                if status not in (301, 302, 303, 307, 308):
                    return status, body, got
                target = urljoin(url, got.get("location", ""))
                refused = self._refusal(target)
                if refused:
                    raise FeedFetchError(url, f"redirected to {target}: {refused}")
                url = target
            raise FeedFetchError(url, "too many redirects")
        return self._fetch_once(url, headers, cap, redirects=True)

    def _fetch_once(
        self, url: str, headers: dict[str, str], cap: int, *, redirects: bool
    ) -> tuple[int, bytes, httpx.Headers]:
        try:
            with self._client.stream(
                "GET", url, headers=headers, follow_redirects=redirects
            ) as response:
                if response.is_redirect and not redirects:
                    return response.status_code, b"", response.headers
                if response.status_code == 304:
                    return 304, b"", response.headers
                if response.status_code != 200:
                    raise FeedFetchError(url, f"HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise FeedTooLargeError(url, f"{int(declared):,} bytes announced, cap {cap:,}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():  # decompressed bytes
                    size += len(chunk)
                    if size > cap:
                        raise FeedTooLargeError(url, f"body exceeds the cap of {cap:,} bytes")
                    chunks.append(chunk)
                return response.status_code, b"".join(chunks), response.headers
        except httpx.HTTPError as error:
            raise FeedFetchError(url, describe_http_error(error, self._client)) from None

    def _download_new(self, entries: list[AtomEntry], result: PollResult) -> None:
        for entry in entries:
            if entry.id in self._seen:
                continue
            refused = self._refusal(entry.link)
            if refused:  # never fetched, never retried: a feed must not point us elsewhere
                logger.warning("not fetching %s: %s", entry.link, refused)
                result.errors.append(FeedFetchError(entry.link, refused))
                self._retry.pop(entry.id, None)
                self._remember_id(entry.id)
                continue
            try:
                _, body, _ = self._fetch(entry.link, {}, self._max_document, document=True)
            except FeedFetchError as error:
                attempts = self._retry.pop(entry.id, (entry, 0))[1] + 1
                result.errors.append(error)
                if attempts >= MAX_DOCUMENT_ATTEMPTS:
                    logger.error("giving up on %s after %d attempts: %s", entry.id, attempts, error)
                    self._remember_id(entry.id)
                else:
                    logger.warning("will retry %s (attempt %d): %s", entry.id, attempts, error)
                    self._retry[entry.id] = (entry, attempts)
                continue
            self._retry.pop(entry.id, None)
            self._remember_id(entry.id)  # downloaded: never fetched again (JMA's terms)
            try:
                telegram = parse_telegram(body, entry.id, max_bytes=self._max_document)
            except TelegramError as error:
                logger.warning("skipping %s: %s", entry.id, error)
                result.errors.append(error)
                continue
            result.telegrams.append(telegram)

    def _remember_id(self, entry_id: str) -> None:
        self._seen[entry_id] = None
        while len(self._seen) > self._remember:
            self._seen.popitem(last=False)


def _origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of ``url``, lower-cased, with the scheme's default port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        port = -1
    return scheme, (parts.hostname or "").lower(), port


def _is_loopback(host: str) -> bool:
    """A feed on this machine (the local test and demo server) may be plain HTTP."""
    return host in ("localhost", "127.0.0.1", "::1")


def describe_http_error(error: httpx.HTTPError, client: httpx.Client) -> str:
    """A one-line reason; certificate failures are named as such (they need an operator)."""
    text = str(error) or type(error).__name__
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return "TLS certificate could not be verified"
    if isinstance(error, httpx.ConnectTimeout):
        return (
            f"no connection and TLS handshake within {client.timeout.connect:g} s (a server "
            "that takes the connection but does not speak TLS, or a blocked network)"
        )
    if isinstance(error, httpx.TimeoutException):
        return "timed out"
    if isinstance(error, httpx.ConnectError):
        return f"connection failed ({text})"
    return text
