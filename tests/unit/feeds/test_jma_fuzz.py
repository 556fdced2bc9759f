"""Mutated telegrams: the parsers return a valid telegram or raise TelegramError, nothing else."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds.errors import TelegramError
from feeds.jma import parse_telegram
from feeds.model import Telegram

from .conftest import SYNTHETIC, real_telegrams

SEEDS = (
    [
        path.read_bytes()
        for path in real_telegrams()
        if path.stat().st_size < 40_000  # keep each example fast
    ]
    + [path.read_bytes() for path in sorted(SYNTHETIC.glob("*.xml"))[:6]]
)

ELEMENT_TEXT = re.compile(rb">([^<>]{1,40})<")


def _check(data: bytes) -> None:
    try:
        parsed = parse_telegram(data, "fuzz.xml")
    except TelegramError as error:
        assert error.source == "fuzz.xml"
        return
    assert isinstance(parsed, Telegram)
    assert parsed.head.report_datetime.tzinfo is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    position=st.floats(min_value=0, max_value=1),
    length=st.integers(min_value=0, max_value=64),
    junk=st.binary(max_size=32),
)
def test_byte_splices(seed: bytes, position: float, length: int, junk: bytes) -> None:
    start = int(position * len(seed))
    _check(seed[:start] + junk + seed[start + length :])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    which=st.integers(min_value=0, max_value=10_000),
    text=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="<>&"),
        max_size=20,
    ),
)
def test_element_text_replacements(seed: bytes, which: int, text: str) -> None:
    # Swapping the text of one element keeps the XML well-formed and hits the value readers
    # (codes, times, serials, water levels) rather than the XML parser.
    matches = list(ELEMENT_TEXT.finditer(seed))
    match = matches[which % len(matches)]
    mutated = seed[: match.start(1)] + text.encode("utf-8") + seed[match.end(1) :]
    _check(mutated)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), which=st.integers(min_value=0, max_value=10_000))
def test_element_removal(seed: bytes, which: int) -> None:
    # Dropping a leaf element (<X>…</X>) exercises every "required element missing" path.
    leaves = list(re.finditer(rb"<(\w+)>[^<]*</\1>", seed))
    match = leaves[which % len(leaves)]
    _check(seed[: match.start()] + seed[match.end() :])
