"""Builds are put in place in one step and read back only when whole (pipeline.publish, model.dataset.load_built).

Small hand-made builds for the mechanics; the real build (mirror) for what the app shows; a real
`python -m border_map build` killed part-way for what a crash leaves behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from border_map.model.dataset import OUTPUT_FILES, load_dataset
from border_map.model.manifest import MANIFEST, current
from border_map.pipeline import publish
from border_map.pipeline.publish import PARTIAL, store_of
from tests.support.data import ROOT


def texts(tag: str) -> dict[str, str]:
    return {"a.json": json.dumps({"tag": tag}), "b.json": json.dumps({"tag": tag, "more": [1, 2]})}


def read(out) -> dict[str, str]:
    folder = current(out)
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name != MANIFEST}


def test_publish_swaps_one_link_and_keeps_the_previous_build(tmp_path):
    out = tmp_path / "build"
    first, manifest = publish.publish(out, texts("one"))
    assert out.is_symlink()
    assert read(out) == texts("one")
    assert json.loads((first / MANIFEST).read_text())["files"] == manifest["files"]
    assert set(manifest["files"]) == {"a.json", "b.json"}
    time.sleep(1.1)  # build ids carry the second
    second, _ = publish.publish(out, texts("two"))
    assert read(out) == texts("two")
    assert first.is_dir()  # a reader that resolved the link before the swap can still finish
    time.sleep(1.1)
    third, _ = publish.publish(out, texts("three"))
    assert sorted(p.name for p in store_of(out).iterdir()) == sorted([second.name, third.name])
    assert not [p for p in tmp_path.iterdir() if ".link-" in p.name]


def test_a_failed_build_leaves_the_last_good_one_and_no_litter(tmp_path, monkeypatch):
    out = tmp_path / "build"
    good, _ = publish.publish(out, texts("good"))
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd):
        calls["n"] += 1
        if calls["n"] == 2:  # the disk fills up between two files
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(publish.os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space"):
        publish.publish(out, texts("bad"))
    assert current(out) == good.resolve()
    assert read(out) == texts("good")
    assert [p.name for p in store_of(out).iterdir()] == [good.name]


def test_a_killed_builds_folder_is_swept_by_the_next_build(tmp_path):
    out = tmp_path / "build"
    publish.publish(out, texts("one"))
    killed = store_of(out) / f"{PARTIAL}20260101T000000-abc-999"
    killed.mkdir()
    (killed / "a.json").write_text("{", encoding="utf-8")
    time.sleep(1.1)
    newest, _ = publish.publish(out, texts("two"))
    assert not killed.exists()
    assert current(out) == newest.resolve()


def test_a_folder_from_the_old_layout_becomes_the_previous_build(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / "a.json").write_text("old", encoding="utf-8")
    publish.publish(out, texts("new"))
    assert out.is_symlink()
    kept = [p for p in store_of(out).iterdir() if p.name.startswith("earlier-")]
    assert [(p / "a.json").read_text() for p in kept] == ["old"]


@pytest.mark.real
def test_files_from_two_builds_are_named_and_fall_back(built_dir, tmp_path, caplog):
    mixed = tmp_path / "mixed"
    shutil.copytree(built_dir, mixed)
    links = json.loads((mixed / "links.geojson").read_text(encoding="utf-8"))
    links["features"] = links["features"][:-1]  # a valid layer, one pair short: another build's file
    (mixed / "links.geojson").write_text(json.dumps(links), encoding="utf-8")
    with caplog.at_level("INFO", logger="border_map"):
        fallback = load_dataset(mixed)
    assert fallback.mode == "points"
    assert "the built file links.geojson does not belong to build" in fallback.notice
    assert "python -m border_map build" in fallback.notice
    assert str(mixed) not in fallback.notice


@pytest.mark.real
def test_a_build_without_manifest_is_named(built_dir, tmp_path):
    copied = tmp_path / "copied"
    shutil.copytree(built_dir, copied)
    (copied / MANIFEST).unlink()
    fallback = load_dataset(copied)
    assert fallback.mode == "points"
    assert "manifest.json is missing" in fallback.notice


def _kill_build(command: list[str], out, moment: str) -> bool:
    """Start `build` and SIGKILL it at `moment`: "importing" (before it says anything), "reading" or "matching"
    (as it says it starts to), or "writing" (once its unfinished folder is in the store). Whether the kill
    came at that moment (False: the build was over first)."""
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        if moment == "importing":
            time.sleep(0.2)
            caught = proc.poll() is None
        elif moment in ("reading", "matching"):
            word = moment.capitalize()
            caught = any(line.startswith(word) for line in proc.stderr)  # read up to that line, or the end
        else:
            store, caught = store_of(out), False
            while proc.poll() is None and not caught:
                caught = store.is_dir() and any(p.name.startswith(PARTIAL) for p in store.iterdir())
                time.sleep(0.002)  # a look every 2 ms: the build writes for longer, and keeps its core
        proc.send_signal(signal.SIGKILL)
        return caught and proc.wait() == -signal.SIGKILL
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()


@pytest.mark.real
def test_a_build_killed_at_any_moment_leaves_the_last_good_build(built_dir, sources_dir, tmp_path):
    """`build` killed with SIGKILL at each moment of its work (importing, reading, matching, writing, each
    caught by what the build says or leaves in the store): the name still shows a whole build, the same one
    as before; the next build completes and leaves no folder of the killed ones."""
    out = tmp_path / "build"
    command = [sys.executable, "-m", "border_map", "build", "--sources", str(sources_dir), "--out", str(out)]
    # The last good build: the session's real build, put in place as `build` puts it (one build fewer to run).
    publish.publish(out, {name: (built_dir / name).read_text(encoding="utf-8") for name in OUTPUT_FILES})
    assert load_dataset(out).mode == "boundaries"
    for moment in ("importing", "reading", "matching", "writing"):
        for _attempt in range(3):  # writing is over in a moment: a build that finished first is tried again
            before = load_dataset(out)
            caught = _kill_build(command, out, moment)
            after = load_dataset(out)
            assert after.mode == "boundaries", f"killed while {moment}: {after.notice}"
            if caught:
                # Before it writes, the build in place stays; while it writes, that one or (if the kill came
                # just after the swap) the whole new one: never a mix, which would not load as boundaries.
                assert moment == "writing" or after.build_id == before.build_id, f"killed while {moment}"
                break
        else:
            pytest.fail(f"the build was never caught {moment}")
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    assert load_dataset(out).mode == "boundaries"
    assert not [p for p in store_of(out).iterdir() if p.name.startswith(PARTIAL)]
    assert len(list(store_of(out).iterdir())) <= publish.KEEP
    assert not [p for p in tmp_path.iterdir() if ".link-" in p.name]
