"""Atom feeds: the real long feed, and the real poller against a local server (HTTP and HTTPS)."""

from __future__ import annotations

import gzip
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from feeds.atom import AtomPoller, parse_atom, wanted_entries
from feeds.errors import AtomFeedError, FeedFetchError, FeedTooLargeError
from feeds.localfeed import LocalFeedServer
from feeds.model import Family

from .conftest import JMA, SYNTHETIC
from .tlsutil import make_tls

EXTRA_L = JMA / "atom" / "extra_l.xml"


def test_real_long_feed_entries_and_tokyo_prefilter() -> None:
    entries = parse_atom(EXTRA_L.read_bytes(), "extra_l.xml")
    assert len(entries) == 3647
    first = entries[0]
    assert first.title == "府県気象情報"
    assert first.id.endswith("20220714074044_0_VPFJ50_080000.xml")
    assert first.office_code == "080000"
    assert first.author == "水戸地方気象台"
    tokyo = wanted_entries(entries)
    assert len(tokyo) == 78
    assert {entry.title for entry in tokyo} == {
        "気象特別警報・警報・注意報",
        "気象警報・注意報（Ｈ２７）",
    }
    assert all(entry.office_code == "130000" for entry in tokyo)
    assert tokyo[0].content.startswith("【東京都気象警報・注意報】")


def test_earthquake_feed_has_nothing_for_us() -> None:
    entries = parse_atom((JMA / "atom" / "eqvol_l.xml").read_bytes(), "eqvol_l.xml")
    assert len(entries) == 573
    assert wanted_entries(entries, offices=None) == []


def test_hostile_or_foreign_feed_is_refused() -> None:
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/hosts">]><feed/>'
    )
    with pytest.raises(AtomFeedError, match="DTD"):
        parse_atom(hostile, "evil")
    with pytest.raises(AtomFeedError, match="not an Atom feed"):
        parse_atom(b"<rss/>", "rss")


@pytest.fixture
def feed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "published"
    folder.mkdir()
    for name in ("01_20260920T1800_VPWW55.xml", "kanda_1_20260920T1940_VXKO.xml"):
        shutil.copy(SYNTHETIC / name, folder / name)
    return folder


def test_poll_end_to_end_downloads_each_document_once(feed_folder: Path) -> None:
    with LocalFeedServer(feed_folder) as server, AtomPoller([server.feed_url]) as poller:
        first = poller.poll()
        assert sorted(t.family for t in first.telegrams) == [Family.R06, Family.VXKO]
        assert {t.head.title for t in first.telegrams} == {
            "東京都大雨警報・注意報",
            "神田川レベル２氾濫注意報",
        }
        assert first.errors == []
        # Unchanged feed: a conditional GET answered 304, nothing downloaded.
        second = poller.poll()
        assert second.not_modified and second.telegrams == []
        # A new telegram appears: only that one is downloaded.
        shutil.copy(SYNTHETIC / "03_20260920T1910_VPWW55.xml", feed_folder)
        server.refresh()
        third = poller.poll()
        assert [t.source_id.rsplit("_", 1)[-1] for t in third.telegrams] == ["130000.xml"]
        assert third.telegrams[0].head.report_datetime.hour == 19
        documents = {p: n for p, n in server.requests.items() if "/data/" in p}
        assert len(documents) == 3 and set(documents.values()) == {1}
        assert server.requests["/developer/xml/feed/extra.xml"] == 3


def test_other_offices_are_not_downloaded(feed_folder: Path) -> None:
    with LocalFeedServer(feed_folder, office="270000") as server:
        with AtomPoller([server.feed_url]) as poller:
            assert poller.poll().telegrams == []
        assert not any("/data/" in path for path in server.requests)


