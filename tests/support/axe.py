"""axe-core in the page as it is now (axe-playwright-python): its serious and critical violations of the WCAG 2.1
A/AA rules, each named by rule, element and reason."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}


def blocking_violations(page, where: str) -> list[str]:
    """axe's serious and critical WCAG 2.1 A/AA violations on `page` (a Playwright page): rule, nodes and why."""
    results = Axe().run(page, options=AXE_OPTIONS).response
    found = []
    for rule in results["violations"]:
        if rule["impact"] not in BLOCKING:
            continue
        for node in rule["nodes"]:
            why = "; ".join(check["message"] for check in node.get("any", []) + node.get("all", []))
            found.append(f"{where}: {rule['id']} ({rule['impact']}) at {node['target']}: {why}")
    return found
