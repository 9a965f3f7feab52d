"""Latin script on a Thai page: what a Thai reader would meet in English.

A Thai output may keep a short list of words in Latin script: licence names, acronyms, dataset and file-format
names, units. A romanised name in parentheses after its Thai form is a gloss, so text in parentheses is left out.
Everything else in Latin script is a finding: a place left in English, a sentence nobody translated.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from tests.support.pdf import poppler

# Words a Thai page may show in Latin script, each for a reason a reader would accept.
ALLOWED = {
    # licences and their parts
    "CC",
    "BY",
    "IGO",
    "ODbL",
    # acronyms of organisations and programmes (spelt out in Thai beside them)
    "DOPA",
    "MKCF",
    "MI",
    "NTS-Mekong",
    "Watch",
    "OCHA",
    "ROAP",
    "HDX",
    "COD-AB",
    "RTSD",
    "OSM",
    "P2P",
    # dataset names
    "geoBoundaries",
    "OpenStreetMap",
    # file formats and units
    "PDF",
    "HTML",
    "CSV",
    "XLSX",
    "ODS",
    "GeoJSON",
    "JSON",
    "km",
    "PM2.5",
    # the product's own name
    "border_map",
    # the north arrow's letter on a PDF map, as Thai maps print it (docs/glossary-th.md)
    "N",
}
# Layer ids from the boundary catalogue (tha-adm2, khm-adm1, ...): identifiers, as a file name is. Host names
# (openstreetmap.org), icon ligatures (Streamlit draws its icons from a font: keyboard_arrow_right is an arrow).
_IDENTIFIER = re.compile(
    r"^([a-z]{3}-adm\d(-[a-z]+)?|[a-z0-9-]+(\.[a-z0-9-]+)*\.(org|com|net|int|go\.th)|[a-z]+(_[a-z]+)+)$"
)
_PARENTHESES = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_’'.\-]*")


def latin_words(text: str) -> Counter:
    """Latin-script words outside parentheses that are not allowed, with how often each occurs."""
    found: Counter = Counter()
    for token in _WORD.findall(_PARENTHESES.sub(" ", text)):
        word = token.rstrip(".-")
        if word and word not in ALLOWED and not _IDENTIFIER.match(word):
            found[word] += 1
    return found


class _Text(HTMLParser):
    """The text a reader sees in an HTML file: its text nodes and the titles, alt texts and labels read out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts.extend(value for name, value in attrs if name in ("title", "alt", "aria-label") and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


_TIP = re.compile(r'"tip":\s*("(?:[^"\\]|\\.)*")')


def file_text(path: Path) -> str:
    """What a reader reads in an exported HTML or PDF file, the map's tooltips included (they are in its
    script, as JSON strings of HTML)."""
    if path.suffix == ".pdf":
        out = subprocess.run(
            [poppler("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
        )
        return out.stdout
    page = path.read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(page)
    for tip in _TIP.findall(page):
        parser.feed(json.loads(tip))
    return "\n".join(parser.parts)


def report(found: dict[str, Counter]) -> str:
    """Per file or page, the words found, most frequent first: what the failing test prints."""
    lines = []
    for where, words in found.items():
        if words:
            lines.append(f"{where}: " + ", ".join(f"{w} ×{n}" for w, n in words.most_common(40)))
    return "\n".join(lines)
