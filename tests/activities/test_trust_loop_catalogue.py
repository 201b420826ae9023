"""Every word the simulator shows comes from the catalogue's ``trustloop`` section, and the
section holds no word the simulator never shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfcourse.activities import trust_loop as rules

ROOT = Path(__file__).resolve().parents[2]
# The exercise's modules and the shared host (kfcourse/web/host), which shows words too.
SOURCES = sorted((ROOT / "kfcourse" / "web" / "trustloop").glob("*.js")) + sorted(
    (ROOT / "kfcourse" / "web" / "host").glob("*.js")
)
WORDS = json.loads((ROOT / "kfcourse/web/messages/en-GB.json").read_text("utf-8"))["trustloop"]


def used_keys() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in SOURCES)
    keys = set(re.findall(r'\bt\("([a-z0-9.-]+)"', text))
    keys |= set(re.findall(r'messages\["([a-z0-9.-]+)"\]', text))
    keys |= {f"card.{c.id}" for c in rules.DECK}
    keys |= {f"band.{name}" for _, name in rules.TRUST_BANDS}
    keys |= {f"aim.{a}" for a in rules.AIMS} | {f"aim.{a}.lower" for a in rules.AIMS}
    keys |= {f"role.{r}" for r in rules.ROLES} | {f"role.{r}.short" for r in rules.ROLES}
    keys |= {f"rate.{r}" for r in rules.RATINGS}
    keys |= {f"rate.value.{v}" for v in range(rules.RATING_MIN, rules.RATING_MAX + 1)}
    keys |= {"round.met", "round.missed", "noscript"}  # chosen by a condition; the directive's
    return keys


def test_every_key_the_simulator_uses_is_in_the_catalogue() -> None:
    missing = used_keys() - set(WORDS)
    assert not missing, f"not in the catalogue's trustloop section: {sorted(missing)}"


def test_the_catalogue_holds_no_word_the_simulator_never_shows() -> None:
    unused = set(WORDS) - used_keys()
    assert not unused, f"never shown: {sorted(unused)}"


def test_the_words_for_the_rules_carry_the_numbers_from_the_rules() -> None:
    assert "{modest}" in WORDS["rules.target"] and "{helps}" in WORDS["rules.roll"]
    assert all(w.strip() and "TODO" not in w for w in WORDS.values())
