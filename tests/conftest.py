"""Shared fixtures. Real boundary data comes from a local mirror, else the internet.

The mirror is `$BORDER_MAP_MIRROR`, else `../shared/geodata` beside the project: the real-data tests run
whenever it is there. In CI (CI=true) they must run: a missing mirror fails them instead of skipping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


def _mirror() -> Path | None:
    value = os.environ.get("BORDER_MAP_MIRROR")
    if value:
        return Path(value)
    beside = ROOT.parent / "shared" / "geodata"
    return beside if beside.is_dir() else None


MIRROR = _mirror()


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m border_map ...` as a user would, capturing output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "border_map", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def component_data(element):
    """What an app component (ui_component.packed) sent: its JSON bytes, read back."""
    return json.loads(element.proto.bytes or element.proto.json)


def app_tables(at) -> list:
    """The app's light tables (ui_table) in an AppTest run, as DataFrames of the text they show. AppTest knows
    Streamlit's own elements only; the component's data is the table, so it is read from there."""
    found = []
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.table":
            table = component_data(element)
            found.append(pd.DataFrame(table["rows"], columns=table["columns"]))
    return found


def app_figures(at) -> list[dict]:
    """The overview's headline figures (ui_figures) in an AppTest run: label, value and help of each."""
    found = []
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.figures":
            found += component_data(element)["figures"]
    return found


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"real boundary data unavailable in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sources_dir(tmp_path_factory) -> Path:
    """The catalogued layers, fetched once per session into a temporary directory."""
    dest = tmp_path_factory.mktemp("sources")
    args = ["fetch", "--dest", str(dest)] + (["--mirror", str(MIRROR)] if MIRROR else [])
    result = run_cli(*args)
    if result.returncode != 0:
        unavailable(f"fetch failed (set BORDER_MAP_MIRROR to a local mirror): {result.stderr[-500:]}")
    return dest


@pytest.fixture(scope="session")
def built_dir(sources_dir, tmp_path_factory) -> Path:
    """A real build of the packaged table, shared by the integration and app tests."""
    out = tmp_path_factory.mktemp("build")
    result = run_cli("build", "--sources", str(sources_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


# The app modules (app.py, ui_common.py, pages/) live at the project root.
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="module")
def browser():
    """Debian Chromium through Playwright, one per test module, launched with the flags every browser test and
    the benchmark use. Missing Chromium fails in CI (scripts/test.sh installs it) and skips elsewhere."""
    from browser_support import CHROMIUM, LAUNCH_ARGS

    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium missing in CI: scripts/test.sh installs it")
        pytest.skip("no /usr/bin/chromium (scripts/test.sh installs it)")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()
