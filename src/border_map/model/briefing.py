"""What a briefing says about one view, in one language: the content every export renders.

The standalone HTML page, each page of the static site and each PDF page are drawn from a `Briefing`,
so they cannot disagree with each other; its selections come from `views` (the same questions the app's
pages ask) and its words from the message catalogue. Pure data: strings and numbers, no markup. The
renderers escape everything they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from border_map.i18n import Translator, translator
from border_map.model import programme, queries
from border_map.model.dataset import Dataset
from border_map.model.findings_text import describe, finding_labels
from border_map.model.localnames import PlaceNames, place_names
from border_map.model.memo import memo
from border_map.model.resolve import (
    Province,
    border_for_url,
    provinces_of,
    resolve_pair,
    resolve_province,
    resolve_story,
)

KINDS = ("overview", "province", "pair", "story")


class ViewError(ValueError):
    """A view name that names nothing: the message says what was given and what is close."""


@dataclass(frozen=True)
class ExportView:
    kind: str  # overview | province | pair | story | booklet
    key: str = ""  # Province.key, pair id or story id
    province: Province | None = None
    # The border filter of the page it is made from: an overview or a province keeps to it, as the page does
    # (a pair or a story is one place, the same under any filter).
    border: str = "both"

    @property
    def slug(self) -> str:
        """A file name: `overview`, `province-tha-loei`, `pair-08-1`, `story-phu-sing-health`; an overview or a
        province under one border says which: `overview-laos`, `province-tha-ubon-ratchathani-cambodia`."""
        if self.kind == "booklet":
            return self.kind
        text = re.sub(r"[^a-z0-9]+", "-", self.key.lower().replace(":", "-")).strip("-")
        name = self.kind if self.kind == "overview" else f"{self.kind}-{text}"
        if self.kind in ("overview", "province") and self.border != "both":
            name += "-" + border_for_url(self.border)
        return name


@dataclass(frozen=True)
class MapSpec:
    """What the map of a view shows; the HTML map and the PDF's vector map both follow it."""

    border: str = "both"
    story_markers: bool = False
    pairs: tuple[str, ...] = ()
    province: Province | None = None
    fit: list[list[float]] | None = None


@dataclass
class Story:
    title: str
    summary: str
    theme: str
    figures: list[str]
    dates: list[str]


@dataclass
class Briefing:
    view: ExportView
    lang: str
    title: str
    subtitle: str
    generated: str
    figures: list[tuple[str, str]]
    columns: list[str]
    rows: list[list[str]]
    row_pairs: list[str]  # the pair id of each row, for links
    story: Story | None
    stories: list[tuple[str, str]]  # (story id, title) of the stories this view touches
    findings: list[str]
    sources: list[tuple[str, str, str]]  # (layer, licence, attribution)
    map: MapSpec
    provinces: list[tuple[str, str]] = field(default_factory=list)  # (Province.key, label) this view touches

    @property
    def tr(self) -> Translator:
        return translator(self.lang)


def provinces(data: Dataset) -> list[Province]:
    return memo(data, ("provinces_of",), lambda: provinces_of(data.links, data.districts))


def parse_view(text: str, data: Dataset, *, allow_booklet: bool = False) -> ExportView:
    """`overview`, `province:NAME` (any name a deep link accepts), `pair:ID`, `story:ID`, `booklet`."""
    kind, _sep, value = (text or "").strip().partition(":")
    kind = kind.strip().lower()
    allowed = KINDS + (("booklet",) if allow_booklet else ())
    if kind in ("overview", "booklet") and kind in allowed and not value.strip():
        return ExportView(kind)
    if kind == "province":
        found = resolve_province(value, provinces(data))
        if found.ok:
            return ExportView("province", found.value.key, found.value)
        raise ViewError(_unknown(text, [f"province:{s}" for s in found.suggestions]))
    if kind == "pair":
        found = resolve_pair(value, list(data.links.pair_id))
        if found.ok:
            return ExportView("pair", found.value)
        raise ViewError(_unknown(text, [f"pair:{s}" for s in found.suggestions]))
    if kind == "story":
        found = resolve_story(value, list(programme.stories()))
        if found.ok:
            return ExportView("story", found.value)
        raise ViewError(_unknown(text, [f"story:{s}" for s in found.suggestions]))
    raise ViewError(_unknown(text, [f"{k}:NAME" if k in ("province", "pair", "story") else k for k in allowed]))


