"""Reading a PDF as its reader does: its text, and the cells of a table, from poppler's pdftotext.

pdftotext writes a table column by column, and a cell that wraps comes out between the cells of the next
column; `table_cells` puts each word back in its cell from where it stands on the page (`pdftotext -bbox`).
Thai vowel and tone marks stacked on one consonant come out in another order (พื้น as พ้นื), so `plain` leaves
them out, and the whitespace, on both sides of a comparison.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from html import unescape
from pathlib import Path

import pytest

from border_map.render.linebreak import units


def poppler(tool: str) -> str:
    if not shutil.which(tool):
        if os.environ.get("CI"):
            pytest.fail(f"{tool} missing in CI: scripts/test.sh installs poppler-utils")
        pytest.skip(f"{tool} not installed (scripts/test.sh installs poppler-utils)")
    return tool


def plain(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Mn")


def pdf_text(path: Path) -> str:
    """The whole text, `plain`."""
    out = subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True)
    return plain(out.stdout)


def pdf_lines(path: Path) -> list[str]:
    """Each line as it stands on the page (`pdftotext -layout`), `plain`: a label and the value beside it read
    as one."""
    out = subprocess.run([poppler("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return [plain(line) for line in out.stdout.splitlines()]


def words(path: Path, page: int = 1) -> list[tuple[float, float, str]]:
    """(x, y, word) of each word of a page, in points: its left edge and the middle of its height (a Thai word
    with marks above and below reaches higher and lower than a Latin one on the same line)."""
    return [(left, (top + bottom) / 2, text) for left, top, _right, bottom, text in word_boxes(path, page)]


def table_cells(path: Path, lefts_mm: list[float], keys: list[str], page: int = 1) -> list[list[str]]:
    """The rows of the table whose columns begin at `lefts_mm` from the page's left edge and whose first cells
    are `keys`, each as the `plain` text of its cells. A row runs from its key down to the next key, or to the
    next word left of the second column (what follows the table). The columns are found by where they stand,
    not by their headings: pdftotext splits a Thai word where it misorders its marks."""
    lefts = [mm * 72 / 25.4 for mm in lefts_mm]
    found = words(path, page)
    rows = sorted(y for x, y, text in found if text in keys and x < lefts[1])
    assert len(rows) == len(keys), f"keys on page {page}: {len(rows)} of {len(keys)}"
    below = sorted(y for x, y, _text in found if x < lefts[1] - 1 and y > rows[-1] + 5)
    ends = [*rows[1:], below[0] if below else float("inf")]
    table = []
    for top, bottom in zip(rows, ends, strict=True):
        cells: list[list[tuple[float, float, str]]] = [[] for _ in lefts]
        for x, y, text in found:
            if top - 5 <= y < bottom - 5 and x >= lefts[0] - 1:  # lines are 12 points apart
                cells[max(i for i, left in enumerate(lefts) if x >= left - 1)].append((x, y, text))
        table.append([_reading_order(cell) for cell in cells])
    return table


def _reading_order(found: list[tuple[float, float, str]]) -> str:
    """Words into lines (a Thai word's middle stands a little off a Latin one's on the same line), each line
    left to right."""
    lines: list[list[tuple[float, float, str]]] = []
    for word in sorted(found, key=lambda w: w[1]):
        if lines and word[1] - lines[-1][0][1] < 4:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "".join(plain(text) for line in lines for _x, _y, text in sorted(line))


# --- line breaks --------------------------------------------------------------------------------------------


def key(text: str) -> str:
    """Text as pdftotext gives it back whatever it reorders or spaces: letters and digits in order, no marks
    (decomposed first: pdftotext may write SARA AM as NIKHAHIT + SARA AA), no spaces, no format characters."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in ("Mn", "Cf"))


def breaks_inside(text: str, lines: list[str]) -> list[str]:
    """Where `lines`, `text` wrapped and read back in order, meet inside one of its units (a Thai word, a place
    name, a number and its unit): "end|start" around each such break. Empty when every line ends between words."""
    full, allowed, at = key(text), set(), ""
    for unit in units(text)[:-1]:
        at += unit
        allowed.add(len(key(at)))
    bad, position = [], 0
    for line in lines[:-1]:
        position += len(key(line))
        if position not in allowed:
            bad.append(f"{full[max(0, position - 10) : position]}|{full[position : position + 10]}")
    return bad


BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def _page_lines(path: Path) -> list[list[tuple[float, list[str]]]]:
    """Each page's lines as a reader sees them, each cut at its column gaps: (left edge, words) per piece.
    Words are put on one line by the middle of their height, within a third of it: Thai marks stacked above
    or below a word move its box, and `pdftotext -layout` would put such a word on a line of its own."""
    out = subprocess.run([poppler("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    pages = []
    for page in out.stdout.split("<page ")[1:]:
        boxes = [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in BOX.findall(page)]
        rows: list[list[tuple[float, float, float, float, str]]] = []
        for box in sorted(boxes, key=lambda w: (w[1] + w[3]) / 2):
            middle, height = (box[1] + box[3]) / 2, box[3] - box[1]
            if rows and abs(middle - sum((w[1] + w[3]) / 2 for w in rows[-1]) / len(rows[-1])) < height / 3:
                rows[-1].append(box)
            else:
                rows.append([box])
        lines = []
        for row in rows:
            pieces: list[tuple[float, list[str]]] = []
            right = None
            for x0, y0, x1, y1, text in sorted(row):
                if text == "•":
                    right = None  # a bullet stands apart from its item
                    continue
                if right is None or x0 - right > (y1 - y0):  # a gap wider than the text is high: a new column
                    pieces.append((x0, []))
                pieces[-1][1].append(text)
                right = x1
            lines.append(pieces)
        pages.append(lines)
    return pages


def wrapped(path: Path, texts: list[str]) -> list[tuple[str, list[str]]]:
    """Each of `texts` that the PDF sets on two lines or more, with its lines as read back: a piece of a line
    that begins the text, and the pieces below it, in the same column, that go on with it to its end."""
    targets = {key(t): t for t in texts if len(key(t)) >= 4}
    found = []
    for rows in _page_lines(path):
        for i, row in enumerate(rows):
            for column, words in row:
                piece = " ".join(words)
                start = key(piece)
                for full, text in targets.items():
                    if len(start) >= len(full) or not full.startswith(start):
                        continue
                    read, position, below = [piece], len(start), i + 1
                    while position < len(full) and below < len(rows):
                        going_on = [
                            " ".join(w)
                            for x, w in rows[below]
                            if abs(x - column) <= 6 and full.startswith(key(" ".join(w)), position)
                        ]
                        if not going_on:
                            break
                        read.append(going_on[0])
                        position += len(key(going_on[0]))
                        below += 1
                    if position == len(full):
                        found.append((text, read))
    return found


def word_boxes(path: Path, page: int = 1) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, word) of each word of a page, in points from the top left corner."""
    out = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in BOX.findall(out)]
