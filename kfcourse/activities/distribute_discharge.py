"""Rules of Chapter 3's exercise "Distribute the discharge": six leadership functions, six roles.

The learner gives each leadership function of Scenario A's discharge-delay problem to one or more
roles. Two readings follow from any allocation: how concentrated leadership is (the share of
functions the consultant holds, and how many functions rest on a single holder), and, on request,
the *decision-rights gaps*: functions given to a role with no formal authority to act on them, by
an illustrative authority table (one reasonable reading of this ward, to dispute, not a key). The
learner then says whether the distribution is real or rhetorical and what would make it real.
``kfcourse/web/discharge/rules.js`` is the page's copy, checked against the vectors
``distribute_discharge_vectors`` writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

EXERCISE = "distribute-discharge"
FUNCTIONS = (
    "setting-direction",
    "making-sense-of-data",
    "mobilising-resources",
    "redesigning-routines",
    "speaking-up",
    "monitoring-reporting",
)
ROLES = ("consultant", "nurse", "pharmacist", "junior-doctor", "patient-leader", "manager")
FOCUS = "consultant"  # whose share of the functions measures concentration
# Which roles hold formal authority to act on each function on Scenario A's ward (illustrative).
AUTHORITY = {
    "setting-direction": ("consultant", "manager"),
    "making-sense-of-data": ("consultant", "nurse", "pharmacist", "manager"),
    "mobilising-resources": ("manager",),
    "redesigning-routines": ("consultant", "pharmacist", "manager"),
    "speaking-up": ROLES,
    "monitoring-reporting": ("consultant", "manager"),
}
BANDS = ("low", "moderate", "high")
RESPONSE_MAX = 2000  # characters (code points)
# What counts as blank, spelled out so that rules.js agrees (str.strip and String.trim do not).
BLANK = " \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_BLANK = re.compile(f"[{BLANK}]*")


class DistributeDischargeError(ValueError):
    """An answer the rules do not accept (an unknown function or role, a malformed field)."""


def parse_allocation(allocation: Any) -> dict[str, list[str]]:
    """Every function's holders in role order, without repeats; an error if malformed."""
    if allocation is None:
        allocation = {}
    if not isinstance(allocation, Mapping):
        raise DistributeDischargeError("the allocation must map each function to its roles")
    unknown = [f for f in allocation if f not in FUNCTIONS]
    if unknown:
        raise DistributeDischargeError(
            f"no function called {unknown[0]!r}; the functions are {', '.join(FUNCTIONS)}"
        )
    out: dict[str, list[str]] = {}
    for function in FUNCTIONS:
        given = allocation.get(function)
        if given is None:
            given = []
        if not isinstance(given, list):
            raise DistributeDischargeError(f"{function} must have a list of roles")
        strange = [r for r in given if r not in ROLES]
        if strange:
            raise DistributeDischargeError(
                f"no role called {strange[0]!r} ({function}); the roles are {', '.join(ROLES)}"
            )
        out[function] = [r for r in ROLES if r in given]
    return out


def complete(allocation: Mapping[str, list[str]]) -> bool:
    """Whether every function has at least one holder."""
    return all(allocation[f] for f in FUNCTIONS)


def band(held: int, total: int = len(FUNCTIONS)) -> str:
    """The words for a share: low up to a third, high above two thirds, moderate between."""
    if 3 * held <= total:
        return "low"
    if 3 * held > 2 * total:
        return "high"
    return "moderate"


def concentration(allocation: Mapping[str, list[str]]) -> dict[str, Any]:
    """How many functions the consultant holds, of how many, as a whole percentage and a band."""
    held = sum(1 for f in FUNCTIONS if FOCUS in allocation[f])
    total = len(FUNCTIONS)
    return {
        "held": held,
        "of": total,
        "percent": (200 * held + total) // (2 * total),  # rounded half up, as in rules.js
        "band": band(held, total),
    }


def single_holder(allocation: Mapping[str, list[str]]) -> list[str]:
    """The functions that rest on exactly one role, in function order."""
    return [f for f in FUNCTIONS if len(allocation[f]) == 1]


def gaps(allocation: Mapping[str, list[str]]) -> list[dict[str, str]]:
    """Each function given to a role with no formal authority to act on it (AUTHORITY)."""
    return [
        {"function": f, "role": r}
        for f in FUNCTIONS
        for r in allocation[f]
        if r not in AUTHORITY[f]
    ]


def written(text: str) -> bool:
    """Whether a text holds anything but blanks (BLANK)."""
    return _BLANK.fullmatch(text) is None


def answer(allocation: Any, gaps_shown: Any = False, response: Any = "") -> dict[str, Any]:
    """The journal's ``answer`` (the one mapping, also in rules.js)."""
    allocated = parse_allocation(allocation)
    if not isinstance(gaps_shown, bool):
        raise DistributeDischargeError("whether the gaps were shown must be true or false")
    if not isinstance(response, str) or len(response) > RESPONSE_MAX:
        raise DistributeDischargeError(
            f"the response must be a text of at most {RESPONSE_MAX} characters"
        )
    done = complete(allocated)
    return {
        "allocation": allocated,
        "complete": done,
        "concentration": concentration(allocated),
        "single_holder": single_holder(allocated),
        "gaps_shown": gaps_shown,
        "gaps": gaps(allocated) if gaps_shown else None,
        "response": response,
        "finished": done and written(response),
    }


def entry_fields(the_answer: Mapping[str, Any], title: str, question: str) -> dict[str, Any]:
    """The journal entry's fields (kind ``exercise_answer``): a draft until it is finished."""
    return {
        "exercise": EXERCISE,
        "title": title,
        "question": question,
        "answer": dict(the_answer),
        "draft": not the_answer["finished"],
    }
