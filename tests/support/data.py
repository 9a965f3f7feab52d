"""Where the tests find the project and the real boundary data, and how they run the command line.

The mirror is `$BORDER_MAP_MIRROR`, else `../shared/geodata` beside the project: the real-data tests run
whenever it is there. In CI (CI=true) they must run: a missing mirror fails them instead of skipping.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


def _mirror() -> Path | None:
    value = os.environ.get("BORDER_MAP_MIRROR")
    if value:
        return Path(value)
    beside = ROOT.parent / "shared" / "geodata"
    return beside if beside.is_dir() else None


MIRROR = _mirror()


def run_cli(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m border_map ...` as a user would, capturing output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "border_map", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"real boundary data unavailable in CI: {reason}")
    pytest.skip(reason)


# Names whose normalised forms (border_map.names.normalise) the province box's JavaScript must work out as the
# server does (web/components/normalise.js): Thai with its marks and spaces, Latin with case, accents (composed
# and combining), hyphens, punctuation, ß, ligatures, full-width and Thai digits, an invisible space, both scripts
# in one name. tests/unit/test_province_box.py (Node) and tests/browser/test_explore.py (Chromium) run them.
NORMALISE_CASES = [
    "Si Sa Ket", "SRISAKET", "Xaignabouli", "Champasak ", "Banteay-Meanchey", "Bântéay Méanchey", "Oddar  Meanchey",
    "Pailin.", "Straße", "ﬁ", "Ẑ", "Ha\u0301nói", "Hà Nội", "İstanbul", "ÇAMPASAK", "Ⅻ", "１２３", "๑๒๓",
    "\u200bLoei", "THA:Loei", "a-b_c/d", "", "  ", "เลย", " จำปาศักดิ์ ", "บันทายมีชัย", "จังหวัด เลย",
    "นครหลวงเวียงจันทน์", "Nong Khai · หนองคาย", "Sisakét ศรีสะเกษ", "Straße เลย", "เ\u0e25ย",
]  # fmt: skip
