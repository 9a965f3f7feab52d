"""map_widget: folium's rendering cut into what the page's map widget needs, cached and shared; the page hints.

The widget's browser half (map_widget.js) is exercised by the browser tests (tests/browser/) in a real Chromium.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import json
import re

import fontpkg_sarabun
import pytest
from starlette.requests import Request
from starlette.responses import Response

from border_map.model.dataset import load_dataset
from border_map.render import maps
from border_map.web.components import map_widget
from border_map.web.server import hints, layers, offers, routes, streamlit_chunks
from tests.support.data import ROOT

FONT_FILES = fontpkg_sarabun.ROOT / "files"


def run_async(coroutine):
    """Run a coroutine to its end in a thread of its own: Playwright's sync API (a browser test earlier in the
    session) keeps an event loop running in the main thread, where `asyncio.run` refuses to start another."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dataset(tmp_path_factory.mktemp("nothing-built"))


@pytest.fixture
def sent(monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(map_widget, "_map_component", lambda **kwargs: calls.append(kwargs))
    return calls


def test_rendering_holds_the_map_its_legend_and_styles_and_nothing_from_a_cdn(data):
    fmap = maps.base_map(data, maps.MapView(story_markers=True), store=layers.store_layer)
    rendered = map_widget.render(fmap)
    assert rendered.map_id == fmap.get_name()
    assert f"var {rendered.map_id} = L.map(" in rendered.script
    assert f'id="{rendered.map_id}"' in rendered.html
    assert 'class="bm-legend"' in rendered.html
    assert rendered.html.startswith("<style>")
    assert "<script" not in rendered.html  # Leaflet is the widget's to load, from this server
    assert not re.search(r"https?://", rendered.html + rendered.script.replace(maps.OSM_TILES, ""))
    assert rendered.prefetch
    assert all(url.startswith("/layers/") for url in rendered.prefetch)
    assert all(f'fetch("{url}")' in rendered.script for url in rendered.prefetch)


def test_base_is_rendered_once_and_kept_across_selections(data, sent):
    view = maps.MapView(border="KHM")
    map_widget.show(data, view, page="y")
    map_widget.show(data, view, page="y", pairs=("34-1",), fit=[[13.0, 103.0], [14.5, 105.0]])
    map_widget.show(data, view, page="y")
    assert sent[2]["data"] is sent[0]["data"]  # the same view and selection: the kept bytes, not made again
    assert map_widget.base(data, view) is map_widget.base(data, view)  # the cached rendering, not an equal copy
    first, second = (json.loads(call["data"]) for call in sent[:2])
    assert first["base"] == second["base"]
    assert first["id"] == second["id"]  # the widget keeps the mounted map and swaps only the overlay
    assert sent[0]["key"] == sent[1]["key"] == "bm_map_y"
    assert first["overlay"] is None
    assert first["overlayKey"] != second["overlayKey"]
    overlay = stored_text(second["overlay"])  # a script file, which registers a function of the live map
    assert overlay.startswith("(window.__bmScripts = window.__bmScripts || {})[document.currentScript.src] = ")
    assert "function (map_div) {" in overlay
    assert "fitBounds([[13.0, 103.0], [14.5, 105.0]]" in overlay
    assert re.search(r"return feature_group_[0-9a-f]+;\n}", overlay)
    assert "L.map(" not in overlay  # drawn on the live map, map_div, not on a map of its own


def stored_text(url: str) -> str:
    """A file of the layer store as the page gets it."""
    raw, packed = layers.STORE.get(url.removeprefix(layers.LAYER_URL + "/"))
    assert gzip.decompress(packed) == raw
    return raw.decode()


def test_the_base_map_goes_as_a_file_the_page_fetches_not_in_each_message(data, sent):
    """The script and markup (~20 KB) are stored once and named in the message: a view's message is its
    overlay, its links and that name."""
    view = maps.MapView(border="LAO", lang="th")
    map_widget.show(data, view, page="f")
    message = json.loads(sent[0]["data"])
    rendered = map_widget.base(data, view)
    assert message["base"] == rendered.stored.url
    assert "script" not in message
    assert "html" not in message
    assert len(sent[0]["data"]) < 2_000
    # A script that registers the markup and a function drawing the map: nothing in the page runs a string.
    text = stored_text(rendered.stored.url)
    assert text.startswith("(window.__bmScripts = window.__bmScripts || {})[document.currentScript.src] = ")
    assert json.dumps(rendered.html) in text
    assert f"{rendered.script}\nreturn {rendered.map_id};" in text
    # The page's next viewer of that view fetches it once the page has loaded; a viewer of another does not.
    assert rendered.stored.url in hints.late_hints("f", "border=laos&lang=TH")
    assert rendered.stored.url in hints.late_hints("f", "border=lao", "th-TH,th;q=0.9,en;q=0.8")
    assert rendered.stored.url not in hints.late_hints("f", "border=laos&lang=en")
    assert rendered.stored.url not in hints.late_hints("f", "border=laos", "en-GB,th;q=0.5")
    assert rendered.stored.url not in hints.late_hints("f", "lang=th")


def test_a_stored_script_the_store_let_go_is_stored_again_when_shown(data, sent):
    view = maps.MapView(border="KHM", lang="th")
    map_widget.show(data, view, page="g", pairs=("34-1",))
    message = json.loads(sent[0]["data"])
    small = layers.LayerStore()
    original = layers.STORE
    layers.STORE = small  # a store that holds none of them (a restart would do the same)
    try:
        map_widget.show(data, view, page="g", pairs=("34-1",))
        assert stored_text(message["base"]) == map_widget.base(data, view).stored.text
        assert stored_text(message["overlay"]).endswith("};\n")
    finally:
        layers.STORE = original


def test_each_view_has_its_own_base(data, sent):
    map_widget.show(data, maps.MapView(border="LAO"), page="z")
    map_widget.show(data, maps.MapView(border="KHM"), page="z")
    assert json.loads(sent[0]["data"])["id"] != json.loads(sent[1]["data"])["id"]


def test_a_click_reaches_the_page_once(data, sent, monkeypatch):
    import streamlit as st

    got = []
    map_widget.show(data, maps.MapView(), page="c", on_click=got.append)
    changed = sent[0]["on_clicked_change"]
    monkeypatch.setattr(st, "session_state", {"bm_map_c": type("Result", (), {"clicked": {"pair_id": "08-1"}})()})
    changed()
    assert got == [{"pair_id": "08-1"}]
    monkeypatch.setattr(st, "session_state", {"bm_map_c": type("Result", (), {"clicked": None})()})
    changed()
    assert got == [{"pair_id": "08-1"}]


def test_layers_are_held_by_content():
    store = layers.LayerStore(max_entries=2)
    collection = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"n": "เลย"}}]}
    url = store.put("districts-THA", collection)
    again = store.put("districts-THA", collection)
    other = store.put("districts-THA", {"type": "FeatureCollection", "features": []})
    assert url == again != other
    assert url.startswith("/layers/districts-THA.")
    assert url.endswith(".json")
    raw, packed = store.get(url.rsplit("/", 1)[1])
    assert json.loads(raw) == collection
    assert gzip.decompress(packed) == raw
    store.put("links-both", {"type": "FeatureCollection", "features": []})  # over the bound: the oldest goes
    assert store.get(url.rsplit("/", 1)[1]) is None
    assert store.get(other.rsplit("/", 1)[1]) is not None
    assert len(store) == 2


