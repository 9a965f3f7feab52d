"""Shared fixtures. Real boundary data comes from a local mirror, else the internet.

The mirror is `$BORDER_MAP_MIRROR`, else `../shared/geodata` beside the project: the real-data tests run
whenever it is there. In CI (CI=true) they must run: a missing mirror fails them instead of skipping.
"""

from __future__ import annotations

import json
import os
import re
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


def unescaped(markdown: str) -> str:
    """Data inside Markdown is backslash-escaped (ui_common.md_text); read it back as a user sees it."""
    return re.sub(r"\\(.)", r"\1", markdown)


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


def side_panel(at) -> dict | None:
    """The panel the map widget draws beside the map (Explore's pairs, briefing links and chosen pair), as it
    was sent (ui_map.show's `side`); None when the run had none."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.map_panel":
            return component_data(element).get("side")
    return None


def side_texts(at) -> list[str]:
    """Every text the map's side panel and the figures' small print show (the elements that draw text of their
    own beside Streamlit's), in order."""
    parts = []
    figures = figures_panel(at)
    if figures:
        parts += [figures["intro"] or ""]
        if figures.get("downloads"):
            parts += [figures["downloads"]["label"], figures["downloads"]["help"]]
    side = side_panel(at)
    if side is None:
        return parts
    parts += [side["heading"]]
    downloads = side.get("downloads")
    if downloads:
        parts += [downloads["label"], *(link["label"] for link in downloads["links"]), downloads["help"]]
    pair = side.get("pair")
    if pair:
        parts += [pair["heading"], pair["places"], *(n["text"] for n in pair["findings"])]
        parts += [story["label"] for story in pair["stories"]]
    return parts


def app_tables(at) -> list:
    """The app's light tables in an AppTest run (ui_table, and the map's side panel: its pairs, then the chosen
    pair's facts), as DataFrames of the text they show. AppTest knows Streamlit's own elements only; the
    component's data is the table, so it is read from there."""
    found = []
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.table":
            found.append(component_data(element))
        elif element.proto.component_name == "border_map.map_panel":
            side = component_data(element).get("side")
            if side:
                found.append(side["table"])
                if side.get("pair"):
                    found.append(side["pair"]["facts"])
    return [pd.DataFrame(table["rows"], columns=table["columns"]) for table in found]


def figures_panel(at) -> dict | None:
    """The overview's figures element as it was sent (ui_figures): `figures`, `intro` and `downloads`."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == "border_map.figures":
            return component_data(element)
    return None


def app_figures(at) -> list[dict]:
    """The overview's headline figures (ui_figures) in an AppTest run: label, value and help of each."""
    panel = figures_panel(at)
    return [] if panel is None else panel["figures"]


def briefing_lines(at) -> list[str]:
    """Each place a run offers its briefings, as one line of Markdown links: a Markdown element (Stories), the
    map's side panel (Explore) or the figures (the overview)."""
    lines = [m.value for m in at.markdown if "download/" in m.value]
    for panel in (side_panel(at), figures_panel(at)):
        if panel and panel.get("downloads"):
            lines.append(" · ".join(f"[{link['label']}]({link['href']})" for link in panel["downloads"]["links"]))
    return lines


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
