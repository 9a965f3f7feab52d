"""A revised pairs table checked in a child process, for one viewer (web/upload.py shows the result).

The runtime never imports the pipeline, so the check runs as `python -m border_map check`: it reads, validates
and matches the uploaded file and writes a build and its report into a private temporary folder (0700,
tempfile), which is read with the model's own loader and deleted at once. Nothing is written to the served
build. No Streamlit here: the page's section is web/upload.py.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import border_map
from border_map.i18n import N_
from border_map.model.dataset import Dataset, load_built

log = logging.getLogger("border_map")

TYPES = ["csv", "xlsx", "ods"]
CHECK_TIMEOUT_S = 120  # the seed table takes about 2.5 s (imports, boundaries, matching); a slow server 10x
REPORT = "check.json"  # pipeline.check.REPORT_NAME: the child's report


@dataclass
class Checked:
    """One upload, checked: its report (pipeline/check.py), the revised build loaded in memory, and timings."""

    file_id: str
    name: str
    report: dict
    data: Dataset | None
    seconds: float


def _suffix(name: str) -> str:
    """The upload's extension, when it is one the check reads (the content decides the format of a workbook)."""
    suffix = Path(name).suffix.casefold()
    return suffix if suffix.lstrip(".") in TYPES else ""


def run_check(content: bytes, name: str, file_id: str = "") -> Checked:
    """Check `content` (a file the viewer named `name`) in a child process; the temporary folder is gone on
    return, whatever happened."""
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="border_map-upload-"))  # 0700: this process's user only
    try:
        table = folder / f"table{_suffix(name)}"
        table.write_bytes(content)
        out = folder / "check"
        package_root = str(Path(border_map.__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        command = [sys.executable, "-m", "border_map", "check", "--table", str(table), "--out", str(out)]
        try:
            done = subprocess.run(  # noqa: S603 - a list of arguments, no shell: the file's name is one argument
                [*command, "--name", name],
                capture_output=True,
                text=True,
                timeout=CHECK_TIMEOUT_S,
                env=env,
                cwd=folder,
                check=False,
            )
        except subprocess.TimeoutExpired:
            failed = _failed(N_("The check took longer than {seconds} s and was stopped."))
            return Checked(file_id, name, failed, None, 0)
        try:
            report = json.loads((out / REPORT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("upload check of %s failed (%s): %s", name, done.returncode, done.stderr[-2000:])
            return Checked(file_id, name, _failed(N_("The check failed; the server's log says why.")), None, 0)
        data = load_built(out / report["build"]) if report.get("build") else None
        return Checked(file_id, name, report, data, time.perf_counter() - started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _failed(message: str) -> dict:
    return {"ok": False, "errors": [], "problem": None, "failure": message, "table": None, "unmatched": []}
