"""`kfcourse class-report`: real class exports in, one escaped HTML page (and CSV tables) out;
bad files listed and left out, never a crash, never a partial or overwritten output."""

from __future__ import annotations

import csv
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kfcourse.analysis.class_exports import read_class_exports
from kfcourse.analysis.class_report import class_report
from kfcourse.cli.main import main
from kfcourse.journal.runs import decided_by
from tests.instructors.support import MARKUP, export, journal, write_exports

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p",
                "section", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "a",
                "strong", "svg", "text", "rect"}  # fmt: skip


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.handlers += [name for name, _ in attrs if name.startswith("on") or name == "src"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _crafted(tmp_path: Path) -> Path:
    """A real export whose learner-controlled strings were replaced with markup and formulas."""
    data = export(journal(9), "crafty", include_free_text=True)
    for entry in data["entries"]:
        if entry["kind"] == "roleplay":
            entry["scenario_id"] = "</caption>" + MARKUP
            entry["side"] = '"><svg onload=alert(3)>'
            entry["ending"] = '=HYPERLINK("http://example.invalid")'
            entry["measures_end"] = {"<b>P</b>": 1, "@SUM(A1)": 2}
        if entry["kind"] == "self_rating":
            entry["items"] = [{"item": "+cmd|' /C calc'!A0", "value": 3}]
    path = tmp_path / "<img src=x onerror=alert(4)>\x1b]0;pwned\x07.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def exports(tmp_path: Path) -> list[Path]:
    return write_exports(tmp_path / "class", 4)


def test_the_report_counts_what_the_real_runs_did(exports):
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in exports]
    report = class_report(documents + documents[:1])  # one handed in twice counts once
    runs = [e for d in documents for e in d["entries"] if e["kind"] == "roleplay"]
    finished = [r for r in runs if r["completed"]]
    assert report.learners == 4
    participation = dict(zip(report.participation["What"], report.participation["Number"],
                             strict=True))  # fmt: skip
    assert participation["Role-play runs finished"] == len(finished)
    assert participation["Role-play runs not finished"] == len(runs) - len(finished) > 0
    endings = Counter((r["scenario_id"], r["side"], r["ending"]) for r in finished)
    table = report.endings.set_index(["Scenario", "Side played", "Ending"])["Runs"].to_dict()
    assert table == endings
    assert None not in {e for _, _, e in table}  # unfinished runs are not endings
    taken = Counter(
        (r["scenario_id"], r["side"], s["point"], s["choice"] or "(impasse: no agreement)")
        for r in runs
        for s in r["trace"]
    )
    choices = report.choices.groupby(["Scenario", "Side played", "Point", "Choice"])
    assert choices["Times taken"].sum().to_dict() == taken
    by_rules = sum(1 for r in runs for s in r["trace"] if decided_by(s) == "rules")
    assert (report.choices["Decided by"] == "the other role's rules").mul(
        report.choices["Times taken"]
    ).sum() == by_rules
    measures = report.final_measures
    assert set(measures["Run"]) == {"finished", "not finished"}
    both = {(d["pseudonym"], s) for d in documents for s in d["both_sides"]}
    assert set(zip(report.both_sides["Learner (pseudonym)"], report.both_sides["Scenario"],
                   strict=True)) == both  # fmt: skip
    ratings = report.ratings.iloc[0]
    assert ratings["Learners with both"] == 4


