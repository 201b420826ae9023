"""Source checks for the course chapters: anatomy, citations, glossary terms, links and figures.

Each check reads MyST Markdown sources (no book build) and returns a list of `Problem`s that name
the file and line, so a failing test says exactly where to look. The checks take their inputs as
arguments, which lets the tests run them on small bad fixtures to prove they can fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kfcourse.book import numbered_chapters

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ROOT / "chapters"

# The template's second-level sections, in order. Concept sections sit between the two marked ones.
FIXED_BEFORE = ["Learning objectives", "Before you start"]
FIXED_AFTER = ["Check your understanding", "Reflect", "Exercise:", "Key points", "For instructors"]

_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?\s*(?P<arg>.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`(?P<keys>[^`]*)`")
_TERM = re.compile(r"\{term\}`(?P<body>[^`]*)`")
_DOC = re.compile(r"\{doc\}`(?P<body>[^`]*)`")
_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_REF = re.compile(r"\{(?:ref|numref)\}`(?P<body>[^`]*)`")
_LABEL = re.compile(r"^\((?P<label>[\w:.-]+)\)=\s*$")
_BIB_KEY = re.compile(r"^@\s*(?P<type>\w+)\s*\{\s*(?P<key>[^,\s]+)\s*,", re.MULTILINE)
_FILTER_SET = re.compile(r"\{(?P<items>[^{}]*)\}")
_LONG_QUOTE = re.compile(r'"([^"\n]{120,}?)"|“([^“”\n]{120,}?)”|‘([^‘’\n]{120,}?)’')
_HTML_TAG = re.compile(r"<[^<>\n]*>")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at one line (1-based)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


@dataclass
class Directive:
    """A fenced MyST directive (``:::{name}`` or a backtick fence) with its options and body."""

    name: str
    arg: str
    line: int
    options: dict[str, str]
    body: list[tuple[int, str]]


@dataclass
class Heading:
    level: int
    text: str
    line: int


@dataclass
class Parsed:
    """A chapter split into the parts the checks need."""

    path: Path
    headings: list[Heading]
    directives: list[Directive]
    text_lines: list[tuple[int, str]]  # lines outside code blocks (directive bodies included)
    labels: set[str]


_ROLE_START = re.compile(r"\{[\w:.-]+\}`")


def _mask_inline_code(line: str) -> str:
    """Blank out inline code spans (keeping columns), so examples of syntax are not checked.

    Scans left to right: a role (``{name}`text` ``) is kept whole; any other run of backticks
    opens a code span that the same run closes.
    """
    out = list(line)
    i = 0
    while i < len(line):
        role = _ROLE_START.match(line, i)
        if role:
            end = line.find("`", role.end())
            i = len(line) if end < 0 else end + 1
            continue
        if line[i] == "`":
            run = len(line[i:]) - len(line[i:].lstrip("`"))
            close = line.find("`" * run, i + run)
            if close < 0:
                i += run
                continue
            for k in range(i, close + run):
                out[k] = " "
            i = close + run
            continue
        i += 1
    return "".join(out)


def _body_start(lines: list[str]) -> int:
    """Index of the first line after YAML front matter (0 when there is none)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return i + 1
    return 0


