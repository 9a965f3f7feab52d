"""What the numbers depend on: the machine, its load, the versions, a process's memory. Read from /proc and
the installed packages; no heavy import, so the Locust driver (scripts/load) uses it too."""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

from scripts.bench.specs import ROOT


def rss_mb(pid: int) -> float | None:
    """Resident memory of a server process (VmRSS), the number an operator would watch."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else None


def git(*args: str) -> str:
    exe = shutil.which("git")
    if not exe:
        return ""
    result = subprocess.run([exe, "-C", str(ROOT), *args], capture_output=True, text=True, check=False)  # noqa: S603 - fixed git query
    return result.stdout.strip()


def load_average() -> str:
    """The 1-minute load average: a busy machine slows both apps, and the report should say it was busy."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def machine(browser_version: str) -> dict[str, str]:
    """What the numbers depend on; written into the report so runs on other machines are not compared blindly."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    ram = re.search(r"^MemTotal:\s+(\d+) kB", meminfo, re.MULTILINE)
    commit = git("rev-parse", "--short", "HEAD")
    dirty = " + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return {
        "CPUs": str(os.cpu_count()),
        "CPU model": model.group(1).strip() if model else "unknown",
        "RAM": f"{int(ram.group(1)) / 1024 / 1024:.1f} GiB" if ram else "unknown",
        "OS": platform.platform(terse=True),
        "Python": platform.python_version(),
        "Streamlit": metadata.version("streamlit"),
        "streamlit-folium": metadata.version("streamlit-folium"),
        "Playwright": metadata.version("playwright"),
        "Chromium": browser_version,
        "Project commit": (commit + dirty) if commit else "unknown",
    }
