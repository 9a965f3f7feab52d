"""The deployment past one machine as the deploy tests run it: app replicas behind the shipped nginx template
(deploy/nginx_local.py), all on loopback ports."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from deploy.nginx_local import Nginx
from tests.support.browser import Server, free_port
from tests.support.data import ROOT


def address(server: Server) -> str:
    return f"127.0.0.1:{server.port}"


class Deployment:
    """App replicas (`streamlit run`, as the tests start the app) behind nginx on a free loopback port. The
    replicas start side by side: each waits mostly on its own imports."""

    def __init__(self, built_dir: Path, site_root: Path, work: Path, replicas: int = 2):
        self.replicas: list[Server] = []
        self.nginx: Nginx | None = None
        env = {"BORDER_MAP_DATA": str(built_dir)}
        with ThreadPoolExecutor(replicas) as pool:
            starting = [
                pool.submit(Server, ROOT, ROOT / "app.py", env, work / f"replica-{number}.log")
                for number in range(replicas)
            ]
            failed = None
            for future in starting:
                try:
                    self.replicas.append(future.result())
                except BaseException as error:  # stop the others before reporting it
                    failed = failed or error
        try:
            if failed is not None:
                raise failed
            self.nginx = Nginx(work / "nginx", free_port(), [address(r) for r in self.replicas], site_root)
        except BaseException:
            self.stop()
            raise

    @property
    def url(self) -> str:
        return self.nginx.url

    def addresses(self) -> set[str]:
        return {address(r) for r in self.replicas}

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.stop()
        for replica in self.replicas:
            replica.stop()