def parse(path: Path, text: str | None = None) -> Parsed:
    """Parse headings, directives and prose lines of a MyST file, tracking nested fences."""
    source = path.read_text(encoding="utf-8") if text is None else text
    lines = source.splitlines()
    headings: list[Heading] = []
    directives: list[Directive] = []
    text_lines: list[tuple[int, str]] = []
    labels: set[str] = set()
    stack: list[tuple[str, Directive | None]] = []  # (fence, directive or None for code)
    i = _body_start(lines)
    while i < len(lines):
        raw = lines[i]
        lineno = i + 1
        stripped = raw.strip()
        in_code = any(d is None for _, d in stack)
        # Closing fence of the innermost block.
        fence = stack[-1][0] if stack else ""
        if fence and stripped and set(stripped) <= {fence[0]} and len(stripped) >= len(fence):
            stack.pop()
            i += 1
            continue
        opened = None if in_code else _FENCE_OPEN.match(stripped)
        if opened and (opened["name"] or opened["fence"].startswith("`")):
            name = opened["name"] or ""
            is_code = not name or name in {"code-block", "code", "literalinclude"}
            if is_code:
                stack.append((opened["fence"], None))
                i += 1
                continue
            directive = Directive(name, opened["arg"].strip(), lineno, {}, [])
            directives.append(directive)
            for parent in (d for _, d in stack if d is not None):
                parent.body.append((lineno, raw))
            stack.append((opened["fence"], directive))
            i += 1
            # Options directly after the opening line.
            while i < len(lines) and (m := _OPTION.match(lines[i].strip())):
                directive.options[m["key"]] = m["value"].strip()
                i += 1
            continue
        if in_code:
            i += 1
            continue
        for _, d in stack:
            if d is not None:
                d.body.append((lineno, raw))
        text_lines.append((lineno, _mask_inline_code(raw)))
        if not stack and (h := _HEADING.match(raw)):
            headings.append(Heading(len(h["hashes"]), h["text"].strip(), lineno))
        if m := _LABEL.match(stripped):
            labels.add(m["label"])
        i += 1
    return Parsed(path, headings, directives, text_lines, labels)


def toc_chapters(root: Path = ROOT) -> list[Path]:
    """The chapters of _toc.yml's numbered parts, in order (a tenth chapter is checked too)."""
    return numbered_chapters(root)


def chapter_number(path: Path) -> int | None:
    m = re.match(r"(\d+)-", path.name)
    return int(m[1]) if m else None


# --------------------------------------------------------------------------- anatomy


