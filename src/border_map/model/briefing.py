"""The view model: what one view (the overview, a province, a pair, a story) says, in one language.

A `Briefing` is made once per build, view and language (`briefing`, kept on the dataset) and every output of
the view reads its fields: the app's pages (the overview's figures, Explore's table and pair panel), the HTML
and PDF briefings, and the deck's slides. The headline figures (`Figure`), the pairs table (`PairTable`) and a
pair's facts (`PairFacts`) are made here and nowhere else, so a page and a file of the same view cannot drift
apart; renderers decide layout only. Pure data: strings and numbers, no markup. The renderers escape
everything they are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from border_map.i18n import N_, Translator, translator
from border_map.model import programme, queries
from border_map.model.dataset import Dataset
from border_map.model.findings_text import describe, finding_labels
from border_map.model.localnames import PlaceNames, place_names
from border_map.model.memo import memo
from border_map.model.resolve import (
    Province,
    border_for_url,
    in_reading_order,
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


@dataclass(frozen=True)
class Story:
    """A model-area story in the reader's language (`story_text`): the Stories page, the briefings, the deck."""

    title: str
    summary: str
    theme: str
    figures: list[str]
    dates: list[str]


@dataclass(frozen=True)
class Figure:
    """A headline figure: what it counts, its value as the reader's language writes it, and where the value
    comes from (the page shows `note` on hover, the exports print it beneath). `key` names the figure for code
    and tests, whatever the language."""

    key: str
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Finding:
    """A doubt about the table, said in the reader's language; `pairs` are the pairs it names (none: the table
    as a whole), `label` its kind as the Notes column says it."""

    text: str
    warning: bool
    label: str
    pairs: tuple[str, ...] = ()
    kind: str = ""  # the build's kind (district_count, not_adjacent…), whatever the language


@dataclass(frozen=True)
class PairRow:
    """One pair as a row of a view's table: text, in the reader's language."""

    pair: str
    thai: str  # the Thai district with its province
    neighbour: str  # the parallel area with its province and country
    distance: str  # km between the polygons as a number in the reader's language; "" when unknown
    notes: str  # the kinds of the view's findings that name the pair, then its stories by marker number
    # The pair said short, for a slide that already names the province: "Chiang Khan ↔ Sanakham (Laos)".
    short: str = ""

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.pair, self.thai, self.neighbour, self.distance, self.notes)


@dataclass(frozen=True)
class PairTable:
    """The pairs of a view as every table of them shows them: Explore's side panel, the HTML and the PDF."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[PairRow, ...]
    numeric: tuple[bool, ...] = (False, False, False, True, False)  # right-aligned columns

    @property
    def pairs(self) -> tuple[str, ...]:
        return tuple(row.pair for row in self.rows)


@dataclass(frozen=True)
class PairFacts:
    """What is said of one pair: the app's pair panel and dialog, and the pair's briefing."""

    pair: str
    heading: str
    thai: str  # the Thai district with its province and country
    neighbour: str
    facts: tuple[tuple[str, str], ...]  # (label, value)
    findings: tuple[Finding, ...]
    stories: tuple[tuple[str, str], ...]  # (story id, label)


@dataclass(frozen=True)
class Briefing:
    """One view in one language, made once (`briefing`): every page, file and slide that shows the view reads
    these fields, so they say the same. `generated` is the one field that changes with the day: a file's copy
    carries it (`build_briefing`)."""

    view: ExportView
    lang: str
    title: str
    subtitle: str
    figures: tuple[Figure, ...]
    table: PairTable
    pair: PairFacts | None  # a pair's view: its facts
    story: Story | None  # a story's view, or a pair's that has one: told in full
    stories: tuple[tuple[str, str], ...]  # (story id, label) of the stories this view touches
    findings: tuple[Finding, ...]
    sources: tuple[tuple[str, str, str], ...]  # (layer, licence, attribution)
    map: MapSpec
    provinces: tuple[tuple[str, str], ...] = ()  # (Province.key, label) this view touches
    generated: str = ""

    @property
    def tr(self) -> Translator:
        return translator(self.lang)


def source_lines(sources: tuple[tuple[str, str, str], ...]) -> list[str]:
    """A view's boundary sources as lines to print, in the view's language: each layer's attribution with its
    licence (added when the attribution does not name it), once each. The layer ids (tha-adm2…) are the Data
    page's; a reader of a briefing needs who made the layer and under which terms."""
    lines: list[str] = []
    for _layer, licence, attribution in sources:
        line = attribution if licence in attribution else f"{attribution} ({licence})"
        if line not in lines:
            lines.append(line)
    return lines


