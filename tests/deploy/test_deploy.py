"""The deployment past one machine, for real: the nginx configuration compose ships
(deploy/nginx/border_map.conf.template), rendered as the official nginx image renders it and run by Debian's
nginx in front of two real app replicas, opened by real Chromium. No Docker is needed or used.

What must hold, because a Streamlit session lives in one replica's memory:
1. the app opened through nginx draws its map, visibly, and its websocket goes through nginx;
2. every request of one browser (page, websocket, component frame, layers, a download) reaches one replica,
   proved from nginx's own access log (route cookie and `$upstream_addr`), while new viewers spread;
3. with one replica stopped, new viewers land on the other and the map draws, and an open page reconnects;
4. the static briefing site is served by nginx alone, with no replica running.

Skipped only without nginx (scripts/test.sh installs it), as the browser tests skip without chromium.
Throughput per replica count is a speed figure: python -m scripts.bench.replicas measures it, this file does not.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.nginx_local import SERVER_PARAMS, TEMPLATE, Nginx, placeholders, render
from tests.support.browser import MAP_BOX, Page, free_port
from tests.support.data import ROOT
from tests.support.deploy import Deployment, address

pytestmark = [pytest.mark.browser, pytest.mark.real]

ROUTE_COOKIE = "bm_route"
MAX_NEW_VIEWERS = 12  # until both replicas have had one; all on one replica by chance: 2 * 0.5**12


# --- viewers and the access log ----------------------------------------------------------------------------


class Viewer:
    """A fresh browser context (a new viewer: no route cookie yet) with the overview open through nginx."""

    def __init__(self, browser, deployment: Deployment, paths: int):
        self.page = Page(browser)
        self.sockets: list[str] = []
        self.page.page.on("websocket", lambda socket: self.sockets.append(socket.url))
        self.page.goto(deployment.url + "/")
        self.state = self.page.wait_for_map(paths)

    @property
    def route(self) -> str:
        values = [c["value"] for c in self.page.context.cookies() if c["name"] == ROUTE_COOKIE]
        assert len(values) == 1, f"nginx set no single {ROUTE_COOKIE} cookie: {self.page.context.cookies()}"
        return values[0]

    def assert_map_visible(self) -> None:
        """Drawn and on screen: a sized iframe (not stuck at height 0) that is visible."""
        assert self.state["height"] > 100, self.state
        assert self.state["width"] > 100, self.state
        assert self.page.page.locator(MAP_BOX).last.is_visible()


def upstreams(entry: dict) -> list[str]:
    """The replicas nginx tried for one request, in order (more than one: it failed over)."""
    return [part.strip() for part in entry["upstream"].split(",") if part.strip()]


def path_of(entry: dict) -> str:
    return entry["request"].split(" ")[1]


def logged(nginx: Nginx, route: str, websockets: int = 1, timeout: float = 20) -> list[dict]:
    """The route's log entries once its websockets are in the log (nginx writes one when it closes)."""
    deadline = time.time() + timeout
    while True:
        entries = [e for e in nginx.requests() if e["route"] == route]
        closed = [e for e in entries if path_of(e).startswith("/_stcore/stream")]
        if len(closed) >= websockets or time.time() > deadline:
            return entries
        time.sleep(0.2)


def assert_one_replica(entries: list[dict], replicas: set[str]) -> str:
    """Every entry answered by the same single replica, at the first try; returns it."""
    answered = {tuple(upstreams(e)) for e in entries}
    assert len(answered) == 1, f"one viewer's requests reached several replicas: {sorted(answered)}"
    (only,) = answered
    assert len(only) == 1, f"nginx had to try several replicas: {only}"
    assert only[0] in replicas, f"{only[0]} is not a replica ({replicas})"
    return only[0]


# --- 1. the app through nginx -------------------------------------------------------------------------------