def check_anatomy(path: Path, text: str | None = None) -> list[Problem]:
    """The template's parts are present, complete and in order."""
    doc = parse(path, text)
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    titles = [h for h in doc.headings if h.level == 1]
    if len(titles) != 1:
        problem(titles[1].line if len(titles) > 1 else 1, "needs exactly one '# Title' heading")
        if not titles:
            return problems
    title = titles[0]

    sections = [h for h in doc.headings if h.level == 2]
    first_h2 = sections[0].line if sections else 10**9
    plain = [
        d
        for d in doc.directives
        if d.name == "admonition" and d.arg.lower() == "in plain words" and d.body != []
    ]
    if not plain:
        problem(title.line, "missing the 'In plain words' admonition after the title")
    elif not (title.line < plain[0].line < first_h2):
        problem(plain[0].line, "'In plain words' must come between the title and the first section")
    elif not any(line.strip() for _, line in plain[0].body):
        problem(plain[0].line, "'In plain words' is empty")

    names = [h.text for h in sections]

    def index_of(wanted: str) -> int | None:
        for k, name in enumerate(names):
            if name == wanted or (wanted.endswith(":") and name.startswith(wanted)):
                return k
        return None

    expected = [*FIXED_BEFORE, *FIXED_AFTER]
    positions: list[int] = []
    for wanted in expected:
        k = index_of(wanted)
        if k is None:
            line = sections[-1].line if sections else title.line
            problem(line, f"missing section '## {wanted}{' NAME' if wanted.endswith(':') else ''}'")
        else:
            positions.append(k)
    if len(positions) == len(expected) and positions != sorted(positions):
        order = ", ".join(repr(names[k]) for k in positions)
        problem(sections[min(positions)].line, f"template sections out of order: {order}")
    if len(positions) == len(expected):
        before, check = positions[1], positions[2]
        if check - before < 2:
            problem(
                sections[before].line, "no concept section between 'Before you start' and checks"
            )
        extra = [k for k in range(len(names)) if k not in positions and not before < k < check]
        for k in extra:
            problem(sections[k].line, f"section '{names[k]}' is outside the concept part")

    def section_span(wanted: str) -> tuple[int, int] | None:
        k = index_of(wanted)
        if k is None:
            return None
        end = sections[k + 1].line if k + 1 < len(sections) else 10**9
        return sections[k].line, end

    def in_span(line: int, span: tuple[int, int] | None) -> bool:
        return span is not None and span[0] < line < span[1]

    def span_text(span: tuple[int, int] | None) -> str:
        if span is None:
            return ""
        return "\n".join(t for n, t in doc.text_lines if span[0] < n < span[1])

    span = section_span("Learning objectives")
    if span and not re.search(r"^\s*\d+\.\s+\*\*[A-Z][a-z]+", span_text(span), re.MULTILINE):
        problem(span[0], "objectives need a numbered list starting with a **Verb** in bold")

    span = section_span("Before you start")
    if span and "time to learn" not in span_text(span).lower():
        problem(span[0], "'Before you start' must state the 'Time to learn'")

    span = section_span("Check your understanding")
    if span:
        number = chapter_number(path)
        prefix = f"ch{number}-" if number is not None else ""
        exercises = [d for d in doc.directives if d.name == "exercise" and in_span(d.line, span)]
        solutions = {
            d.arg: d for d in doc.directives if d.name == "solution" and in_span(d.line, span)
        }
        if not exercises:
            problem(span[0], "'Check your understanding' needs at least one {exercise}")
        for ex in exercises:
            label = ex.options.get("label", "")
            if not label:
                problem(ex.line, "exercise has no :label:")
                continue
            if prefix and not label.startswith(prefix):
                problem(ex.line, f"exercise label '{label}' should start with '{prefix}'")
            sol = solutions.get(label)
            if sol is None:
                problem(ex.line, f"exercise '{label}' has no {{solution}} {label}")
            elif "dropdown" not in sol.options.get("class", "").split():
                problem(sol.line, f"solution '{label}' must be hidden (:class: dropdown)")

    span = section_span("Reflect")
    if span and not re.search(r"\]\([^)]*journal[^)]*\)|\{doc\}`[^`]*journal", span_text(span)):
        problem(span[0], "'Reflect' must link to the journal")
    if span and not any(d.name == "kf-reflection" and span[0] <= d.line <= span[1]
                        for d in doc.directives):  # fmt: skip
        problem(span[0], "'Reflect' needs a {kf-reflection} form, as the template shows")

    span = section_span("Exercise:")
    if span:
        name = names[index_of("Exercise:") or 0].removeprefix("Exercise:").strip()
        if not name:
            problem(span[0], "'## Exercise:' needs a name")
        if not any(d.name == "admonition" and in_span(d.line, span) for d in doc.directives):
            problem(span[0], "the exercise section needs an admonition saying what and why")

    span = section_span("Key points")
    if span and not re.search(r"^\s*[-*]\s+\S", span_text(span), re.MULTILINE):
        problem(span[0], "'Key points' needs a bulleted list")

    span = section_span("For instructors")
    if span:
        toggles = [
            d
            for d in doc.directives
            if d.name == "admonition"
            and in_span(d.line, span)
            and "dropdown" in d.options.get("class", "").split()
        ]
        if not toggles:
            problem(span[0], "'For instructors' needs an admonition with :class: dropdown")
    return problems


# --------------------------------------------------------------------------- citations


def bib_keys(bib: Path) -> dict[str, int]:
    """Every entry key in a BibTeX file, with the line it starts on."""
    text = bib.read_text(encoding="utf-8")
    return {m["key"]: text.count("\n", 0, m.start()) + 1 for m in _BIB_KEY.finditer(text)}


def citations(path: Path, text: str | None = None) -> list[tuple[int, str]]:
    """(line, key) for every key in a {cite}, {cite:p} or {cite:t} role."""
    found = []
    for lineno, line in parse(path, text).text_lines:
        for m in _CITE.finditer(line):
            for key in m["keys"].split(","):
                if key.strip():
                    found.append((lineno, key.strip()))
    return found


