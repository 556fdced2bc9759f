"""The QR code (二次元コード) of the registration page, and a printable A4 poster (R2.1).

Pure functions: no store, no Qt. The GUI calls :func:`qr_png` to show the code and
:func:`write_poster` to print; ``kishomail registration poster --out FILE.pdf|.png`` too.

The poster is drawn once at 300 dpi (so what is looked at is what is printed) and saved as a
PNG, or as a one-page A4 PDF holding that image losslessly. Japanese text needs a CJK font:
Noto Sans CJK (Linux), Meiryo / Yu Gothic / MS Gothic (Windows) or Hiragino (macOS) is found
by itself; ``font`` names another.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

from dispatch.base.errors import ValidationError

A4_300DPI = (2480, 3508)
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    "C:/Windows/Fonts/meiryob.ttc",
    "C:/Windows/Fonts/meiryo.ttc",
    "C:/Windows/Fonts/YuGothB.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
    "/System/Library/Fonts/ヒラギノ角ゴシック W6.ttc",
)
BLUE = (11, 79, 138)
INK = (26, 26, 26)
WHITE = (255, 255, 255)


def qr_png(url: str, *, scale: int = 10, border: int = 4) -> bytes:
    """The QR code of ``url`` as PNG bytes (error correction M, black on white)."""
    if not url.startswith(("https://", "http://", "mailto:")):
        raise ValidationError("The QR code is for the page's public URL (https://…).")
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


@dataclass(frozen=True)
class PosterText:
    ward: str = "新宿区"
    office: str = "新宿区危機管理課"
    office_en: str = "Shinjuku City Crisis Management Division"
    phone: str = ""


def find_font(font: Path | None = None) -> Path:
    if font is not None:
        if not font.is_file():
            raise ValidationError(f"The font file {font} does not exist.")
        return font
    for candidate in FONT_CANDIDATES:
        path = Path(candidate)
        if path.is_file():
            return path
    raise ValidationError(
        "No Japanese font was found for the poster; install Noto Sans CJK (fonts-noto-cjk) "
        "or give one with --font."
    )


def poster_image(
    url: str,
    *,
    registration_address: str = "",
    text: PosterText | None = None,
    font: Path | None = None,
) -> Image.Image:
    """The A4 poster at 300 dpi."""
    text = text or PosterText()
    font_path = find_font(font)
    image = Image.new("RGB", A4_300DPI, WHITE)
    draw = ImageDraw.Draw(image)
    width, height = A4_300DPI

    def face(size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(font_path), size)

    def centred(y: int, words: str, size: int, fill: tuple[int, int, int] = INK) -> int:
        f = face(size)
        box = draw.textbbox((0, 0), words, font=f)
        draw.text(((width - (box[2] - box[0])) // 2, y), words, font=f, fill=fill)
        return y + int(size * 1.45)

    # the band
    draw.rectangle((0, 0, width, 760), fill=BLUE)
    centred(110, f"{text.ward}の", 110, WHITE)
    centred(250, "気象メール", 260, WHITE)
    centred(570, "Weather alert mail / きしょうメール", 80, WHITE)

    y = 860
    y = centred(y, "大雨・洪水などの気象情報を、いち早くメールで。", 84)
    y = centred(y, "Weather warnings, rain and river levels by e-mail.", 62)
    y += 30

    qr = Image.open(io.BytesIO(qr_png(url, scale=34, border=2))).convert("RGB")
    side = min(qr.size[0], 1250)
    qr = qr.resize((side, side), Image.Resampling.NEAREST)
    image.paste(qr, ((width - side) // 2, y))
    y += side + 40
    y = centred(y, "スマートフォンで読み取って登録", 92)
    y = centred(y, "Scan with your phone to sign up / よみとって とうろく", 58)
    y = centred(y, url, 58, BLUE)

    if registration_address:
        y += 30
        draw.line((200, y, width - 200, y), fill=(180, 180, 180), width=4)
        y += 50
        y = centred(y, "空メールでも登録できます", 80)
        y = centred(y, registration_address, 76, BLUE)
        y = centred(y, "Or send an empty mail to the address above.", 54)

    items = "気象警報・注意報 ／ 雨量 ／ 河川水位 ／ 神田川洪水予報"
    y = max(y + 40, height - 520)
    y = centred(y, items, 62)
    y = centred(y, "登録・変更・停止は無料です（通信料はご負担ください）", 54)
    draw.rectangle((0, height - 250, width, height), fill=BLUE)
    footer = f"{text.office}  {text.phone}".strip()
    centred(height - 215, footer, 66, WHITE)
    centred(height - 120, text.office_en, 48, WHITE)
    return image


def write_poster(
    out: Path,
    url: str,
    *,
    registration_address: str = "",
    text: PosterText | None = None,
    font: Path | None = None,
) -> Path:
    """Write the poster as ``.png`` or ``.pdf`` (A4, one page) by the name's suffix."""
    suffix = out.suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise ValidationError("The poster is written as .pdf or .png.")
    image = poster_image(url, registration_address=registration_address, text=text, font=font)
    if suffix == ".png":
        image.save(out, format="PNG", dpi=(300, 300), optimize=True)
        return out
    from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
    from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    pdf = canvas.Canvas(str(out), pagesize=A4)
    pdf.setTitle(f"{(text or PosterText()).ward} 気象メール 登録案内")
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return out
