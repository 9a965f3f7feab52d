"""The app's runtime reads builds; it never imports the build pipeline (seconds on a first request, and the
fetching and matching libraries a server has no use for). import-linter holds the rule in the code
(pyproject.toml); this proves it where it matters, in a process that has run a page."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.data import ROOT

# A fresh process runs the overview page as a viewer's first request does, then lists what it imported.
RUN_A_PAGE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=120)
at.run()
assert not at.exception, [e.message for e in at.exception]
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("border_map", "pooch", "pythainlp"))))
"""


def _modules_after_a_page(build_dir) -> list[str]:
    env = {**os.environ, "BORDER_MAP_DATA": str(build_dir)}
    result = subprocess.run(
        [sys.executable, "-c", RUN_A_PAGE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_no_pipeline(loaded: list[str]) -> None:
    assert "border_map.render.maps" in loaded  # the page did draw a map
    assert [m for m in loaded if m.startswith("border_map.pipeline")] == []
    assert [m for m in loaded if m.split(".")[0] in ("pooch",)] == []  # the fetcher
    assert [m for m in loaded if m.split(".")[0] == "pythainlp"] == []  # the exports' Thai segmenter


def test_a_page_without_a_build_never_loads_the_pipeline(tmp_path):
    """No build: the packaged points build is read by the same loader, not assembled by the pipeline."""
    _assert_no_pipeline(_modules_after_a_page(tmp_path / "no-build"))


@pytest.mark.real
def test_a_page_with_a_build_never_loads_the_pipeline(built_dir):
    _assert_no_pipeline(_modules_after_a_page(built_dir))