def test_https_verified_with_the_given_ca_and_refused_without(
    feed_folder: Path, tmp_path: Path
) -> None:
    ca_file, context = make_tls(tmp_path)
    with LocalFeedServer(feed_folder, ssl_context=context) as server:
        assert server.feed_url.startswith("https://localhost:")
        with AtomPoller([server.feed_url], verify=str(ca_file)) as trusting:
            assert len(trusting.poll().telegrams) == 2
        # Default: system CAs only — the self-signed test CA is refused.
        with AtomPoller([server.feed_url]) as default:
            with pytest.raises(FeedFetchError, match="certificate"):
                default.poll()


def test_verification_cannot_be_switched_off() -> None:
    with pytest.raises(ValueError, match="cannot be turned off"):
        AtomPoller(["https://localhost/"], verify=False)


class _Hostile(BaseHTTPRequestHandler):
    """Serves a 60 MB feed (announced or chunked) or a gzip bomb, and fails on /fail."""

    def do_GET(self) -> None:
        if self.path == "/announced":
            self.send_response(200)
            self.send_header("Content-Length", str(60 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<feed>" + b" " * 1024)
        elif self.path == "/bomb":
            body = gzip.compress(b" " * (60 * 1024 * 1024), compresslevel=9)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def hostile_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/announced", "/bomb"])
def test_a_60mb_feed_is_cut_off_by_the_cap(hostile_url: str, path: str) -> None:
    with AtomPoller([hostile_url + path], max_feed_bytes=4 * 1024 * 1024) as poller:
        with pytest.raises(FeedTooLargeError):
            poller.poll()


def test_failures_back_off_exponentially_with_jitter(hostile_url: str) -> None:
    now = [1000.0]
    with AtomPoller(
        [hostile_url + "/fail"], clock=lambda: now[0], backoff_base=30, backoff_max=600
    ) as poller:
        delays = []
        for _ in range(6):
            with pytest.raises(FeedFetchError, match="HTTP 503"):
                poller.poll()
            delays.append(poller.retry_at - now[0])
            assert poller.poll().skipped_backoff  # no request while backing off
            now[0] = poller.retry_at
        assert 15 <= delays[0] <= 30
        assert 30 <= delays[1] <= 60
        assert all(300 <= delay <= 600 for delay in delays[5:])


def test_feed_error_message_is_one_plain_line() -> None:
    error = FeedFetchError("https://example.invalid/feed.xml", "HTTP 503")
    assert "\n" not in str(error)
    assert str(error).startswith("could not fetch https://example.invalid/feed.xml: HTTP 503")


def test_a_document_that_fails_to_download_is_tried_again(feed_folder: Path) -> None:
    """A 503 on a warning's document must not lose the warning."""
    with LocalFeedServer(feed_folder) as server, AtomPoller([server.feed_url]) as poller:
        documents = [path for path in server_documents(server)]
        server.failing[documents[0]] = 2
        first = poller.poll()
        assert len(first.telegrams) == 1 and len(first.errors) == 1
        # The feed is unchanged (304), but the failed document is fetched again.
        second = poller.poll()
        assert second.telegrams == [] and len(second.errors) == 1
        third = poller.poll()
        assert len(third.telegrams) == 1 and third.errors == []
        assert server.requests[documents[0]] == 3
        assert poller.poll().telegrams == []  # and then never again


def test_a_document_that_keeps_failing_is_given_up(feed_folder: Path) -> None:
    from feeds.atom import MAX_DOCUMENT_ATTEMPTS

    with LocalFeedServer(feed_folder) as server, AtomPoller([server.feed_url]) as poller:
        document = server_documents(server)[0]
        server.failing[document] = 100
        for _ in range(MAX_DOCUMENT_ATTEMPTS + 3):
            poller.poll()
        assert server.requests[document] == MAX_DOCUMENT_ATTEMPTS


def server_documents(server: LocalFeedServer) -> list[str]:
    from feeds.localfeed import DATA_PREFIX

    return [DATA_PREFIX + name for name in sorted(server._documents)]
