"""One exception family so callers (CLI, app, tests) can tell user errors from bugs."""

from __future__ import annotations


class BorderMapError(Exception):
    """Something the user can fix: bad input, a missing or broken file, a failed download."""


class TableError(BorderMapError):
    """The pairs table is broken or cannot be read. `line` is 1-based as the user sees it: the line an editor
    shows for a CSV (`unit` "line"), the row number a spreadsheet shows for a workbook (`unit` "row", with the
    `sheet`). `where` says that place without the file; `problem` says what is wrong and what to do."""

    def __init__(
        self,
        path: str,
        line: int | None,
        problem: str,
        *,
        unit: str = "line",
        sheet: str | None = None,
        values: dict | None = None,
    ):
        # With `values`, `problem` is a message template (marked N_ where it is raised): the English text is it
        # filled in, and a reader in another language gets the template translated, then filled (the upload
        # page, from the check's report). Values are text from the file or numbers, never translated.
        self.template, self.values = (problem, dict(values)) if values is not None else (None, {})
        problem = problem.format(**values) if values is not None else problem
        self.path, self.line, self.problem, self.unit, self.sheet = path, line, problem, unit, sheet
        self.more: list[TableError] = []  # further rows with problems, when the whole table was checked
        super().__init__(f"{path}, {self.where}: {problem}" if self.where else f"{path}: {problem}")

    @property
    def where(self) -> str:
        """'line 5', "sheet 'Pairs', row 5", "sheet 'Pairs'" or '' (the whole file)."""
        parts = [f"sheet '{self.sheet}'"] if self.sheet else []
        if self.line:
            parts.append(f"{self.unit} {self.line}")
        return ", ".join(parts)


class BoundaryFileError(BorderMapError):
    """A boundary layer is missing or unusable; the message says which file and what to do."""

    def __init__(self, path: str, problem: str, remedy: str = ""):
        self.path, self.problem = path, problem
        text = f"{path}: {problem}"
        if remedy:
            text += f" — {remedy}"
        super().__init__(text)


class FetchError(BorderMapError):
    """A layer could not be fetched or did not verify."""


class CatalogueError(BorderMapError):
    """The boundary catalogue is incomplete or malformed."""
