"""The shipped nginx template run on this machine without Docker, for tests/deploy/test_deploy.py and
scripts/bench/replicas.py (`python -m scripts.bench.replicas`).

`render` does what the official nginx image does to /etc/nginx/templates/*.template (envsubst of the BM_*
variables, nothing else), so what runs here is deploy/nginx/border_map.conf.template itself. `Nginx` runs
Debian's nginx in the foreground as a child of the caller: everything it writes (pid, logs, temp files) stays
in one directory, and it listens on the loopback port it is given. The few lines the official image's own
nginx.conf provides around the template (events, mime types, temp paths) are written here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "border_map.conf.template"
# Passive failover per replica: one refused or timed-out request takes it out of the rotation for 10 s, and
# the request goes to the next replica. compose.yaml's BM_UPSTREAM_SERVERS uses the same parameters.
SERVER_PARAMS = "max_fails=1 fail_timeout=10s"
# envsubst replaces both ${NAME} and $NAME; nginx's own variables are lower-case, so they never match.
PLACEHOLDER = re.compile(r"\$\{(BM_[A-Z0-9_]+)\}|\$(BM_[A-Z0-9_]+)\b")
MAIN_CONF = """\
{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log notice;
events {{
    worker_connections 1024;
}}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/border_map.conf;
}}
"""


class NginxError(RuntimeError):
    """nginx is missing, refused the configuration, or did not start; the message carries its error log."""


def placeholders(template: Path = TEMPLATE) -> set[str]:
    """The BM_* variables the template reads."""
    return {a or b for a, b in PLACEHOLDER.findall(template.read_text(encoding="utf-8"))}


def render(values: dict[str, str], template: Path = TEMPLATE) -> str:
    """The template with every BM_* placeholder replaced; a missing value is an error, not an empty string
    (envsubst would leave an empty `listen ;`, which nginx refuses with a less helpful message)."""
    missing = placeholders(template) - values.keys()
    if missing:
        raise KeyError(f"no value for {sorted(missing)} in {template.name}")
    text = template.read_text(encoding="utf-8")
    return PLACEHOLDER.sub(lambda m: values[m.group(1) or m.group(2)], text)


def upstream_servers(addresses: Iterable[str]) -> str:
    """BM_UPSTREAM_SERVERS for replicas at fixed addresses (host:port)."""
    return "\n    ".join(f"server {address} {SERVER_PARAMS};" for address in addresses)


def nginx_binary() -> str | None:
    """Debian's nginx (in /usr/sbin, which a non-root PATH may lack)."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None


def mime_types(binary: str) -> Path:
    """The mime.types beside the nginx.conf this nginx was built to read (nginx -V names it)."""
    built = subprocess.run([binary, "-V"], capture_output=True, text=True, check=True)  # noqa: S603 - nginx itself
    found = re.search(r"--conf-path=(\S+)", built.stderr)
    path = Path(found.group(1)).parent / "mime.types" if found else None
    if path is None or not path.is_file():
        raise NginxError(f"{binary} names no readable mime.types (nginx -V: {built.stderr[-300:]})")
    return path


class Nginx:
    """nginx with the rendered template in front of `replicas` (host:port each), serving `site_root` at
    /briefing/, on 127.0.0.1:`port`; stopped by `stop()`.

    The access log is JSON lines (the template's `bm_route` format): `requests()` reads it.
    """

    def __init__(self, work: Path, port: int, replicas: Iterable[str], site_root: Path, wait_s: float = 15):
        binary = nginx_binary()
        if binary is None:
            raise NginxError("nginx is not installed (Debian: apt-get install nginx; scripts/test.sh does it)")
        self.work = work.resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.access_log = self.work / "access.log"
        self.error_log = self.work / "error.log"
        values = {
            "BM_LISTEN": f"127.0.0.1:{port}",
            "BM_UPSTREAM_SERVERS": upstream_servers(replicas),
            "BM_SITE_ROOT": str(Path(site_root).resolve()),
            "BM_ACCESS_LOG": str(self.access_log),
        }
        (self.work / "border_map.conf").write_text(render(values), encoding="utf-8")
        # A master started by root hands requests to workers running as `nobody`, who could not read a
        # private temporary directory; they run as the caller instead (nginx ignores `user` for non-root).
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = self.work / "nginx.conf"
        conf.write_text(MAIN_CONF.format(user=user, work=self.work, mime_types=mime_types(binary)), encoding="utf-8")
        command = [binary, "-p", str(self.work), "-c", str(conf), "-e", str(self.error_log), "-g", "daemon off;"]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)  # noqa: S603
        if check.returncode != 0:
            raise NginxError(f"nginx refused the rendered template:\n{check.stderr[-3000:]}")
        self.log = (self.work / "nginx.out").open("wb")
        self.proc = subprocess.Popen(command, stdout=self.log, stderr=self.log)  # noqa: S603 - fixed arguments
        deadline = time.time() + wait_s
        while time.time() < deadline and self.proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise NginxError(f"nginx did not start:\n{self.errors()}")

    def errors(self) -> str:
        return self.error_log.read_text(errors="replace")[-3000:] if self.error_log.exists() else ""

    def requests(self) -> list[dict]:
        """Every request logged so far (a websocket appears once it has closed)."""
        if not self.access_log.exists():
            return []
        lines = self.access_log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()
