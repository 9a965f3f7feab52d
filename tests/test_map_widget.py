"""ui_map feeds streamlit-folium's component directly; it must send what `st_folium` itself would send.

If a streamlit-folium upgrade changes its encoding, this fails before a user sees a blank map.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re

import pytest
import streamlit_folium as sf
from starlette.requests import Request
from starlette.responses import Response

import ui_map
import ui_routes
from border_map import maps
from border_map.dataset import load_dataset
from border_map.offline import use_local_leaflet


def _ids_out(text: str) -> str:
    """folium names every element with a random hex id; two renderings differ only there."""
    return re.sub(r"_[0-9a-f]{32}", "_ID", text)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dataset(tmp_path_factory.mktemp("nothing-built"))


@pytest.fixture
def sent(monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


def test_component_arguments_match_st_folium(data, sent):
    view = maps.MapView(story_markers=True)
    fmap = use_local_leaflet(maps.base_map(data, view, store=ui_map.store_layer))
    sf.st_folium(fmap, key="x", height=400, use_container_width=True, returned_objects=ui_map.RETURNED)
    ui_map.show(data, view, page="x", height=400)
    theirs, ours = sent
    assert _ids_out(ours["script"]) == _ids_out(theirs["script"])
    assert _ids_out(ours["html"]) == _ids_out(theirs["html"])
    assert _ids_out(ours["header"]) == _ids_out(theirs["header"] + ui_map.FILL_FRAME)
    assert ours["css_links"] == theirs["css_links"]
    assert ours["js_links"] == theirs["js_links"] == ["/vendor/leaflet/leaflet.js"]
    for name in ("height", "width", "returned_objects", "default", "zoom", "center", "layer_control"):
        assert ours[name] == theirs[name], name


def test_base_is_rendered_once_and_kept_across_selections(data, sent):
    view = maps.MapView(border="KHM")
    ui_map.show(data, view, page="y")
    ui_map.show(data, view, page="y", pairs=("34-1",), fit=[[13.0, 103.0], [14.5, 105.0]])
    first, second = sent
    assert first["script"] is second["script"]  # the cached rendering, not an equal copy
    assert first["key"] == second["key"]  # same component instance: the map stays mounted
    assert first["feature_group"] is None
    assert "fitBounds([[13.0, 103.0], [14.5, 105.0]]" in second["feature_group"]
    assert "map_div.addLayer(feature_group_feature_group_0)" in second["feature_group"]


def test_each_view_has_its_own_component(data, sent):
    ui_map.show(data, maps.MapView(border="LAO"), page="z")
    ui_map.show(data, maps.MapView(border="KHM"), page="z")
    assert sent[0]["key"] != sent[1]["key"]


def test_layers_are_held_by_content():
    store = ui_routes.LayerStore(max_entries=2)
    collection = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"n": "เลย"}}]}
    url = store.put("districts-THA", collection)
    again = store.put("districts-THA", collection)
    other = store.put("districts-THA", {"type": "FeatureCollection", "features": []})
    assert url == again != other
    assert url.startswith("/layers/districts-THA.")
    assert url.endswith(".json")
    raw, packed = store.get(url.rsplit("/", 1)[1])
    assert json.loads(raw) == collection
    assert gzip.decompress(packed) == raw
    store.put("links-both", {"type": "FeatureCollection", "features": []})  # over the bound: the oldest goes
    assert store.get(url.rsplit("/", 1)[1]) is None
    assert store.get(other.rsplit("/", 1)[1]) is not None
    assert len(store) == 2


def _get(path: str, gzip_ok: bool) -> Response:
    headers = [(b"accept-encoding", b"gzip, deflate")] if gzip_ok else []
    file = path.rsplit("/", 1)[1]
    scope = {"type": "http", "method": "GET", "path": path, "path_params": {"file": file}, "headers": headers}
    return asyncio.run(ui_routes.serve_layer(Request(scope)))


def test_layer_route_serves_compressed_immutable_bytes_and_names_a_miss():
    url = ui_routes.store_layer("provinces-table", {"type": "FeatureCollection", "features": []})
    packed, plain = _get(url, gzip_ok=True), _get(url, gzip_ok=False)
    assert packed.status_code == plain.status_code == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(packed.body) == plain.body
    assert "immutable" in packed.headers["cache-control"]
    assert packed.media_type == "application/json"
    missing = _get("/layers/provinces-table.0000000000000000.json", gzip_ok=True)
    assert missing.status_code == 404
    assert b"reload" in missing.body
