"""The workshop deck: an ordered list of slides, each a few lines of text and a view of the map.

The Present page, the exported HTML deck and the deck PDF all show these slides; their words come from
the message catalogue and the same briefing helpers the exports use, so a slide never says something the
briefing of the same view does not. Pure data: no markup, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from border_map.i18n import translator
from border_map.model import programme, queries
from border_map.model.briefing import MapSpec, provinces, story_text
from border_map.model.dataset import Dataset
from border_map.model.findings_text import describe
from border_map.model.localnames import place_names
from border_map.model.memo import memo


@dataclass
class Slide:
    kind: str  # title | overview | province | story | findings | closing
    title: str
    subtitle: str = ""
    points: list[str] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)
    map: MapSpec = field(default_factory=MapSpec)
    wide: bool = False  # a slide of text: the panel takes more of the screen than the map
    ref: str = ""  # the province key or story id the slide is about


def _short_title(title: str) -> tuple[str, str]:
    """Story titles run long: the part before the colon is the slide's title, the rest its subtitle."""
    head, sep, tail = title.partition(":")
    return (head.strip(), tail.strip()) if sep and tail.strip() else (title, "")


def _clip(text: str, limit: int = 140) -> str:
    """A story without written points shows the start of its summary, short enough for a slide."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def slides(data: Dataset, lang: str, border: str = "both") -> list[Slide]:
    """Made once per dataset, language and border (about 0.1 s), not on every key press; shared, never
    to be modified by the caller."""
    return memo(data, ("deck", lang, border), lambda: _slides(data, lang, border))


def _slides(data: Dataset, lang: str, border: str) -> list[Slide]:
    tr, names = translator(lang), place_names(data, lang)
    links = queries.links_for_border(data, border)
    figures = queries.headline(data, border)
    countries = tr(queries.BORDER_LABELS[border])
    start, end = (date.fromisoformat(d) for d in figures["period"])
    # Every slide says where its map looks: the pages and files that show it only follow.
    whole = MapSpec(border=border, story_markers=True, fit=queries.bounds_of(queries.districts_for_links(data, links)))
    deck = [
        Slide(
            "title",
            tr("People-to-People parallel areas"),
            tr("NTS-Mekong Watch · Department of Provincial Administration (DOPA)"),
            figures=[
                (tr("Thai districts"), tr.number(figures["thai_districts"])),
                (tr("Pairs"), tr.number(figures["pairs"])),
                (tr("Total budget"), tr.money(figures["budget"], figures["currency"])),
                (tr("Period"), tr.month_span(start, end)),
            ],
            map=whole,
            wide=True,
        ),
        Slide(
            "overview",
            tr("Where the pairs are"),
            tr("Thai border districts and their parallel areas in {countries}", countries=countries),
            points=[
                tr("{count} Thai districts, {pairs} pairs", count=figures["thai_districts"], pairs=figures["pairs"]),
                tr("Each dashed line joins a district to its parallel area"),
                tr("Numbered markers: the five model-area stories"),
            ],
            map=whole,
        ),
    ]
    for province in provinces(data):
        if province.country != "THA":
            continue
        mine = links[links.thai_province == province.name]
        if mine.empty:
            continue
        shown = names.titled("THA", "province", names.province("THA", province.name))
        deck.append(
            Slide(
                "province",
                shown,
                tr.plural("{count} pair in {province}", "{count} pairs in {province}", len(mine), province=shown),
                points=[
                    names.district("THA", r.thai_province, r.thai_district)
                    + " ↔ "
                    + names.district(r.nb_country, r.nb_province, r.nb_district)
                    + f" ({tr(queries.COUNTRY_NAMES[r.nb_country])})"
                    for r in mine.itertuples()
                ],
                map=MapSpec(
                    border=border,
                    story_markers=True,
                    pairs=tuple(mine.pair_id),
                    province=province,
                    fit=queries.bounds_of(queries.districts_for_links(data, mine)),
                ),
                ref=province.key,
            )
        )
    for story in programme.stories():
        mine = queries.story_links(data, story)
        mine = mine[mine.nb_country.isin(queries.BORDERS[border])]
        if mine.empty:
            continue
        told = story_text(story, tr)
        title, rest = _short_title(told.title)
        place = names.place(tr, "THA", story["thai_province"], story["thai_district"])
        written = programme.localised(story, "points", lang)
        points = list(written) if written else [_clip(told.summary.split(". ")[0])]
        deck.append(
            Slide(
                "story",
                title,
                f"{rest} · {place}" if rest else place,
                points=points[:4],
                # Written points already carry the figures a presenter says; without them, show one.
                figures=[] if written else [(tr("Key figures"), f) for f in told.figures[:1]],
                map=MapSpec(
                    border=border,
                    story_markers=True,
                    pairs=tuple(mine.pair_id),
                    fit=queries.bounds_of(queries.districts_for_links(data, mine)),
                ),
                ref=story["id"],
            )
        )
    in_border = set(links.pair_id)
    warnings = [
        f
        for f in data.findings
        if f["severity"] == "warning" and (not f.get("pair_ids") or in_border & set(f["pair_ids"]))
    ]
    flagged = tuple(p for f in warnings for p in f.get("pair_ids", []) if p in in_border)
    deck.append(
        Slide(
            "findings",
            tr("What the table leaves open"),
            tr("Points to settle with DOPA before the figures are quoted"),
            points=[describe(f, tr, data) for f in warnings],
            map=replace(whole, pairs=flagged),
            wide=True,
        )
    )
    sources = []
    for source in data.sources:
        line, licence = source.get("attribution", ""), source.get("licence", "")
        line = line if licence in line else f"{line} ({licence})"
        if line not in sources:
            sources.append(line)
    sources.append(tr("Pairs table and programme facts: DOPA, NTS-Mekong Watch project text."))
    deck.append(Slide("closing", tr("Sources and licences"), tr("Thank you"), points=sources, map=whole, wide=True))
    return deck
