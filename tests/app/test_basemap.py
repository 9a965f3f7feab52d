"""The online basemap says what it does where it is switched on, and on the map when its tiles fail: in the
page's language. The browser half (tiles refused, the note appears) is tests/browser/test_basemap.py."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from border_map.model.dataset import load_dataset
from border_map.names import is_thai_script
from border_map.render import maps
from tests.support.app import sidebar_panel
from tests.support.data import ROOT


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_switch_says_beside_it_that_it_goes_online(points, lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    switch = next(c for c in sidebar_panel(at)["choices"] if c["name"] == "basemap")
    assert "openstreetmap.org" in switch["note"]
    assert is_thai_script(switch["note"]) == (lang == "th")


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_map_with_the_basemap_says_when_its_tiles_fail(tmp_path, lang):
    data = load_dataset(tmp_path / "nothing-built")
    message = maps.translator(lang)(maps.TILES_FAILED)
    script = maps.base_map(data, maps.MapView(basemap=True, lang=lang)).get_root().render()
    assert "'tileerror'" in script
    assert json.dumps(message) in script  # as Jinja's tojson writes it: set as text by the script
    assert is_thai_script(message) == (lang == "th")
    offline = maps.base_map(data, maps.MapView(basemap=False, lang=lang)).get_root().render()
    assert "tileerror" not in offline
