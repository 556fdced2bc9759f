"""Plain A4 PDFs of text with a Japanese font: the erasure certificate, the handling report.

reportlab is imported when a PDF is written, not when this module is loaded: it is large and
most runs (the engine, the GUI) never write a PDF.
"""

from __future__ import annotations

from pathlib import Path


def write_text_pdf(path: Path, text: str, *, title: str) -> None:
    """A plain A4 PDF of ``text`` with a Japanese font (the first line large)."""
    from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # type: ignore[import-untyped]
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    font = "HeiseiKakuGo-W5"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    height = A4[1]
    y = height - 60
    for number, line in enumerate(text.split("\n")):
        size = 18 if number == 0 else 10
        if y < 50:
            pdf.showPage()
            y = height - 60
        for piece in _wrap(line, 48 if size == 10 else 30):
            pdf.setFont(font, size)
            pdf.drawString(50, y, piece)
            y -= size + 6
    pdf.save()


def _wrap(line: str, width: int) -> list[str]:
    """Break a line so that it fits (a full-width character counts two)."""
    pieces, current, used = [], "", 0
    for char in line:
        step = 2 if ord(char) > 0x2E80 else 1
        if used + step > width * 2:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += step
    pieces.append(current)
    return pieces
