"""The server's socket sends small messages at once (socket_options): real sockets, and app.py imported the way
`streamlit run` imports it, after Streamlit has bound its socket."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from border_map.web.server import socket_options
from tests.support.data import ROOT

pytestmark = pytest.mark.skipif(not socket_options.FD_DIR.is_dir(), reason="needs /proc (Linux)")


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_listening_sockets_get_nodelay_and_hand_it_to_the_connections_they_accept():
    listener = socket.socket(socket.AF_INET)  # as Streamlit 1.67 makes its own: proto 0
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    before, _ = listener.accept()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        assert (listener.proto, nodelay(listener), nodelay(before)) == (0, 0, 0)

        assert socket_options.listen_without_delay() >= 1

        assert nodelay(listener) == 1
        after_client = socket.create_connection(listener.getsockname())
        after, _ = listener.accept()
        assert nodelay(after) == 1
        assert nodelay(client) == 0  # connections already made are left alone
        assert nodelay(before) == 0
        assert listener.fileno() >= 0  # and nothing of the process's was closed
        assert udp.fileno() >= 0
        after.close()
        after_client.close()
    finally:
        for sock in (before, client, listener, udp):
            sock.close()


def test_without_proc_nothing_changes(tmp_path):
    assert socket_options.listen_without_delay(tmp_path / "no-such-dir") == 0


def test_importing_the_app_as_streamlit_run_does_turns_nagle_off_on_the_bound_socket():
    """Streamlit binds with its own function, then the app is imported: the socket it bound, and so every
    connection it accepts, must have TCP_NODELAY. Also shows Streamlit's socket lacks it on its own: if a
    Streamlit release fixes that, the first line of the output says so and socket_options can go."""
    code = (
        "import socket, runpy;"
        "from streamlit.web.server.starlette.starlette_server import _bind_socket;"
        "s = _bind_socket('127.0.0.1', 0, 8);"
        "get = lambda x: x.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY);"
        "print(get(s));"
        "runpy.run_path('app.py', run_name='app');"
        "c = socket.create_connection(s.getsockname()); s.setblocking(True); a, _ = s.accept();"
        "print(get(s), get(a))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    before, after = result.stdout.strip().splitlines()[-2:]
    assert before == "0", "Streamlit now sets TCP_NODELAY on its own socket: socket_options is no longer needed"
    assert after == "1 1"
