"""The pairs table: structural problems stop with the line named; the CLI exits 2 and writes nothing."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from border_map import paths
from border_map.errors import TableError
from border_map.pipeline.table import COLUMNS, read_pairs
from tests.support.data import run_cli

HEADER = "no,thai_province,thai_district,nb_country,nb_province,nb_district"
GOOD = [
    "1,Chiang Rai,Chiang Khong,LAO,Bokeo,Houayxay",
    "2,Chiang Rai,Chiang Saen,LAO,Bokeo,Ton Pheung",
    "3,Loei,Chiang Khan,LAO,Vientiane,Sanakham",
]


def _table(tmp_path: Path, lines: list[str], name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# (case id, table lines, line named in the error, words the problem must contain)
BAD_TABLES = [
    (
        "missing-column",
        ["no,thai_province,thai_district,nb_country,nb_province", "1,Chiang Rai,Chiang Khong,LAO,Bokeo"],
        1,
        ["missing column", "nb_district"],
    ),
    (
        "extra-column",
        [HEADER + ",remarks", GOOD[0] + ",x"],
        1,
        ["unexpected column", "remarks"],
    ),
    (
        "extra-cell-in-row",
        [HEADER, GOOD[0], GOOD[1] + ",surplus"],
        3,
        ["7 cells", "expected 6"],
    ),
    (
        "empty-required-cell",
        [HEADER, GOOD[0], GOOD[1], "4,Loei,,LAO,Vientiane,Sanakham"],
        4,
        ["empty cell", "thai_district"],
    ),
    (
        "unknown-country",
        [HEADER, GOOD[0], "2,Chiang Rai,Chiang Saen,MMR,Tachileik,Tachileik"],
        3,
        ["unknown nb_country", "MMR"],
    ),
    (
        "non-numeric-no",
        [HEADER, GOOD[0], GOOD[1], GOOD[2], "4a,Loei,Tha Li,LAO,Xayaburi,Kenethao"],
        5,
        ["whole number", "4a"],
    ),
    (
        "zero-no",
        [HEADER, "0,Loei,Tha Li,LAO,Xayaburi,Kenethao"],
        2,
        ["1 or more"],
    ),
    (
        "repeated-pair",
        [HEADER, GOOD[0], GOOD[1], "7,chiang rai,CHIANG KHONG,lao,Bokeo,houayxay"],
        4,
        ["repeats the pair on line 2"],
    ),
]


@pytest.mark.parametrize(("lines", "line", "words"), [c[1:] for c in BAD_TABLES], ids=[c[0] for c in BAD_TABLES])
def test_bad_table_names_line_and_problem(tmp_path, lines, line, words):
    path = _table(tmp_path, lines)
    with pytest.raises(TableError) as info:
        read_pairs(path)
    assert info.value.line == line
    message = str(info.value)
    assert f"line {line}" in message
    assert str(path) in message
    for word in words:
        assert word in message


def _latin1_on_line_3(tmp_path: Path, bom: bool) -> Path:
    text = "\n".join([HEADER, GOOD[0], "2,Sisaket,Phu Sing,KHM,Oddar Meanchey,Anlong Veng é", GOOD[2]]) + "\n"
    path = tmp_path / "latin1.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("latin-1"))
    return path


@pytest.mark.parametrize("bom", [False, True], ids=["plain", "with-bom"])
def test_non_utf8_names_line_3(tmp_path, bom):
    path = _latin1_on_line_3(tmp_path, bom)
    with pytest.raises(TableError) as info:
        read_pairs(path)
    assert info.value.line == 3
    assert "line 3" in str(info.value)
    assert "UTF-8" in str(info.value)
    assert "0xe9" in str(info.value)


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([HEADER, *GOOD]).encode() + b"\r\n")
    rows = read_pairs(path)
    assert [r.thai_district for r in rows] == ["Chiang Khong", "Chiang Saen", "Chiang Khan"]
    assert [r.line for r in rows] == [2, 3, 4]


@pytest.mark.parametrize("content", [b"", b"  \n\n"], ids=["zero-bytes", "blank-lines"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(TableError) as info:
        read_pairs(path)
    assert "empty" in str(info.value)
    assert str(path) in str(info.value)


def test_header_only(tmp_path):
    with pytest.raises(TableError, match="no rows"):
        read_pairs(_table(tmp_path, [HEADER]))


def test_missing_file(tmp_path):
    with pytest.raises(TableError, match="cannot read"):
        read_pairs(tmp_path / "nope.csv")


def test_pair_ids_and_lines_follow_the_file(tmp_path):
    lines = [HEADER, GOOD[0], "", "1,Chiang Rai,Chiang Khong,lao,Bokeo,Ton Pheung", GOOD[2]]
    rows = read_pairs(_table(tmp_path, lines))
    assert [r.pair_id for r in rows] == ["01-1", "01-2", "03-1"]
    assert [r.line for r in rows] == [2, 4, 5]
    assert rows[1].nb_country == "LAO"  # normalised case
    assert list(rows[0].as_stated()) == list(COLUMNS)


def test_packaged_table():
    header = paths.PAIRS_CSV.read_text(encoding="utf-8").splitlines()[0]
    assert header == "no,thai_province,thai_district,nb_country,nb_province,nb_district"
    rows = read_pairs(paths.PAIRS_CSV)
    assert len(rows) == 46
    ids = [r.pair_id for r in rows]
    assert len(set(ids)) == len(ids)
    counts: dict[int, int] = {}
    for row in rows:
        counts[row.no] = counts.get(row.no, 0) + 1
    assert {no for no, n in counts.items() if n > 1} == {1, 36, 42}
    assert all(counts[no] == 2 for no in (1, 36, 42))
    for no in (1, 36, 42):
        pair = [r for r in rows if r.no == no]
        assert len({(r.thai_province, r.thai_district) for r in pair}) == 1
        assert [r.pair_id for r in pair] == [f"{no:02d}-1", f"{no:02d}-2"]
    # the rows are as stated: same cells as a plain CSV read
    with open(paths.PAIRS_CSV, encoding="utf-8", newline="") as handle:
        plain = list(csv.DictReader(handle))
    assert [r.as_stated() for r in rows] == [{**p, "no": int(p["no"])} for p in plain]


# --- CLI: exit status 2, the line on stderr, nothing written -------------------------------------


def _tree_digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


CLI_CASES = [(c[0], c[1], c[2]) for c in BAD_TABLES if c[0] in ("missing-column", "non-numeric-no")] + [
    ("empty-cell", [HEADER, GOOD[0], "2,Chiang Rai,Chiang Saen,LAO,,Ton Pheung"], 3),
    ("unknown-country", [HEADER, "1,Trat,Khlong Yai,KH,Koh Kong,Mondol Seima"], 2),
    ("repeated", [HEADER, GOOD[0], GOOD[0]], 3),
]


@pytest.mark.parametrize(("lines", "line"), [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_cli_bad_table_exit_2_writes_nothing(tmp_path, lines, line):
    table = _table(tmp_path, lines)
    out = tmp_path / "out"
    result = run_cli("build", "--table", str(table), "--out", str(out), "--sources", str(tmp_path / "none"))
    assert result.returncode == 2, result.stderr
    assert f"line {line}" in result.stderr
    assert str(table) in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_cli_non_utf8_and_empty(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "--table", str(_latin1_on_line_3(tmp_path, False)), "--out", str(out))
    assert result.returncode == 2
    assert "line 3" in result.stderr
    assert "UTF-8" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run_cli("build", "--table", str(empty), "--out", str(out))
    assert result.returncode == 2
    assert "empty" in result.stderr
    assert not out.exists()


def test_cli_bad_table_leaves_previous_build_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("districts.geojson", "links.geojson", "provinces.geojson", "report.json"):
        (out / name).write_text(f'{{"previous": "{name}"}}', encoding="utf-8")
    before = _tree_digest(out)
    table = _table(tmp_path, [HEADER, GOOD[0], "2,Chiang Rai,Chiang Saen,LAO,Bokeo"])
    result = run_cli("build", "--table", str(table), "--out", str(out))
    assert result.returncode == 2
    assert "line 3" in result.stderr
    assert _tree_digest(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no temporary leftovers