def test_app_through_nginx_draws_its_map_over_a_proxied_websocket(deployment, browser, overview_paths):
    viewer = Viewer(browser, deployment, overview_paths)
    try:
        viewer.assert_map_visible()
        assert viewer.state["paths"] >= overview_paths
        # The browser spoke to nginx only: its websocket went to nginx's port, not to a replica's.
        assert viewer.sockets, "the page opened no websocket"
        assert all(url == f"ws://127.0.0.1:{deployment.nginx.port}/_stcore/stream" for url in viewer.sockets)
        route = viewer.route
    finally:
        viewer.page.close()
    streams = [e for e in logged(deployment.nginx, route) if path_of(e) == "/_stcore/stream"]
    assert streams, "nginx logged no websocket for this viewer"
    assert all(e["status"] == "101" and e["upgrade"] == "websocket" for e in streams), streams
    assert all(upstreams(e)[0] in deployment.addresses() for e in streams), streams


# --- 2. sessions stick, new viewers spread -------------------------------------------------------------------


def test_every_request_of_a_viewer_reaches_one_replica_and_new_viewers_spread(deployment, browser, overview_paths):
    routes: list[str] = []
    held: dict[str, str] = {}  # route -> replica
    while set(held.values()) != deployment.addresses() and len(routes) < MAX_NEW_VIEWERS:
        viewer = Viewer(browser, deployment, overview_paths)
        try:
            viewer.assert_map_visible()
            route = viewer.route
            assert route not in routes, "a new viewer was given an old route"
            if not routes:
                # A briefing is made by the replica whose page offered it: the link must reach that one.
                with viewer.page.page.expect_download() as download:
                    viewer.page.page.get_by_role("link", name="HTML", exact=True).first.click()
                body = Path(download.value.path()).read_text(encoding="utf-8")
                assert "leaflet" in body.lower(), body[:200]
            routes.append(route)
        finally:
            viewer.page.close()
        entries = logged(deployment.nginx, route)
        paths = [path_of(e) for e in entries]
        # The first request carried no cookie: nginx routed it by its request id and handed that id out.
        assert entries[0]["cookie"] == "", entries[0]
        assert path_of(entries[0]) == "/", entries[0]
        assert all(e["cookie"] == route for e in entries[1:]), [e for e in entries[1:] if e["cookie"] != route]
        for kind in ("/_stcore/stream", "/static/js/BidiComponent.", "/layers/", "/vendor/leaflet/"):
            assert any(p.startswith(kind) for p in paths), f"no {kind} request logged for this viewer: {paths}"
        if len(routes) == 1:
            assert any(p.startswith("/download/") and p.endswith(".html") for p in paths), paths
        # 499 is nginx's "the browser went away first" (the context closing), not a request that failed.
        bad = [e for e in entries if int(e["status"]) >= 400 and e["status"] != "499"]
        assert not bad, bad
        held[route] = assert_one_replica(entries, deployment.addresses())
    assert set(held.values()) == deployment.addresses(), f"{len(routes)} new viewers all went to {held}"


# --- 4. the static briefing site -----------------------------------------------------------------------------


