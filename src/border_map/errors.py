"""One exception family so callers (CLI, app, tests) can tell user errors from bugs."""

from __future__ import annotations


class BorderMapError(Exception):
    """Something the user can fix: bad input, a missing or broken file, a failed download."""


class TableError(BorderMapError):
    """The pairs table is structurally broken; `line` is 1-based as an editor shows it."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {problem}")


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
