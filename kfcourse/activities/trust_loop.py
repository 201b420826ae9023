"""Rules of Chapter 6's trust-building loop simulator: aims, event cards, a seeded draw, trust.

Four rounds. In each, the clinician and the patient partner each propose an aim (modest,
moderate or ambitious); the pair commits to the more modest of the two. An event card and a die
(1 to 6) decide whether the aim is met: the roll, plus the card's effect, plus 1 when trust is
3 or more (minus 1 when it is -3 or less), must reach the aim's target (2, 3 or 5). A success
raises trust by 1, 2 or 3 (modest, moderate, ambitious); a failure lowers it by the same, so
over-promising costs more. Trust is kept between -10 and 10 and starts at 0.

The draw depends on the seed alone (mulberry32, integer arithmetic), never on the aims: the
same seed replays the same cards and dice, so a learner can try other aims against the same
luck. The numbers are illustrative, not predictions. ``kfcourse/web/trustloop/rules.js`` is the
page's copy of these rules, checked against the vectors ``trust_loop_vectors`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

EXERCISE = "trust-loop"
ROUNDS = 4
AIMS = ("modest", "moderate", "ambitious")
ROLES = ("clinician", "patient")
TARGET = {"modest": 2, "moderate": 3, "ambitious": 5}
STAKE = {"modest": 1, "moderate": 2, "ambitious": 3}  # trust gained on success, lost on failure
TRUST_MIN, TRUST_MAX, TRUST_START = -10, 10, 0
HELPS_FROM, HINDERS_FROM = 3, -3  # trust at or beyond these adds or takes 1 from the roll
DIE = 6
SEED_MAX = 0xFFFFFFFF
# Words for stretches of the trust meter (ids; the catalogue holds the words), lowest first.
TRUST_BANDS = ((-10, "low"), (-6, "strained"), (-2, "uncertain"), (2, "growing"), (6, "strong"))


@dataclass(frozen=True)
class Card:
    """An event card: its id (the catalogue has its words) and what it adds to the roll."""

    id: str
    effect: int


DECK = (
    Card("quick-win", 1),
    Card("board-champion", 1),
    Card("carer-story", 1),
    Card("ordinary-week", 0),
    Card("new-manager", 0),
    Card("nurse-leaves", -1),
    Card("budget-freeze", -1),
    Card("winter-pressure", -1),
    Card("meeting-cancelled", -1),
)
EFFECT = {card.id: card.effect for card in DECK}


class TrustLoopError(ValueError):
    """A game state the rules do not accept (an unknown aim, a fifth round, a bad seed)."""


def mulberry32(seed: int) -> Any:
    """A generator of 32-bit unsigned integers from ``seed``: the page's generator, bit for bit."""
    state = seed & 0xFFFFFFFF

    def imul(a: int, b: int) -> int:
        return (a * b) & 0xFFFFFFFF

    while True:
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(state ^ (state >> 15), 1 | state)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & 0xFFFFFFFF) ^ t
        yield (t ^ (t >> 14)) & 0xFFFFFFFF


@dataclass(frozen=True)
class Draw:
    """What a seed deals: one card and one die roll per round."""

    seed: int
    cards: tuple[str, ...]
    rolls: tuple[int, ...]


def check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MAX:
        raise TrustLoopError(f"the draw number must be a whole number from 0 to {SEED_MAX}")
    return seed


def draw(seed: int) -> Draw:
    """The cards (a shuffle of the deck, first ``ROUNDS``) and the rolls for ``seed``."""
    numbers = mulberry32(check_seed(seed))
    deck = [card.id for card in DECK]
    for i in range(len(deck) - 1, 0, -1):  # Fisher-Yates
        j = next(numbers) % (i + 1)
        deck[i], deck[j] = deck[j], deck[i]
    rolls = tuple(next(numbers) % DIE + 1 for _ in range(ROUNDS))
    return Draw(seed, tuple(deck[:ROUNDS]), rolls)


def clamp(value: int) -> int:
    return max(TRUST_MIN, min(TRUST_MAX, value))


def bonus(trust: int) -> int:
    """What trust adds to the roll: 1 when it is high enough to carry a setback, -1 when low."""
    if trust >= HELPS_FROM:
        return 1
    if trust <= HINDERS_FROM:
        return -1
    return 0


def agreed(clinician: str, patient: str) -> str:
    """The aim the pair commits to: the more modest of the two proposals."""
    for aim in (clinician, patient):
        if aim not in AIMS:
            raise TrustLoopError(f"an aim must be one of {', '.join(AIMS)}, not {aim!r}")
    return AIMS[min(AIMS.index(clinician), AIMS.index(patient))]


