"""The QR code and the A4 poster the office prints for notice boards and the newsletter."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from dispatch.base.errors import ValidationError
from dispatch.wording.poster import qr_png, write_poster

URL = "https://www.city.shinjuku.example.jp/kishomail/"


def test_the_qr_code_is_a_png_of_the_page_and_only_of_a_web_address() -> None:
    image = Image.open(io.BytesIO(qr_png(URL)))
    assert image.format == "PNG" and image.size[0] == image.size[1] >= 250
    with pytest.raises(ValidationError):
        qr_png("javascript:alert(1)")


def test_the_poster_is_an_a4_pdf_and_png(tmp_path: Path) -> None:
    png = write_poster(tmp_path / "poster.png", URL, registration_address="touroku@example.jp")
    with Image.open(png) as image:
        assert image.size == (2480, 3508)  # A4 at 300 dpi
        assert round(image.info["dpi"][0]) == 300
    pdf = PdfReader(write_poster(tmp_path / "poster.pdf", URL))
    (page,) = pdf.pages
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    with pytest.raises(ValidationError):
        write_poster(tmp_path / "poster.docx", URL)


def test_kishomail_registration_poster_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "掲示用.pdf"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KISHOMAIL_")}
    env["KISHOMAIL_LOG_DIR"] = str(tmp_path / "logs")
    result = subprocess.run(
        [sys.executable, "-m", "dispatch", "registration", "poster", "--out", str(out),
         "--url", URL],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert URL in result.stdout
    assert len(PdfReader(out).pages) == 1
