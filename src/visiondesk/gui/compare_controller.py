"""The comparison's side of the window: adding models from any provider, the agreement view
(computed in a worker thread, latest wins) and exports (written in a worker thread).

It gets narrow collaborators: the window's results and picker, the ``RunController`` (to add and
remove columns), the task owner (tasks ``("agreement",)`` and ``("export", path)``), a way to say
something, the providers and the current plan.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from visiondesk.gui.display_names import provider_name

if TYPE_CHECKING:
    from visiondesk.config.providers import ProviderConfig
    from visiondesk.core.compare import ComparisonRow
    from visiondesk.core.result import AnalysisResult
    from visiondesk.gui.compare_add_dialog import AddModelDialog, ProviderChoice
    from visiondesk.gui.compare_grid import CompareGrid
    from visiondesk.gui.main_window import MainWindow
    from visiondesk.gui.run_controller import RunController
    from visiondesk.gui.tasks import TaskOwner
    from visiondesk.session.plan import RunPlan

log = logging.getLogger(__name__)

EXPORT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv"}


class ComparisonController(QObject):
    def __init__(self, window: MainWindow, runs: RunController, tasks: TaskOwner,
                 say: Callable[[str, bool], None], providers: Callable[[], list[ProviderConfig]],
                 plan: Callable[[], RunPlan], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.runs = runs
        self.tasks = tasks
        self._say = say
        self._providers = providers
        self._plan = plan
        self.dialog: AddModelDialog | None = None
        self.window.results.grid_created.connect(self._wire_grid)
        self.window.picker.add_other_requested.connect(self._add_to_picker)
        self.window.export_requested.connect(self.choose_export_file)

    def _wire_grid(self, grid: CompareGrid) -> None:
        grid.add_requested.connect(self._add_to_grid)
        grid.export_requested.connect(self.choose_export_file)
        grid.remove_requested.connect(self._remove_column)
        grid.agreement_changed.connect(self.refresh_agreement)

    def _remove_column(self, pane: object) -> None:
        """Closing a column also unchecks its model, so the next run does not bring it back."""
        from visiondesk.gui.result_pane import ResultPane

        if not isinstance(pane, ResultPane):
            return
        job = self.runs.job(pane)
        self.runs.remove(pane)
        if job is not None:
            self.window.picker.uncheck(job.target.provider_id, job.target.model)

    def _add_to_grid(self) -> None:
        self.choose_model(for_grid=True)

    def _add_to_picker(self) -> None:
        self.choose_model(for_grid=False)

    # ---------------------------------------------------------------- adding models

    def provider_choices(self) -> list[ProviderChoice]:
        from visiondesk.gui.compare_add_dialog import ProviderChoice  # with the dialog, on first use

        return [ProviderChoice(p.id, provider_name(p.name), tuple(m.id for m in p.models))
                for p in self._providers()]

    def choose_model(self, *, for_grid: bool) -> AddModelDialog:
        """Open the provider + model chooser; the choice joins the picker or the running grid."""
        from visiondesk.gui.compare_add_dialog import AddModelDialog

        dialog = AddModelDialog(self.provider_choices(), None, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setProperty("vdForGrid", for_grid)
        dialog.accepted.connect(self._chosen)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _chosen(self) -> None:
        from visiondesk.gui.compare_add_dialog import AddModelDialog

        dialog = self.sender()
        choice = dialog.choice() if isinstance(dialog, AddModelDialog) else None
        if dialog is None or choice is None:
            return
        provider, model = choice
        if dialog.property("vdForGrid"):
            from visiondesk.session.plan import ModelTarget

            self.runs.add_column(ModelTarget(provider.id, model), self._plan())
        else:
            self.window.picker.add_extra(provider.id, provider.name, model)

    # ---------------------------------------------------------------- agreement

    def refresh_agreement(self) -> None:
        """Compare every finished column with the reference, off the GUI thread; latest wins."""
        grid = self.window.results.grid
        if not self.window.results.comparing:
            return
        reference = grid.reference_text()
        if reference is None:
            grid.apply_agreement(None)
            return
        texts = grid.comparable_texts()

        async def compute() -> None:
            from visiondesk.gui.compare_agreement import agreement

            result = await asyncio.to_thread(agreement, reference, texts)
            grid.apply_agreement(result)

        self.tasks.spawn(("agreement",), compute())

    # ---------------------------------------------------------------- export

    def choose_export_file(self) -> None:
        grid = self.window.results.grid
        if not self.window.results.comparing or not grid.rows():
            self._say(self.tr("There is no comparison to export yet."), True)
            return
        from PySide6.QtWidgets import QFileDialog  # not before it is needed: start-up

        dialog = QFileDialog(self.window, self.tr("Export Comparison"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("Markdown (*.md)"), self.tr("JSON (*.json)"),
                               self.tr("CSV (*.csv)")])
        dialog.setDefaultSuffix("md")
        dialog.selectFile("comparison.md")

        def chosen(path: str) -> None:
            suffix = {"json": ".json", "csv": ".csv"}
            selected = dialog.selectedNameFilter()
            target = Path(path)
            for key, ext in suffix.items():
                if f"*.{key}" in selected and target.suffix.lower() not in EXPORT_FORMATS:
                    target = target.with_suffix(ext)
            self.export(target)

        dialog.fileSelected.connect(chosen)
        dialog.open()

    def export(self, path: Path) -> asyncio.Task[None]:
        """Write the comparison to ``path``; the format follows the suffix (.md, .json, .csv)."""
        grid = self.window.results.grid
        pairs = [(row, copy.copy(result)) for row, result in grid.rows()]
        rows = [row for row, _ in pairs]
        results = [result for _, result in pairs]
        prompt = self.runs.prompt
        reference = grid.reference_label()   # what CER was measured against, for the record
        fmt = EXPORT_FORMATS.get(path.suffix.lower(), "markdown")

        async def write() -> None:
            try:
                await asyncio.to_thread(_write_export, path, fmt, rows, results, prompt,
                                        reference)
            except OSError as exc:
                self._say(self.tr("Cannot write {0}: {1}").format(path, exc), True)
                return
            self._say(self.tr("Comparison saved to {0}").format(path), False)

        return self.tasks.spawn(("export", str(path)), write())


def _write_export(path: Path, fmt: str, rows: list[ComparisonRow], results: list[AnalysisResult],
                  prompt: str, reference: str | None = None) -> None:
    from visiondesk.core.compare import to_csv, to_json, to_markdown

    if fmt == "json":
        text = to_json(rows, results, prompt, reference)
    elif fmt == "csv":
        text = to_csv(rows, results)
    else:
        text = to_markdown(rows, results, prompt, with_cer=any(r.cer is not None for r in rows),
                           reference=reference)
    path.write_text(text, encoding="utf-8", newline="" if fmt == "csv" else None)
    log.info("Wrote the comparison to %s (%s)", path, fmt)
