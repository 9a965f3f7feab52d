"""The limits on what border_map reads are one definition: Streamlit's upload limit is the table's."""

from __future__ import annotations

import tomllib

from border_map import limits
from tests.support.data import ROOT


def test_streamlit_accepts_uploads_up_to_the_table_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == limits.UPLOAD_MB == limits.TABLE_MB
    assert limits.TABLE_BYTES == limits.TABLE_MB * 1024 * 1024


def test_sizes_read_as_people_read_them():
    assert limits.megabytes(400 * 1024) == "0.4 MB"
    assert limits.megabytes(1536 * limits.MB) == "1,536 MB"
