"""The app's components send their code as files, once a page, not with every element of every run."""

from __future__ import annotations

import re
import tomllib

import pytest
from streamlit.components.v2.manifest_scanner import scan_component_manifests
from streamlit.testing.v1 import AppTest

from border_map.web.server import component_files, hints
from tests.support.data import ROOT

PACKAGE = ROOT / "src" / "border_map"


def test_the_manifest_declares_every_component_and_streamlit_finds_it():
    """Streamlit looks for the manifest beside the installed package: if it stops finding it (an upgrade that
    scans otherwise, a wheel without the file), every component would fail on its first mount."""
    manifest = tomllib.loads((PACKAGE / "pyproject.toml").read_text(encoding="utf-8"))
    root = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert manifest["project"]["name"] == root["project"]["name"]
    declared = {c["name"]: c["asset_dir"] for c in manifest["tool"]["streamlit"]["component"]["components"]}
    assert set(declared) == set(component_files.COMPONENTS)
    assert all(PACKAGE / folder == component_files.FOLDER for folder in declared.values())
    assert "pyproject.toml" in root["tool"]["setuptools"]["package-data"]["border_map"]  # shipped in the wheel
    found = {
        f"{m.name}.{c.name}": (package_root / c.asset_dir).resolve()
        for m, package_root in scan_component_manifests()
        for c in m.components
    }
    for name in component_files.COMPONENTS:
        assert found[f"border_map.{name}"] == component_files.FOLDER


@pytest.mark.parametrize("name", sorted(component_files.COMPONENTS))
def test_each_module_and_what_it_imports_is_a_file_with_a_default_export(name):
    files = component_files.modules(name)
    assert files[0] == component_files.COMPONENTS[name]
    assert "export default function" in (component_files.FOLDER / files[0]).read_text(encoding="utf-8")
    for file in files:
        source = (component_files.FOLDER / file).read_text(encoding="utf-8")
        # Every import is a sibling file: the one form modules() follows and the server serves.
        imports = re.findall(r"^import .*$", source, re.M)
        assert all(re.fullmatch(r'import \{[\w, ]+\} from "\./[\w.]+\.js";', line) for line in imports), imports
    assert "component.js" in files


def test_a_page_announces_the_code_of_the_components_it_mounts():
    explore = re.findall(
        r'<link rel="modulepreload" href="\./_stcore/bidi-components/([^"]+)">', hints.component_hints("/explore")
    )
    assert "border_map.controls/controls.js" in explore
    assert "border_map.map_panel/map_panel.js" in explore
    assert "border_map.map_panel/province_box.js" in explore  # the box the panel draws, and what it imports
    assert "border_map.map_panel/normalise.js" in explore
    assert "border_map.map_panel/map_widget.js" in explore  # imported by map_panel.js, under its own name
    assert "border_map.map/map_widget.js" not in explore
    overview = hints.component_hints("")
    assert "border_map.figures/figures.js" in overview
    assert "border_map.map/map_widget.js" in overview
    assert hints.component_hints("/overview") == overview
    # Any other path (a typo, a hostile one) gets the controls' code, and nothing of its own is kept.
    assert hints.component_hints("/x<script>") == hints.component_hints("/nowhere")
    assert "<script" not in hints.component_hints("/x<script>")


@pytest.mark.real
def test_a_run_sends_file_names_not_code(points):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    assert not at.exception
    elements = [e.proto for e in at.get("bidi_component")]
    names = {p.component_name for p in elements}
    assert {"border_map.map", "border_map.figures", "border_map.controls"} <= names
    for proto in elements:
        assert (proto.js_content, proto.css_content) == ("", ""), proto.component_name
        assert proto.js_source_path == component_files.COMPONENTS[proto.component_name.removeprefix("border_map.")]