def _unknown(text: str, suggestions: list[str]) -> str:
    closest = ", ".join(suggestions) if suggestions else "none"
    return f"unknown view {text!r}; closest valid views: {closest}"


def all_views(data: Dataset) -> list[ExportView]:
    """Every view a site or booklet has: the overview, each province, each pair, each story."""
    out = [ExportView("overview")]
    out += [ExportView("province", p.key, p) for p in provinces(data)]
    out += [ExportView("pair", p) for p in data.links.pair_id]
    out += [ExportView("story", s["id"]) for s in programme.stories()]
    return out


def _rows(links: pd.DataFrame, tr: Translator, names: PlaceNames) -> tuple[list[str], list[list[str]]]:
    columns = [tr("Pair"), tr("Thai district"), tr("Parallel area"), tr("Distance"), tr("Findings")]
    rows = []
    for link in links.itertuples():
        km = "" if pd.isna(link.distance_km) else tr("{km} km", km=tr.number(link.distance_km, 1))
        rows.append(
            [
                link.pair_id,
                names.place(tr, "THA", link.thai_province, link.thai_district),
                names.place(tr, link.nb_country, link.nb_province, link.nb_district),
                km,
                finding_labels(link.findings, tr),
            ]
        )
    return columns, rows


def story_text(story: dict, tr: Translator) -> Story:
    """A story in the reader's language: the stories page and every export say it alike."""
    lang = tr.lang
    figures = []
    for figure in story.get("key_figures", []):
        value = figure["value"]
        value = (
            f"{tr.number(value[0])}–{tr.number(value[1])}"
            if isinstance(value, list)
            else (tr.number(value) if isinstance(value, (int, float)) else str(value))
        )
        qualifier, unit = programme.localised(figure, "qualifier", lang), programme.localised(figure, "unit", lang)
        # Some units come first: section 64, มาตรา 64.
        words = [qualifier, unit, value] if figure.get("unit_before") else [qualifier, value, unit]
        note = programme.localised(figure, "note", lang)
        text = f"{programme.localised(figure, 'label', lang)}: " + " ".join(w for w in words if w)
        figures.append(f"{text} ({note})" if note else text)
    dates = [f"{tr.partial_date(d['date'])}: {programme.localised(d, 'what', lang)}" for d in story.get("dates", [])]
    theme = programme.THEMES.get(story["theme"])
    return Story(
        programme.localised(story, "title", lang),
        programme.localised(story, "summary", lang),
        tr(theme) if theme else story["theme"],
        figures,
        dates,
    )


def _findings(data: Dataset, pair_ids: set[str] | None, tr: Translator) -> list[str]:
    """Warnings for the overview; for a selection, every finding that names one of its pairs."""
    if pair_ids is None:
        chosen = [f for f in data.findings if f["severity"] == "warning"]
    else:
        chosen = [f for f in data.findings if pair_ids & set(f.get("pair_ids", []))]
    return [describe(f, tr, data) for f in chosen]


def _stories_of(links: pd.DataFrame, tr: Translator) -> list[tuple[str, str]]:
    found = {}
    for link in links.itertuples():
        for story in queries.stories_for_pair(programme.stories(), link):
            found[story["id"]] = programme.localised(story, "title", tr.lang)
    return list(found.items())


def _provinces_of(links: pd.DataFrame, data: Dataset, names: PlaceNames, tr: Translator) -> list[tuple[str, str]]:
    keys = [f"THA:{p}" for p in links.thai_province] + [
        f"{c}:{p}" for c, p in zip(links.nb_country, links.nb_province, strict=True)
    ]
    known = {p.key: p for p in provinces(data)}
    out = {}
    for key in keys:
        if key in known and key not in out:
            p = known[key]
            country = tr(queries.COUNTRY_NAMES[p.country])
            out[key] = tr("{province} ({country})", province=names.province(p.country, p.name), country=country)
    return list(out.items())


