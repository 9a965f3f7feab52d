"""Turn what people type into a link (`?province=loei`) into the app's own keys, or say why not.

People paste, type and read links aloud: the seed's spelling (Sisaket, Xayaburi), the boundary source's
(Si Sa Ket, Xaignabouli), Thai script (เลย), any case or spacing, and the older `THA:Loei` keys. One
resolver serves every page and export so they all accept the same links. An unknown value is never
replaced by a neighbour guess: the caller gets the closest names as suggestions to offer.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from border_map import i18n
from border_map.model.thaiforms import thai_form
from border_map.names import normalise

MAX_TYPED = 80  # what a message repeats of a typed value; the rest is cut, never rendered
SUGGEST_SCORE = 60
BORDERS = ("both", "LAO", "KHM")
BORDER_URL = {"both": None, "LAO": "laos", "KHM": "cambodia"}
_BORDER_NAMES = {
    "both": ("both", "all", "laoscambodia", "ทั้งหมด", "ทั้งสอง"),
    "LAO": ("lao", "laos", "laopdr", "thailao", "thailaos", "ลาว", "สปปลาว", "ไทยลาว"),
    "KHM": ("khm", "cambodia", "kh", "thaicambodia", "thaicambodian", "กัมพูชา", "ไทยกัมพูชา"),
}
_COUNTRY_PREFIX = re.compile(r"^\s*(THA|LAO|KHM)\s*:\s*", re.IGNORECASE)
# A Thai name typed with its level word (จังหวัดเลย, แขวงจำปาศักดิ์, จ.เลย) names the same province.
_THAI_LEVEL = re.compile(r"^\s*(จังหวัด|แขวง|จ\.)\s*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Province:
    """A province named in the table, with every spelling a link may use for it."""

    country: str
    name: str  # as stated in the table: the form the app writes into URLs
    source_name: str | None = None
    name_th: str | None = None
    also: tuple[str, ...] = ()  # other Thai forms in official use (names_th.csv): typed and linked, never shown

    @property
    def key(self) -> str:
        return f"{self.country}:{self.name}"

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.name, self.source_name, self.name_th, *self.also) if s)

    @functools.cached_property
    def match_keys(self) -> frozenset[str]:
        """Its spellings as a typed name is compared with them: worked out once, not on every run of every
        Explore page (normalising each province's spellings per link read was 4% of the server's CPU under 50
        explorers, py-spy)."""
        return frozenset(normalise(s) for s in self.spellings)


@dataclass(frozen=True)
class Resolution:
    """The outcome of reading one URL value: `value` is None when nothing matched."""

    typed: str
    value: object = None
    suggestions: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.value is not None


def clean_typed(raw: str | None) -> str:
    """What was typed, safe to repeat in a message: control and bidi characters gone, length bounded."""
    text = _CONTROL.sub("", str(raw or "")).strip()
    return text if len(text) <= MAX_TYPED else text[: MAX_TYPED - 1] + "…"


def _suggest(typed: str, names: dict[str, str], limit: int = 3) -> tuple[str, ...]:
    """Closest display names (names: spelling -> display): those whose normalised spelling begins with what was
    typed (three letters or more: "ubon"), then those alike as a whole (a letter or two off: "leoi", "nongkai").
    Likeness of parts, rapidfuzz's default scorer, offered Nan for "Atlantis" and Bolikhamxay for "xyz"."""
    key = normalise(typed)
    if not key:
        return ()
    spellings, displays = [normalise(s) for s in names], list(names.values())
    found = [displays[i] for i, spelling in enumerate(spellings) if len(key) >= 3 and spelling.startswith(key)]
    for _match, score, idx in process.extract(key, spellings, scorer=fuzz.ratio, limit=limit * 4):
        if score >= SUGGEST_SCORE:
            found.append(displays[idx])
    return tuple(dict.fromkeys(found))[:limit]


def provinces_of(links: pd.DataFrame, districts: pd.DataFrame) -> list[Province]:
    """Every province the table names, Thai first, with the boundary source's spelling and Thai name.

    A source province is credited to the stated name most of its districts' rows use: the table once
    puts Pakkading (Bolikhamsai) in Vientiane Capital, which must not make 'Bolikhamsai' open that. A Lao or
    Cambodian province takes its Thai form, and the other Thai forms in official use, from names_th.csv.
    """
    by_id = districts.set_index("feature_id")
    votes: dict[tuple[str, str], Counter] = {}
    for side in ("thai", "nb"):
        countries = ["THA"] * len(links) if side == "thai" else links.nb_country
        for country, stated, fid in zip(countries, links[f"{side}_province"], links[f"{side}_feature_id"], strict=True):
            votes.setdefault((country, stated), Counter())
            if isinstance(fid, str) and fid in by_id.index:
                row = by_id.loc[fid]
                th = row.get("province_th")
                votes[(country, stated)][(row.province, th if isinstance(th, str) and th else None)] += 1
    owner: dict[tuple[str, str], tuple[str, str]] = {}
    for (country, stated), counter in votes.items():
        for source, count in counter.items():
            best = owner.get((country, source[0]))
            if best is None or count > votes[best][source]:
                owner[(country, source[0])] = (country, stated)
    result = []
    for (country, stated), counter in votes.items():
        mine = [s for s in counter if owner.get((country, s[0])) == (country, stated)]
        source, th = max(mine, key=counter.get) if mine else (None, None)
        form = thai_form(country, "province", stated) if country != "THA" else None
        if form is not None:
            result.append(Province(country, stated, source, th or form.name_th, form.also))
        else:
            result.append(Province(country, stated, source, th))
    order = {"THA": 0, "LAO": 1, "KHM": 2}
    return sorted(result, key=lambda p: (order.get(p.country, 9), p.name))


