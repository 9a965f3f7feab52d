"""Explore by province: pick or click a Thai or neighbour province, see its pairs on the map and in a table."""

import streamlit as st

from border_map.model import queries, resolve
from border_map.model.briefing import ExportView, briefing
from border_map.model.localnames import place_names
from border_map.model.memo import memo
from border_map.render import maps
from border_map.web import data_cache, downloads, entry, messages, navigation, pair_panel, state
from border_map.web.components import map_widget, province_box, table_widget

entry.page_setup()
_, place = state.tr(), state.names()
data, border = data_cache.dataset(), state.border()
index = maps.features(data).province_index
in_border = {f"{country}:{name}" for country, name in queries.province_choices(data, border)}
choices = [p for p in resolve.in_reading_order(index, _.lang) if p.key in in_border]  # สระแก้ว under ส in Thai
keys = [p.key for p in choices]
key_set = set(keys)


def chose_province(chosen: str) -> None:
    """The box's choice goes into the URL: one of its options (a key), or a name typed that none of its options
    matches (Enter sends it as typed), read as a link's would be: any spelling of the table's or the boundary
    source's, in either script. An emptied box goes back to the first province. A key of another border's (a
    choice made as the border changed) names its province too, which the page then says has no pairs here."""
    if not chosen.strip():
        state.set_params(province=None, pair=None)
    elif chosen in key_set or any(p.key == chosen for p in index):
        state.set_params(province=chosen.split(":", 1)[1], pair=None)
    else:
        state.typed(province=chosen)
        state.set_params(pair=None)


def on_click(props: dict) -> None:
    """A click on the map or in the panel beside it: a province, a district or link, a table row, a story."""
    kind = props.get("kind")
    if kind == "province" and props.get("province"):
        found = resolve.resolve_province(f"{props['country']}:{props['province']}", index)
        if found.ok and found.value.key in keys:
            state.set_params(province=found.value.name, pair=None)
        return
    if kind == "row":
        pair = props.get("pair_id")
        if isinstance(pair, str) and pair in queries.pair_ids(data):
            state.set_params(pair=pair)
        return
    if kind == "story":
        if props.get("story_id"):
            navigation.ask_for_page("pages/stories.py", story=props["story_id"])
        return
    if kind == "box":  # the province box, drawn by the map panel
        if isinstance(props.get("value"), str):
            chose_province(props["value"])
        return
    # A district of a neighbouring province is drawn (and clickable) around the chosen one: its pair opens in
    # its own Thai province rather than being refused as "not in" the one shown.
    shown = st.session_state.get(SHOWN)
    country, _sep, name = (shown or "").partition(":")
    within = queries.pair_ids(data, border, (country, name)) if shown in keys else frozenset()
    pair = pair_panel.choose_clicked_pair(props, within)  # its details are in the panel: no dialog
    link = queries.link_by_pair(data, pair) if pair is not None and pair not in within else None
    if link is not None:
        state.set_params(province=link.thai_province)


def label(p) -> str:
    """The province in the page's language, with its other-script name so either can be typed to search."""
    shown = place.province(p.country, p.name)
    other = p.name if _.thai else thai.province(p.country, p.name)
    both = shown if other == shown else f"{shown} · {other}"
    return _("{province} ({country})", province=both, country=_(queries.COUNTRY_NAMES[p.country]))


thai = place_names(data, "th")
SHOWN = "bm_explore_province"  # the province the last run showed: a district click is read against it


def box_data(current) -> dict:
    """The province box's data (province_box.content) with `current` in it. Made once per build, border,
    language and province shown, and kept on the dataset (like views' answers): every run needs it."""
    value = current.key if current is not None else None

    def options() -> list[province_box.Option]:
        return [
            province_box.option(p, label(p), (place.province(p.country, p.name), thai.province(p.country, p.name)))
            for p in choices
        ]

    def pack() -> bytes:
        words = province_box.Words(
            label=_("Province"),
            placeholder=_("Choose or type a province"),
            hint=_(
                "Thai provinces first, then the Lao and Cambodian ones. Type a name in any spelling and press "
                "Enter, or click a province on the map."
            ),
            # {typed} is filled in by the browser (province_box.js), as text.
            no_match=_(
                "No province in the list matches “{typed}”. Press Enter to search every spelling.", typed="{typed}"
            ),
        )
        return province_box.content(memo(data, ("explore_box_options", border, _.lang), options), words, value)

    return memo(data, ("explore_box", border, _.lang, value), pack)


