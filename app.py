"""border_map: Thailand's People-to-People border programme on a map. Entry point.

Run with `streamlit run app.py`. Pages live in pages/; the data and maps come from src/border_map.
"""

import streamlit as st
from PIL import Image, ImageDraw


def favicon() -> Image.Image:
    """Drawn here so the browser never fetches an icon from a font CDN (":material/..." icons do)."""
    icon = Image.new("RGB", (32, 32), "#0072B2")
    ImageDraw.Draw(icon).rectangle((16, 0, 31, 31), fill="#E69F00")
    return icon


st.set_page_config(page_title="border_map · P2P parallel areas", page_icon=favicon(), layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/map:", default=True, url_path="overview"),
    st.Page("pages/explore.py", title="Explore by province", icon=":material/travel_explore:", url_path="explore"),
    st.Page("pages/stories.py", title="Model-area stories", icon=":material/auto_stories:", url_path="stories"),
    st.Page("pages/data_sources.py", title="Data & sources", icon=":material/dataset:", url_path="data"),
]
st.navigation(pages).run()
