"""An instructor's class report from learners' class exports (pseudonymised, see journal.privacy).

The tables are plain rows (`Table`) for the HTML page and the CSV files, and pandas DataFrames
(`ClassReport.runs` and the like, made when first asked for) for a notebook; the column names are
the plain-word headings the report shows. The same export handed in twice counts once (entries
are keyed by pseudonym and entry id; a later copy of an entry replaces an earlier one). Finished
and unfinished runs are always kept apart.

`ClassTally` takes one export at a time and keeps, of each entry, only what the tables count
(strings shared between entries), so a report over a large class never holds the exports.
`ClassTally.counts()` counts it up (`ClassCounts`); counts over learners that share no one add
up, which is how worker processes share a large class (analysis.class_reading).
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, compress
from operator import itemgetter, not_
from typing import TYPE_CHECKING, Any, TypeGuard

from kfcourse.journal.runs import decided_by

if TYPE_CHECKING:
    import pandas as pd

SCENARIO, SIDE, LEARNER = "Scenario", "Side played", "Learner (pseudonym)"
FINISHED, UNFINISHED = "finished", "not finished"
IMPASSE = "(impasse: no agreement)"
BY_WHOM = {"rules": "the other role's rules", "joint": "both learners", "impasse": "nobody",
           "joint-rules": "learner and the other role's rules"}  # fmt: skip

COLUMNS = {
    "participation": ("What", "Number"),
    "runs": (SCENARIO, SIDE, "Learners", "Finished runs", "Unfinished runs"),
    "endings": (SCENARIO, SIDE, "Ending", "Runs", "Share of finished runs (%)"),
    "choices": (SCENARIO, SIDE, "Point", "Choice", "Decided by", "Times taken", "Learners"),
    "final-measures": (SCENARIO, SIDE, "Run", "Measure", "Runs", "Mean", "Lowest", "Highest"),
    "both-sides": (LEARNER, SCENARIO, "Measure", "As the doctor", "As the patient"),
    "ratings": ("Instrument", "Item", "Learners with both", "Before (mean)", "After (mean)",
                "Change (mean)"),
    "reflections": ("Kind of reflection", "Reflections", "Learners", "Median words",
                    "Fewest words", "Most words"),
    "files-left-out": ("File", "Reason it was left out"),
}  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A table as plain rows: what the HTML page and the CSV files are written from."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    @property
    def empty(self) -> bool:
        return not self.rows

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.rows, columns=list(self.columns))


class ClassReport:
    """The tables of a class report (see the module docstring) and the files left out."""

    def __init__(self, plain: dict[str, Table], learners: int, free_text_learners: int,
                 default_salt_exports: int, refused: list[tuple[str, str]]) -> None:  # fmt: skip
        self.plain = plain
        self.learners = learners
        self.free_text_learners = free_text_learners
        self.default_salt_exports = default_salt_exports
        self.refused = refused

    def _frame(self, name: str) -> pd.DataFrame:
        return self.plain[name].frame()

    @cached_property
    def participation(self) -> pd.DataFrame:
        return self._frame("participation")

    @cached_property
    def runs(self) -> pd.DataFrame:
        return self._frame("runs")

    @cached_property
    def endings(self) -> pd.DataFrame:
        return self._frame("endings")

    @cached_property
    def choices(self) -> pd.DataFrame:
        return self._frame("choices")

    @cached_property
    def final_measures(self) -> pd.DataFrame:
        return self._frame("final-measures")

    @cached_property
    def both_sides(self) -> pd.DataFrame:
        return self._frame("both-sides")

    @cached_property
    def ratings(self) -> pd.DataFrame:
        return self._frame("ratings")

    @cached_property
    def reflections(self) -> pd.DataFrame:
        return self._frame("reflections")

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by a file-safe name (the CSV files are named after these)."""
        return {name: table.frame() for name, table in self.plain.items()}


Group = tuple[Any, Any]  # (scenario, side)
LARGEST = 2**53  # the largest integer a browser's journal holds exactly