def check_citations(pages: Iterable[Path], keys: Iterable[str]) -> list[Problem]:
    """Every cited key exists in references.bib."""
    known = set(keys)
    return [
        Problem(page, line, f"citation key '{key}' is not in references.bib")
        for page in pages
        for line, key in citations(page)
        if key not in known
    ]


def further_reading_keys(references_page: Path) -> set[str]:
    """Keys listed deliberately as further reading: the sets in {bibliography} :filter: options."""
    keys: set[str] = set()
    for d in parse(references_page).directives:
        if d.name == "bibliography" and "filter" in d.options:
            for m in _FILTER_SET.finditer(d.options["filter"]):
                keys.update(k.strip().strip("\"'") for k in m["items"].split(",") if k.strip())
    return keys


def check_bib_coverage(bib: Path, pages: Iterable[Path], references_page: Path) -> list[Problem]:
    """Every entry of references.bib is cited in a chapter or listed as further reading."""
    keys = bib_keys(bib)
    cited = {key for page in pages for _, key in citations(page)}
    further = further_reading_keys(references_page)
    problems = [
        Problem(bib, line, f"entry '{key}' is neither cited nor listed as further reading")
        for key, line in keys.items()
        if key not in cited and key.lower() not in further
    ]
    for key in sorted(further - {k.lower() for k in keys}):
        problems.append(
            Problem(references_page, 1, f"further reading lists '{key}', not in references.bib")
        )
    return problems


# --------------------------------------------------------------------------- glossary


def glossary_terms(glossary: Path) -> set[str]:
    """The terms defined in the {glossary} directive(s) of the glossary page."""
    terms: set[str] = set()
    for d in parse(glossary).directives:
        if d.name != "glossary":
            continue
        for _, line in d.body:
            if line.strip() and not line[0].isspace() and not line.startswith(":"):
                terms.add(re.sub(r"\\(.)", r"\1", line.strip()))  # Markdown escapes: \' is '

    return terms


def check_terms(pages: Iterable[Path], terms: Iterable[str]) -> list[Problem]:
    """Every {term} role names a term defined in the glossary.

    Sphinx falls back to a case-insensitive match for terms, so the check does too.
    """
    known = {t.lower() for t in terms}
    problems = []
    for page in pages:
        for lineno, line in parse(page).text_lines:
            for m in _TERM.finditer(line):
                body = m["body"]
                target = re.search(r"<([^<>]+)>\s*$", body)
                term = (target[1] if target else body).strip()
                if term.lower() not in known:
                    problems.append(Problem(page, lineno, f"glossary has no term '{term}'"))
    return problems


# --------------------------------------------------------------------------- links and figures


def _doc_exists(base: Path, target: str, root: Path) -> bool:
    """Does a document name (absolute from the book root, or relative) resolve to a page?"""
    target = target.split("#", 1)[0]
    start = root if target.startswith("/") else base.parent
    stem = (start / target.lstrip("/")).resolve()
    if stem.suffix in {".md", ".ipynb"}:
        return stem.exists()
    return any(stem.with_suffix(s).exists() for s in (".md", ".ipynb"))


def check_links(
    pages: Iterable[Path], root: Path = ROOT, known_labels: Iterable[str] = ()
) -> list[Problem]:
    """Relative links, {doc} targets, {ref} labels and figure files all exist."""
    pages = list(pages)
    labels = set(known_labels)
    parsed = [parse(p) for p in pages]
    for doc in parsed:
        labels |= doc.labels
        for d in doc.directives:
            if "name" in d.options:
                labels.add(d.options["name"])
            if "label" in d.options:
                labels.add(d.options["label"])
    problems = []
    for doc in parsed:
        for lineno, line in doc.text_lines:
            for m in _MD_LINK.finditer(line):
                target = m["target"]
                if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                    continue
                path_part = target.split("#", 1)[0]
                if not path_part:
                    continue
                resolved = (doc.path.parent / path_part).resolve()
                if not resolved.exists():
                    problems.append(Problem(doc.path, lineno, f"link target '{target}' not found"))
            for m in _DOC.finditer(line):
                body = m["body"]
                target = re.search(r"<([^<>]+)>\s*$", body)
                name = (target[1] if target else body).strip()
                if not _doc_exists(doc.path, name, root):
                    problems.append(Problem(doc.path, lineno, f"{{doc}} target '{name}' not found"))
            for m in _REF.finditer(line):
                body = m["body"]
                target = re.search(r"<([^<>]+)>\s*$", body)
                name = (target[1] if target else body).strip()
                if name not in labels:
                    problems.append(Problem(doc.path, lineno, f"{{ref}} label '{name}' not found"))
        for d in doc.directives:
            if d.name in {"figure", "image"} and not (doc.path.parent / d.arg).exists():
                problems.append(Problem(doc.path, d.line, f"figure file '{d.arg}' not found"))
    return problems