def show(current, heading: str | None) -> None:
    """The chosen province: its pairs on the map and, beside it, in the table, with the chosen pair's details.
    The table, the briefing links and the pair are the map widget's side panel, not Streamlit elements of their
    own: an explorer's two runs sent 34 messages, and each costs the server alike under a room of viewers
    (docs/benchmarks.md); one element for all of it halves what a province change sends."""
    asked = state.pair(offered=queries.pair_ids(data, border, (current.country, current.name)))
    selected = asked.value
    if asked.problem is not None or asked.outside is not None:
        title_first(heading)
        heading = None
    if asked.problem is not None:
        messages.link_problem("pair", asked.problem, offer=lambda pair: state.set_params(pair=pair))
    elif asked.outside is not None:
        st.info(
            messages.md_text(
                _(
                    "Pair {pair} is not in {province}; showing the province.",
                    pair=asked.outside,
                    province=place.titled(current.country, "province", place.province(current.country, current.name)),
                )
            )
        )
    view = ExportView("province", current.key, current, border=border)
    briefings = downloads.offer_briefings(data, view)

    def side() -> dict:
        """The province's briefing as the panel shows it: its count, its pairs table and the chosen pair's
        facts are the ones its HTML and PDF print."""
        brief = briefing(data, view, _.lang)
        table = brief.table
        facts = pair_panel.pair_facts(data, selected) if selected else None
        return {
            "heading": brief.subtitle,
            "table": table_widget.data(
                table.columns,
                [row.cells for row in table.rows],
                label=table.heading,
                row_keys=table.pairs,
                selected=selected,
                selectable=True,
                numeric=table.numeric,
            ),
            "downloads": downloads.briefing_links(briefings),
            "pair": pair_panel.as_side(facts) if facts else None,
        }

    map_widget.show(
        data,
        maps.MapView(border=border, basemap=state.basemap(), clickable_provinces=True, lang=_.lang),
        page="explore",
        pairs=(selected,) if selected else (),
        province_key=current.key,
        fit=queries.province_fit(data, current.country, current.name, border),
        on_click=on_click,
        side=side,
        box=lambda: box_data(current),
        heading=heading,
    )
    navigation.follow_asked_page()


def province_view() -> None:
    """The province choice, then its map with the table and pair beside it. Run as a fragment
    (entry.run_alone): choosing a province (the box, a click on the map or the table) reruns only this part,
    not the sidebar and the navigation. The box is the app's own (province_box), drawn by the map's panel when a
    province is on the map, on its own when none is; whichever is drawn draws the page's heading too, unless a
    message came first. In a CPU profile of 50 explorers (yappi) this part was 11 of a full run's 22 ms of
    script time."""
    with state.settings_kept():
        heading = heading_left
        current, link_message = from_url()
        if link_message is not None:
            title_first(heading)
            heading = None
            link_message()
        # The box shows the province on the map, or nothing when none is (a border without it): never a value
        # left from another border.
        st.session_state[SHOWN] = current.key if current is not None else None
        if current is not None:
            show(current, heading)  # the box is drawn by the map's panel, above the map
        else:
            province_box.show(
                memo(
                    data,
                    ("explore_box_alone", border, _.lang, heading),
                    lambda: province_box.pack({**box_data(None), "heading": heading}),
                ),
                on_choose=chose_province,
            )


def title_first(heading: str | None) -> None:
    """The page's heading as an element of its own, for a run with a message above the map panel or the box,
    which otherwise draw it: the heading stays first on the page."""
    if heading is not None:
        st.title(heading, anchor=False)


def from_url():
    """The province the URL names (it decides on every run: a link, a click and the box all write it), and
    what to say when it names none of this border's."""
    asked = state.province(index, offered=key_set)
    if asked.problem is not None:
        return None, lambda: messages.link_problem(
            "province",
            asked.problem,
            _("Choose a province in the box below."),
            typed=asked.typed,
            offer=lambda name: state.set_params(province=name, pair=None),
            shown=lambda name: next((place.province(p.country, p.name) for p in index if p.name == name), name),
        )
    if asked.outside is not None:
        outside = asked.outside
        other = "KHM" if border == "LAO" else "LAO"  # outside one border, all its pairs are on the other
        sides, options, both = queries.BORDER_SIDES, queries.BORDER_LABELS, queries.BORDER_LABELS["both"]
        return None, lambda: st.info(
            _(
                "{province} has no pairs on the {chosen} border; its pairs are on the {other} border. To see "
                "them, choose “{other_option}” or “{both_option}” under Border in the sidebar.",
                province=messages.md_text(
                    place.titled(outside.country, "province", place.province(outside.country, outside.name))
                ),
                chosen=_(sides[border]),
                other=_(sides[other]),
                other_option=_(options[other]),
                both_option=_(both),
            )
        )
    # No province named: the first in the English alphabet, in both languages, so a switch of language keeps it
    # (the first in Thai order was another province: Amnat Charoen became Chanthaburi).
    return asked.value or next(p for p in resolve.in_reading_order(index, "en") if p.key in key_set), None


# The page's heading is drawn by its first element, the map panel or the province box (map_widget.show's
# `heading`), when nothing comes before them; above a notice or a message about the link it is an element of its
# own, so it stays first on the page.
heading_left: str | None = _("Explore by province")
if messages.has_notice(data):
    title_first(heading_left)
    heading_left = None
    messages.notice(data)
entry.run_alone(province_view)