def source_labels(sources: tuple[tuple[str, str, str], ...]) -> list[str]:
    """Each layer said short, for a page with no room for the lines: "Thailand districts (CC BY 3.0 IGO)" /
    "อำเภอของไทย (CC BY 3.0 IGO)", the part of its attribution before the colon."""
    return list(
        dict.fromkeys(
            f"{attribution.split(': ', 1)[0]} ({licence})" if licence else attribution  # supplied: said whole
            for _l, licence, attribution in sources
        )
    )


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


def all_views(data: Dataset, lang: str = "en") -> list[ExportView]:
    """Every view a site or booklet has: the overview, each province (in the order the language sorts their
    names), each pair, each story."""
    out = [ExportView("overview")]
    out += [ExportView("province", p.key, p) for p in in_reading_order(provinces(data), lang)]
    out += [ExportView("pair", p) for p in data.links.pair_id]
    out += [ExportView("story", s["id"]) for s in programme.stories()]
    return out


STATUS = {"matched": N_("matched"), "unmatched": N_("unmatched")}


def headline_figures(data: Dataset, border: str, lang: str) -> tuple[Figure, ...]:
    """The programme in four figures: the overview page, the overview's briefing and the deck's title slide.
    Values are as the programme text states them where it states them (the budget per district, the number of
    target districts, the period to the day, as a Thai official writes a period: 15 มิถุนายน – 15 กันยายน 2567)
    and counted from the table where it does not; each note says which, so no derived number passes for a
    stated one. Where the two differ (the text's 44 target districts, the table's 43) both stand side by side
    and the note names the build's finding about it; a total is only ever the text's own figures multiplied
    (44 × 80,000 THB), never the table's count times the budget."""

    def compute() -> tuple[Figure, ...]:
        tr, figures = translator(lang), queries.headline(data, border)
        start, end = (date.fromisoformat(d) for d in figures["period"])
        per, currency, stated = figures["budget_per_district"], figures["currency"], figures["districts_stated"]
        listed, table = figures["thai_districts"], figures["thai_districts_table"]
        count = tr.number(listed)
        finding = _district_count_label(data, tr)
        if stated is None or (stated == listed and border == "both"):
            districts = count
        elif border == "both":
            districts = tr("{listed} (stated: {stated})", listed=count, stated=tr.number(stated))
        else:
            districts = tr("{listed} (stated: {stated} on both borders)", listed=count, stated=tr.number(stated))
        amount = tr.money(per, currency)
        if stated is None:
            budget_note = tr("As stated in the programme text, which names no number of districts and no total.")
        else:
            budget_note = tr(
                "As stated in the programme text: {amount} for each of {stated} target districts, {total} in all "
                "({stated} × {amount}).",
                amount=amount,
                stated=tr.number(stated),
                total=tr.money(per * stated, currency),
            )
            if table != stated:
                budget_note += " " + _table_count_note(tr, table, finding)
        districts_note = tr("Distinct Thai districts in the table.")
        if stated is not None and (stated != table or border != "both"):
            districts_note = tr(
                "Distinct Thai districts in the table; the programme text states {stated} target districts.",
                stated=tr.number(stated),
            )
            if stated != table and finding:
                districts_note += " " + tr("See the finding “{finding}”.", finding=finding)
        return (
            Figure("thai_districts", tr("Thai districts"), districts, districts_note),
            Figure(
                "pairs",
                tr("Pairs"),
                tr.number(figures["pairs"]),
                tr("Rows of the table: a district with two counterparts counts twice."),
            ),
            Figure("budget", tr("Budget per district"), amount, budget_note),
            Figure("period", tr("Period"), tr.date_span(start, end), tr("As stated in the programme text.")),
        )

    return memo(data, ("headline_figures", border, lang), compute)