def _get(path: str, gzip_ok: bool) -> Response:
    headers = [(b"accept-encoding", b"gzip, deflate")] if gzip_ok else []
    file = path.rsplit("/", 1)[1]
    scope = {"type": "http", "method": "GET", "path": path, "path_params": {"file": file}, "headers": headers}
    return run_async(layers.serve_layer(Request(scope)))


def test_layer_route_serves_compressed_immutable_bytes_and_names_a_miss():
    url = layers.store_layer("provinces-table", {"type": "FeatureCollection", "features": []})
    packed, plain = _get(url, gzip_ok=True), _get(url, gzip_ok=False)
    assert packed.status_code == plain.status_code == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(packed.body) == plain.body
    assert "immutable" in packed.headers["cache-control"]
    assert packed.media_type == "application/json"
    missing = _get("/layers/provinces-table.0000000000000000.json", gzip_ok=True)
    assert missing.status_code == 404
    assert b"reload" in missing.body


def test_the_maps_names_script_is_announced_and_served_by_its_content_name():
    """map_labels.js: in the page's head beside Leaflet, served at a name that changes with its content."""
    from border_map.render import maps
    from border_map.web.server import routes

    url = maps.labels_js_url()
    assert f'<script defer src="{url}"></script>' in hints.page_hints()
    assert any(getattr(route, "path", None) == url for route in routes.routes())
    scope = {"type": "http", "method": "GET", "path": url, "headers": [(b"accept-encoding", b"gzip")]}
    served = run_async(routes.labels_script(Request(scope)))
    assert gzip.decompress(served.body).decode() == maps.labels_js()
    assert "immutable" in served.headers["cache-control"]
    assert "function bmLabels" in maps.labels_js()


