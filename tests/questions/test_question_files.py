"""Every chapter's question file: valid against the schema, complete enough, written for students."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from nakmodel.book import CHAPTERS
from nakmodel.book.questions import KEYS, QUESTIONS_DIR, SCHEMA_PATH, load

FILES = sorted(QUESTIONS_DIR.glob("*.yaml"))
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
#: chapters that have their questions so far (the others still have Check-yourself markdown)
DONE = tuple(CHAPTERS)


def _raw(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_done_chapter_has_a_file():
    names = {p.stem for p in FILES}
    assert set(DONE) <= names
    assert names <= set(CHAPTERS), f"question files for unknown chapters: {names - set(CHAPTERS)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_matches_schema(path):
    jsonschema.Draft202012Validator(SCHEMA).validate(_raw(path))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_enough_questions_of_each_kind(path):
    qs = _raw(path)["questions"]
    kinds = [q["kind"] for q in qs]
    assert len(qs) >= 6 and kinds.count("choice") >= 2 and kinds.count("numeric") >= 1 \
        and kinds.count("predict") >= 1, kinds


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_distractors_name_their_misconception(path):
    for q in _raw(path)["questions"]:
        if q["kind"] == "choice":
            for o in q["options"]:
                assert o["correct"] or o.get("misconception"), f"{q['id']}: distractor without misconception"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_student_text(path):
    """Plain text in radio labels (Voilà shows them as text), true minus signs, no talk of sources."""
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"\b(seed|seeds|study guide|source text)\b", body, re.IGNORECASE)
    for q in _raw(path)["questions"]:
        for o in q.get("options", []):
            assert "<" not in o["text"], f"{q['id']}: markup in an option label: {o['text']}"
        for field in ("prompt", "hint", "feedback_right", "feedback_wrong", "explain", "action"):
            value = q.get(field, "")
            assert not re.search(r"(?<![\w<])-\d", value), f"{q['id']}.{field}: use a true minus sign (−)"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_keys_exist_and_resolve(path):
    data = load(path.stem)
    for q in data["questions"]:
        if q["kind"] in ("numeric", "predict"):
            assert q["key"] in KEYS
        live = q.pop("explain_live", None)
        text = json.dumps(q, ensure_ascii=False)
        assert not re.search(r"\{(answer|result|baseline|change)\}", text), f"{q['id']}: unfilled placeholder"
        if live is not None:  # the page fills {result} and {change} from the explorer's live number
            assert not re.search(r"\{(answer|baseline)\}", live), f"{q['id']}: explain_live: only live fields"
            assert "{result}" in live, f"{q['id']}: explain must show the model's number ({{result}})"


def test_bad_file_gives_a_clear_error(tmp_path, monkeypatch):
    import nakmodel.book.questions as mod

    (tmp_path / "schema.json").write_text(SCHEMA_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(
        "chapter: broken\nquestions:\n  - {id: a, kind: choice, prompt: Why is it so, options: []}\n",
        encoding="utf-8")
    monkeypatch.setattr(mod, "QUESTIONS_DIR", tmp_path)
    monkeypatch.setattr(mod, "SCHEMA_PATH", tmp_path / "schema.json")
    with pytest.raises(ValueError, match="broken.yaml: questions/0"):
        mod.load("broken")
    with pytest.raises(FileNotFoundError, match="no questions for chapter 'nothing'"):
        mod.load("nothing")