def build_briefing(data: Dataset, view: ExportView, lang: str, today: date | None = None) -> Briefing:
    tr, names = translator(lang), place_names(data, lang)
    today = today or date.today()
    sources = [(s.get("id", ""), s.get("licence", ""), s.get("attribution", "")) for s in data.sources]
    common = {"view": view, "lang": tr.lang, "generated": tr.date(today), "sources": sources}
    border = view.border if view.kind in ("overview", "province") else "both"
    figures = queries.headline(data, border)

    if view.kind in ("overview", "booklet"):
        links = queries.links_for_border(data, border)
        countries = queries.BORDER_LABELS[border]
        on_border = {f"{country}:{name}" for country, name in queries.province_choices(data, border)}
        start, end = (date.fromisoformat(d) for d in figures["period"])
        columns, rows = _rows(links, tr, names)
        return Briefing(
            **common,
            title=tr("People-to-People parallel areas"),
            subtitle=tr(
                "Thai border districts and their parallel areas across the border with {countries} "
                "(DOPA, NTS-Mekong Watch).",
                countries=tr(countries),
            ),
            figures=[
                (tr("Thai districts"), tr.number(figures["thai_districts"])),
                (tr("Pairs"), tr.number(figures["pairs"])),
                (tr("Total budget"), tr.money(figures["budget"], figures["currency"])),
                (tr("Period"), tr("{start} to {end}", start=tr.date(start), end=tr.date(end))),
            ],
            columns=columns,
            rows=rows,
            row_pairs=list(links.pair_id),
            story=None,
            stories=[(s["id"], programme.localised(s, "title", tr.lang)) for s in programme.stories()]
            if border == "both"
            else _stories_of(links, tr),
            findings=_findings(data, None if border == "both" else set(links.pair_id), tr),
            map=MapSpec(border=border, story_markers=True),
            provinces=[(p.key, names.province(p.country, p.name)) for p in provinces(data) if p.key in on_border],
        )

    if view.kind == "province":
        p = view.province or next(x for x in provinces(data) if x.key == view.key)
        links = queries.links_for_province(data, p.country, p.name, border)
        columns, rows = _rows(links, tr, names)
        shown = names.titled(p.country, "province", names.province(p.country, p.name))
        return Briefing(
            **common,
            title=tr("{province} ({country})", province=shown, country=tr(queries.COUNTRY_NAMES[p.country])),
            subtitle=tr.plural("{count} pair in {province}", "{count} pairs in {province}", len(links), province=shown),
            figures=[(tr("Pairs"), tr.number(len(links)))],
            columns=columns,
            rows=rows,
            row_pairs=list(links.pair_id),
            story=None,
            stories=_stories_of(links, tr),
            findings=_findings(data, set(links.pair_id), tr),
            map=MapSpec(border=border, province=p, fit=queries.bounds_of(queries.districts_for_links(data, links))),
            provinces=_provinces_of(links, data, names, tr),
        )

    if view.kind == "pair":
        links = data.links[data.links.pair_id == view.key]
        link = links.iloc[0]
        columns, rows = _rows(links, tr, names)
        distance = rows[0][3] or "—"
        stories = _stories_of(links, tr)
        story = next((s for s in programme.stories() if s["id"] == stories[0][0]), None) if stories else None
        return Briefing(
            **common,
            title=tr("Pair {pair}", pair=view.key),
            subtitle=names.place(tr, "THA", link.thai_province, link.thai_district, with_country=True)
            + " – "
            + names.place(tr, link.nb_country, link.nb_province, link.nb_district),
            figures=[
                (tr("Table number"), str(link.no)),
                (tr("Thai district in boundary data"), str(link.thai_source_name or "—")),
                (tr("Counterpart in boundary data"), str(link.nb_source_name or "—")),
                (tr("Distance between polygons"), distance),
            ],
            columns=columns,
            rows=rows,
            row_pairs=[view.key],
            story=story_text(story, tr) if story else None,
            stories=stories,
            findings=_findings(data, {view.key}, tr),
            map=MapSpec(pairs=(view.key,), fit=queries.bounds_of(queries.districts_for_links(data, links))),
            provinces=_provinces_of(links, data, names, tr),
        )

    story = next(s for s in programme.stories() if s["id"] == view.key)
    links = queries.story_links(data, story)
    columns, rows = _rows(links, tr, names)
    told = story_text(story, tr)
    return Briefing(
        **common,
        title=told.title,
        subtitle=names.place(tr, "THA", story["thai_province"], story["thai_district"], with_country=True),
        figures=[(tr("Theme"), told.theme)],
        columns=columns,
        rows=rows,
        row_pairs=list(links.pair_id),
        story=told,
        stories=[(story["id"], told.title)],
        findings=_findings(data, set(links.pair_id), tr),
        map=MapSpec(
            story_markers=True,
            pairs=tuple(links.pair_id),
            fit=queries.bounds_of(queries.districts_for_links(data, links)),
        ),
        provinces=_provinces_of(links, data, names, tr),
    )