def check_figures(pages: Iterable[Path]) -> list[Problem]:
    """Every figure and image has alt text, and every figure a caption."""
    problems = []
    for page in pages:
        doc = parse(page)
        for d in doc.directives:
            if d.name not in {"figure", "image"}:
                continue
            if not d.options.get("alt", "").strip():
                problems.append(Problem(page, d.line, f"{d.name} '{d.arg}' has no :alt: text"))
            if d.name == "figure" and not any(t.strip() for _, t in d.body):
                problems.append(Problem(page, d.line, f"figure '{d.arg}' has no caption"))
        for lineno, line in doc.text_lines:
            for m in re.finditer(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)", line):
                if not m["alt"].strip():
                    problems.append(Problem(page, lineno, "image has empty alt text"))
            for m in re.finditer(r"<img\b[^>]*>", line):
                alt = re.search(r"\balt\s*=\s*\"([^\"]*)\"", m[0])
                if not alt or not alt[1].strip():
                    problems.append(Problem(page, lineno, "<img> has no alt text"))
    return problems


def check_long_quotations(pages: Iterable[Path], allowed: Iterable[str] = ()) -> list[Problem]:
    """No long passage (120+ characters) in quotation marks unless its text is allow-listed.

    The course paraphrases its sources; the brief confirms only a few wordings (for example the
    CollaboRATE items), which may be allow-listed by a distinctive fragment.
    """
    allow = [a.lower() for a in allowed]
    problems = []
    for page in pages:
        for lineno, line in parse(page).text_lines:
            for m in _LONG_QUOTE.finditer(_HTML_TAG.sub(" ", line)):
                quoted = (m[1] or m[2] or m[3]).lower()
                if not any(a in quoted for a in allow):
                    problems.append(
                        Problem(page, lineno, f"long quotation: {quoted[:60]}...; paraphrase it")
                    )
    return problems


def first_use_unlinked(page: Path, terms: Iterable[str]) -> list[Problem]:
    """Glossary terms whose first use in a chapter's prose is not a {term} link.

    Matches whole words, case-insensitively, across line breaks, and ignores headings, front
    matter and code.
    """
    doc = parse(page)
    prose = [(n, t) for n, t in doc.text_lines if not _HEADING.match(t)]
    text = "\n".join(t for _, t in prose)
    starts = []  # offset in `text` where each prose line begins
    offset = 0
    for _, line in prose:
        starts.append(offset)
        offset += len(line) + 1
    links = [(m.start(), m.end()) for m in _TERM.finditer(text)]
    problems = []
    for term in sorted(terms, key=len, reverse=True):
        words = r"\s+".join(re.escape(w) for w in term.split())
        hit = re.search(rf"(?<![\w-]){words}(?![\w-])", text, re.IGNORECASE)
        if hit and not any(a <= hit.start() < b for a, b in links):
            index = max(k for k, start in enumerate(starts) if start <= hit.start())
            problems.append(Problem(page, prose[index][0], f"first use of '{term}' is not linked"))
    return problems


# --------------------------------------------------------------------------- objectives practised

