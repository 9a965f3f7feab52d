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


def component_event(at, key: str, event: str, value, first_run_after=None):
    """Run the app again as if the component with `key` had sent `event` with `value`: a click on a sidebar
    control, a map feature or a table row. AppTest has no API for Streamlit's v2 components, so the event goes
    into the run's widget states the way the browser sends it (a JSON list under the component's trigger id),
    and AppTest runs with them as its own `run()` does. Uses Streamlit's private names: pinned in
    requirements.txt, and a change there fails these tests loudly rather than passing them.

    `first_run_after`: another AppTest that showed the component; the event is then `at`'s first run, as when
    a page left open across a server restart sends its next click to a fresh session."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    seen = at if first_run_after is None else first_run_after
    element = next(e for e in seen.get("bidi_component") if e.proto.id.endswith("-" + key))
    states = at._tree.get_widget_states() if first_run_after is None else WidgetStates()
    state = states.widgets.add()
    state.id = _make_trigger_id(element.proto.id, "events")
    state.json_trigger_value = json.dumps([{"event": event, "value": value}])
    return at._run(states)


def choose(at, name: str, value):
    """A click on one of the sidebar's controls (ui_controls): lang, border or basemap."""
    return component_event(at, "bm_controls", "chose", {"name": name, "value": value})


def sidebar_panel(at) -> dict:
    """The sidebar's controls and notes as they were sent (ui_controls): `choices` (name, label, value, options,
    help of each) and `notes`."""
    for element in at.sidebar.get("bidi_component"):
        if element.proto.component_name == "border_map.controls":
            return component_data(element)
    raise AssertionError("the sidebar has no controls")


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