def status_and_location(url: str, path: str, language: str) -> tuple[int, str | None]:
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Language": language})
        response = connection.getresponse()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def test_briefing_site_is_served_by_nginx_with_no_replica_running(nginx_installed, site_root, browser, tmp_path):
    # Replicas at ports nobody listens on: the site must not need them.
    nginx = Nginx(tmp_path / "nginx", free_port(), [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"], site_root)
    try:
        assert status_and_location(nginx.url, "/", "en")[0] == 502  # really no app behind it
        # The site's language is chosen as the app chooses it: Thai browsers get Thai.
        assert status_and_location(nginx.url, "/briefing/", "th-TH,th;q=0.9,en;q=0.5") == (302, "/briefing/th/")
        assert status_and_location(nginx.url, "/briefing", "en-GB,en;q=0.8") == (302, "/briefing/en/")

        page = Page(browser)
        try:
            page.page.goto(nginx.url + "/briefing/en/", wait_until="domcontentloaded")
            page.page.get_by_role("link", name="Loei", exact=True).first.click()
            page.page.wait_for_url("**/briefing/en/provinces/tha-loei.html")
            assert page.page.locator(".bm-panel h1").inner_text() == "Loei (Thailand)"
            page.page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
            box = page.page.locator(".leaflet-container").first.bounding_box()
            assert box["height"] > 100, box
            assert box["width"] > 100, box
            assert page.page.locator(".leaflet-container").first.is_visible()
        finally:
            page.close()
        site = [e for e in nginx.requests() if path_of(e).startswith("/briefing/en/")]
        assert any(path_of(e).endswith("/tha-loei.html") and e["status"] == "200" for e in site), site
        assert all(e["upstream"] in ("", "-") for e in site), "a site request went to a replica"
    finally:
        nginx.stop()


# --- security headers ----------------------------------------------------------------------------------------


def response_headers(url: str, path: str, headers: dict | None = None) -> tuple[int, dict[str, list[str]], bytes]:
    """Status, every header by lower-case name (each value, repeats kept) and the body."""
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=20)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        found: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            found.setdefault(name.lower(), []).append(value)
        return response.status, found, response.read()
    finally:
        connection.close()


def assert_locked(headers: dict[str, list[str]]) -> str:
    """Each security header once (nginx adds none the app already sent); returns the one policy."""
    assert headers.get("x-content-type-options") == ["nosniff"], headers
    assert headers.get("referrer-policy") == ["same-origin"], headers
    assert headers.get("x-frame-options") == ["SAMEORIGIN"], headers
    policies = headers.get("content-security-policy", [])
    assert len(policies) == 1, policies
    assert "frame-ancestors 'self'" in policies[0], policies
    return policies[0]


def test_security_headers_through_nginx_once_each_with_hsts_only_over_tls(deployment):
    from border_map.render import csp

    status, headers, body = response_headers(deployment.url, "/explore")
    assert status == 200
    policy = assert_locked(headers)
    # The app's own policy, with the hashes of this page's inline scripts, not a generic one from nginx.
    assert all(h in policy for h in csp.inline_script_hashes(body.decode())), policy
    assert "strict-transport-security" not in headers  # plain HTTP

    _, headers, _ = response_headers(deployment.url, "/vendor/leaflet/leaflet.js")
    assert_locked(headers)
    # Behind a TLS proxy (it says so in X-Forwarded-Proto) nginx adds HSTS.
    _, headers, _ = response_headers(deployment.url, "/", {"X-Forwarded-Proto": "https"})
    assert headers.get("strict-transport-security") == ["max-age=31536000; includeSubDomains"], headers

    status, headers, body = response_headers(deployment.url, "/briefing/en/index.html")
    assert status == 200
    policy = assert_locked(headers)
    assert "connect-src 'none'" in policy
    assert b'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'' in body[:3000]


def test_nginx_sends_the_headers_when_no_replica_answers(nginx_installed, site_root, tmp_path):
    nginx = Nginx(tmp_path / "nginx", free_port(), [f"127.0.0.1:{free_port()}"], site_root)
    try:
        status, headers, _ = response_headers(nginx.url, "/")
        assert status == 502
        assert "script-src 'self';" in assert_locked(headers)  # nginx's own, for its own error page
    finally:
        nginx.stop()


# --- the shipped files ---------------------------------------------------------------------------------------


def test_compose_runs_replicas_behind_the_tested_template():
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed (it belongs in requirements-test.txt)")
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    app, web = compose["services"]["app"], compose["services"]["nginx"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = set(re.findall(r"^FROM \S+ AS (\S+)$", dockerfile, re.MULTILINE))
    assert {app["build"]["target"], web["build"]["target"], "mirror"} <= stages
    assert app["build"]["additional_contexts"]["mirror"]
    assert app["deploy"]["replicas"] >= 2
    assert "/_stcore/health" in " ".join(app["healthcheck"]["test"])
    assert web["depends_on"]["app"]["condition"] == "service_healthy"
    # The nginx image renders the same template the tests run, and compose gives every placeholder a value.
    assert f"COPY {TEMPLATE.relative_to(ROOT)} /etc/nginx/templates/" in dockerfile
    env = web["environment"]
    assert placeholders() <= env.keys()
    assert "${BM_" not in render({name: str(env[name]) for name in placeholders()})
    assert SERVER_PARAMS in env["BM_UPSTREAM_SERVERS"], "compose and the tested failover parameters differ"


def test_image_builds_the_layers_and_site_and_runs_unprivileged():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for step in ("border_map fetch --mirror", "border_map build", "export site --lang en", "export site --lang th"):
        assert step in dockerfile, step
    assert re.search(r"^USER (?!root\b)\S+$", dockerfile, re.MULTILINE), "the app must not run as root"
    assert re.search(r"HEALTHCHECK[^\n]*(\\\n[^\n]*)*/_stcore/health", dockerfile)
    assert '"--server.address", "0.0.0.0"' in dockerfile
    ignored = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())
    assert {".venv", "geodata/sources", "geodata/build", "tests/artifacts"} <= ignored


def test_replica_health_check_answers(deployment):
    """What compose's and the image's health check ask: /_stcore/health of a replica, and through nginx."""
    for url in (deployment.replicas[0].url, deployment.url):
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            assert response.status == 200
            assert response.read().strip() == b"ok"


# --- 3. one replica stopped: last, as it stops one of the module's replicas ------------------------------------


def test_stopping_a_replica_moves_its_viewers_and_new_ones_to_the_other(deployment, browser, overview_paths):
    """Last in this file: it stops one of the module's replicas (the deployment is stopped after it)."""
    viewer = Viewer(browser, deployment, overview_paths)
    try:
        route = viewer.route
        gone = assert_one_replica(
            [e for e in deployment.nginx.requests() if e["route"] == route], {*deployment.addresses()}
        )
        (survivor,) = deployment.addresses() - {gone}
        next(r for r in deployment.replicas if address(r) == gone).stop()
        seen = len(deployment.nginx.requests())

        # The open page reconnects through nginx (to the survivor), and its next run happens there.
        deadline = time.time() + 30
        while len(viewer.sockets) < 2 and time.time() < deadline:
            viewer.page.pause(0.2)
        assert len(viewer.sockets) >= 2, "the page did not reconnect after its replica stopped"
        viewer.page.wait_idle()
        viewer.page.nav().locator("a", has_text="Explore by province").click()
        viewer.page.page.get_by_role("heading", name="Explore by province").first.wait_for()
        viewer.page.wait_idle()
        explore = viewer.page.wait_for_map(1)
        assert explore["height"] > 100, explore
        # Nothing the page asks for after the move fails: the favicon is a data: URL, not a file in the
        # stopped replica's media store, and the layers are served by whichever replica ran the page.
        assert not viewer.page.errors, viewer.page.errors
    finally:
        viewer.page.discard()

    # New viewers: every one lands on the survivor and draws its map.
    for _ in range(3):
        fresh = Viewer(browser, deployment, overview_paths)
        try:
            fresh.assert_map_visible()
        finally:
            fresh.page.close()

    after = deployment.nginx.requests()[seen:]
    # The stopped replica's own websocket is logged when it closed, which can be after the stop.
    after = [e for e in after if not (path_of(e) == "/_stcore/stream" and upstreams(e) == [gone])]
    assert after, "nothing was logged after the stop"
    assert all(upstreams(e)[-1] == survivor for e in after), [e for e in after if upstreams(e)[-1] != survivor]
    # Passive failover, not luck: the reconnecting page's route still hashes to the stopped replica, so
    # nginx tried it, was refused, and passed the request on.
    assert any(upstreams(e) == [gone, survivor] for e in after), "nginx never tried the stopped replica"
    assert not [e for e in after if int(e["status"]) >= 500], "a request failed instead of failing over"
