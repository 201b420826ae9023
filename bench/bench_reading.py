"""Print, for each chapter, the longest stretch of reading between two activities.

Run: `.venv/bin/python bench/bench_reading.py` (or `make bench`). The Carpentries model the course
follows puts a short activity every 10 to 15 minutes, so the target is a longest stretch of
15 minutes or less at 200 words a minute (3,000 words). It exits 1 when a chapter misses.

What counts as an activity (a break in the reading):

- a self-check: an ``{exercise}`` block, with the ``{solution}`` that goes with it;
- any ``kf-`` block: the reflection forms (the reflective questions), the instruments
  (self-ratings), the role-plays and the chapter's interactive exercise;
- any block marked with a ``% practises: N`` comment on the line above its opening fence, such as
  a "Pause and note" admonition that asks the learner to do something with what they just read.

What counts as reading: every word a learner sees from the title to the start of
``## For instructors`` (a dropdown for instructors), outside activities, including the plain
summary, objectives, tables, examples and figure captions. Left out: front matter, directive
options (figure alt text among them), comments, code blocks and the bodies of activities (a
question and its hidden answer are part of the activity). Citation roles are left out, the
visible text of other roles and links is kept, and a word is a run of Latin letters or digits,
so the Simplified Chinese text of the source case in Chapter 1 (which a reader reads instead of
the English, not as well) is not counted.

The stretch before the first activity and the one after the last both count.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/ beside this script, as a namespace package

# E402: these imports need the sys.path line above (bench/ is not an installed package)
from bench.bench_readability import strip_inline  # noqa: E402  (one reading of MyST prose)
from kfcourse.book import numbered_chapters  # noqa: E402

WORDS_PER_MINUTE = 200
TARGET_MINUTES = 15.0

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_MARKER = re.compile(r"^%\s*practises:")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass
class Stretch:
    """A run of reading between two activities (or the start or end of the chapter)."""

    words: int
    first_line: int
    last_line: int

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE


def count_words(line: str) -> int:
    """Words a reader sees on one line of MyST prose."""
    return len(_WORD.findall(strip_inline(line)))


def is_activity(name: str, marked: bool) -> bool:
    return marked or name in {"exercise", "solution"} or name.startswith("kf-")


def stretches(source: str) -> tuple[list[Stretch], int]:
    """The reading stretches of a chapter, in order, and the number of activities."""
    lines = source.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    found: list[Stretch] = []
    current = Stretch(0, start + 1, start + 1)
    activities = 0
    stack: list[tuple[str, bool, bool]] = []  # (fence, is code, is activity)
    previous = ""
    for i in range(start, len(lines)):
        raw, lineno = lines[i], i + 1
        stripped = raw.strip()
        in_code = any(code for _, code, _ in stack)
        in_activity = any(act for _, _, act in stack)
        if not stack and stripped.startswith("## For instructors"):
            break
        fence = stack[-1][0] if stack else ""
        if fence and stripped and set(stripped) <= {fence[0]} and len(stripped) >= len(fence):
            stack.pop()
            previous = stripped
            continue
        opened = None if in_code else _FENCE.match(raw)
        if opened and (opened["name"] or opened["fence"].startswith("`")):
            name = opened["name"] or ""
            code = not name or name in {"code-block", "code", "literalinclude"}
            activity = not code and is_activity(name, bool(_MARKER.match(previous)))
            if activity and not in_activity:
                activities += 1
                if name != "solution":  # an answer belongs to the question before it
                    found.append(current)
                current = Stretch(0, lineno + 1, lineno + 1)
            stack.append((opened["fence"], code, activity))
            previous = stripped
            continue
        previous = stripped
        if in_code or in_activity or _OPTION.match(raw) or stripped.startswith("%"):
            continue
        words = count_words(raw)
        if words:
            current.words += words
            current.last_line = lineno
            if current.words == words:
                current.first_line = lineno
    found.append(current)
    return [s for s in found if s.words], activities


def main() -> int:
    chapters = numbered_chapters(ROOT)
    target_words = int(TARGET_MINUTES * WORDS_PER_MINUTE)
    print(
        f"Longest stretch of reading between activities, at {WORDS_PER_MINUTE} words a minute."
        f"\nTarget: {TARGET_MINUTES:.0f} minutes ({target_words} words) or less.\n"
    )
    print(
        f"{'chapter':<32} {'reading':>7} {'activities':>10} {'longest':>7} {'minutes':>7}"
        f"  {'lines':<11} status"
    )
    missed = 0
    for path in chapters:
        found, activities = stretches(path.read_text(encoding="utf-8"))
        total = sum(s.words for s in found)
        worst = max(found, key=lambda s: s.words, default=Stretch(0, 0, 0))
        ok = worst.minutes <= TARGET_MINUTES
        missed += not ok
        span = f"{worst.first_line}-{worst.last_line}"
        status = "ok" if ok else f"over {TARGET_MINUTES:.0f} min"
        print(
            f"{path.stem:<32} {total:>7} {activities:>10} {worst.words:>7} {worst.minutes:>7.1f}"
            f"  {span:<11} {status}"
        )
    print(
        f"\nsummary: {len(chapters) - missed}/{len(chapters)} chapters have no stretch of reading "
        f"longer than {TARGET_MINUTES:.0f} minutes between activities"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
