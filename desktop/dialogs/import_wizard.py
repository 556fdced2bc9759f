"""CSV import: choose a file → the dry-run report (bad lines and why) → commit.

All or nothing, as the core does it: with any bad line nothing is imported; the report says
which lines to fix.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core_words import say
from desktop.errors import describe
from desktop.models.table import Column, RecordTableModel
from desktop.tasks import run_in_background
from desktop.widgets.common import Banner, table_view
from dispatch.operations import subscribers as subscriber_ops
from dispatch.operations.session import Session
from dispatch.operations.subscribers import ImportOutcome
from dispatch.records.subscriber_files import ImportReport, RowProblem


class ImportWizard(QWizard):
    checked = Signal(object)  # ImportReport
    imported = Signal(int)  # rows added

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report: ImportReport | None = None
        self.outcome: ImportOutcome | None = None
        self.setWindowTitle(self.tr("Import subscribers from a CSV file"))
        self.setMinimumSize(760, 520)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.file_page = _FilePage(self)
        self.report_page = _ReportPage(self)
        self.done_page = _DonePage(self)
        self.addPage(self.file_page)
        self.addPage(self.report_page)
        self.addPage(self.done_page)

    # ---- actions (tests call these) ---------------------------------------------------------

    def check(self, path: Path) -> None:
        """The dry run, in the background."""
        self.report = None
        self.report_page.show_checking(path)
        session = self.session
        run_in_background(
            lambda: subscriber_ops.check_import(session, path),
            self._checked,
            self._failed,
            store=session.store,
        )

    def _checked(self, report: ImportReport) -> None:
        self.report = report
        self.report_page.show_report(report)
        self.checked.emit(report)

    def commit(self) -> None:
        path = Path(self.file_page.path.text())
        session = self.session
        self.done_page.result.setText(self.tr("Importing…"))
        run_in_background(
            lambda: subscriber_ops.import_subscribers(session, path),
            self._committed,
            self._failed,
            store=session.store,
        )

    def _committed(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        if outcome.committed:
            self.done_page.result.setText(
                self.tr("%1 subscribers were added.").replace("%1", f"{outcome.added:,}")
            )
        else:
            self.done_page.result.setText(
                self.tr("Nothing was imported: the file has bad lines. Fix them and try again.")
            )
        self.imported.emit(outcome.added)

    def _failed(self, error: BaseException) -> None:
        self.report_page.banner.show_message(describe(error), "error")
        self.done_page.result.setText(describe(error))


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose the CSV file"))
        self.setSubTitle(
            self.tr("UTF-8 or Shift_JIS, with a header line. Columns: email, topics, language …")
        )
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("CSV file"))
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        line = QHBoxLayout()
        line.addWidget(self.path)
        line.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        note = QLabel(self.tr("Next checks the file without changing anything (a dry run)."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("CSV file"), "", self.tr("CSV files (*.csv *.txt)")
        )
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return Path(self.path.text()).is_file()

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        wizard.check(Path(self.path.text()))
        return True


class _ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("What the import would do"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.banner = Banner()
        self.problems = RecordTableModel(
            [
                Column(self.tr("Line"), lambda p: p[0].line, numeric=True),
                Column(self.tr("Problem"), lambda p: say(p[0].reason)),
                Column(self.tr("Kind"), lambda p: p[1]),
            ],
            self,
        )
        self.view = table_view(self.tr("Bad lines"))
        self.view.setModel(self.problems)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(self.view)

    def show_checking(self, path: Path) -> None:
        self.summary.setText(self.tr("Checking %1…").replace("%1", path.name))
        self.banner.clear_message()
        self.problems.replace([])
        self.completeChanged.emit()

    def show_report(self, report: ImportReport) -> None:
        self.summary.setText(
            self.tr(
                "%1 lines read (%2). %3 new subscribers, %4 already registered, %5 "
                "duplicate lines in the file, %6 bad lines."
            )
            .replace("%1", f"{report.rows:,}")
            .replace("%2", report.encoding)
            .replace("%3", f"{len(report.to_add):,}")
            .replace("%4", f"{len(report.already_registered):,}")
            .replace("%5", f"{len(report.duplicates_in_file):,}")
            .replace("%6", f"{len(report.problems):,}")
        )
        rows: list[tuple[RowProblem, str]] = [(p, self.tr("bad line")) for p in report.problems]
        rows += [(p, self.tr("duplicate in file")) for p in report.duplicates_in_file]
        self.problems.replace(rows)
        self.view.resizeColumnsToContents()
        # The step that writes says so on its button: never a plain 「次へ」.
        count = f"{len(report.to_add):,}"
        self.setButtonText(
            QWizard.WizardButton.NextButton,
            self.tr("&Import %1 subscribers").replace("%1", count),
        )
        if report.ok:
            self.banner.show_message(
                self.tr("The file is fine. 「Import %1 subscribers」 registers them.").replace(
                    "%1", count
                ),
                "ok",
            )
        else:
            self.banner.show_message(
                self.tr("Nothing can be imported until the bad lines are fixed."), "error"
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        report = self._wizard.report
        return report is not None and report.ok and bool(report.to_add)

    def validatePage(self) -> bool:
        self._wizard.commit()
        return True


class _DonePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Import"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.result)
