"""Helper code for *Leading Together*, a course on leadership in health care.

Import cost matters in notebooks, so this module imports nothing heavy: pandas,
matplotlib and the widget libraries load only when a function that needs them runs.
"""

from __future__ import annotations

from kfcourse.lazy import lazy_names

__version__ = "0.1.0"

# Public names resolved lazily (PEP 562), so `import kfcourse` stays cheap.
_LAZY = {
    "gibbs_reflection": "kfcourse.widgets.reflection",
    "journal_controls": "kfcourse.widgets.journal_controls",
    "download_button": "kfcourse.widgets.journal_controls",
    "JournalStore": "kfcourse.journal",
    "summarise": "kfcourse.analysis",
    "starter_checkin": "kfcourse.widgets.checkin",
    "roleplay": "kfcourse.widgets.roleplay",
    "trust_loop": "kfcourse.widgets.trust_loop",
    "who_leads": "kfcourse.widgets.who_leads",
    "distribute_discharge": "kfcourse.widgets.distribute_discharge",
    "power_map": "kfcourse.widgets.power_map",
    "three_talk": "kfcourse.widgets.three_talk",
    "redesign_canvas": "kfcourse.widgets.redesign_canvas",
    "hero_headline": "kfcourse.widgets.hero_headline",
    "instrument": "kfcourse.widgets.instruments",
}

__all__ = ["__version__", *_LAZY]

__getattr__ = lazy_names(__name__, _LAZY)
