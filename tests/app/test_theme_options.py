"""The theme kept between runs (web/server/theme_options): the same options as Streamlit reads, read again when
its configuration is parsed again, and a loud failure when Streamlit stops reading its theme this way."""

from __future__ import annotations

import inspect

import pytest
from streamlit import config
from streamlit.runtime import app_session

from border_map.web.server.theme_options import cache_theme

SECTIONS = [
    "theme",
    *(f"theme.{category.value}" for category in config.CustomThemeCategories),
]


@pytest.fixture
def cached():
    undo = cache_theme()
    yield
    undo()
    config.get_config_options(force_reparse=True)


def test_streamlit_reads_each_runs_theme_through_the_function_the_app_keeps():
    """If this fails, Streamlit reads its theme some other way now: theme_options no longer saves anything and
    should go (or follow the new way)."""
    assert config.get_options_for_section.__module__ == "streamlit.config"
    assert "config.get_options_for_section(section)" in inspect.getsource(app_session._populate_theme_msg)
    new_session = inspect.getsource(app_session.AppSession._create_new_session_message)
    assert new_session.count("_populate_theme_msg(") >= len(SECTIONS)


def test_the_kept_theme_is_what_streamlit_reads_and_copies_like_it(cached):
    for section in SECTIONS:
        first = config.get_options_for_section(section)
        assert first == {o.name: o.value for o in config.get_config_options().values() if o.section == section}
        first["primaryColor"] = "changed by a caller"
        assert config.get_options_for_section(section).get("primaryColor") != "changed by a caller"
    assert "headless" in config.get_options_for_section("server")  # other sections as Streamlit reads them


def test_a_new_parse_of_the_configuration_is_read_again(cached):
    before = config.get_options_for_section("theme")["primaryColor"]
    config.get_config_options(force_reparse=True, options_from_flags={"theme.primaryColor": "#123456"})
    assert config.get_options_for_section("theme")["primaryColor"] == "#123456"
    config.get_config_options(force_reparse=True)
    assert config.get_options_for_section("theme")["primaryColor"] == before


def test_keeping_it_twice_keeps_one_copy(cached):
    function = config.get_options_for_section
    undo = cache_theme()
    assert config.get_options_for_section is function
    undo()
    assert config.get_options_for_section is function


def test_a_kept_section_is_not_read_from_streamlits_options_again(cached, monkeypatch):
    config.get_options_for_section("theme.sidebar")
    reads = []
    original = config.get_config_options
    monkeypatch.setattr(config, "get_config_options", lambda *a, **k: reads.append(1) or original(*a, **k))
    for _ in range(3):
        config.get_options_for_section("theme.sidebar")
    assert reads == []