async def _page(
    path: str,
    body: bytes,
    kind: bytes = b"text/html; charset=utf-8",
    accept_gzip: bool = True,
    status: int = 200,
    query: bytes = b"",
    language: bytes = b"",
):
    seen: dict = {}

    async def app(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        headers = [(b"content-type", kind), (b"etag", b'"abc"')]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    headers = [(b"accept-encoding", b"gzip")] if accept_gzip else []
    headers += [(b"Accept-Language", language)] if language else []
    scope = {"type": "http", "method": "GET", "path": path, "headers": headers, "query_string": query}
    await hints.PageHints(app, "<!--hints-->")(scope, None, send)
    return seen["headers"], sent


def test_page_hints_go_into_the_page_only():
    headers, (start, body) = run_async(_page("/", b"<html><head><title>x</title></head></html>"))
    assert b"accept-encoding" not in headers  # the page is asked for plain, so it can be edited
    late, components = hints.late_hints("").encode(), hints.component_hints("").encode()
    assert body["body"] == b"<html><head>" + late + b"<!--hints-->" + components + b"<title>x</title></head></html>"
    assert dict(start["headers"])[b"content-length"] == str(len(body["body"])).encode()
    assert b"etag" not in dict(start["headers"])  # Streamlit's validator is for its file, not the edited page
    # The address's view and the browser's language choose the layer files announced.
    hints.remember_page_layers("overview", maps.MapView(border="LAO", lang="th"), ("/layers/lao-th.json",))
    _, (_, body) = run_async(_page("/", b"<head>", query=b"border=laos", language=b"th,en;q=0.5"))
    assert b'"/layers/lao-th.json"' in body["body"]
    _, (_, body) = run_async(_page("/", b"<head>", query=b"border=laos&lang=en", language=b"th"))
    assert b"/layers/lao-th.json" not in body["body"]
    _, (start, body) = run_async(_page("/explore", b"", status=304))
    assert start["status"] == 304
    assert dict(start["headers"])[b"etag"] == b'"abc"'  # passed on as sent
    assert body["body"] == b""
    headers, (_, body) = run_async(_page("/static/js/app.js", b"<head>", kind=b"text/javascript"))
    assert headers[b"accept-encoding"] == b"gzip"
    assert body["body"] == b"<head>"
    _, (_, body) = run_async(_page("/data", b'{"a": "<head>"}', kind=b"application/json"))
    assert body["body"] == b'{"a": "<head>"}'
    # A briefing is an HTML page of its own, for use without the app: it leaves exactly as it was made.
    briefing = b"<!DOCTYPE html><html><head><title>Loei</title></head></html>"
    headers, (_, body) = run_async(_page("/download/border_map-province-tha-loei-en.html", briefing))
    assert headers[b"accept-encoding"] == b"gzip"
    assert body["body"] == briefing


def test_page_hints_name_files_this_server_has():
    """A Streamlit upgrade that renames its chunks makes the hints shorter, never wrong: every named file exists."""
    head = hints.page_hints()
    assert '<script defer src="/vendor/leaflet/leaflet.js"></script>' in head
    chunks = re.findall(r'href="\./static/js/([^"]+)"', head)
    assert any(name.startswith("BidiComponent.") for name in chunks)  # true of the pinned Streamlit
    assert all((streamlit_chunks.JS / name).is_file() for name in chunks)


def test_the_themes_fonts_are_asked_for_from_the_head_as_the_theme_asks_for_them():
    import tomllib

    faces = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]["fontFaces"]
    head = hints.page_hints(faces)
    fonts = re.findall(r'<link rel="preload" href="([^"]+)" as="font" crossorigin>', head)
    assert fonts == [face["url"] for face in faces]
    assert len(fonts) == 3  # Sarabun 400, 600, 700: every weight the first screen shows
    assert all((FONT_FILES / url.rsplit("/", 1)[-1]).is_file() for url in fonts)  # served by app.py's routes
    assert head.index('rel="modulepreload"') < head.index('as="font"')  # behind Streamlit's own code
    assert "<script>x" not in hints.page_hints([{"url": '"><script>x</script>'}, "junk", {"url": 3}])


