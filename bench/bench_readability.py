"""Print the Flesch reading ease of each chapter's plain-language summary and of its body.

Run: `.venv/bin/python bench/bench_readability.py` (or `make bench`). The summaries ("In plain
words") aim for 50 or more, readable by most adults; chapter bodies are printed for information.
MyST markup (roles, directives, links, tables, front matter, code) is stripped first, so the score
reflects the words a reader sees. It reports and does not gate: tests/chapters checks the target.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import textstat
from textstat.backend.counts import _count_syllables

from kfcourse.book import numbered_chapters

ROOT = Path(__file__).resolve().parent.parent
SUMMARY_TARGET = 50.0

_ROLE_WITH_TARGET = re.compile(r"\{[\w:.-]+\}`([^`<]*?)\s*<[^`>]*>`")
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`[^`]*`")
_ROLE = re.compile(r"\{[\w:.-]+\}`([^`]*)`")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^<>]+>")
_INLINE_CODE = re.compile(r"``?([^`]+)``?")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_FENCE = re.compile(r"^\s*(`{3,}|:{3,})")
_OPTION = re.compile(r"^\s*:[\w-]+:")


def use_offline_syllable_counts() -> None:
    """Count syllables with Pyphen's British English hyphenation dictionary, which ships with it.

    textstat 0.7.13 first looks words up in NLTK's CMU dictionary and downloads that corpus when it
    is missing, which would send a request off the machine. Without a CMU dictionary textstat falls
    back to Pyphen for every word, as textstat releases before 0.7.4 always did.
    """
    _count_syllables.get_cmudict = lambda lang: None
    textstat.set_lang("en_GB")


def toc_chapters() -> list[Path]:
    """The numbered chapters (chapters/0*.md) in _toc.yml order."""
    return numbered_chapters(ROOT)


def strip_inline(text: str) -> str:
    """Replace MyST inline markup with the words a reader sees (citations dropped)."""
    text = _CITE.sub("", text)
    text = _ROLE_WITH_TARGET.sub(r"\1", text)
    text = _ROLE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub(" ", text)
    text = _INLINE_CODE.sub(r"\1", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
    return re.sub(r"[ \t]+", " ", text)


def split_chapter(source: str) -> tuple[str, str]:
    """Return (summary, body) as plain prose: summary is the 'In plain words' admonition."""
    lines = source.splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        lines = lines[end + 1 :]
    summary: list[str] = []
    body: list[str] = []
    in_summary = False
    in_code = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```") and "{" not in stripped and not in_code:
            in_code = True
            continue
        if in_code:
            if stripped.startswith("```"):
                in_code = False
            continue
        if re.match(r"^:{3,}\{admonition\}\s+In plain words", stripped, re.IGNORECASE):
            in_summary = True
            continue
        if _FENCE.match(line) or _OPTION.match(line) or stripped.startswith("#"):
            if in_summary and _FENCE.match(line):
                in_summary = False
            continue
        if re.match(r"^\|?\s*-{3,}", stripped):
            continue
        text = stripped.strip("|").replace("|", ". ") if stripped.startswith("|") else stripped
        text = re.sub(r"^([-*]|\d+\.)\s+", "", text)
        text = re.sub(r"^:\s+", "", text)
        (summary if in_summary else body).append(text)
    return _to_prose(summary), _to_prose(body)


def _to_prose(lines: list[str]) -> str:
    """Join wrapped lines into paragraphs; treat each list item or blank line as a break."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(strip_inline(line).strip())
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p.strip())


def main() -> int:
    use_offline_syllable_counts()
    chapters = toc_chapters()
    print("Flesch reading ease (textstat, Pyphen en_GB syllables); higher is easier.")
    print(f"Target for plain-language summaries: {SUMMARY_TARGET:.0f} or more.\n")
    print(f"{'chapter':<32} {'summary':>8} {'sentences':>9} {'body':>6} {'words':>6}  status")
    met = 0
    bodies: list[float] = []
    for path in chapters:
        summary, body = split_chapter(path.read_text(encoding="utf-8"))
        words = textstat.lexicon_count(body)
        body_score = textstat.flesch_reading_ease(body) if words else float("nan")
        if words:
            bodies.append(body_score)
        if not summary:
            print(f"{path.stem:<32} {'-':>8} {'-':>9} {body_score:>6.1f} {words:>6}  NO SUMMARY")
            continue
        score = textstat.flesch_reading_ease(summary)
        sentences = textstat.sentence_count(summary)
        ok = score >= SUMMARY_TARGET
        met += ok
        status = "ok" if ok else f"below {SUMMARY_TARGET:.0f}"
        print(
            f"{path.stem:<32} {score:>8.1f} {sentences:>9} {body_score:>6.1f} {words:>6}  {status}"
        )
    mean_body = sum(bodies) / len(bodies) if bodies else float("nan")
    print(
        f"\nsummary: {met}/{len(chapters)} plain-language summaries meet the target of "
        f"{SUMMARY_TARGET:.0f}; mean body reading ease {mean_body:.1f} over {len(bodies)} chapters"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
