"""Files a test run makes once for all its workers: the real build, the Thai PDFs, the exports the browser
opens. Each pytest-xdist worker is a session of its own, so a session fixture alone made them once per worker;
here the first worker to ask makes them in the run's own temporary folder while the others wait, and every
later ask reads them. A run starts from a new temporary folder, so nothing is carried from one run to the next.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

_DONE = ".made"


def run_folder(tmp_path_factory) -> Path:
    """This run's temporary folder, the same for every worker (a worker's own is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make(folder)` once per run. A `make` that fails leaves no folder marked
    made: the next ask tries again, and fails the same way in its own test."""
    root = run_folder(tmp_path_factory)
    folder = root / f"made-{name}"
    with open(root / f"made-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when `make` raises
        if not (folder / _DONE).exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / _DONE).touch()
    return folder