def test_a_deep_link_names_its_server_base_so_the_frontend_does_not_probe_the_page_path():
    _, (_, body) = run_async(_page("/explore", b"<html><head><title>x</title></head></html>"))
    page = body["body"].decode()
    assert page.startswith("<html><head><script>")
    assert page.endswith("<!--hints-->" + hints.component_hints("/explore") + "<title>x</title></head></html>")
    assert 's="/explore"' in page
    assert "BACKEND_BASE_URL" in page
    assert hints.server_base_hint("/") == ""  # the root has nothing to guess
    assert 's="/stories"' in hints.server_base_hint("/bm/stories/", "bm")  # under a base URL path
    assert hints.page_part("/bmx/stories", "bm") == "/bmx/stories"  # another path, not under /bm
    # A path is the URL's: whatever it holds, it cannot close the script or open markup.
    hostile = hints.server_base_hint('/x</script><img src=x onerror=alert(1)>&"')
    assert hostile.count("</script>") == 1
    assert hostile.endswith("</script>")
    assert "<img" not in hostile
    assert "&" not in hostile.split('s="', 1)[1].split('"', 1)[0]


def test_the_next_viewer_of_a_page_is_sent_its_layers_and_element_code_once_the_page_has_loaded(monkeypatch):
    # The server's memory of each view's files, empty: pages other tests ran in this process are not seen here.
    monkeypatch.setattr(hints, "_PAGE_LAYERS", {})
    both_en = maps.MapView(border="both", lang="en")
    hints.remember_page_layers("explore", both_en, ("/layers/a.0123.json", "/layers/</script>.json"))
    head = hints.late_hints("/explore")
    assert head.startswith("<script>addEventListener('load'")
    assert '"/layers/a.0123.json"' in head
    assert head.count("</script>") == 1  # the stored name could not close the script
    # Explore's first screen has no Streamlit widget: its province box is the app's own component (province_box).
    assert re.findall(r'"\./static/js/([^"]+)"', head) == []
    chunks = re.findall(r'"\./static/js/([^"]+)"', hints.late_hints("/stories"))
    assert any(name.startswith("Button.") for name in chunks)  # the story tour's buttons
    assert not any(name.startswith(("Radio.", "Checkbox.")) for name in chunks)  # the sidebar has no such widget
    assert all((streamlit_chunks.JS / name).is_file() for name in chunks)
    assert "/layers/" not in hints.late_hints("/never-seen")  # no map seen there: its elements only
    hints.remember_page_layers("overview", both_en, ("/layers/b.json",))
    hints.remember_page_layers("overview", maps.MapView(border="KHM", lang="th"), ("/layers/c.json",))
    assert '"/layers/b.json"' in hints.late_hints("")
    assert hints.late_hints("") == hints.late_hints("/overview")
    # The view the address asks for, read as the page's first run reads it: another view's files are not sent.
    assert hints.late_hints("", "lang=en&border=both&basemap=0") == hints.late_hints("")
    assert hints.late_hints("", "lang=nonsense&border=nowhere") == hints.late_hints("")  # the defaults, as shown
    thai = hints.late_hints("", "border=Cambodia&lang=th")
    assert '"/layers/c.json"' in thai
    assert '"/layers/b.json"' not in thai
    assert thai == hints.late_hints("", "border=khm&border=กัมพูชา", "th-TH,th;q=0.9")  # the last value, as read
    assert "/layers/" not in hints.late_hints("", "basemap=1")  # the online view was never seen
    assert hints.view_asked("basemap=%20YES%20&lang=ไทย") == ("th", "both", True)


