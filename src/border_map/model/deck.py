"""The workshop deck: an ordered list of slides, each a few lines of text and a view of the map.

The Present page, the exported HTML deck and the deck PDF all show these slides. A slide about a view reads
that view's `Briefing` (model/briefing.py): the title slide its headline figures, a province slide its pairs
table, the findings slide the overview's findings; so a slide never says something the page or the briefing of
the same view does not. Pure data: no markup, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from border_map.i18n import translator
from border_map.model import programme, queries
from border_map.model.briefing import (
    ExportView,
    Figure,
    MapSpec,
    briefing,
    provinces,
    source_lines,
    story_text,
)
from border_map.model.dataset import Dataset
from border_map.model.localnames import place_names
from border_map.model.memo import memo
from border_map.model.resolve import in_reading_order


@dataclass
class Slide:
    kind: str  # title | overview | province | story | findings | closing
    title: str
    subtitle: str = ""
    points: list[str] = field(default_factory=list)
    figures: tuple[Figure, ...] = ()
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
    overview = briefing(data, ExportView("overview", border=border), lang)
    counts = queries.headline(data, border)
    # The title slide's figures set the text's numbers beside the table's; the finding that they differ is said
    # on the slide itself, as the briefings' notes say it (a slide shows no notes).
    differs = [f.text for f in overview.findings if f.kind == "district_count"]
    countries = tr(queries.BORDER_LABELS[border])
    # Every slide says where its map looks: the pages and files that show it only follow.
    whole = MapSpec(border=border, story_markers=True, fit=queries.bounds_of(queries.districts_for_links(data, links)))
    deck = [
        Slide(
            "title",
            tr("People-to-People parallel areas"),
            tr("NTS-Mekong Watch · Department of Provincial Administration (DOPA)"),
            points=differs,
            figures=overview.figures,
            map=whole,
            wide=True,
        ),
        Slide(
            "overview",
            tr("Where the pairs are"),
            tr("Thai border districts and their parallel areas in {countries}", countries=countries),
            points=[
                tr(
                    "{count} Thai districts, {pairs} pairs",
                    count=tr.number(counts["thai_districts"]),
                    pairs=tr.number(counts["pairs"]),
                ),
                tr("Each dashed line joins a district to its parallel area"),
                tr("Numbered markers: the five model-area stories"),
            ],
            map=whole,
        ),
    ]
    for province in in_reading_order(provinces(data), lang):
        if province.country != "THA":
            continue
        mine = queries.links_for_province(data, "THA", province.name, border)
        if mine.empty:
            continue
        brief = briefing(data, ExportView("province", province.key, province, border), lang)
        deck.append(
            Slide(
                "province",
                names.titled("THA", "province", names.province("THA", province.name)),
                brief.subtitle,
                points=[row.short for row in brief.table.rows],
                map=MapSpec(
                    border=border,
                    story_markers=True,
                    pairs=brief.table.pairs,
                    province=province,
                    fit=brief.map.fit,
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
                figures=() if written else tuple(Figure("key_figure", tr("Key figures"), f) for f in told.figures[:1]),
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
    flagged = tuple(dict.fromkeys(p for f in overview.findings for p in f.pairs if p in in_border))
    deck.append(
        Slide(
            "findings",
            tr("What the table leaves open"),
            tr("Points to settle with DOPA before the figures are quoted"),
            points=[f.text for f in overview.findings],
            map=replace(whole, pairs=flagged),
            wide=True,
        )
    )
    sources = source_lines(overview.sources)
    sources.append(tr("Pairs table and programme facts: DOPA, NTS-Mekong Watch project text."))
    deck.append(Slide("closing", tr("Sources and licences"), tr("Thank you"), points=sources, map=whole, wide=True))
    return deck
