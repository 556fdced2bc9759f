"""The training demo beside the ward's own data: ファイル → 訓練用デモを開く….

It opens in a second window, with its own store in a folder of its own, outside the ward's data
folder (a folder of the ward's store may be locked to the OS service, and nothing of the demo
should ever sit among the ward's files), with its own engine channel: the ward's store and its
running engine are never touched. The demo's data is invented (residents at example.jp), its
mail goes only into its local mailbox, and its window says 訓練 / DEMO in the title and in a
banner across the top, so nobody mistakes it for the ward's.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QLabel, QWidget

#: The per-user folder of the training demo's store (never inside the ward's data folder).
TRAINING_FOLDER = "kishomail-training-demo"


def training_demo_dir() -> Path:
    return platformdirs.user_data_path(TRAINING_FOLDER, appauthor=False)


class TrainingBanner(QLabel):
    """The strip across the top of a training window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(
            self.tr(
                "TRAINING (DEMO): invented data in a folder of its own. Nothing here reaches "
                "a resident, and the ward's data and service are not touched."
            )
        )
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Training demo"))
        # White on teal: 6.6:1 (WCAG AA), a colour no warning level uses (JMA's are yellow,
        # red, purple and black).
        self.setStyleSheet(
            "QLabel { background:#00695c; color:#ffffff; font-weight:bold; padding:6px; }"
        )
