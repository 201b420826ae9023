"""Helpers for browser tests: axe-core accessibility checks with a reasoned allow-list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ALLOWLIST = Path(__file__).with_name("a11y-allowlist.yaml")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


@dataclass(frozen=True)
class Allowed:
    rule: str
    target: str  # a substring of the failing node's CSS selector
    reason: str


def load_allowlist() -> list[Allowed]:
    data = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8")) or []
    allowed = [Allowed(**item) for item in data]
    for item in allowed:
        assert item.reason.strip(), f"allow-list entry {item.rule} has no reason"
    return allowed


def axe_violations(page: Any, context: str | dict[str, Any] = "document") -> list[str]:
    """Serious or critical WCAG 2.2 A/AA violations on the page, minus the allow-list.

    Every rule tagged with a WCAG A/AA level runs, the experimental ones too (axe-core keeps
    rules such as label-content-name-mismatch, WCAG 2.5.3, off by default)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async ([context, tags]) => {
            const ctx = context === "document" ? document : context;
            const rules = axe.getRules(tags).map(rule => rule.ruleId);
            const r = await axe.run(ctx, {runOnly: {type: "rule", values: rules}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), impact: n.impact}))}));
        }""",
        [context, WCAG_TAGS],
    )
    allowed = load_allowlist()
    found = []
    for violation in result:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact not in BLOCKING:
                continue
            if any(a.rule == violation["id"] and a.target in node["target"] for a in allowed):
                continue
            found.append(f"{violation['id']} ({impact}) at {node['target']}: {violation['help']}")
    return found