def _district_count_label(data: Dataset, tr: Translator) -> str:
    """The kind of the build's finding that the table's districts differ from the text's, as the Notes column
    and the Findings lists name it; "" when the build found no such difference."""
    found = any(f.get("kind") == "district_count" for f in data.findings)
    return finding_labels(["district_count"], tr) if found else ""


def _table_count_note(tr: Translator, listed: int, finding: str) -> str:
    if finding:
        return tr(
            "The pairs table lists {listed} distinct Thai districts: see the finding “{finding}”.",
            listed=tr.number(listed),
            finding=finding,
        )
    return tr("The pairs table lists {listed} distinct Thai districts.", listed=tr.number(listed))


def _finding(finding: dict, tr: Translator, data: Dataset) -> Finding:
    kind = finding.get("kind", "")
    return Finding(
        describe(finding, tr, data),
        finding.get("severity") == "warning",
        finding_labels([kind], tr) if kind else "",
        tuple(finding.get("pair_ids", [])),
        kind,
    )


def _findings(data: Dataset, pair_ids: set[str], tr: Translator) -> tuple[Finding, ...]:
    """A selection's findings (a province, a pair, a story): every finding that names one of its pairs, notes
    included."""
    return tuple(_finding(f, tr, data) for f in data.findings if pair_ids & set(f.get("pair_ids", [])))


def _overview_findings(data: Dataset, links: pd.DataFrame, tr: Translator) -> tuple[Finding, ...]:
    """The overview's (and the deck's): its warnings, those about the table as a whole and those naming a pair
    on its border."""
    shown = set(links.pair_id)
    return tuple(
        _finding(f, tr, data)
        for f in data.findings
        if f["severity"] == "warning" and (not f.get("pair_ids") or shown & set(f["pair_ids"]))
    )


def story_number(story_id: str) -> int:
    """The number a story's marker shows on every map (maps.features numbers them in the same order)."""
    return next(i for i, story in enumerate(programme.stories(), start=1) if story["id"] == story_id)


def _story_label(story: dict, tr: Translator) -> str:
    return tr(
        "Story {number}: {title}",
        number=story_number(story["id"]),
        title=programme.localised(story, "title", tr.lang),
    )


def _table(
    links: pd.DataFrame, findings: tuple[Finding, ...], tr: Translator, names: PlaceNames, stories: bool = True
) -> PairTable:
    """The notes of a row are the kinds of the findings the view lists for its pair, so the Notes column and the
    Findings section cannot disagree; then the pair's stories by marker number (`stories`), which the view's
    list of stories names (a story's own view has no such list: every row is its story's)."""
    rows = []
    for link in links.itertuples():
        labels = list(dict.fromkeys(f.label for f in findings if link.pair_id in f.pairs and f.label))
        told = queries.stories_for_pair(programme.stories(), link) if stories else []
        numbers = [tr("Story {number}", number=story_number(story["id"])) for story in told]
        rows.append(
            PairRow(
                link.pair_id,
                names.place(tr, "THA", link.thai_province, link.thai_district),
                names.place(tr, link.nb_country, link.nb_province, link.nb_district, romanised=True),
                "" if pd.isna(link.distance_km) else tr.number(link.distance_km, 1),
                "; ".join(note for note in [", ".join(labels), *numbers] if note),
                # Titled in Thai: Amphoe Mueang Bueng Kan untitled reads "เมืองบึงกาฬ", as a Lao เมือง would.
                names.titled_district("THA", link.thai_province, link.thai_district)
                + " ↔ "
                + names.titled_district(link.nb_country, link.nb_province, link.nb_district)
                + f" ({tr(queries.COUNTRY_NAMES[link.nb_country])})",
            )
        )
    columns = (tr("Pair"), tr("Thai district"), tr("Parallel area"), tr("Distance km"), tr("Notes"))
    return PairTable(tr("Pairs"), columns, tuple(rows))