def test_page_css_is_in_the_head_and_outranks_streamlits_own():
    head = hints.page_hints()
    css = head.split("<style>", 1)[1].split("</style>", 1)[0]
    rules = [line for line in css.splitlines() if "{" in line and not line.lstrip().startswith(("@", "/*"))]
    assert rules
    assert all(line.lstrip().startswith("html body ") for line in rules), rules
    assert ".bm-map-box" in css


def briefing(name: str) -> Response:
    request = Request({"type": "http", "method": "GET", "path": f"/download/{name}", "headers": []})
    request.scope["path_params"] = {"file": name}
    return run_async(offers.serve_briefing(request))


def test_a_briefing_is_made_when_asked_for_and_only_if_offered():
    made = []
    store = offers.BriefingOffers(max_entries=2)
    original, offers.OFFERS = offers.OFFERS, store
    try:
        url = store.offer("border_map-overview-en.pdf", lambda: made.append(1) or b"%PDF-1.7 ...")
        assert url == "download/border_map-overview-en.pdf"  # relative: right under any base path
        assert made == []  # offering costs a page nothing
        answer = briefing("border_map-overview-en.pdf")
        assert answer.status_code == 200
        assert answer.body.startswith(b"%PDF-")
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.headers["content-disposition"] == 'attachment; filename="border_map-overview-en.pdf"'
        assert made == [1]

        store.offer("border_map-story-x-en.html", lambda: None)  # its build has been replaced
        gone = briefing("border_map-story-x-en.html")
        assert gone.status_code == 404
        assert b"reload the page" in gone.body

        store.offer("border_map-story-y-en.html", lambda: b"<!DOCTYPE html>")  # the bound drops the oldest
        assert store.get("border_map-overview-en.pdf") is None
        assert briefing("border_map-overview-en.pdf").status_code == 404
        assert briefing("never-offered.exe").status_code == 404

        store.offer("border_map-broken-en.pdf", lambda: 1 / 0)
        broken = briefing("border_map-broken-en.pdf")
        assert broken.status_code == 500
        assert b"ZeroDivision" not in broken.body  # the detail goes to the log, not to the viewer
    finally:
        offers.OFFERS = original


def test_the_overview_answers_at_its_name_too():
    """`/overview` (the page's name, what people type) goes to the root page with its query; relative, so a
    base URL path or a proxy prefix stays in front of it."""
    for query, target in ((b"lang=th&border=laos", "./?lang=th&border=laos"), (b"", "./")):
        request = Request({"type": "http", "method": "GET", "path": "/overview", "query_string": query, "headers": []})
        answer = run_async(routes.overview_alias(request))
        assert answer.status_code == 307
        assert answer.headers["location"] == target
    assert any(getattr(route, "path", None) == "/overview" for route in routes.routes())
