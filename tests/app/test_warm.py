"""Warm at start (border_map.web.warm), in this process: what it imports, that it fills the caches the pages read
with what the overview's first run asks for, and that a failure is logged and retried, never raised.
tests/deploy/test_warm_start.py proves the same of a started server."""

from __future__ import annotations

import json
import logging
import time

import pytest
from streamlit.testing.v1 import AppTest

from border_map.model.manifest import MANIFEST, current
from border_map.web import data_cache, warm
from tests.support.data import ROOT


@pytest.fixture
def real_build(monkeypatch, built_dir):
    monkeypatch.setenv("BORDER_MAP_DATA", str(built_dir))
    data_cache.dataset.clear()
    yield built_dir
    data_cache.dataset.clear()


def wait_for(warmer: warm.Warmer, state: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while warmer.status.state != state:
        assert time.monotonic() < deadline, f"no {state!r} within {seconds} s: {warmer.status}"
        time.sleep(0.02)


def test_the_pages_imports_are_read_from_their_source_default_page_first(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text(
        "import streamlit as st\n"
        "if __name__ == '__main__':\n    from border_map.web import entry\nelse:\n    import json\n",
        encoding="utf-8",
    )
    (tmp_path / "pages" / "overview.py").write_text(
        "from datetime import date\nfrom border_map.web.components import map_widget, figures_widget\n",
        encoding="utf-8",
    )
    (tmp_path / "pages" / "zeta.py").write_text(
        "from border_map.model import deck\nimport json\n\n"
        "def later():\n    import border_map.render.export_pdf  # kept lazy by its page: not imported ahead\n",
        encoding="utf-8",
    )

    first, rest = warm.page_modules(tmp_path)

    assert first == [
        "streamlit",
        "border_map.web",
        "border_map.web.entry",
        "json",
        "datetime",  # `date` is a class, not a module
        "border_map.web.components",
        "border_map.web.components.map_widget",
        "border_map.web.components.figures_widget",
    ]
    assert rest == ["border_map.model", "border_map.model.deck"]


def test_the_real_pages_imports():
    first, rest = warm.page_modules(ROOT)
    assert "border_map.web.entry" in first  # app.py's page branch
    assert "border_map.web.components.map_widget" in first  # the overview's
    assert "border_map.model.deck" in rest  # the Present page's, after the overview's maps
    assert not [name for name in first + rest if name.startswith("border_map.pipeline")]  # never on a server


@pytest.mark.real
def test_the_overview_asks_for_the_base_maps_the_warm_up_makes(real_build):
    """What the overview's first run renders, in English and in Thai, is what the warm-up renders: if the page
    changes its view, the warm-up would warm the wrong maps, and this fails."""
    for lang in ("en", "th"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    asked = {key[1] for key in data_cache.dataset().extra if key[0] == "map_widget.base"}
    assert asked == set(warm.overview_views())


@pytest.mark.real
def test_the_warm_up_fills_the_pages_caches_and_survives_a_failure(real_build, monkeypatch, caplog):
    build_id = json.loads((current(real_build) / MANIFEST).read_text(encoding="utf-8"))["build_id"]
    real = data_cache.dataset

    def broken():
        raise OSError("the disk went away")

    monkeypatch.setattr(data_cache, "dataset", broken)
    monkeypatch.setattr(warm, "RETRY_S", 0.05)
    warmer = warm.Warmer(ROOT, look_every_s=0.05, others_after_s=0.05)
    try:
        with caplog.at_level(logging.ERROR, logger="border_map"):
            warmer.start()
            wait_for(warmer, "failed")
        assert warmer.status.error == "OSError: the disk went away"
        assert any("warm-up failed" in r.getMessage() and r.exc_info for r in caplog.records)
        assert warmer._thread.is_alive()  # logged, not raised: it tries again

        monkeypatch.setattr(data_cache, "dataset", real)
        wait_for(warmer, "warm")
    finally:
        warmer.stop()

    assert warmer.status.build_id == build_id
    assert warmer.status.error is None
    held = warm.held()  # read from the pages' cache, not from the warm-up's own account
    assert held["cache"] == {"datasets": 1, "build_id": build_id}
    assert {(m["lang"], m["border"]) for m in held["base_maps"]} == {("en", "both"), ("th", "both")}
    data = data_cache.dataset()
    assert {key[1] for key in data.extra if key[0] == "map_widget.base"} == set(warm.overview_views())
    assert ("headline", "both") in data.extra  # the overview's figures
