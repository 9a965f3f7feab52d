"""What the page hints rely on in Streamlit's built frontend (web/server/streamlit_chunks.py), checked against
the installed Streamlit: an upgrade that lays its files out otherwise fails here, by name, instead of the hints
quietly becoming empty."""

from __future__ import annotations

import logging

import pytest

from border_map.web.server import hints, streamlit_chunks
from border_map.web.server.streamlit_chunks import ChunksChanged

HINTED = ["BidiComponent", *sorted({e for elements in hints._PAGE_ELEMENTS.values() for e in elements})]


def test_streamlits_page_preloads_its_chunks_where_the_scan_looks():
    preloaded = streamlit_chunks.preloaded()
    assert any(name.startswith("index.") for name in preloaded)
    assert all((streamlit_chunks.JS / name).is_file() for name in preloaded)


@pytest.mark.parametrize("element", HINTED)
def test_each_element_the_hints_name_has_its_chunk(element):
    chunks = streamlit_chunks.closure(element)  # ChunksChanged when Streamlit names it otherwise
    assert chunks, f"{element}'s code is all preloaded: its hint is useless"
    assert chunks[0].startswith(f"{element}.")
    assert all((streamlit_chunks.JS / name).is_file() for name in chunks)


def test_the_scan_follows_a_chunks_imports():
    assert len(streamlit_chunks.closure("BidiComponent")) > 1
    assert len(streamlit_chunks.closure("Selectbox")) > 5


def test_an_element_without_a_chunk_is_an_error_not_an_empty_hint():
    with pytest.raises(ChunksChanged, match="NoSuchElement"):
        streamlit_chunks.closure("NoSuchElement")


def test_a_streamlit_laid_out_otherwise_fails_loudly_and_the_server_says_so(monkeypatch, tmp_path, caplog):
    """As after an upgrade that moved or renamed the chunks: the scan raises, and the running server logs an
    error and sends the page without those hints."""
    monkeypatch.setattr(streamlit_chunks, "JS", tmp_path)
    with pytest.raises(ChunksChanged, match="BidiComponent"):
        streamlit_chunks.closure("BidiComponent")
    hints._chunks.cache_clear()
    streamlit_chunks.element_chunks.cache_clear()
    try:
        with caplog.at_level(logging.ERROR, logger="border_map"):
            head = hints.page_hints()
        assert "modulepreload" not in head
        assert "No page hints for Streamlit's BidiComponent code" in caplog.text
    finally:
        hints._chunks.cache_clear()
        streamlit_chunks.element_chunks.cache_clear()
