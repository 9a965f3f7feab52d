"""What the browser asks of whom: the briefing links download files this server makes, and the online basemap
fetches OpenStreetMap tiles and nothing else (with it off, nothing leaves the machine: every Page refuses and
reports requests to other hosts)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.browser import Page, drawn, script

pytestmark = [pytest.mark.browser, pytest.mark.real]


def test_briefing_links_download_files_made_by_this_server(page, app):
    """The map pages link their briefings (downloads.offer_briefings); this server makes each file when it is
    asked for and sends it as a download. A name it never offered gets a plain 404, never the app's page."""
    page.goto(app.url + "/explore?province=Loei")
    link = page.page.get_by_role("link", name="PDF", exact=True)
    link.wait_for()
    href = link.get_attribute("href")
    assert href == "download/border_map-province-tha-loei-en.pdf"
    with page.page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "border_map-province-tha-loei-en.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    answer = page.page.request.get(app.url + "/download/border_map-province-tha-loei-en.html")
    assert answer.status == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="border_map-province-tha-loei-en.html"'
    assert answer.headers["content-type"].startswith("text/html")
    assert b"leaflet" in answer.body().lower()
    assert b"stMainBlockContainer" not in answer.body()  # as made: none of the app page's head hints in it
    for name in ("border_map-never-offered-en.pdf", "border_map-province-tha-loei-en.exe", "x.html"):
        missing = page.page.request.get(app.url + "/download/" + name)
        assert missing.status == 404
        assert "reload the page" in missing.text()


def test_basemap_fetches_only_osm_tiles(browser, app, counts):
    page = Page(browser, allow_external=True)
    try:
        page.goto(app.url)
        expected = drawn(counts("both", stories=True))
        page.wait_for_map(expected)
        assert page.external == [], "requests left the machine with the basemap off"
        page.sidebar().get_by_text("Online basemap (OpenStreetMap)").click()
        page.wait_for_param("basemap", "1")
        # Until every tile the map asked for has come back (refused): none is asked for after that.
        page.page.wait_for_function(script("tiles_loaded"), polling="raf", timeout=30_000)
        assert page.external, "the basemap asked for no tile"
        page.wait_for_map(expected)  # tiles refused, every shape drawn all the same
        hosts = {urlparse(url).hostname for url in page.external}
        assert hosts == {"tile.openstreetmap.org"}, sorted(page.external)[:10]
        assert all(re.search(r"/\d+/\d+/\d+\.png$", url) for url in page.external)
        scripts = page.map_eval(script("map_scripts"))
        assert any(s.endswith("/vendor/leaflet/leaflet.js") for s in scripts), scripts
        assert all(urlparse(s).hostname in {"127.0.0.1", None} for s in scripts), scripts
        assert any(r.endswith("/vendor/leaflet/leaflet.js") for r in page.requests)
        page.page.reload(wait_until="domcontentloaded")  # the link keeps the basemap on
        page.wait_idle()
        page.wait_for_map(expected)
        assert page.sidebar().get_by_role("switch", name="Online basemap (OpenStreetMap)").is_checked()
    finally:
        page.close()