def _in_source(names: PlaceNames, feature_id, source) -> str:
    """The polygon a pair's district matched, as the boundary source spells it: that spelling is the point of
    the row. In Thai the place's Thai name leads and the source's spelling follows in parentheses."""
    if not isinstance(source, str) or not source:
        return "—"
    shown = names.feature(feature_id, source) if names.thai and isinstance(feature_id, str) else source
    return f"{shown} ({source})" if shown != source else source


def pair_facts(data: Dataset, pair_id: str, lang: str) -> PairFacts | None:
    """One pair's facts, made once per language: the app's panel and the pair's briefing show these."""

    def compute() -> PairFacts | None:
        link = queries.link_by_pair(data, pair_id)
        if link is None:
            return None
        tr, names = translator(lang), place_names(data, lang)
        km = link.distance_km
        distance = "—" if km is None or pd.isna(km) else tr("{km} km", km=tr.number(km, 1))
        return PairFacts(
            pair=link.pair_id,
            heading=tr("Pair {pair}", pair=link.pair_id),
            thai=names.place(tr, "THA", link.thai_province, link.thai_district, with_country=True),
            neighbour=names.place(tr, link.nb_country, link.nb_province, link.nb_district, romanised=True),
            facts=(
                (tr("Table number"), str(link.no)),
                (tr("Thai district in boundary data"), _in_source(names, link.thai_feature_id, link.thai_source_name)),
                (tr("Counterpart in boundary data"), _in_source(names, link.nb_feature_id, link.nb_source_name)),
                (tr("Distance between polygons"), distance),
                (tr("Status"), tr(STATUS[link.status]) if link.status in STATUS else str(link.status)),
            ),
            findings=_findings(data, {link.pair_id}, tr),
            stories=tuple(
                (story["id"], _story_label(story, tr)) for story in queries.stories_for_pair(programme.stories(), link)
            ),
        )

    return memo(data, ("pair_facts", pair_id, lang), compute)


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


def _stories_of(links: pd.DataFrame, tr: Translator) -> tuple[tuple[str, str], ...]:
    found = {}
    for link in links.itertuples():
        for story in queries.stories_for_pair(programme.stories(), link):
            found[story["id"]] = _story_label(story, tr)
    return tuple(found.items())


def _provinces_of(links: pd.DataFrame, data: Dataset, names: PlaceNames, tr: Translator) -> tuple[tuple[str, str], ...]:
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
    return tuple(out.items())


def canonical(view: ExportView, data: Dataset) -> ExportView:
    """One spelling per view, so each is made once: a pair or a story is the same under any border filter, a
    province view carries its Province."""
    if view.kind in ("pair", "story"):
        return ExportView(view.kind, view.key)
    if view.kind == "province":
        known = memo(data, ("provinces_by_key",), lambda: {p.key: p for p in provinces(data)})
        return ExportView("province", view.key, known.get(view.key, view.province), view.border)
    return view


def briefing(data: Dataset, view: ExportView, lang: str) -> Briefing:
    """The view in the language, made once per build (kept on the dataset): pages ask for it on every run, and
    the files and slides of the same view read the same object. Shared, never to be modified by the caller."""
    view = canonical(view, data)
    lang = translator(lang).lang
    return memo(data, ("briefing", view, lang), lambda: _briefing(data, view, lang))


def build_briefing(data: Dataset, view: ExportView, lang: str, today: date | None = None) -> Briefing:
    """The view's briefing dated `today`: what a file prints."""
    found = briefing(data, view, lang)
    return replace(found, generated=found.tr.date(today or date.today()))


