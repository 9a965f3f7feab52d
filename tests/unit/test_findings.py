"""Findings about the table itself: numbering and the stated district count."""

from __future__ import annotations

from border_map.pipeline.findings import Finding, district_count_finding, numbering_findings
from border_map.pipeline.table import PairRow


def rows_from(spec: list[tuple[int, str, str]]) -> list[PairRow]:
    """(no, thai_province, thai_district) -> rows with pair ids numbered as read_pairs does."""
    seen: dict[int, int] = {}
    rows = []
    for line, (no, province, district) in enumerate(spec, start=2):
        seen[no] = seen.get(no, 0) + 1
        rows.append(PairRow(f"{no:02d}-{seen[no]}", line, no, province, district, "LAO", "Bokeo", f"X{line}"))
    return rows


def test_clean_numbering_has_no_findings():
    rows = rows_from([(1, "Chiang Rai", "Chiang Khong"), (1, "Chiang Rai", "Chiang Khong"), (2, "Loei", "Tha Li")])
    assert numbering_findings(rows) == []


def test_gap_in_numbering():
    rows = rows_from([(1, "Chiang Rai", "Chiang Khong"), (2, "Loei", "Tha Li"), (5, "Trat", "Bo Rai")])
    findings = numbering_findings(rows)
    assert len(findings) == 1
    (gap,) = findings
    assert gap.kind == "numbering"
    assert gap.severity == "warning"
    assert "skips 3, 4" in gap.message
    assert "1 to 5" in gap.message
    assert "but 2 numbers never appear." in gap.message


def test_same_number_for_two_thai_districts():
    rows = rows_from(
        [(1, "Chiang Rai", "Chiang Khong"), (2, "Loei", "Tha Li"), (2, "Loei", "Dan Sai"), (3, "Nan", "Song Khwae")]
    )
    findings = numbering_findings(rows)
    assert len(findings) == 1
    assert "Number 2" in findings[0].message
    assert "Dan Sai (Loei)" in findings[0].message
    assert "Tha Li (Loei)" in findings[0].message
    assert findings[0].pair_ids == ["02-1", "02-2"]


def test_one_district_under_two_numbers():
    rows = rows_from([(1, "Loei", "Tha Li"), (2, "Loei", "Tha Li")])
    findings = numbering_findings(rows)
    assert len(findings) == 1
    assert "Tha Li (Loei) appears under several numbers: 1, 2" in findings[0].message
    assert findings[0].pair_ids == ["01-1", "02-1"]


def test_district_count_finding():
    rows = rows_from([(1, "Chiang Rai", "Chiang Khong"), (1, "Chiang Rai", "Chiang Khong"), (2, "Loei", "Tha Li")])
    (finding,) = district_count_finding(rows, 3)
    assert finding.kind == "district_count"
    assert "3 target districts" in finding.message
    assert "lists 2 distinct" in finding.message
    assert finding.as_dict()["severity"] == "warning"
    assert district_count_finding(rows, 2) == []
    assert district_count_finding(rows, None) == []


def test_finding_dict_and_severity():
    info = Finding("unlisted_neighbour", "m", {}, ["01-1"])
    assert info.as_dict() == {
        "kind": "unlisted_neighbour",
        "template": "m",
        "values": {},
        "message": "m",
        "pair_ids": ["01-1"],
        "places": {},
        "severity": "info",
    }
    assert Finding("not_adjacent", "m").severity == "warning"


def test_a_gap_of_one_number_is_said_in_the_singular_in_either_language():
    """The report keeps both forms and the count (as a catalogue does): a page phrases the one its language
    needs, from the report as read back, in English and in Thai."""
    import json

    from border_map.i18n import translator
    from border_map.model.findings_text import describe

    one = rows_from([(1, "Chiang Rai", "Chiang Khong"), (3, "Loei", "Tha Li")])
    two = rows_from([(1, "Chiang Rai", "Chiang Khong"), (4, "Loei", "Tha Li")])
    (single,) = [json.loads(json.dumps(f.as_dict())) for f in numbering_findings(one)]
    (double,) = [json.loads(json.dumps(f.as_dict())) for f in numbering_findings(two)]
    assert single["message"] == "The numbering skips 2: rows run from 1 to 3 but 1 number never appears."
    assert double["message"] == "The numbering skips 2, 3: rows run from 1 to 4 but 2 numbers never appear."
    en, th = translator("en"), translator("th")
    assert describe(single, en) == single["message"]
    assert describe(double, en) == double["message"]
    for finding, count in ((single, "1"), (double, "2")):
        thai = describe(finding, th)
        assert "{" not in thai
        assert f"ขาดไป {count} ลำดับ" in thai
        assert "number" not in thai


def test_a_report_written_before_plurals_reads_as_it_was():
    from border_map.i18n import translator
    from border_map.model.findings_text import describe

    finding = {"template": "Number {no} is used twice.", "values": {"no": 3}, "message": "Number 3 is used twice."}
    assert describe(finding, translator("en")) == "Number 3 is used twice."
