"""English and Thai: the catalogue is complete, formats follow each language, pages in Thai speak Thai.

The catalogue test extracts every message from the code the way `scripts/i18n.sh` does, so a new English
string without a Thai translation fails here, in CI, before anyone sees English in the Thai app.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import re
from datetime import date

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from border_map import i18n
from border_map.i18n import placeholders, translator
from border_map.model import programme
from border_map.model.findings_text import describe
from border_map.model.localnames import PlaceNames
from border_map.names import is_thai_script
from border_map.paths import NAMES_TH_CSV, PAIRS_CSV
from border_map.pipeline.findings import Finding
from tests.support import apptest_internals
from tests.support.app import (
    app_figures,
    app_tables,
    box_data,
    choose,
    page_title,
    side_texts,
    sidebar_panel,
    unescaped,
)
from tests.support.data import ROOT


@functools.cache
def code_messages() -> dict[str | tuple[str, str], str]:
    """Every marked message in the code -> where it is (file:line); read once per session (callers only read)."""
    found = {}
    for source in i18n.SOURCES:
        path = ROOT / source
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            with file.open("rb") as handle:
                for line, message, _comments, _context in extract("python", handle, keywords=i18n.KEYWORDS):
                    found[message] = f"{file.relative_to(ROOT)}:{line}"
    return found


@pytest.fixture(scope="module")
def thai():
    with i18n.po_path("th").open("rb") as handle:
        return read_po(handle, locale="th")


def test_the_code_marks_messages():
    messages = code_messages()
    assert len(messages) > 100
    assert "Explore by province" in messages
    assert ("{count} pair in {province}", "{count} pairs in {province}") in messages


def test_every_message_has_thai_with_the_same_placeholders(thai):
    problems = []
    for message, where in code_messages().items():
        entry = thai.get(message[0] if isinstance(message, tuple) else message)
        if entry is None:
            problems.append(f"{where}: not in the Thai catalogue: {message!r} (run scripts/i18n.sh)")
            continue
        if entry.fuzzy:
            problems.append(f"{where}: fuzzy: {message!r}")
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(strings):
            problems.append(f"{where}: no Thai for {message!r}")
        english = set().union(*(placeholders(m) for m in (message if isinstance(message, tuple) else (message,))))
        for text in strings:
            if text and placeholders(text) != english:
                problems.append(f"{where}: placeholders differ: {message!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_no_message_hedges_a_plural():
    """ "1 number(s)": a count is said with `plural` (Translator.plural, or i18n.plural where a build keeps it)."""
    hedged = [m for m in code_messages() if any("(s)" in form for form in (m if isinstance(m, tuple) else (m,)))]
    assert hedged == []


def test_the_catalogue_holds_nothing_the_code_no_longer_says(thai):
    used = {m[0] if isinstance(m, tuple) else m for m in code_messages()}
    stale = [m.id for m in thai if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in used]
    assert not stale, f"obsolete messages (run scripts/i18n.sh): {stale}"


def test_a_missing_translation_would_be_caught(thai, tmp_path):
    """The check above is not vacuous: an English-only message is reported."""
    assert thai.get("Explore by province").string
    assert thai.get("A sentence nobody translated") is None


def test_numbers_money_and_dates_per_language():
    en, th = translator("en"), translator("th")
    assert en.money(3_520_000, "THB") == "3,520,000 THB"
    assert th.money(3_520_000, "THB") == "3,520,000 บาท"
    assert en.date(date(2024, 6, 15)) == "15 June 2024"
    assert th.date(date(2024, 6, 15)) == "15 มิถุนายน 2567"  # Buddhist era, as officials write it
    assert en.date_span(date(2024, 6, 15), date(2024, 9, 15)) == "15 June – 15 September 2024"
    assert th.date_span(date(2024, 6, 15), date(2024, 9, 15)) == "15 มิถุนายน – 15 กันยายน 2567"
    assert th.partial_date("2023-03") == "มีนาคม 2566"
    assert th.partial_date("2017") == "2560"
    assert en.number(1234.56, 1) == "1,234.6"
    assert th("{km} km", km=th.number(12.3456, 1)) == "12.3 กม."
    pairs = ("{count} pair in {province}", "{count} pairs in {province}")
    assert th.plural(*pairs, 5, province="จังหวัดเลย") == "จังหวัดเลย มีคู่พื้นที่ 5 คู่"
    assert en.plural(*pairs, 1, province="Loei") == "1 pair in Loei"
    assert en.plural(*pairs, 2, province="Loei") == "2 pairs in Loei"


@pytest.mark.parametrize(
    ("typed", "lang"),
    [
        ("th", "th"),
        ("TH", "th"),
        (" thai ", "th"),
        ("ไทย", "th"),
        ("en", "en"),
        ("English", "en"),
        ("fr", None),
        ("", None),
    ],
)
def test_language_in_links(typed, lang):
    assert i18n.resolve_language(typed) == lang


@pytest.mark.parametrize(
    ("locale", "lang"), [("th-TH", "th"), ("th", "th"), ("TH_th", "th"), ("en-GB", "en"), ("lo-LA", "en"), (None, "en")]
)
def test_browser_language_picks_the_interface(locale, lang):
    assert i18n.from_locale(locale) == lang


def test_reviewed_thai_names_cover_every_neighbour_place_of_the_table():
    with PAIRS_CSV.open(encoding="utf-8") as handle:
        pairs = list(csv.DictReader(handle))
    with NAMES_TH_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    provinces = {(r["nb_country"], r["nb_province"]) for r in pairs}
    districts = {(r["nb_country"], r["nb_district"]) for r in pairs}
    reviewed = {(r["country"], r["name"]) for r in rows if r["level"] == "province"}
    assert provinces <= reviewed, f"neighbour provinces without a reviewed Thai form: {provinces - reviewed}"
    reviewed = {(r["country"], r["name"]) for r in rows if r["level"] == "district"}
    assert districts <= reviewed, f"neighbour districts without a reviewed Thai form: {districts - reviewed}"
    for row in rows:
        # Districts beyond the table are those findings name, provinces beyond it those of the map's province
        # layer: both checked against a real build (tests/unit/test_localnames.py).
        assert is_thai_script(row["name_th"]), row
        assert row["source"].strip(), row
        assert row["basis"] in ("usage", "transcribed"), row
        for form in [row["name_th"], *filter(None, row["also"].split("|"))]:
            assert not re.match(r"^(แขวง|เมือง|จังหวัด|อำเภอ)", form), f"level word belongs to the app: {row}"


def test_every_story_and_the_facts_have_thai():
    for story in programme.stories():
        for key in ("title", "summary"):
            assert is_thai_script(story[f"{key}_th"]), (story["id"], key)
        assert len(story["points"]) == len(story["points_th"]) == 3, story["id"]
        assert all(is_thai_script(p) for p in story["points_th"]), story["id"]
        for figure in story["key_figures"]:
            assert is_thai_script(figure["label_th"]), figure
            assert figure.get("unit_th"), figure
            assert ("note" in figure) == ("note_th" in figure), figure
            assert ("qualifier" in figure) == ("qualifier_th" in figure), figure
        for when in story["dates"]:
            assert is_thai_script(when["what_th"]), when
    assert is_thai_script(programme.facts()["summary_th"])


# --- pages in Thai ---------------------------------------------------------------------------------

PAGES = [None, "pages/explore.py", "pages/stories.py", "pages/data.py"]


def page_text(at: AppTest) -> str:
    """Everything a page shows in words: text elements, labels, options, table headings."""
    parts = []
    for kind in ("markdown", "text", "caption", "title", "subheader", "header"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for kind in ("info", "warning", "error"):
        parts += [str(e.body) for e in getattr(at, kind)]
    for kind in ("button", "radio", "selectbox", "toggle", "expander"):
        parts += [str(e.label) for e in getattr(at, kind)]
    for kind in ("radio", "selectbox"):
        for widget in getattr(at, kind):
            parts += [str(o) for o in widget.options]  # AppTest gives them as the page labels them
    parts += popover_labels(apptest_internals.tree(at))
    panel = sidebar_panel(at)
    for control in panel["choices"]:
        parts += [control["label"], control["help"] or "", control["note"] or ""]
        parts += [label for _, label in control["options"]]
    parts += panel["notes"]
    parts += [panel["linksLabel"]] + [label for _name, label, _href, _current in panel["links"]]
    for figure in app_figures(at):
        parts += [figure["label"], figure["value"], figure["help"] or ""]
    for frame in at.dataframe:
        value = frame.value
        parts += [str(c) for c in getattr(value, "columns", [])]
    for table in app_tables(at):
        parts += [str(c) for c in table.columns]
    parts += side_texts(at)
    with contextlib.suppress(AssertionError):  # Explore's province box (no other page has one): words, labels
        box = box_data(at)
        parts += [box["label"], box["placeholder"], box["hint"], box["noMatch"]]
        parts += [label for _key, label, _spellings in box["options"]]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def popover_labels(node) -> list[str]:
    """Labels of the popover menus: AppTest has no accessor for them."""
    found = []
    for child in getattr(node, "children", {}).values():
        if getattr(child, "type", None) == "popover":
            found.append(child.proto.popover.label)
        found += popover_labels(child)
    return found


@functools.cache
def english_fragments() -> list[str]:
    """Pieces of English UI text long enough to recognise: each message split at its placeholders."""
    out = set()
    for message in code_messages():
        for text in message if isinstance(message, tuple) else (message,):
            for raw in re.split(r"\{[^}]*\}", text):
                piece = raw.strip(" .,:;()·–↔")
                if (len(piece) >= 5 and re.search(r"[A-Za-z]{4}", piece) and " " in piece) or piece in WORDS:
                    out.add(piece)
    return sorted(out)


WORDS = {"Overview", "Pairs", "Period", "Province", "Details", "Clear", "Border", "Legend", "Downloads", "Story"}
# English that legitimately stays in the Thai interface: names of sources and organisations.
ALLOWED = ("OpenStreetMap", "NTS-Mekong Watch", "geoBoundaries", "RTSD/OCHA COD-AB", "(CSV)", "(GeoJSON)", "(JSON)")


def leftover_english(text: str) -> list[str]:
    return [f for f in english_fragments() if f in text and not any(f in a for a in ALLOWED)]


def open_page(page: str | None, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.real
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_thai_shows_no_english_ui_text(boundaries, page):
    at = open_page(page, "th")
    text = page_text(at)
    assert is_thai_script(page_title(at))
    assert not leftover_english(text), leftover_english(text)
    assert at.query_params["lang"] == ["th"] or at.query_params["lang"] == "th"
    if page == "pages/explore.py":
        # The box's line for a text no province matches: no Latin letter but the text typed (tests/browser/
        # test_explore.py shows it typed). Not even the key's name: เอนเทอร์.
        said = box_data(at)["noMatch"]
        assert said.count("{typed}") == 1
        assert not re.search(r"[A-Za-z]", said.replace("{typed}", "")), said
        assert not re.search(r"[A-Za-z]", box_data(at)["hint"]), box_data(at)["hint"]


@pytest.mark.real
@pytest.mark.parametrize("page", PAGES)
def test_the_scan_finds_english_on_english_pages(boundaries, page):
    """The Thai test above could not pass by reading nothing: the same scan finds English here."""
    at = open_page(page, "en")
    assert len(leftover_english(page_text(at))) >= 3


@pytest.mark.real
def test_thai_names_for_places(boundaries):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update({"lang": "th", "province": "เลย", "pair": "08-1"})
    at.run()
    at.switch_page("pages/explore.py").run()
    text = page_text(at)
    assert "อำเภอเชียงคาน จังหวัดเลย (ไทย)" in text
    assert "เมืองสานะคาม แขวงเวียงจันทน์ (สปป.ลาว)" in text


def test_a_krong_reads_mueang_and_a_transcribed_name_keeps_its_romanised_one_in_the_table(points):
    """Poipet is a town (krong), not a district; Thma Puok's Thai form is a transcription, so the table's row
    (its first mention) gives the romanised name beside it, in parentheses."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update({"lang": "th", "province": "บันทายมีชัย"})
    at.run()
    at.switch_page("pages/explore.py").run()
    text = "\n".join(cell for table in app_tables(at) for row in table.itertuples(index=False) for cell in row)
    assert "เมืองปอยเปต จังหวัดบันเตียเมียนเจย (กัมพูชา)" in text
    assert "อำเภอถมอปวก (Thma Puok) จังหวัดบันเตียเมียนเจย (กัมพูชา)" in text
    assert "อำเภอปอยเปต" not in text