def chance(aim: str, trust: int, drawn: Sequence[str] = ()) -> tuple[int, int]:
    """The chance that ``aim`` succeeds before its card is drawn, as (ways, out of), over the
    cards not yet drawn and the six faces of the die."""
    if aim not in AIMS:
        raise TrustLoopError(f"an aim must be one of {', '.join(AIMS)}, not {aim!r}")
    left = [card for card in DECK if card.id not in drawn]
    ways = sum(
        1
        for card in left
        for roll in range(1, DIE + 1)
        if roll + card.effect + bonus(trust) >= TARGET[aim]
    )
    return ways, len(left) * DIE


def percent(ways: int, out_of: int) -> int:
    """A chance in whole per cent, halves rounded up (the same integer sum on the page)."""
    return (200 * ways + out_of) // (2 * out_of)


def band(trust: int) -> str:
    """The id of the words for this trust value."""
    found = TRUST_BANDS[0][1]
    for start, name in TRUST_BANDS:
        if trust >= start:
            found = name
    return found


def play_round(
    number: int, trust: int, clinician: str, patient: str, card: str, roll: int, failed_before: bool
) -> dict[str, Any]:
    """One round's result as plain data (what the journal keeps and the page shows)."""
    aim = agreed(clinician, patient)
    help_ = bonus(trust)
    total = roll + EFFECT[card] + help_
    success = total >= TARGET[aim]
    change = STAKE[aim] if success else -STAKE[aim]
    after = clamp(trust + change)
    return {
        "round": number,
        "clinician": clinician,
        "patient": patient,
        "aim": aim,
        "card": card,
        "roll": roll,
        "bonus": help_,
        "total": total,
        "target": TARGET[aim],
        "success": success,
        "change": after - trust,
        "trust": after,
        "inertia": not success and failed_before,
    }


def parse_picks(picks: Any) -> list[tuple[str, str]]:
    """The rounds' proposals as ``[(clinician, patient), ...]``; TrustLoopError if malformed."""
    if not isinstance(picks, list | tuple) or len(picks) > ROUNDS:
        raise TrustLoopError(f"the aims must be a list of at most {ROUNDS} rounds")
    out = []
    for pair in picks:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise TrustLoopError("each round's aims must be a [clinician, patient] pair")
        clinician, patient = pair
        agreed(clinician, patient)
        out.append((str(clinician), str(patient)))
    return out


def play(seed: int, picks: Any) -> dict[str, Any]:
    """A whole game so far: the rounds played with these proposals against ``seed``'s draw."""
    dealt = draw(seed)
    trust = TRUST_START
    rounds: list[dict[str, Any]] = []
    for n, (clinician, patient) in enumerate(parse_picks(picks)):
        failed_before = bool(rounds) and not rounds[-1]["success"]
        result = play_round(
            n + 1, trust, clinician, patient, dealt.cards[n], dealt.rolls[n], failed_before
        )
        rounds.append(result)
        trust = result["trust"]
    return {
        "seed": seed,
        "rounds": rounds,
        "trust_start": TRUST_START,
        "trust_end": trust,
        "completed": len(rounds) == ROUNDS,
    }


RATINGS = ("ability", "benevolence", "integrity")
RATING_MIN, RATING_MAX = 1, 5


def parse_ratings(ratings: Any) -> dict[str, int | None]:
    """The end-of-game ratings of the partner (1 to 5, or None when skipped)."""
    if ratings is None:
        return dict.fromkeys(RATINGS)
    if not isinstance(ratings, Mapping) or set(ratings) - set(RATINGS):
        raise TrustLoopError("the ratings must be ability, benevolence and integrity")
    out: dict[str, int | None] = {}
    for name in RATINGS:
        value = ratings.get(name)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not RATING_MIN <= value <= RATING_MAX
        ):
            raise TrustLoopError(f"a rating must be a whole number from 1 to 5, not {value!r}")
        out[name] = value
    return out


def answer(seed: int, picks: Any, ratings: Any = None) -> dict[str, Any]:
    """The journal's ``answer`` for a game: the game so far and the ratings (the one mapping,
    also in rules.js)."""
    game = play(seed, picks)
    rated = parse_ratings(ratings)
    if any(v is not None for v in rated.values()) and not game["completed"]:
        raise TrustLoopError("the partner is rated after the fourth round")
    return {**game, "ratings": rated}


def entry_fields(game_answer: Mapping[str, Any], title: str) -> dict[str, Any]:
    """The journal entry's fields for a game (kind ``exercise_answer``): a draft until the
    fourth round is played."""
    return {
        "exercise": EXERCISE,
        "title": title,
        "answer": dict(game_answer),
        "draft": not game_answer["completed"],
    }
