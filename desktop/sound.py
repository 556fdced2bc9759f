"""The sound on a new レベル４ or higher warning: on by default (a duty officer away from the
screen at night must hear it), turned off per computer in Settings (QSettings).

QtMultimedia's ``QSoundEffect`` plays a short WAV when the module and an audio device are
there; otherwise ``QApplication.beep()``. No new dependency."""

from __future__ import annotations

import io
import logging
import math
import struct
import tempfile
import wave
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

SOUND_KEY = "alerts/sound"


#: The lowest 警戒レベル that sounds: レベル４ (避難指示) and above.
SOUND_FROM_LEVEL = 4


def sound_enabled(settings: QSettings) -> bool:
    """On unless this computer's staff turned it off."""
    return str(settings.value(SOUND_KEY, "true")).lower() in ("true", "1")


def set_sound_enabled(settings: QSettings, on: bool) -> None:
    settings.setValue(SOUND_KEY, "true" if on else "false")


def _chime() -> bytes:
    """Two short tones (880 Hz, 660 Hz) as a 16-bit mono WAV."""
    rate, frames = 22050, bytearray()
    for frequency in (880.0, 660.0):
        for n in range(int(rate * 0.18)):
            fade = min(1.0, (rate * 0.18 - n) / 400)
            value = int(12000 * fade * math.sin(2 * math.pi * frequency * n / rate))
            frames += struct.pack("<h", value)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


class WarningSound:
    """Plays the chime (or beeps) when asked and the setting is on; ``played`` counts."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.played = 0
        self._effect: object | None = None
        self._tried = False

    def _load(self) -> None:
        """QtMultimedia is loaded only once the sound is wanted (it probes audio back ends)."""
        self._tried = True
        try:
            from PySide6.QtMultimedia import QSoundEffect

            path = Path(tempfile.gettempdir()) / "kishomail-chime.wav"
            if not path.exists():
                path.write_bytes(_chime())
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effect = effect
        except Exception:  # no QtMultimedia or no audio back end: the system beep will do
            log.info("QtMultimedia is not available; a new warning beeps instead")

    def play(self) -> bool:
        if not sound_enabled(self.settings):
            return False
        self.played += 1
        if not self._tried:
            self._load()
        effect = self._effect
        if effect is not None and effect.isLoaded():  # type: ignore[attr-defined]
            effect.play()  # type: ignore[attr-defined]
        else:
            QApplication.beep()
        return True