def _number(value: Any) -> float | None:
    """The value as a float, for sums and means; None when it is not a number or is past
    +-LARGEST (a JSON number has no limit, and a few runs at 1e308 add up to infinity)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if -LARGEST <= value <= LARGEST else None


def _is_mapping(value: Any) -> TypeGuard[Mapping[str, Any]]:
    return type(value) is dict or isinstance(value, Mapping)  # dict first: it is quick


def _order(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """A sort key that puts missing values (None) last, as pandas does with its groups."""
    return tuple((value is None, "" if value is None else value) for value in key)


def _sorted(counts: Mapping[tuple[Any, ...], Any]) -> list[tuple[Any, ...]]:
    return sorted(counts, key=_order)


def _round(value: float, places: int) -> float:
    """Rounded as pandas rounds (half to even on value * 10**places)."""
    scale = 10**places
    return round(value * scale) / scale


def _median(values: list[Any]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def _final_rows(finals: Mapping[tuple[Any, str], Counter[tuple[Any, ...]]]) -> list[tuple]:
    """Count, mean, lowest and highest of each measure at the end of the runs of each scenario,
    side and state; `finals` counts runs by their end measures."""
    values: dict[tuple[Any, ...], dict[float, int]] = {}
    for ((scenario, side), state), ran in finals.items():
        for ends, runs in ran.items():
            for measure, value in ends:
                number = _number(value)
                seen = values.setdefault((scenario, side, state, measure), {})
                if number is not None:
                    seen[number] = seen.get(number, 0) + runs
    rows = []
    for key in _sorted(values):
        counts = values[key]
        if counts:
            runs = sum(counts.values())
            mean = math.fsum(number * n for number, n in counts.items()) / runs
            rows.append((*key, runs, _round(mean, 2), min(counts), max(counts)))
        else:
            rows.append((*key, 0, math.nan, math.nan, math.nan))
    return rows


class ClassTally:
    """A class report folded up one export at a time: `add` each export, then `report()`.

    Of each entry it keeps only what the tables count, keyed by pseudonym and entry id so that
    an entry handed in twice counts once (the later copy wins). Repeated strings and decisions
    are stored once and shared.
    """

    def __init__(self) -> None:
        self._held: dict[str, dict[str, tuple[Any, ...]]] = {}
        self._shared: dict[Any, Any] = {}
        self._steps: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self._free_text: set[str] = set()
        self.exports = 0
        self.default_salt_exports = 0

    def _share(self, value: Any) -> Any:
        try:
            return self._shared.setdefault(value, value)
        except TypeError:  # not hashable (only in exports that were not checked)
            return value

    def _step(self, group: Group, step: Mapping[str, Any]) -> tuple[Any, ...]:
        """A decision as the choices table counts it: scenario, side, point, choice, who
        decided (one shared tuple for each, so that a class's decisions are counted in C)."""
        get = step.get
        choice, actor, ruled = get("choice"), get("actor"), get("ruled")
        # all that decided_by reads of the step, to look up a decision seen before
        key = (group, get("point"), choice, actor,
               (bool(ruled), actor in ruled) if type(ruled) is list else None)  # fmt: skip
        try:
            return self._steps[key]
        except KeyError:
            made = self._steps[key] = self._decision(group, step)
            return made
        except TypeError:  # not hashable (only in exports that were not checked)
            return self._decision(group, step)

    @staticmethod
    def _decision(group: Group, step: Mapping[str, Any]) -> tuple[Any, ...]:
        who = decided_by(step)
        return (*group, step.get("point"), step.get("choice") or IMPASSE,
                BY_WHOM.get(who) or f"the learner ({who})")  # fmt: skip

    def _compact(self, entry: Mapping[str, Any]) -> tuple[Any, ...]:
        """What the tables need of one entry, starting with its kind."""
        share = self._share
        get = entry.get
        kind = get("kind")
        if kind == "roleplay":
            trace = [s for s in get("trace") or [] if _is_mapping(s)]
            end = get("measures_end")
            if not _is_mapping(end) and trace:
                end = trace[-1].get("measures")
            ends = share(tuple(end.items())) if _is_mapping(end) else ()
            step, group = self._step, share((get("scenario_id"), get("side")))
            return ("roleplay", group, get("completed") is True, share(get("ending")),
                    share(get("created")), get("id"), ends,
                    tuple([step(group, s) for s in trace]))  # fmt: skip
        if kind == "self_rating":
            moment = get("moment")
            if moment not in ("before", "after"):
                return (kind,)
            rated = []
            for item in get("items") or []:
                value = _number(item.get("value"))
                if value is not None:
                    rated.append((share(str(item.get("item"))), value))
            when = f"{get('created')}\x00{get('id')}"
            return (kind, moment, share(str(get("instrument"))), when, tuple(rated))
        if kind == "reflection":
            counts = get("word_counts")
            if _is_mapping(counts):
                return (kind, share(get("model")), sum(counts.values()))
            return (kind,)
        return (share(kind),)

    def add(self, export: Mapping[str, Any]) -> None:
        """Fold one (checked) class export into the tally."""
        self.exports += 1
        pseudonym = sys.intern(str(export["pseudonym"]))
        if export.get("includes_free_text"):
            self._free_text.add(pseudonym)
        if export.get("default_salt") is True:
            self.default_salt_exports += 1
        mine = self._held.get(pseudonym)
        if mine is None:
            mine = self._held[pseudonym] = {}
        compact = self._compact
        for entry in export["entries"]:
            mine[str(entry["id"])] = compact(entry)

    def report(self, refused: Sequence[tuple[str, str]] = ()) -> ClassReport:
        """The report on everything added so far."""
        return self.counts().report(refused)

    def counts(self) -> ClassCounts:
        """What the report's tables count, over everything added so far."""
        # Counted in C where it can be (Counter over maps of the records); what needs the
        # learner is worked out once for each learner, not for each entry.
        out = ClassCounts()
        out.learners = set(self._held)
        out.exports, out.default_salt_exports = self.exports, self.default_salt_exports
        out.free_text = set(self._free_text)
        kinds, run_learners, takers = out.kinds, out.run_learners, out.takers
        latest, rated, words, writers = out.latest, out.rated, out.words, out.writers
        runs: list[tuple[Any, ...]] = []
        first, roleplay = itemgetter(0), "roleplay"
        for learner, entries in self._held.items():
            mine = entries.values()
            kinds.update(map(first, mine))
            played = [record for record in mine if record[0] == roleplay]
            if played:
                runs.extend(played)
                run_learners.update({record[1] for record in played})
                takers.update(set(chain.from_iterable(map(itemgetter(7), played))))
                for _, (scenario, side), done, ending, created, ident, ends, _ in played:
                    if done and side in ("doctor", "patient") and scenario is not None:
                        key = (learner, scenario, side)
                        order = (created or "", ident or "")
                        if key not in latest or latest[key][0] <= order:
                            latest[key] = (order, ending, ends)
            if len(played) == len(entries):
                continue
            ratings: list[tuple[Any, ...]] = []
            models: set[Any] = set()
            for record in mine:
                kind = record[0]
                if kind == "self_rating" and len(record) > 1:
                    ratings.append(record)
                elif kind == "reflection" and len(record) > 1:
                    words.setdefault(record[1], []).append(record[2])
                    models.add(record[1])
            writers.update(models)
            # the latest rating of each item, at each moment (a later entry wins a tie)
            for _, moment, instrument, _, items in sorted(ratings, key=itemgetter(3)):
                rated.setdefault((learner, instrument, moment), {}).update(items)

        groups = list(map(itemgetter(1), runs))
        done = list(map(itemgetter(2), runs))
        out.finished.update(compress(groups, done))
        out.unfinished.update(compress(groups, map(not_, done)))
        reached = compress(zip(groups, map(itemgetter(3), runs), strict=True), done)
        for (group, ending), n in Counter(reached).items():
            out.endings[(*group, ending)] = n
        out.taken.update(chain.from_iterable(map(itemgetter(7), runs)))
        for (group, state, ends), n in Counter(
            (group, FINISHED if ok else UNFINISHED, ends)
            for group, ok, ends in zip(groups, done, map(itemgetter(6), runs), strict=True)
            if ends
        ).items():
            out.finals.setdefault((group, state), Counter())[ends] = n
        return out


class ClassCounts:
    """What the report's tables count, over a set of learners. Counts over two sets of learners
    that share no one add up (`merge`), so that worker processes can each count a part of the
    class."""

    def __init__(self) -> None:
        self.learners: set[str] = set()
        self.exports = 0
        self.default_salt_exports = 0
        self.free_text: set[str] = set()  # learners who included their written words
        self.kinds: Counter[Any] = Counter()  # entries of each kind
        self.run_learners: Counter[Group] = Counter()  # learners with a run of each group
        self.finished: Counter[Group] = Counter()
        self.unfinished: Counter[Group] = Counter()
        self.endings: Counter[tuple[Any, ...]] = Counter()  # finished runs by group and ending
        self.taken: Counter[tuple[Any, ...]] = Counter()  # each decision, as often as taken
        self.takers: Counter[tuple[Any, ...]] = Counter()  # learners who took each decision
        # runs by their end measures, for each scenario, side and state
        self.finals: dict[tuple[Group, str], Counter[tuple[Any, ...]]] = {}
        # each learner's latest finished run on each side of each scenario
        self.latest: dict[tuple[str, Any, Any], tuple[Any, ...]] = {}
        # each learner's latest rating of each item, by check and moment
        self.rated: dict[tuple[str, Any, Any], dict[Any, float]] = {}
        self.words: dict[Any, list[Any]] = {}  # reflection lengths by model
        self.writers: Counter[Any] = Counter()  # learners who wrote a reflection of each model

    def merge(self, other: ClassCounts) -> None:
        """Add the counts over other learners (ValueError if a learner is in both)."""
        if not self.learners.isdisjoint(other.learners):
            raise ValueError("the counts share a learner: count the class in one go")
        self.learners |= other.learners
        self.exports += other.exports
        self.default_salt_exports += other.default_salt_exports
        self.free_text |= other.free_text
        for name in ("kinds", "run_learners", "finished", "unfinished", "endings", "taken",
                     "takers", "writers"):  # fmt: skip
            getattr(self, name).update(getattr(other, name))
        for state, ran in other.finals.items():
            self.finals.setdefault(state, Counter()).update(ran)
        self.latest.update(other.latest)  # keyed by learner: nothing is replaced
        self.rated.update(other.rated)
        for model, lengths in other.words.items():
            self.words.setdefault(model, []).extend(lengths)

    def report(self, refused: Sequence[tuple[str, str]] = ()) -> ClassReport:
        """The report's tables from these counts."""
        finished, unfinished, endings = self.finished, self.unfinished, self.endings
        run_learners, taken, takers = self.run_learners, self.taken, self.takers
        finals, latest, rated = self.finals, self.latest, self.rated
        words, writers, kinds = self.words, self.writers, self.kinds
        plain: dict[str, Table] = {}
        plain["runs"] = Table(COLUMNS["runs"], [
            (*group, run_learners[group], finished[group], unfinished[group])
            for group in _sorted(run_learners)
        ])  # fmt: skip
        totals: Counter[Group] = Counter()
        for (scenario, side, _), count in endings.items():
            totals[(scenario, side)] += count
        ending_rows = [
            (*k, endings[k], round(100 * endings[k] / totals[k[:2]])) for k in _sorted(endings)
        ]
        ending_rows.sort(key=lambda row: (_order(row[:2]), -row[3]))  # stable: endings in order
        plain["endings"] = Table(COLUMNS["endings"], ending_rows)
        plain["choices"] = Table(COLUMNS["choices"], [
            (*decision, taken[decision], takers[decision]) for decision in _sorted(taken)
        ])  # fmt: skip
        plain["final-measures"] = Table(COLUMNS["final-measures"], _final_rows(finals))
        plain["both-sides"] = Table(COLUMNS["both-sides"], self._both_sides(latest))
        plain["ratings"] = Table(COLUMNS["ratings"], self._ratings(rated))
        plain["reflections"] = Table(COLUMNS["reflections"], [
            (model, len(words[model]), writers[model], _median(words[model]), min(words[model]),
             max(words[model]))
            for (model,) in _sorted({(m,): None for m in words})
        ])  # fmt: skip
        pairs = {row[0] for row in plain["both-sides"].rows}
        plain["participation"] = Table(COLUMNS["participation"], [
            ("Learners (pseudonyms)", len(self.learners)),
            ("Class exports read", self.exports),
            ("Files left out", len(refused)),
            ("Role-play runs finished", sum(finished.values())),
            ("Role-play runs not finished", sum(unfinished.values())),
            ("Learners who finished a scenario on both sides", len(pairs)),
            ("Reflections", kinds["reflection"]),
            ("Self-ratings", kinds["self_rating"]),
            ("Exercise answers", kinds["exercise_answer"]),
            ("Learners who included their written words", len(self.free_text)),
            ("Exports made with the course's default salt", self.default_salt_exports),
        ])  # fmt: skip
        plain["files-left-out"] = Table(COLUMNS["files-left-out"], list(refused))
        in_order = ("participation", "runs", "endings", "choices", "final-measures", "both-sides",
                 "ratings", "reflections", "files-left-out")  # fmt: skip
        return ClassReport(
            {name: plain[name] for name in in_order},
            learners=len(self.learners),
            free_text_learners=len(self.free_text),
            default_salt_exports=self.default_salt_exports,
            refused=list(refused),
        )

    @staticmethod
    def _both_sides(latest: dict[tuple[str, Any, Any], tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """For each learner who finished a scenario as the doctor and as the patient: their
        latest finished run on each side, side by side."""
        rows: list[tuple[Any, ...]] = []
        pairs = sorted({(learner, scenario) for learner, scenario, _ in latest})
        for learner, scenario in pairs:
            doctor = latest.get((learner, scenario, "doctor"))
            patient = latest.get((learner, scenario, "patient"))
            if doctor is None or patient is None:
                continue
            (_, d_ending, d_ends), (_, p_ending, p_ends) = doctor, patient
            rows.append((learner, scenario, "Ending", d_ending, p_ending))
            d_end, p_end = dict(d_ends), dict(p_ends)
            for measure in dict.fromkeys([*d_end, *p_end]):
                rows.append((learner, scenario, measure, d_end.get(measure), p_end.get(measure)))
        return rows

    @staticmethod
    def _ratings(rated: dict[tuple[str, Any, Any], dict[Any, float]]) -> list[tuple]:
        """The latest before and after rating of each item by each learner, averaged over
        learners who gave both (`rated`: each learner's latest ratings by instrument and
        moment)."""
        pairs: dict[tuple[Any, Any], list[tuple[float, float]]] = {}
        for (learner, instrument, moment), before in rated.items():
            after = rated.get((learner, instrument, "after"))
            if moment != "before" or after is None:
                continue
            for item, value in before.items():
                later = after.get(item)
                if later is not None:
                    pairs.setdefault((instrument, item), []).append((value, later))
        rows = []
        for (instrument, item), values in sorted(pairs.items()):
            mean_before = math.fsum(map(itemgetter(0), values)) / len(values)
            mean_after = math.fsum(map(itemgetter(1), values)) / len(values)
            rows.append((instrument, item, len(values), round(mean_before, 2),
                         round(mean_after, 2), round(mean_after - mean_before, 2)))  # fmt: skip
        return rows


def class_report(
    exports: Iterable[Mapping[str, Any]], refused: Sequence[tuple[str, str]] = ()
) -> ClassReport:
    """The class report over already-read (checked) class exports."""
    tally = ClassTally()
    for export in exports:
        tally.add(export)
    return tally.report(refused)