def test_bad_files_are_listed_and_left_out(exports, tmp_path, capsys, monkeypatch):
    bad = tmp_path / "bad"
    bad.mkdir()
    real = json.loads(exports[0].read_text(encoding="utf-8"))
    wrong_trace = json.loads(json.dumps(real))
    next(e for e in wrong_trace["entries"] if e["kind"] == "roleplay")["trace"] = 5
    wrong_items = json.loads(json.dumps(real))
    next(e for e in wrong_items["entries"] if e["kind"] == "self_rating")["items"] = 7
    files = {
        "not-json.json": b"{ nope",
        "latin-1.json": b"\xe9" + json.dumps(real).encode(),
        "trace.json": json.dumps(wrong_trace).encode(),
        "items.json": json.dumps(wrong_items).encode(),
        "future.json": json.dumps({**real, "schema_version": 2}).encode(),
        "journal.json": json.dumps(journal(1)).encode(),
        "list.json": b"[1, 2]",
        "huge.json": b" " * (2 * 1024 * 1024) + json.dumps(real).encode(),
    }  # fmt: skip
    for name, data in files.items():
        (bad / name).write_bytes(data)
    monkeypatch.setattr("kfcourse.analysis.class_exports.MAX_EXPORT_BYTES", 1024 * 1024)
    output = tmp_path / "report.html"
    assert main(["class-report", str(bad), *map(str, exports), "-o", str(output)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name in files:
        assert f"left out {bad / name}: " in err, name
    assert "trace: 5 is not of type 'array'" in err and "items: 7 is not of type" in err
    assert "not UTF-8" in err and "version" in err and "whole journal" in err and "MB" in err
    html = output.read_text(encoding="utf-8")
    assert "4 learners" in html and html.count("not of type") == 2


def test_numbers_past_any_float_do_not_stop_the_report(exports, tmp_path, capsys):
    """JSON numbers have no limit: a measure of 10**400 (json reads an int no float holds;
    orjson refuses it, so the file takes the slow path), of 10**30 (orjson reads a float) or
    of 1e308 in several runs (their sum is infinite) is not a number the report can average,
    and the rest of the class is still reported."""
    real = json.loads(exports[0].read_text(encoding="utf-8"))
    done = [e for e in real["entries"] if e["kind"] == "roleplay" and e.get("completed")]
    for number, run in enumerate(done):
        run["measures_end"][next(iter(run["measures_end"]))] = f"HUGE{min(number, 2)}"
    text = json.dumps(real).replace('"HUGE0"', "1" + "0" * 400).replace('"HUGE1"', "1" + "0" * 30)
    text = text.replace('"HUGE2"', "1e308")
    (tmp_path / "huge.json").write_text(text, encoding="utf-8")
    output = tmp_path / "report.html"
    # after the class: the later copy of an entry is the one counted
    assert main(["class-report", *map(str, exports), str(tmp_path / "huge.json"), "-o",
                 str(output)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "Traceback" not in err and "left out" not in err
    html = output.read_text(encoding="utf-8")
    assert "4 learners" in html


def test_nothing_readable_means_exit_1_and_no_output(tmp_path, capsys):
    output = tmp_path / "report.html"
    output.write_text("the previous report", encoding="utf-8")
    junk = tmp_path / "junk.json"
    junk.write_text("{}", encoding="utf-8")
    assert main(["class-report", str(junk), "-o", str(output)]) == 1
    assert output.read_text(encoding="utf-8") == "the previous report"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["class-report", str(empty), "-o", str(tmp_path / "new.html")]) == 1
    assert not (tmp_path / "new.html").exists()
    err = capsys.readouterr().err
    assert "no files were found" in err and "none of them could be read" in err


def test_a_failed_write_leaves_nothing_behind(exports, tmp_path, capsys):
    target = tmp_path / "missing-folder" / "report.html"
    assert main(["class-report", *map(str, exports), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err and len(err.splitlines()) == 1
    csv_file = tmp_path / "a-file"
    csv_file.write_text("x", encoding="utf-8")
    output = tmp_path / "report.html"
    assert main(["class-report", *map(str, exports), "-o", str(output), "--csv",
                 str(csv_file)]) == 1  # fmt: skip
    assert not output.exists() and list(tmp_path.glob(".*.tmp")) == []


def test_every_value_is_escaped_in_html_and_csv(exports, tmp_path, capsys):
    crafted = _crafted(tmp_path)
    output, tables = tmp_path / "report.html", tmp_path / "tables"
    assert main(["class-report", str(crafted), *map(str, exports), "-o", str(output),
                 "--csv", str(tables)]) == 0  # fmt: skip
    html = output.read_text(encoding="utf-8")
    found = _elements(html)
    assert set(found.tags) <= ALLOWED_TAGS, set(found.tags) - ALLOWED_TAGS
    assert found.handlers == [] and "<script" not in html and "<img" not in html
    assert "example.invalid" in "".join(found.text)  # shown, as text
    junk = tmp_path / "junk\x1b]0;pwned\x07.json"
    junk.write_text("{}", encoding="utf-8")
    assert main(["class-report", str(crafted), str(junk), "-o", str(output)]) == 0
    err = capsys.readouterr().err  # the file name's escape is shown, not sent to the terminal
    assert "junk\\x1b]0;pwned\\x07.json" in err and "\x1b" not in err
    for path in tables.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            for row in csv.reader(stream):
                for cell in row:
                    assert not cell.startswith(("=", "+", "@")), (path.name, cell)
    endings = (tables / "endings.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in endings


def test_reading_a_folder_equals_reading_its_files(exports):
    folder = read_class_exports([exports[0].parent])
    files = read_class_exports(exports)
    assert folder.exports == files.exports and folder.refused == files.refused == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_report_page_is_self_contained_and_accessible(exports, tmp_path, page, page_log,
                                                          scheme):  # fmt: skip
    from tests.browser_support import axe_violations
    from tests.conftest import serve

    crafted = _crafted(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    assert main(["class-report", str(crafted), *map(str, exports), "-o",
                 str(site / "report.html")]) == 0  # fmt: skip
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    server, url = serve(site)
    try:
        page.emulate_media(color_scheme=scheme)
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url + "report.html")
            assert page.locator("h1").inner_text().startswith("Class report")
            assert axe_violations(page) == [], (scheme, width)
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not overflow, f"the page scrolls sideways at {width} px"
    finally:
        server.shutdown()
    assert dialogs == [] and page_log.console_errors == []


def test_scenario_words_are_the_loaders_and_a_learner_cannot_name_a_file() -> None:
    """The report reads a scenario's title and measure names from its YAML alone (fast); they
    must be what the scenario loader reads."""
    from kfcourse.analysis.report_html import scenario_words
    from kfcourse.scenario.library import load_shipped, shipped_ids

    for scenario_id in shipped_ids():
        loaded = load_shipped(scenario_id).scenario
        names = {key: measure.name for key, measure in loaded.measures.items()}
        assert scenario_words(scenario_id) == (loaded.title, names)
    assert scenario_words("../../pyproject") == ("../../pyproject", {})


def test_the_report_and_tables_can_be_shared_like_any_file_written_here(exports, tmp_path):
    """Written through a private temporary file, the report still gets the usual mode (0644
    under the usual umask 022), so a colleague or a web server can read it."""
    import os

    mask = os.umask(0o022)
    try:
        output, tables = tmp_path / "report.html", tmp_path / "tables"
        assert main(["class-report", *map(str, exports), "-o", str(output), "--csv",
                     str(tables)]) == 0  # fmt: skip
    finally:
        os.umask(mask)
    for path in [output, *tables.iterdir()]:
        assert path.stat().st_mode & 0o777 == 0o644, path.name
