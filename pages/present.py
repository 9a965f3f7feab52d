"""Present: the deck full screen for a projector, driven by arrow keys or a presenter's clicker.

Keys are Streamlit's own button shortcuts: Right, PageDown and Space go forward, Left and PageUp back,
Home and End to either end (a clicker sends PageDown and PageUp). The map is one mounted component whose
overlay and view change per slide, and it ignores the pointer, so focus never moves into its frame,
where the page would stop hearing the keys. The slide number lives in the URL (`?slide=7`).
"""

import streamlit as st

from border_map.model import deck
from border_map.render import maps
from border_map.web import data_cache, entry, look, messages, navigation, state
from border_map.web.components import map_widget

entry.page_setup()
_ = state.tr()
data, border = data_cache.dataset(), state.border()
slides = deck.slides(data, _.lang, border)
total = len(slides)

number = state.slide(total).value or 1
slide = slides[number - 1]


def go(to: int) -> None:
    state.set_params(slide=str(min(max(to, 1), total)))


wide = slide.wide
st.html(look.present_css(wide))
text, picture = st.columns([55, 45] if wide else [31, 69], gap="medium")
with text:
    with st.container(key="bm_slide_text"):
        messages.notice(data)
        st.title(messages.md_text(slide.title), anchor=False)
        if slide.subtitle:
            st.caption(messages.md_text(slide.subtitle))
        if slide.points:
            st.markdown("\n".join("- " + messages.md_text(point) for point in slide.points))
        for figure in slide.figures:
            st.markdown(f"{messages.md_text(figure.label)}: **{messages.md_text(figure.value)}**")
    with st.container(horizontal=True, key="bm_slide_controls", vertical_alignment="center"):
        back, ahead = _("Back (Left, PageUp)"), _("Next (Right, PageDown, Space)")
        st.button("◀", key="bm_back", shortcut="Left", on_click=go, args=(number - 1,), help=back)
        st.markdown(f"**{number} / {total}**")
        st.button("▶", key="bm_forward", shortcut="Right", on_click=go, args=(number + 1,), help=ahead)
        navigation.page_link("pages/overview.py", _("Leave"), ":material/close:")
    with st.container(key="bm_slide_keys"):  # more keys for the same moves; hidden, still heard
        st.button("Home", key="bm_first", shortcut="Home", on_click=go, args=(1,))
        st.button("End", key="bm_last", shortcut="End", on_click=go, args=(total,))
        st.button("PageDown", key="bm_pagedown", shortcut="PageDown", on_click=go, args=(number + 1,))
        st.button("Space", key="bm_space", shortcut="Space", on_click=go, args=(number + 1,))
        st.button("PageUp", key="bm_pageup", shortcut="PageUp", on_click=go, args=(number - 1,))
with picture:
    spec = slide.map
    map_widget.show(
        data,
        maps.MapView(border=border, basemap=state.basemap(), story_markers=True, lang=_.lang),
        page="present",
        pairs=spec.pairs,
        province_key=spec.province.key if spec.province else None,
        fit=spec.fit,
    )
