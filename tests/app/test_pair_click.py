"""A click on a district: Explore selects its pair in the panel beside the map, which shows its details, and
opens no dialog over the map; the overview, whose details are below the map, opens them in a dialog. The
browser check of what remains of the dialog on a phone is tests/browser/test_long_labels.py."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support.app import component_event, side_panel
from tests.support.data import ROOT

LOEI_DISTRICT = {"kind": "district", "country": "THA", "pair_ids": "08-1"}  # Chiang Khan, as the map sends it


def _open(page: str | None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in {"lang": "en", **params}.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_district_click_on_explore_selects_its_pair_beside_the_map_and_opens_no_dialog(points):
    at = _open("pages/explore.py", province="Loei")
    assert side_panel(at)["pair"] is None
    at = component_event(at, "bm_map_explore", "clicked", LOEI_DISTRICT)
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["pair"] in ("08-1", ["08-1"])
    assert side_panel(at)["pair"]["heading"] == "Pair 08-1"
    assert at.get("dialog") == []
    at.run()  # and none on the run after it either
    assert at.get("dialog") == []
    assert side_panel(at)["pair"]["heading"] == "Pair 08-1"


def test_a_district_click_on_the_overview_opens_the_pair_in_a_dialog(points):
    at = _open(None)
    at = component_event(at, "bm_map_overview", "clicked", LOEI_DISTRICT)
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["pair"] in ("08-1", ["08-1"])
    assert len(at.get("dialog")) == 1
