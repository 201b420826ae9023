"""A check rated in the course reaches the class report as numbers, before against after.

The checks are answered through their real widget (the Jupyter host) into a real journal; the
class export and the report are the instructor's. The speaking-up check is private: nothing of
it leaves the journal.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from kfcourse.activities import instruments as rules
from kfcourse.analysis.class_report import class_report
from kfcourse.analysis.export_shape import shape_problems
from kfcourse.analysis.summary import summarise
from kfcourse.journal import JournalStore
from kfcourse.journal.privacy import class_export
from kfcourse.widgets import instruments as iw
from tests.activities.widget_support import commit, make, stub_bundle

bundle = stub_bundle("instrument")


def answered(store: JournalStore, check: str, ratings: dict, **more: Any) -> None:
    widget, sent = make(iw.instrument, store, check)
    state = {"instrument": check, "ratings": ratings, "examples": {}, "action": "", "run": None}
    assert commit(widget, sent, {**state, **more})["ok"]


def every(check: str, before: Any, after: Any) -> dict[str, Any]:
    """Every item of ``check`` rated ``before`` at the first moment and ``after`` at the second."""
    inst = rules.INSTRUMENTS[check]
    return {
        moment: {rater: {item.id: value for item in inst.items} for rater in inst.raters}
        for moment, value in (("before", before), ("after", after))
    }


def exported(store: JournalStore, name: str) -> dict[str, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the default salt's warning
        return class_export(store.load(), name)


def test_checks_leave_as_ratings_and_the_report_compares_them(tmp_path: Path) -> None:
    documents = []
    for number, before in enumerate((2, 3)):
        store = JournalStore(tmp_path / f"journal-{number}.json")
        trust = every("partnership-trust", before, 5)
        trust["after"]["partner-b"]["honest"] = None  # left out after: no pair for this item
        answered(store, "partnership-trust", trust)  # a draft: it stays home
        trust["after"]["partner-b"]["honest"] = 4
        answered(store, "partnership-trust", trust)  # finished: its ratings leave
        practice = every("relational-practice", "no", "yes")
        examples = {m: {"self": {i: "I asked the porter first." for i in practice[m]["self"]}}
                    for m in rules.MOMENTS}  # fmt: skip
        answered(store, "relational-practice", practice, examples=examples)
        answered(store, "speaking-up", every("speaking-up", 4, 4))
        documents.append(exported(store, f"learner {number}"))
    for document in documents:
        assert shape_problems(document) == []
        ratings = [e for e in document["entries"] if e["kind"] == "self_rating"]
        assert {(e["instrument"], e["moment"]) for e in ratings} == {
            ("partnership-trust", "before"), ("partnership-trust", "after"),
            ("relational-practice", "before"), ("relational-practice", "after"),
        }  # fmt: skip
        assert "speaking-up" not in str(document)  # private: not even its name
        assert "porter" not in str(document)  # an example is free text
    rows = class_report(documents).ratings.set_index(["Instrument", "Item"])
    knowledge = rows.loc[("partnership-trust", "partner-a.knowledge")]
    assert (knowledge["Learners with both"], knowledge["Before (mean)"]) == (2, 2.5)
    assert knowledge["Change (mean)"] == 2.5
    assert rows.loc[("partnership-trust", "partner-b.honest"), "After (mean)"] == 4
    voices = rows.loc[("relational-practice", "voices")]  # no 0, yes 2
    assert (voices["Before (mean)"], voices["After (mean)"]) == (0, 2)


def test_a_learner_sees_their_own_check_before_and_after(tmp_path: Path) -> None:
    store = JournalStore(tmp_path / "journal.json")
    ratings = every("collaboration-health", 2, 4)
    answered(store, "collaboration-health", ratings, action="Share the agenda a week ahead.")
    changes = summarise(store.load()).rating_changes.set_index("item")
    assert set(changes.index) == {i.id for i in rules.INSTRUMENTS["collaboration-health"].items}
    assert changes.loc["trust", "change"] == 2