_LEADING_VOWELS = "เแโใไ"  # written before the consonant they follow in speech, and sorted after it
_NOT_SORTED = re.compile("[\u0e47-\u0e4e]")  # tone marks and the like; vowels sort after every consonant


def thai_order(text: str) -> str:
    """A key that sorts Thai names as a Thai dictionary does (near enough for names): by their consonants
    first, a leading vowel (เ แ โ ใ ไ) counted after the consonant it is written before, tone marks set
    aside. Python compares code points, which puts every name that starts with เ after ฮ."""
    plain = _NOT_SORTED.sub("", text)
    return re.sub(f"([{_LEADING_VOWELS}])([\u0e01-\u0e2e])", r"\2\1", plain)


def in_reading_order(provinces: list[Province], lang: str) -> list[Province]:
    """Thai first, then Laos, then Cambodia; within each, as the reader's language sorts their names: a Thai
    reader looks for สระแก้ว under ส, not under S."""
    if lang != "th":
        return list(provinces)
    order = {"THA": 0, "LAO": 1, "KHM": 2}
    return sorted(provinces, key=lambda p: (order.get(p.country, 9), thai_order(p.name_th or p.name), p.name))


def resolve_province(raw: str | None, provinces: list[Province]) -> Resolution:
    typed = clean_typed(raw)
    prefix = _COUNTRY_PREFIX.match(typed)
    country = prefix.group(1).upper() if prefix else None
    bare = typed[prefix.end() :] if prefix else typed
    keys = {normalise(bare), normalise(_THAI_LEVEL.sub("", bare, count=1))} - {""}
    if keys:
        hits = [p for p in provinces if (country is None or p.country == country) and keys & p.match_keys]
        if len(hits) == 1:
            return Resolution(typed, hits[0])
    names = {s: p.name for p in provinces for s in p.spellings}
    return Resolution(typed, None, _suggest(typed, names))


def resolve_pair(raw: str | None, pair_ids: list[str]) -> Resolution:
    """`08-1`, `8-1`, `8.1`, `pair 8-1`; a bare row number (`8`) when that row has a single pair."""
    typed = clean_typed(raw)
    digits = re.findall(r"\d+", typed)
    candidates = []
    if len(digits) == 2:
        candidates = [f"{int(digits[0]):02d}-{int(digits[1])}"]
    elif len(digits) == 1:
        candidates = [p for p in pair_ids if p.startswith(f"{int(digits[0]):02d}-")]
    hits = [p for p in candidates if p in pair_ids]
    if len(hits) == 1 and len(digits) in (1, 2) and re.fullmatch(r"[\sA-Za-z.:#\-_/0-9]*", typed):
        return Resolution(typed, hits[0])
    near = [p for p in pair_ids if digits and p.startswith(f"{int(digits[0]):02d}-")]
    return Resolution(typed, None, tuple(near[:3]) or _suggest(typed, {p: p for p in pair_ids}))


def resolve_story(raw: str | None, stories: list[dict], other_names: dict[str, str] | None = None) -> Resolution:
    """A story id, its place in the tour (`2`), or its Thai district's name (`phu sing`); `other_names` adds
    more names of a story (name -> story id), such as the district's name in Thai script (`ภูสิงห์`)."""
    typed = clean_typed(raw)
    key = normalise(typed)
    if key.isdigit() and 1 <= int(key) <= len(stories):
        return Resolution(typed, stories[int(key) - 1]["id"])
    names = {s["id"]: s["id"] for s in stories} | {s["thai_district"]: s["id"] for s in stories}
    names |= other_names or {}
    for name, story_id in names.items():
        if key and key == normalise(name):
            return Resolution(typed, story_id)
    return Resolution(typed, None, _suggest(typed, names))


def resolve_border(raw: str | None) -> Resolution:
    typed = clean_typed(raw)
    key = normalise(typed)
    for border, names in _BORDER_NAMES.items():
        if key in {normalise(n) for n in names}:
            return Resolution(typed, border)
    return Resolution(typed, None, ("laos", "cambodia"))


_ON = {"1", "true", "on", "yes", "osm"}


def basemap_on(raw: str | None) -> bool:
    """`?basemap=1` (`true`, `on`, `yes`, `osm`): the online basemap; anything else, or nothing, leaves it off."""
    return (raw or "").strip().lower() in _ON


def border_for_url(border: str) -> str | None:
    """The readable form written into links; None for the default (both borders)."""
    return BORDER_URL[border]


@dataclass(frozen=True)
class LinkSettings:
    """The sidebar's three choices as a link asks for them, and what of the link could not be read."""

    lang: str
    border: str
    basemap: bool
    problems: tuple[tuple[str, Resolution], ...] = ()  # ("language" | "border", its resolution)


def settings_asked(values: dict[str, str], locale: str | None) -> LinkSettings:
    """What a link's `lang`, `border` and `basemap` (`values`, one string each) ask for; the browser's language
    (`locale`) when the link names none, or one the app does not have; both borders and no online basemap
    unless it says otherwise. One reading for a page's first run (web/state) and for the page's head, which
    announces that view's files before the run (web/server/hints)."""
    problems = []
    raw_lang = values.get("lang")
    lang = i18n.resolve_language(raw_lang) if raw_lang is not None else None
    if raw_lang is not None and lang is None:
        problems.append(("language", Resolution(clean_typed(raw_lang), None, i18n.LANGUAGES)))
    border = "both"
    if values.get("border") is not None:
        found = resolve_border(values["border"])
        if found.ok:
            border = found.value
        else:
            problems.append(("border", found))
    return LinkSettings(lang or i18n.from_locale(locale), border, basemap_on(values.get("basemap")), tuple(problems))
