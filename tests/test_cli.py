"""The command as a user meets it: exit codes, one-line errors, idempotent ingest, every subcommand."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema

from storyline.export import schema
from tests.conftest import CORPUS, Run

ARTICLE = (
    "Harbor pilots in Greyport agreed on Friday to end a two-week slowdown after the port authority offered "
    "a new contract with 12 percent raises over three years, the pilots' association said in a statement.\n\n"
    "The slowdown had left 40 cargo ships waiting at anchor outside the breakwater, port officials said."
)


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("documents", "document_sources", "rejections")
        }


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) <= 2, stderr  # the summary line and the one reason line
    return lines[-1]


def test_missing_path_is_one_clear_line_and_exit_1(run: Run) -> None:
    done = run("ingest", "no/such/file.txt")
    assert done.returncode == 1
    assert "no such file or folder" in one_line_error(done.stderr)
    assert "Traceback" not in done.stderr


def test_empty_binary_and_unknown_extension_exit_1_with_a_reason_each(run: Run, tmp_path: Path, db: Path) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "photo.html").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    for name, reason in (("empty.txt", "empty"), ("photo.html", "binary"), ("notes.pdf", "unsupported file type")):
        done = run("ingest", str(tmp_path / name))
        assert done.returncode == 1, (name, done.stderr)
        assert reason in one_line_error(done.stderr)
    assert counts(db) == {"documents": 0, "document_sources": 0, "rejections": 3}


def test_broken_jsonl_line_is_rejected_and_the_good_line_accepted(run: Run, tmp_path: Path, db: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"url": "https://pilots.example/1", "outlet": "Greyport Star", "text": ARTICLE}) + "\n{oops\n",
        "utf-8",
    )
    done = run("ingest", str(feed))
    assert done.returncode == 0
    assert "feed.jsonl:2" in done.stderr and "malformed JSON line" in done.stderr
    assert counts(db)["documents"] == 1


def test_ingesting_the_same_inputs_twice_changes_no_count(run: Run, tmp_path: Path, db: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    first = run("ingest", str(tmp_path))
    before = counts(db)
    second = run("ingest", str(tmp_path))
    assert first.returncode == second.returncode == 0
    assert counts(db) == before
    assert "0 added, 1 already stored" in second.stderr


def test_stdin_is_an_input(run: Run) -> None:
    done = run("brief", "-", "--json", stdin=ARTICLE)
    assert done.returncode == 0, done.stderr
    story = json.loads(done.stdout)["stories"][0]
    assert story["documents"][0]["source"] == "<stdin>"


def test_usage_errors_exit_2(run: Run) -> None:
    assert run("brief").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("export", "--format", "pdf").returncode == 2


def test_unusable_store_is_one_line_and_exit_1(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"plain text, not sqlite" * 50)
    done = run("stories", store=bad)
    assert done.returncode == 1
    assert one_line_error(done.stderr).startswith("storyline: error: cannot open the store")


def test_store_location_comes_from_the_environment_when_no_db_is_given(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    env = {**os.environ, "STORYLINE_DB": str(tmp_path / "env.db")}
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "ingest", str(tmp_path / "a.txt")],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and (tmp_path / "env.db").exists()


def test_corpus_brief_stories_show_and_exports(run: Run, tmp_path: Path) -> None:
    brief = run("brief", str(CORPUS), "--json")
    assert brief.returncode == 0, brief.stderr
    document = json.loads(brief.stdout)
    jsonschema.validate(document, schema())
    story_id = document["stories"][0]["id"]

    listed = run("stories")
    assert listed.returncode == 0 and story_id in listed.stdout

    shown = run("show", story_id[2:8])
    assert shown.returncode == 0 and document["stories"][0]["brief"][0]["text"][:30] in " ".join(shown.stdout.split())
    assert run("show", "s-nothing").returncode == 1

    exported = run("export", "--format", "json", "--with-text")
    full = json.loads(exported.stdout)
    jsonschema.validate(full, schema())
    assert all("text" in d for s in full["stories"] for d in s["documents"])

    markdown = tmp_path / "out.md"
    assert run("export", "--format", "md", "-o", str(markdown)).returncode == 0
    text = markdown.read_text("utf-8")
    assert text.startswith("## ") and "### Documents" in text


def test_claims_json_validates_and_raw_offsets_index_the_input(run: Run, tmp_path: Path) -> None:
    from storyline.export import claims_schema

    path = tmp_path / "a.txt"
    path.write_text("Headline of the story\n\n  " + ARTICLE + "\n", "utf-8")
    done = run("claims", str(path), "--json", "--raw")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    jsonschema.validate(document, claims_schema())
    text = path.read_text("utf-8")
    sentences = document["documents"][0]["sentences"]
    for sentence in sentences:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
        for quantity in sentence["quantities"]:
            assert text[quantity["start"] : quantity["end"]] == quantity["text"]
    assert any(q["value"] == 40 for s in sentences for q in s["quantities"])
    assert any(s["attribution"] and s["attribution"]["cue"]["text"] == "said" for s in sentences)
    assert run("claims", str(tmp_path / "missing.txt")).returncode == 1