def _briefing(data: Dataset, view: ExportView, lang: str) -> Briefing:
    tr, names = translator(lang), place_names(data, lang)
    sources = tuple(
        (s.get("id", ""), s.get("licence", ""), programme.source_text(s, "attribution", tr.lang)) for s in data.sources
    )
    common = {"view": view, "lang": tr.lang, "sources": sources}
    border = view.border if view.kind in ("overview", "province", "booklet") else "both"

    if view.kind in ("overview", "booklet"):
        links = queries.links_for_border(data, border)
        on_border = {f"{country}:{name}" for country, name in queries.province_choices(data, border)}
        findings = _overview_findings(data, links, tr)
        every = tuple((s["id"], _story_label(s, tr)) for s in programme.stories())
        return Briefing(
            **common,
            title=tr("People-to-People parallel areas"),
            subtitle=tr(
                "Thai border districts and their parallel areas across the border with {countries} "
                "(DOPA, NTS-Mekong Watch).",
                countries=tr(queries.BORDER_LABELS[border]),
            ),
            figures=headline_figures(data, border, tr.lang),
            table=_table(links, findings, tr, names),
            pair=None,
            story=None,
            stories=every if border == "both" else _stories_of(links, tr),
            findings=findings,
            map=MapSpec(border=border, story_markers=True),
            provinces=tuple(
                (p.key, names.province(p.country, p.name))
                for p in in_reading_order(provinces(data), tr.lang)
                if p.key in on_border
            ),
        )

    if view.kind == "province":
        p = view.province
        links = queries.links_for_province(data, p.country, p.name, border)
        findings = _findings(data, set(links.pair_id), tr)
        unit = names.unit(p.country, "province", p.name)
        shown = names.titled(p.country, "province", names.province(p.country, p.name), unit)
        return Briefing(
            **common,
            title=tr("{province} ({country})", province=shown, country=tr(queries.COUNTRY_NAMES[p.country])),
            # The count is said once, here: a figure of it would stand just above the table of the same pairs.
            subtitle=tr.plural("{count} pair in {province}", "{count} pairs in {province}", len(links), province=shown),
            figures=(),
            table=_table(links, findings, tr, names),
            pair=None,
            story=None,
            stories=_stories_of(links, tr),
            findings=findings,
            map=MapSpec(border=border, province=p, fit=queries.bounds_of(queries.districts_for_links(data, links))),
            provinces=_provinces_of(links, data, names, tr),
        )

    if view.kind == "pair":
        links = data.links[data.links.pair_id == view.key]
        facts = pair_facts(data, view.key, tr.lang)
        story = (
            next((s for s in programme.stories() if s["id"] == facts.stories[0][0]), None) if facts.stories else None
        )
        return Briefing(
            **common,
            title=facts.heading,
            subtitle=f"{facts.thai} ↔ {facts.neighbour}",
            figures=(),
            # No table: its one row would repeat the facts, the subtitle and the findings of the same pair.
            table=_table(links.iloc[:0], facts.findings, tr, names),
            pair=facts,
            story=story_text(story, tr) if story else None,
            stories=facts.stories,
            findings=facts.findings,
            map=MapSpec(pairs=(view.key,), fit=queries.bounds_of(queries.districts_for_links(data, links))),
            provinces=_provinces_of(links, data, names, tr),
        )

    story = next(s for s in programme.stories() if s["id"] == view.key)
    links = queries.story_links(data, story)
    findings = _findings(data, set(links.pair_id), tr)
    told = story_text(story, tr)
    return Briefing(
        **common,
        title=told.title,
        subtitle=names.place(tr, "THA", story["thai_province"], story["thai_district"], with_country=True),
        figures=(Figure("theme", tr("Theme"), told.theme),),
        table=_table(links, findings, tr, names, stories=False),
        pair=None,
        story=told,
        stories=((story["id"], _story_label(story, tr)),),
        findings=findings,
        map=MapSpec(
            story_markers=True,
            pairs=tuple(links.pair_id),
            fit=queries.bounds_of(queries.districts_for_links(data, links)),
        ),
        provinces=_provinces_of(links, data, names, tr),
    )
