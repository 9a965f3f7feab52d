"""What the app says beside the map: notices about the data, and links or typed names that name nothing.
Text from data is always shown as text, never as Markdown."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from border_map import i18n
from border_map.model import resolve
from border_map.model.dataset import Dataset
from border_map.render import linebreak
from border_map.web.state import tr


def md_text(text: str) -> str:
    """Text from data files inside an element that renders Markdown (headings, warnings, captions, link
    labels): every ASCII punctuation mark backslash-escaped, which CommonMark defines as literal, so a
    name can never become a link, an image, markup or a colour. It reads exactly as written; a Thai place
    name in it is kept on one line (linebreak.glued_names)."""
    return linebreak.glued_names(str(text)).translate(_MD_ESCAPES)


# Every ASCII character that is neither a letter, a digit nor a space, with a backslash before it.
_MD_ESCAPES = {i: "\\" + chr(i) for i in range(128) if not chr(i).isalnum() and not chr(i).isspace()}


def has_notice(data: Dataset) -> bool:
    """Whether `notice` would say anything: a page that draws its heading inside its first element (Explore's
    map panel) then draws it as an element of its own, above the notice."""
    return bool(data.notice_reason or data.part_notice_reason or st.session_state.get("bm_link_problems"))


def notice(data: Dataset) -> None:
    _ = tr()
    if data.notice_reason:
        st.info(
            _(
                "Running without boundary polygons: {reason}. Districts are drawn as points. Install the "
                "boundaries with `python -m border_map fetch` then `python -m border_map build` "
                "(offline: `fetch --mirror DIR`).",
                reason=md_text(data.notice_reason),
            ),
            icon=":material/info:",
        )
    elif data.part_notice_reason:
        st.info(
            _(
                "The province outlines are not shown: {reason}. Districts and pairs come from the build as usual.",
                reason=md_text(data.part_notice_reason),
            ),
            icon=":material/info:",
        )
    for what, found in st.session_state.pop("bm_link_problems", []):
        link_problem(what, found)


# What a link can name, for the message that says it named something unknown.
LINK_PROBLEMS = {
    "province": i18n.N_("The link asks for a province that is not in the table."),
    "pair": i18n.N_("The link asks for a pair that is not in the table."),
    "story": i18n.N_("The link asks for a story that is not among the model-area stories."),
    "border": i18n.N_("The link asks for a border that the app does not know."),
    "language": i18n.N_("The link asks for a language the app does not have (English: en, Thai: th)."),
    "slide": i18n.N_("The link asks for a slide the deck does not have."),
}


# The same, for a name typed into a page's own box.
TYPED_PROBLEMS = {"province": i18n.N_("No province in the table goes by that name.")}


def link_problem(
    what: str,
    found: resolve.Resolution,
    note: str = "",
    typed: bool = False,
    offer: Callable[[str], None] | None = None,
    shown: Callable[[str], str] = str,
) -> None:
    """Say that a link (`typed`: the page's box) named something unknown. What was typed is shown as plain
    text, never as Markdown. With `offer`, each of the closest names is a button that opens it (`offer(name)`
    in its callback, a step like any other: one history entry), labelled `shown(name)`."""
    _ = tr()
    with st.container(border=True, key=f"bm_problem_{what}"):
        problem = _(TYPED_PROBLEMS[what] if typed else LINK_PROBLEMS[what])
        st.markdown(f":material/link_off: **{problem}** {note}")
        st.text(_("Asked for: {value}", value=found.typed or _("(empty)")))
        if found.suggestions and offer is None:
            st.text(_("Closest: {names}", names=", ".join(found.suggestions)))
        elif found.suggestions:
            with st.container(horizontal=True, vertical_alignment="center", key=f"bm_closest_{what}"):
                st.text(_("Closest:"), width="content")
                for name in found.suggestions:
                    st.button(
                        md_text(shown(name)),  # a button's label is Markdown: the name stays text
                        key=f"bm_closest_{what}_{name}",
                        type="tertiary",
                        on_click=offer,
                        args=(name,),
                    )
