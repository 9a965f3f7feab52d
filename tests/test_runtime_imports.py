"""The app's runtime reads built layers; it must not import the build pipeline (seconds on a first request)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

PIPELINE = ("border_map.build", "border_map.matching", "border_map.fetch", "border_map.table", "border_map.boundaries")


@pytest.mark.real
def test_pages_do_not_import_the_pipeline(built_dir):
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "import ui_common, ui_map; from border_map.dataset import load_dataset;"
        "data = load_dataset(sys.argv[2]); assert data.has_boundaries;"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('border_map'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(built_dir)], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert "border_map.maps" in loaded
    assert not [m for m in PIPELINE if m in loaded]