@pytest.mark.real
def test_thai_findings_name_places_in_thai_and_english_keeps_the_tables_spellings(boundaries):
    """A finding keeps which places it names (Finding.places): in Thai they are written as the rest of the
    page writes them, where the English sentence keeps the table's and the source's spellings."""
    th = "\n".join(unescaped(w.body) for w in open_page("pages/data.py", "th").warning)
    assert "อำเภอปากชม กับเมืองสานะคาม อยู่ห่างกัน 3.3 กม." in th
    assert "ตารางระบุว่าเมืองปากกระดิ่ง อยู่ในนครหลวงเวียงจันทน์" in th
    # The Data page's findings are where the source's spelling is the point: it follows in parentheses.
    assert "เมืองปากกระดิ่ง (Pakkading) อยู่ในแขวงบอลิคำไซ (Bolikhamsai)" in th
    assert "Pak Chom" not in th
    en = "\n".join(unescaped(w.body) for w in open_page("pages/data.py", "en").warning)
    assert "Pair 09-1: Pak Chom and Sanakham are 3.3 km apart" in en
    assert (
        "the table puts Pak Kading in Vientiane Capital, but the boundary data places Pak Kading (Pakkading) in "
        "Bolikhamxay (Bolikhamsai)" in en
    )


def test_place_references_are_named_in_thai_with_their_level_word():
    names = PlaceNames(
        "th",
        thai_districts={("Loei", "Pak Chom"): "ปากชม"},
        thai_provinces={"Loei": "เลย"},
        source_provinces={("LAO", "Bolikhamsai"): "บอลิคำไซ"},
        features={"LAO-1": "สานะคาม"},
    )
    tr = i18n.translator("th")
    assert names.named(["district", "THA", "Loei", "Pak Chom"], tr) == "อำเภอปากชม"
    assert names.named(["province", "THA", "Loei"], tr) == "จังหวัดเลย"
    assert names.named(["source_district", "LAO", "LAO-1", "Sanakham"], tr) == "เมืองสานะคาม"
    assert names.named(["source_district", "LAO", "LAO-2", "Meun"], tr) == "เมืองหมื่น"  # reviewed by its source name
    assert names.named(["source_district", "LAO", "LAO-3", "Nowhere"], tr) == "เมือง Nowhere"  # none: as spelt
    assert names.named(["source_province", "LAO", "Bolikhamsai"], tr) == "แขวงบอลิคำไซ"
    listed = names.named(["source_districts", [["LAO", "LAO-1", "Sanakham", "Bolikhamsai"]] * 2], tr)
    assert listed == "เมืองสานะคาม แขวงบอลิคำไซ และเมืองสานะคาม แขวงบอลิคำไซ"  # a Thai list: no commas, และ
    # A reference this version cannot read leaves the finding's own spelling in place.
    for odd in (["district", "MMR", "X", "Y"], ["village", "THA", "X"], ["district", "THA", 1, 2], "Loei", None):
        assert names.named(odd, tr) is None
    english = PlaceNames("en", {}, {}, {}, {})
    assert english.named(["district", "THA", "Loei", "Pak Chom"], i18n.translator("en")) == "Pak Chom"