# The marker: a MyST comment on the line directly above a self-check or activity's opening fence,
# naming the numbered objectives it practises, e.g. "% practises: 3, 4". MyST drops comments, so the
# learner never sees it; it sits outside the block because most kf- directives take no content.
_PRACTISES = re.compile(r"^%\s*practises:\s*(?P<numbers>.*?)\s*$")
_PRACTISES_LIKE = re.compile(r"^%\s*practi[sc]es?\b", re.IGNORECASE)
_OBJECTIVE = re.compile(r"^(?P<number>\d+)\.\s+\*\*[A-Z]")
# Blocks a marker may stand on: self-checks, activity admonitions ("Pause and note") and the
# course's interactive blocks (reflection forms, instruments, role-plays, exercise widgets).
MARKABLE = ("exercise", "admonition", "kf-")


@dataclass(frozen=True)
class Marker:
    line: int  # the marker's own line
    numbers: tuple[int, ...]
    block: Directive | None  # the block whose fence is on the next line


def objective_numbers(path: Path, text: str | None = None) -> dict[int, int]:
    """The numbered learning objectives of a chapter: number -> line."""
    doc = parse(path, text)
    sections = [h for h in doc.headings if h.level == 2]
    start = next((h.line for h in sections if h.text == "Learning objectives"), None)
    if start is None:
        return {}
    end = next((h.line for h in sections if h.line > start), 10**9)
    found: dict[int, int] = {}
    for lineno, line in doc.text_lines:
        if start < lineno < end and (m := _OBJECTIVE.match(line)):
            found[int(m["number"])] = lineno
    return found


def practice_markers(
    path: Path, text: str | None = None
) -> tuple[list[Marker], list[Problem], Parsed]:
    """Every '% practises:' marker with the block it stands on, and badly formed markers."""
    doc = parse(path, text)
    by_line = {d.line: d for d in doc.directives}
    markers: list[Marker] = []
    problems: list[Problem] = []
    for lineno, line in doc.text_lines:
        stripped = line.strip()
        if not _PRACTISES_LIKE.match(stripped):
            continue
        m = _PRACTISES.match(stripped)
        items = [s.strip() for s in m["numbers"].split(",")] if m else []
        if not m or not items or not all(s.isdigit() for s in items):
            problems.append(Problem(path, lineno, "marker must read '% practises: N[, N...]'"))
            continue
        markers.append(Marker(lineno, tuple(int(s) for s in items), by_line.get(lineno + 1)))
    return markers, problems, doc


def check_objectives_practised(path: Path, text: str | None = None) -> list[Problem]:
    """Every numbered objective is practised by at least one marked self-check or activity.

    Also: each marker stands directly above a self-check, an activity admonition or a kf- block,
    names only objectives that exist, and every {exercise} carries a marker.
    """
    objectives = objective_numbers(path, text)
    markers, problems, doc = practice_markers(path, text)
    if not objectives:
        return [*problems, Problem(path, 1, "no numbered learning objectives found")]
    practised: set[int] = set()
    for marker in markers:
        block = marker.block
        if block is None or not block.name.startswith(MARKABLE):
            problems.append(
                Problem(
                    path,
                    marker.line,
                    "marker must be directly above an exercise, an "
                    "activity admonition or a kf- block",
                )
            )
            continue
        for number in marker.numbers:
            if number in objectives:
                practised.add(number)
            else:
                problems.append(
                    Problem(
                        path,
                        marker.line,
                        f"marker names objective {number}, which does not "
                        f"exist (objectives: 1-{max(objectives)})",
                    )
                )
    marked = {m.block.line for m in markers if m.block is not None}
    for d in doc.directives:
        if d.name == "exercise" and d.line not in marked:
            problems.append(Problem(path, d.line, "self-check has no '% practises: N' marker"))
    for number, line in sorted(objectives.items()):
        if number not in practised:
            problems.append(
                Problem(
                    path,
                    line,
                    f"objective {number} has no self-check or activity marked "
                    f"'% practises: {number}'",
                )
            )
    return problems
