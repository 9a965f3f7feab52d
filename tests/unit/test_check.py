"""`python -m border_map check`: a revised table checked against the real boundaries, written into --out only (what
the Data & sources page runs for an upload); its report names problems by row as templates the page can say in
Thai, and every name that matched nothing with the closest names of the boundary data."""

from __future__ import annotations

import csv
import io
import json

import pytest

from border_map import paths
from border_map.i18n import translator
from tests.support.data import run_cli

pytestmark = pytest.mark.real


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def _rows() -> list[list[str]]:
    with open(paths.PAIRS_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_check_writes_a_build_and_its_report_into_out_only(tmp_path, sources_dir):
    rows = _rows()
    rows[3][5] = "Huayxai"  # pair 02's town, misspelt
    table = tmp_path / "revised.csv"
    table.write_bytes(_csv(rows))
    out = tmp_path / "out"
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli("check", "--table", str(table), "--out", str(out), env={"BORDER_MAP_GEODATA": str(sources_dir)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "out"])
    report = json.loads((out / "check.json").read_text(encoding="utf-8"))
    assert report["ok"]
    assert report["stats"]["matched"] == 45
    assert report["table"]["read"] == "CSV, UTF-8, the project's column names"
    assert report["lines"]["02-1"] == 4
    [unmatched] = report["unmatched"]
    assert (unmatched["line"], unmatched["side"], unmatched["district"]) == (4, "neighbour", "Huayxai")
    assert unmatched["candidates"][0]["district"] == "Huoixai"
    assert unmatched["candidates"][0]["province"] == "Bokeo"
    assert (out / "build" / "manifest.json").is_file()


def test_check_reports_every_broken_row_with_templates(tmp_path):
    rows = _rows()
    rows[7][0] = "x"
    rows[9][3] = "FR"
    table = tmp_path / "broken.csv"
    table.write_bytes(_csv(rows))
    out = tmp_path / "out"
    result = run_cli("check", "--table", str(table), "--out", str(out), "--name", "pairs-2025.csv")
    assert result.returncode == 2
    assert "pairs-2025.csv, line 8: 'no' must be a whole number, got 'x'" in result.stderr
    assert "pairs-2025.csv, line 10: unknown nb_country 'FR'; use LAO or KHM" in result.stderr
    report = json.loads((out / "check.json").read_text(encoding="utf-8"))
    assert [e["line"] for e in report["errors"]] == [8, 10]
    assert not (out / "build").exists()
    thai = translator("th")
    error = report["errors"][1]
    assert thai(error["template"], **error["values"]) == "ไม่รู้จัก nb_country 'FR': ใช้ LAO หรือ KHM"
