"""The one place that uses folium's and branca's private names (folium renders every map; branca is its element
tree). As folium 0.20 and branca 0.8 have them:

- an element's children are the ordered dict `_children`, keyed by each child's name;
- an element's JavaScript variable is `get_name()`: its kind (`_name`, camelified) and `_id`, joined by "_";
  setting `_id` names it.

(The map elements' own templates also read `this._parent.get_name()`, and their classes set `_name`: that is
how folium's documentation writes a MacroElement, and tests/unit/test_folium_internals.py checks it too.)

A folium that changes any of it fails those tests by name, and here raises (FoliumChanged, or the
AttributeError of a missing name) rather than return nothing: `offline.external_urls` walked the tree with a
default of no children, so a rename would have left its check for CDN links looking at the map alone.
"""

from __future__ import annotations

import folium
from branca.element import Element

LIVE_MAP = "map_div"  # the variable a function body made by `function_body` takes the live map as


class FoliumChanged(RuntimeError):
    """The installed folium does not name or keep its elements as this module expects."""


def children(element: Element) -> dict[str, Element]:
    """`element`'s children by name, in the order they were added."""
    return element._children


def walk(element: Element):
    """Every element of a folium tree, parents first: the order folium collects script links in."""
    yield element
    for child in children(element).values():
        yield from walk(child)


def name_variable(element: Element, suffix: str) -> str:
    """Give `element` the JavaScript variable `<kind>_<suffix>` and return it."""
    element._id = suffix
    name = element.get_name()
    if not name.endswith("_" + suffix):
        raise FoliumChanged(f"setting _id no longer names the variable: {name!r}")
    return name


def function_body(group: folium.FeatureGroup) -> str:
    """`group` rendered as the body of a JavaScript function of `map_div` (a live Leaflet map) that adds the
    group's layers to that map and returns the group: the app swaps a selection overlay on a map it keeps."""
    host = folium.Map(tiles=None)
    if name_variable(host, "div") != LIVE_MAP:
        raise FoliumChanged(f"a map's variable is {host.get_name()!r}, not {LIVE_MAP!r}")
    group.add_to(host)
    figure = host.get_root()
    figure.render()
    parts = [child.render() for name, child in children(figure.script).items() if name != host.get_name()]
    if not parts:
        raise FoliumChanged("the rendered figure's script holds nothing but the map")
    return "\n".join(parts) + f"\nreturn {group.get_name()};"
