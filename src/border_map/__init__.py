"""border_map: the People-to-People border programme on a map.

The package is a plain Python core (no Streamlit): it reads the programme data, fetches and checks the
public boundary layers, matches the table to polygons and builds folium maps. The Streamlit pages only
wire widgets to it, so every output (app, exports, benchmarks) reads the same data the same way.
"""

__version__ = "0.1.0"
