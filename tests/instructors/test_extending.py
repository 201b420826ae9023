"""Extending the course as the instructor pages say: a new chapter from the template is found
and checked like the others, and a scenario author gets the warnings the book build would give."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

import tests.chapters.chapter_checks as cc
from kfcourse.book import numbered_chapters

ROOT = cc.ROOT
TEMPLATE = ROOT / "chapters" / "instructors" / "templates" / "chapter.md"


def _book_with_a_tenth_chapter(tmp_path: Path) -> Path:
    """A copy of the book's table of contents and chapters with chapter 10 added as the
    chapter-template page says (copy the template, add it to _toc.yml, replace TODO and NN)."""
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p.get("numbered"))
    part["chapters"].append({"file": "chapters/10-a-new-chapter"})
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    text = TEMPLATE.read_text(encoding="utf-8").replace("TODO ", "").replace("NN", "10")
    (tmp_path / "chapters" / "10-a-new-chapter.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_tenth_chapter_made_from_the_template_is_checked_and_passes(tmp_path):
    book = _book_with_a_tenth_chapter(tmp_path)
    chapters = numbered_chapters(book)
    new = book / "chapters" / "10-a-new-chapter.md"
    assert chapters[-1] == new and len(chapters) == len(numbered_chapters(ROOT)) + 1
    assert cc.check_anatomy(new) == []
    assert cc.check_citations([new], cc.bib_keys(ROOT / "references.bib")) == []
    terms = cc.glossary_terms(book / "chapters" / "glossary.md")
    assert cc.first_use_unlinked(new, terms) == []


def test_the_template_is_what_the_chapters_use(tmp_path):
    """A chapter whose Reflect section has no kf-reflection form fails, as the template has one."""
    book = _book_with_a_tenth_chapter(tmp_path)
    new = book / "chapters" / "10-a-new-chapter.md"
    text = new.read_text(encoding="utf-8")
    start = text.index(":::{kf-reflection}")
    end = text.index(":::\n", start + 4) + 4
    new.write_text(text[:start] + text[end:], encoding="utf-8")
    problems = [p.message for p in cc.check_anatomy(new)]
    assert problems == ["'Reflect' needs a {kf-reflection} form, as the template shows"]


def test_check_course_passes_on_the_book_and_finds_what_is_broken(tmp_path, monkeypatch, capsys):
    from kfcourse.cli.course_check import course_findings
    from kfcourse.cli.main import main

    monkeypatch.chdir(ROOT / "chapters")  # the book is found above the working folder
    assert main(["check", "--course", "--strict"]) == 0, capsys.readouterr().out
    book = _book_with_a_tenth_chapter(tmp_path)
    shutil.copy(ROOT / "references.bib", book / "references.bib")
    new = book / "chapters" / "10-a-new-chapter.md"
    text = new.read_text(encoding="utf-8")
    text = text.replace(
        "{cite:p}`gronn2002distributed`", "{cite:p}`gronn2002distributed,nobody2099`"
    )
    text += "\n:::{kf-roleplay} no-such-scenario\n:::\n\n```md\n:::{kf-roleplay} an-example\n```\n"
    new.write_text(text, encoding="utf-8")
    (book / "chapters" / "09-capstone.md").unlink()
    found = {(d.code, Path(d.path).name, d.message[:40]) for d in course_findings(book)[0]}
    assert found == {
        ("CC001", "_toc.yml", "'chapters/09-capstone' is listed but the"),
        ("CC002", new.name, "cited key 'nobody2099' is not in referen"),
        ("CC003", new.name, "kf-roleplay names 'no-such-scenario', wh"),
    }
    monkeypatch.chdir(book)
    assert main(["check", "--course"]) == 1
