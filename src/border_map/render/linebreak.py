"""Where a line of text may break: Thai between words, never inside a place name or between a number and its unit.

Thai is written without spaces between words, so a renderer that breaks only at spaces (fpdf2) breaks a Thai
line wherever it is full ("ความร่วมมือด้านสิ่ง / แวดล้อม"), and a browser breaks it by its own dictionary,
which does not know a Cambodian district's Thai name ("บันเตียเมีย / นเจย"). This module cuts text into
*units*, the pieces a line may break between, once for every output:

- Thai runs are segmented into words by PyThaiNLP's `newmm` (dictionary maximal matching over Thai character
  clusters, pure Python, its dictionary in the wheel), with every Thai place name the product shows added to
  the dictionary, so a name is one word (`place_names`).
- A place keeps its level word (อำเภอภูสิงห์, แขวงไซยะบุรี).
- A number keeps its unit, or the word it counts ("80,000 บาท", "3.5 ลบ.ม.", "44 อำเภอ", "9 กันยายน"); a Thai
  abbreviation stays whole with its dots and slashes ("มคก./ลบ.ม.", "พ.ร.ก."), as does "พ.ศ. 2567".
- Latin text breaks at its spaces only, as before; punctuation stays with the word it follows (or, an opening
  bracket, precedes).

The renderers ask for what they need: `pdf_text` (U+200B where a line may break, no-break spaces inside a
unit: fpdf2 breaks at the one and not the other, and draws no mark for either), `html` (escaped, `<wbr>`
between Thai words, a name or a number with its unit in a no-break span), `pieces` (the same for text set with
`textContent`), `wrap` (lines of a given width under any measure).

PyThaiNLP is imported on first use only (0.07 s, and 0.5 s to read its dictionary once), so a page that
shows no Thai text never pays for it; it reads nothing but the files inside its wheel here: no download,
no data folder (`PYTHAINLP_OFFLINE`, `PYTHAINLP_READ_ONLY` are set for it all the same).
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from html import escape

from border_map.model.thaiforms import thai_forms
from border_map.paths import POINTS_CSV

ZWSP = "\u200b"  # ZERO WIDTH SPACE: a line may break here, nothing is drawn
NBSP = "\u00a0"  # NO-BREAK SPACE: a space a line must not break at

_THAI_LETTER = "\u0e01-\u0e2e"
_THAI = "\u0e00-\u0e4f\u0e5a-\u0e7f"  # Thai script without the Thai digits (numbers are read as numbers)
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
# An abbreviation (พ.ร.ก., ลบ.ม., มคก.) or a unit made of them (มคก./ลบ.ม.), not the tail of a longer word.
_ABBREVIATION = rf"(?<![{_THAI}])(?:[{_THAI_LETTER}][{_THAI}]{{0,3}}\.)+(?:/(?:[{_THAI_LETTER}][{_THAI}]{{0,3}}\.)+)*"
_TOKEN = re.compile(
    rf"(?P<space>\s+)"
    rf"|(?P<abbr>{_ABBREVIATION})"
    rf"|(?P<num>{_NUMBER}(?:[–-]{_NUMBER})?%?)"
    rf"|(?P<thai>[{_THAI}]+)"
    rf"|(?P<other>[^\s{_THAI}\d]+|\d)"
)
_NO_BREAK_BEFORE = set(")]}.,;:!?%…ๆฯ\"'’”»") | {"\u0e2f", "\u0e46"}
_NO_BREAK_AFTER = set("([{\"'‘“«/")
_DASHES = "–—"
UNIT_LENGTH = 10  # the longest word a number keeps beside it: กิโลเมตร, districts; not a name
# Words that title a place: kept with the Thai name that follows them.
LEVEL_WORDS = frozenset(("อำเภอ", "จังหวัด", "เมือง", "แขวง", "นครหลวง", "เขต"))
# The programme's own compounds, which newmm's dictionary cuts in two ("ผ่าน / แดน", "ทำแนว / กันไฟ").
DOMAIN_WORDS = ("ผ่านแดน", "ข้ามแดน", "แนวกันไฟ", "เข้าเมือง", "คู่ขนาน", "ช่องสะงำ", "จุดผ่านแดน", "สปป.ลาว")
DOMAIN_WORDS += ("ประชาชนสู่ประชาชน", "แม่น้ำโขง", "คู่พื้นที่", "เรื่องที่", "ลำดับที่")  # the programme, a river, counters
# Words that number what follows them: kept with their number ("เรื่องที่ 4", "มาตรา 64", "คู่พื้นที่ 09-1").
NUMBERING_WORDS = frozenset(("เรื่องที่", "ลำดับที่", "คู่พื้นที่", "มาตรา", "หน้า", "ที่"))


def _environment() -> None:
    """PyThaiNLP never downloads and never makes its data folder (newmm reads only its wheel's files)."""
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


@cache
def place_names() -> frozenset[str]:
    """Every Thai place name the product shows: the reviewed neighbour names and the other forms in use
    (`data/names_th.csv`, as model/thaiforms reads it) and the Thai districts and provinces of the packaged
    district points (the boundary source's Thai names)."""
    names = {name for form in thai_forms().values() for name in (form.name_th, *form.also)}
    with POINTS_CSV.open(encoding="utf-8", newline="") as handle:
        names.update(row.get(column) or "" for row in csv.DictReader(handle) for column in ("name_th", "province_th"))
    return frozenset(n.strip() for n in names if re.fullmatch(f"[{_THAI}]+", n.strip()))


@cache
def _names_pattern() -> re.Pattern[str] | None:
    names = sorted(place_names(), key=len, reverse=True)  # the longest first: นครหลวงเวียงจันทน์ before เวียงจันทน์
    return re.compile("|".join(map(re.escape, names))) if names else None


def name_spans(text: str) -> list[list[int]]:
    """[start, end] of each Thai place name in `text`, for a page that lets the browser break Thai itself but
    must keep it from breaking inside a name (Chrome's dictionary cuts บันเตียเมีย / นเจย, สา / นะ / คาม). No word
    segmentation: the app's pages load no segmenter."""
    pattern = _names_pattern()
    if pattern is None or not re.search(f"[{_THAI}]", text):
        return []
    return [[m.start(), m.end()] for m in pattern.finditer(text)]


WORD_JOINER = "\u2060"
_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # written above or below the letter before it


@lru_cache(maxsize=4096)
def glued_names(text: str) -> str:
    """`text` with a word joiner (U+2060, invisible) between the letters of each Thai place name in it: for text
    a page hands to Streamlit (a title, a caption, a list), which the browser breaks with its own Thai
    dictionary, and Chrome's cuts names (แขวงบอลิ / คำไซ, นครหลวง / เวียงจันทน์). Nothing else changes.
    Only for text Streamlit renders: where the product writes the HTML (exports, components, the deck) a name is
    a no-break span instead (`html`, `pieces`), which a copy does not carry as characters; the app's pages take
    the joiners out of what a viewer copies (web/components/component.js).
    Memoised: pages hand it the same titles and notices on every run of every session."""
    spans = name_spans(text)
    if not spans:
        return text
    out, at = [], 0
    for start, end in spans:
        out.append(text[at:start])
        name = text[start:end]
        out.append(name[0] + "".join(c if _MARK.match(c) else WORD_JOINER + c for c in name[1:]))
        at = end
    out.append(text[at:])
    return "".join(out)


@cache
def _dictionary():
    _environment()
    from pythainlp.corpus.common import thai_words  # noqa: PLC0415 - on first Thai text, not at import
    from pythainlp.util import Trie  # noqa: PLC0415

    return Trie(set(thai_words()) | place_names() | set(DOMAIN_WORDS))


@lru_cache(maxsize=4096)
def thai_words(run: str) -> tuple[str, ...]:
    """A run of Thai letters cut into words (a place name is one word)."""
    _environment()
    from pythainlp.tokenize.newmm import segment  # noqa: PLC0415

    return tuple(segment(run, custom_dict=_dictionary()))


def _tokens(text: str) -> list[tuple[str, str]]:
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "thai":
            found.extend(("thai", word) for word in thai_words(match.group()))
        else:
            found.append((kind, match.group()))
    return found


def _breakable(before: tuple[str, str], after: tuple[str, str]) -> bool:
    """May a line break between two tokens that touch (no space between them)?"""
    (kind_a, a), (kind_b, b) = before, after
    if b[0] in _NO_BREAK_BEFORE or a[-1] in _NO_BREAK_AFTER:
        return False
    if kind_a == "thai" and kind_b == "thai":
        return not (a in LEVEL_WORDS and b in place_names())  # อำเภอภูสิงห์: a place with its level word
    if kind_a == "thai" and kind_b in ("abbr", "num"):
        return True  # a word, then a number or an abbreviation ("ทางหลวงหมายเลข2201" is rare, but a boundary)
    if kind_a == "other" and a[-1] in _DASHES:
        return kind_b in ("thai", "abbr")  # "แม่โขง–สาธารณรัฐเกาหลี": after the dash
    return False  # Latin, numbers, punctuation and abbreviations (สปป.ลาว, จ.เลย) stay with what they touch


def _glued(before: tuple[str, str], after: tuple[str, str]) -> bool:
    """Does a space between these two tokens keep them on one line? A number and its unit or the word it counts
    (a short word: a year does not take the name after it along); an abbreviation and the number it dates or
    numbers (พ.ศ. 2567)."""
    (kind_a, a), (kind_b, b) = before, after
    if kind_a == "thai" and kind_b == "num":
        return a in NUMBERING_WORDS
    if kind_a == "abbr":
        return kind_b == "num"
    if kind_a != "num":
        return False
    return kind_b == "abbr" or (kind_b in ("thai", "other") and len(b) <= UNIT_LENGTH and b not in place_names())


@lru_cache(maxsize=8192)
def units(text: str) -> tuple[str, ...]:
    """The text cut where a line may break: `"".join(units(text)) == text`; a unit's trailing spaces belong to
    it (a line that breaks there drops them), a space inside a unit must not break."""
    tokens = _tokens(text)
    out: list[str] = []
    current = ""
    previous: tuple[str, str] | None = None  # the last token that was not a space
    pending_space = ""
    for token in tokens:
        kind, value = token
        if kind == "space":
            pending_space += value
            continue
        if previous is None:
            current = pending_space + value
        elif pending_space:
            if _glued(previous, token) and "\n" not in pending_space:
                current += pending_space + value
            else:
                out.append(current + pending_space)
                current = value
        elif _breakable(previous, token):
            out.append(current)
            current = value
        else:
            current += value
        pending_space = ""
        previous = token
    current += pending_space
    if current:
        out.append(current)
    return tuple(out)


def _inner_spaces(unit: str) -> str:
    """A unit's own spaces as no-break spaces; its trailing spaces stay breakable."""
    body = unit.rstrip(" ")
    return body.replace(" ", NBSP) + unit[len(body) :]


def pdf_text(text: str) -> str:
    """For a renderer that breaks at spaces and U+200B (fpdf2): U+200B between units that touch, a no-break
    space inside a unit."""
    parts = units(text)
    out = []
    for i, unit in enumerate(parts):
        out.append(_inner_spaces(unit))
        if i + 1 < len(parts) and not unit[-1].isspace():
            out.append(ZWSP)
    return "".join(out)


def _whole(unit: str) -> bool:
    """Must a browser be kept from breaking inside this unit? Any Thai word: a browser's own dictionary (ICU's,
    in Chrome) cuts "สิ่งแวดล้อม" and "บันเตียเมียนเจย" where ours does not; a number with its unit; a unit it would
    break at a slash or a dash ("มคก./ลบ.ม."). Latin words break at spaces only, in any browser."""
    body = unit.rstrip()
    return bool(re.search(f"[{_THAI}]", body)) or any(c in body for c in " /-–")


def html(text: str) -> str:
    """Escaped for HTML, each Thai word (a place name, a number with its unit) in a no-break span (`HTML_CSS`),
    its trailing space outside it, and `<wbr>` between units that touch: a browser breaks Thai where this module
    does, with or without a Thai dictionary of its own."""
    parts = units(text)
    out = []
    for i, unit in enumerate(parts):
        body = unit.rstrip()
        if _whole(unit):
            out.append(f'<span class="bm-nb">{escape(body)}</span>{escape(unit[len(body) :])}')
        else:
            out.append(escape(unit))
        if i + 1 < len(parts) and not unit[-1].isspace():
            out.append("<wbr>")
    return "".join(out)


# What `html` and the deck's `pieces` mark as one unit, a browser keeps on one line.
HTML_CSS = ".bm-nb { white-space: nowrap; }"


def pieces(text: str) -> list[tuple[str, bool]]:
    """For a page that sets text with `textContent` (the deck): the units, to be joined by `<wbr>` elements;
    True for a unit to keep whole (`HTML_CSS`)."""
    return [(unit, _whole(unit)) for unit in units(text)]


def _clusters(text: str) -> list[str]:
    """Characters with the marks stacked on them: a forced break never separates a vowel or tone mark."""
    out: list[str] = []
    for char in text:
        if out and unicodedata.category(char) in ("Mn", "Me", "Mc"):
            out[-1] += char
        else:
            out.append(char)
    return out


def wrap(text: str, width: float, measure: Callable[[str], float] = len) -> list[str]:
    """Lines no wider than `width` under `measure`, each ending where a line may break; a unit wider than a line
    alone is cut between characters (never between a letter and its marks). Spaces at a line's end are dropped."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for unit in units(paragraph):
            if measure((line + unit).rstrip()) <= width:
                line += unit
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = unit
            while measure(line.rstrip()) > width:  # longer than a line alone: cut between clusters
                cut = ""
                for cluster in _clusters(line):
                    if cut and measure(cut + cluster) > width:
                        break
                    cut += cluster
                lines.append(cut)
                line = line[len(cut) :]
        lines.append(line.rstrip())
    return lines
