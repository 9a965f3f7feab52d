"""What the browser's names are made of (maps.label_options, model.labels.border_labels, maps.locator): the view
model's labels as they are, none at the live overview's scale, the border's districts for a reader who zooms in,
the locator's outline; and every HTML output carrying them. The placement itself is tested in a real browser
(tests/browser/test_labels.py)."""

from __future__ import annotations

import json
import re

import pytest

from border_map.model import queries
from border_map.model.briefing import MapSpec
from border_map.model.dataset import load_dataset
from border_map.model.labels import OVERVIEW_SPAN, border_labels, map_labels
from border_map.render import maps

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def data(built_dir):
    return load_dataset(built_dir)


def loei(data) -> MapSpec:
    province = next(p for p in maps.features(data).province_index if p.name == "Loei" and p.country == "THA")
    return MapSpec(province=province, fit=queries.province_fit(data, "THA", "Loei", "both"))


def test_the_live_overview_carries_no_names_and_a_slide_carries_the_view_models(data):
    overview = MapSpec(story_markers=True)
    live = maps.label_options(data, overview, "en", always=False, url="/layers/x.json")
    assert live["labels"] == []
    assert live["url"] == "/layers/x.json"
    assert live["span"] == OVERVIEW_SPAN
    slide = maps.label_options(data, overview, "en", always=True, size=maps.SLIDE_LABEL_PX, with_locator=True)
    assert [label["ref"] for label in slide["labels"]] == [label.ref for label in map_labels(data, overview, "en")]
    assert slide["size"] >= 16
    assert "locator" not in slide  # no inset on the whole border


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_province_view_sends_its_names_in_its_language(data, lang):
    got = maps.label_options(data, loei(data), lang, always=False)
    texts = [label["text"] for label in got["labels"]]
    assert texts == [label.text for label in map_labels(data, loei(data), lang)]
    assert ("เชียงคาน" if lang == "th" else "Chiang Khan") in texts
    west, south, east, north = got["box"]
    assert all(west <= label["lon"] <= east and south <= label["lat"] <= north for label in got["labels"])


def test_the_border_labels_are_districts_along_the_whole_border(data):
    labels = border_labels(data, "both", True, "en")
    assert {label.kind for label in labels} == {"district"}
    texts = {label.text for label in labels}
    assert {"Chiang Khan", "Khlong Yai", "Chiang Khong"} <= texts
    assert len({label.ref for label in labels}) == len(labels)
    assert border_labels(data, "both", True, "en") is labels  # made once per dataset


def test_the_locator_outline_and_a_view_on_it(data):
    inset = maps.locator(data)
    assert inset["w"] == maps.LOCATOR_UNITS
    assert inset["h"] > inset["w"]  # the border runs north to south
    numbers = [int(n) for n in re.findall(r"-?\d+", inset["d"])]
    assert min(numbers) >= 0
    assert max(numbers[0::2]) <= inset["w"]
    assert max(numbers[1::2]) <= inset["h"]
    # Loei's extent falls inside the outline's frame, in its upper half.
    (_south, west), (north, _east) = loei(data).fit
    x = (west - inset["west"]) * inset["k"] * inset["s"]
    y = (inset["north"] - north) * inset["s"]
    assert 0 <= x <= inset["w"]
    assert 0 <= y <= inset["h"] / 2
    assert maps.locator(data) is inset


def test_the_html_deck_names_every_slide(data):
    from border_map.render.export_deck import deck_html

    page = deck_html(data, "th", "both").decode()
    assert "function bmLabels" in page
    deck = json.loads(re.search(r"var deck = (\[.*?\]), map = ", page, re.S).group(1))
    assert all(slide["labels"]["size"] >= 16 for slide in deck)
    assert any("เชียงคาน" in [label["text"] for label in slide["labels"]["labels"]] for slide in deck)
    assert deck[0]["labels"]["locator"] is False  # the title slide shows the whole border
    assert any(slide["labels"]["locator"] for slide in deck)
