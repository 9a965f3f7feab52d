"""The server's replies leave at once: Nagle's algorithm off on the socket Streamlit listens on.

Streamlit 1.67 binds its server socket itself (`socket.socket(family)`, so its `proto` reads 0), and asyncio
turns `TCP_NODELAY` on for an accepted connection only when that connection's `proto` says TCP. Nagle's
algorithm therefore stays on: once a script run's first message is out, the server holds the next small ones
until the browser's machine acknowledges the first, which its TCP stack delays (by up to 40 ms on Linux, more
on some systems). Every page load and every click paid it, once or twice (measured with a websocket client on
this machine: an overview run took 49 ms from request to `script_finished`, 12 ms without the wait). Linux
copies `TCP_NODELAY` from a listening socket to every connection it accepts: setting it on the listener once
is enough.

`streamlit run` binds the socket, then imports app.py for its `st.App`, then accepts connections: app.py
calls `listen_without_delay` in that import. Elsewhere (no /proc, a server started some other way) nothing
changes, and uvicorn's own listener (`uvicorn app:app`) gets the option from asyncio already.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

log = logging.getLogger("border_map")
FD_DIR = Path("/proc/self/fd")


def listen_without_delay(fd_dir: Path = FD_DIR) -> int:
    """Set `TCP_NODELAY` on every TCP socket this process listens on; returns how many it set."""
    done = 0
    try:
        fds = [int(name) for name in os.listdir(fd_dir)]
    except OSError:
        return 0
    for fd in fds:
        try:
            if not os.readlink(fd_dir / str(fd)).startswith("socket:"):
                continue
            sock = socket.socket(fileno=fd)
        except OSError:
            continue  # closed meanwhile (listing the folder opens a descriptor of its own), or not a socket
        try:
            if _tcp_listener(sock):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                done += 1
        except OSError as exc:
            log.warning("Could not turn Nagle's algorithm off on %s: %s", sock.getsockname(), exc)
        finally:
            sock.detach()  # the descriptor stays the server's: this object must not close it
    if done:
        log.info("TCP_NODELAY set on %d listening socket(s)", done)
    return done


def _tcp_listener(sock: socket.socket) -> bool:
    return (
        sock.family in (socket.AF_INET, socket.AF_INET6)
        and sock.type == socket.SOCK_STREAM
        and bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
    )