def test_a_finding_without_a_dataset_or_places_reads_as_before():
    finding = Finding(
        "not_adjacent",
        "Pair {pair}: {thai} and {neighbour} are {km:.1f} km apart.",
        {"pair": "09-1", "thai": "Pak Chom", "neighbour": "Sanakham", "km": 3.3},
        ["09-1"],
        {"thai": ["district", "THA", "Loei", "Pak Chom"]},
    ).as_dict()
    assert describe(finding, i18n.translator("en")) == "Pair 09-1: Pak Chom and Sanakham are 3.3 km apart."
    assert finding["places"] == {"thai": ["district", "THA", "Loei", "Pak Chom"]}


@pytest.mark.real
def test_unknown_language_in_a_link_is_said_and_the_page_still_works(boundaries):
    at = open_page(None, "klingon")
    texts = "\n".join(t.value for t in at.text)
    assert "Asked for: klingon" in texts
    assert page_title(at) == "People-to-People parallel areas"


def test_language_switch_is_in_the_sidebar_and_in_every_link(points):
    at = open_page(None, "en")
    choose(at, "lang", "th")
    assert is_thai_script(page_title(at))
    assert at.query_params["lang"] in ("th", ["th"])
    at.switch_page("pages/stories.py").run()
    assert at.query_params["lang"] in ("th", ["th"])
    assert is_thai_script(page_title(at))


def test_no_message_is_looked_up_inside_an_f_string():
    """Python 3.11 tokenizes an f-string as one token: a call inside it is invisible to the extractor."""
    import io
    import tokenize

    found = []
    for source in i18n.SOURCES:
        path = ROOT / source
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            tokens = tokenize.generate_tokens(io.StringIO(file.read_text(encoding="utf-8")).readline)
            for token in tokens:
                fstring = token.type == tokenize.STRING and re.match(r"(?i)[rb]*f", token.string)
                if fstring and re.search(r"\b(_|tr|N_|plural)\(\s*['\"]", token.string):
                    found.append(f"{file.relative_to(ROOT)}:{token.start[0]}")
    assert not found, f"translated text inside f-strings (extract it into a variable): {found}"
