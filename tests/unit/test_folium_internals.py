"""What the maps rely on in folium's and branca's private names (render/folium_internals.py), checked against
the installed folium: an upgrade that names or keeps its elements otherwise fails here, by name."""

from __future__ import annotations

import types

import folium
import pytest

from border_map.render import folium_internals
from border_map.render.folium_internals import LIVE_MAP, children, function_body, name_variable, walk
from border_map.render.map_elements import Scale, SelectionPane
from border_map.render.offline import external_urls


def test_children_are_kept_by_name_in_the_order_added():
    fmap = folium.Map(tiles=None)
    first, second = folium.FeatureGroup(name="a"), folium.FeatureGroup(name="b")
    first.add_to(fmap)
    second.add_to(fmap)
    assert list(children(fmap)) == [first.get_name(), second.get_name()]
    assert children(fmap)[first.get_name()] is first


def test_the_walk_reaches_every_element_parents_first():
    fmap = folium.Map(tiles=None)
    group = folium.FeatureGroup().add_to(fmap)
    marker = folium.Marker([15, 103]).add_to(group)
    found = list(walk(fmap))
    assert found.index(fmap) < found.index(group) < found.index(marker)


def test_the_cdn_check_sees_an_element_deep_in_the_tree():
    """offline.external_urls walks the tree: a CDN link held by a grandchild is found (with a walk that sees no
    children it would pass any map)."""
    fmap = folium.Map(tiles=None)
    group = folium.FeatureGroup().add_to(fmap)
    deep = folium.Marker([15, 103]).add_to(group)
    deep.default_js = [("cdn", "https://cdn.example.invalid/x.js")]
    assert "https://cdn.example.invalid/x.js" in external_urls(fmap)


def test_naming_a_variable_names_it_in_the_rendered_script():
    fmap = folium.Map(tiles=None)
    assert name_variable(fmap, "div") == "map_div"
    assert "var map_div = L.map(" in fmap.get_root().render()


def test_a_group_as_a_function_body_of_the_live_map():
    group = folium.FeatureGroup(name="Selection")
    folium.Marker([15, 103]).add_to(group)
    body = function_body(group)
    assert "L.map(" not in body  # the map is the function's argument, not made again
    assert f".addTo({LIVE_MAP})" in body
    assert body.endswith(f"return {group.get_name()};")


def test_the_map_elements_templates_find_their_map_as_their_parent():
    fmap = folium.Map(tiles=None)
    fmap.add_child(Scale())
    fmap.add_child(SelectionPane())
    script = fmap.get_root().render()
    assert f"new Scale({{position: 'bottomright', imperial: false}}).addTo({fmap.get_name()});" in script
    assert f"{fmap.get_name()}.createPane(" in script


def test_a_folium_that_names_variables_otherwise_is_an_error(monkeypatch):
    monkeypatch.setattr(folium.Map, "get_name", lambda self: "leaflet_map")
    with pytest.raises(folium_internals.FoliumChanged):
        function_body(folium.FeatureGroup())


def test_an_element_that_keeps_no_children_where_folium_did_is_an_error_not_a_leaf():
    """As after an upgrade that renamed `_children`: the walk fails instead of seeing a map with nothing in it."""
    with pytest.raises(AttributeError):
        list(walk(types.SimpleNamespace()))
