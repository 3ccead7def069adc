"""Odd but plausible input: never a crash, never a lost document, never a changed count on re-ingest."""

from __future__ import annotations

import json
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.config import Settings
from storyline.extract import extract
from storyline.pipeline import analyse_all, ingest
from storyline.records import Extraction, RawItem
from storyline.sources import read_inputs
from storyline.store import SQLiteStore
from tests.conftest import Run

PARAGRAPH = (
    "The ferry service between Holm and the mainland will run twice a day from May, the island council said on "
    "Tuesday, after a year in which storms cancelled more than forty crossings."
)


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a guard against quadratic blow-ups, not a speed measurement."""

    def expire(*_: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_json_lines_that_break_the_parser_are_rejected_and_good_lines_kept(run: Run, tmp_path: Path, db: Path) -> None:
    good = json.dumps({"url": "https://holm.example/ferry", "text": PARAGRAPH})
    odd_url = json.dumps({"url": "http://[::1/x", "text": PARAGRAPH.replace("Tuesday", "Wednesday")})
    separator = json.dumps({"text": PARAGRAPH.replace("Tuesday", "Friday") + "\u2028Second line."}, ensure_ascii=False)
    lines = [good, "[" * 100_000, '{"text": ' + "9" * 5000 + "}", odd_url, separator]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    done = run("ingest", str(tmp_path / "feed.jsonl"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
        assert conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0] == 2


def test_pretty_printed_json_on_stdin_is_one_article(run: Run) -> None:
    done = run("ingest", "-", stdin=json.dumps({"title": "Ferry", "text": PARAGRAPH}, indent=2))
    assert done.returncode == 0 and "1 added" in done.stderr, done.stderr


def test_reingest_with_folded_copies_and_an_outlets_footer_changes_nothing(tmp_path: Path) -> None:
    footer = "The Holm Record is owned by the people of the island and answers only to them"
    for n, place in enumerate(("harbour", "school", "chapel")):
        text = f"By Staff | Holm Record | 2026-05-0{n + 1}\n\n{PARAGRAPH.replace('ferry', place)}\n\n{footer}\n"
        (tmp_path / f"{n}.txt").write_text(text, "utf-8")
    (tmp_path / "copy.txt").write_text((tmp_path / "0.txt").read_text("utf-8").replace("\n", "\r\n"), "utf-8")
    settings = Settings()
    with SQLiteStore(tmp_path / "s.db") as store:
        first = ingest(read_inputs([str(tmp_path)], settings), store, settings)
        before = store.counts()
        second = ingest(read_inputs([str(tmp_path)], settings), store, settings)
        assert store.counts() == before
        assert all(footer not in d.text for d in store.documents())
    assert len(first.added) == 3 and len(first.duplicates) == 1
    assert not second.added and len(second.stored) == 4


def test_a_long_single_paragraph_is_processed_in_reasonable_time(tmp_path: Path) -> None:
    body = " ".join(f"The U.S. Gen. Ames said on Jan. {n % 28 + 1} that {n} crates arrived." for n in range(4000))
    settings = Settings()
    with deadline(60), SQLiteStore(tmp_path / "s.db") as store:
        ingest([RawItem(source="long", key="long", format="text", body=body)], store, settings)
        (analysis,) = analyse_all(store.documents(), settings)
    assert analysis.claims


def test_export_to_a_missing_folder_is_one_clear_line(run: Run, tmp_path: Path) -> None:
    run("ingest", "-", stdin=PARAGRAPH)
    done = run("export", "-o", str(tmp_path / "missing" / "out.json"))
    assert done.returncode == 1
    assert done.stderr.strip().startswith("storyline: error: cannot write") and "\n" not in done.stderr.strip()


def test_reading_commands_do_not_create_a_store_they_cannot_find(run: Run, tmp_path: Path) -> None:
    for command in (["stories"], ["show", "s-0"], ["export"]):
        done = run(*command, store=tmp_path / "typo.db")
        assert done.returncode == 1 and "no store at" in done.stderr, command
    assert not (tmp_path / "typo.db").exists()


def test_a_rejection_goes_once_its_input_is_fixed_and_accepted(run: Run, tmp_path: Path, db: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "ok"}\n{broken\n', "utf-8")
    run("ingest", str(feed))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0] == 2
    feed.write_text(json.dumps({"text": PARAGRAPH}) + "\n" + json.dumps({"text": PARAGRAPH.upper()}) + "\n", "utf-8")
    assert run("ingest", str(feed)).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0] == 0


def test_an_over_long_text_is_refused_as_not_one_article() -> None:
    result = extract(RawItem(source="x", key="k", format="text", body=PARAGRAPH * 3000), Settings())
    assert not isinstance(result, Extraction) and "too long for one article" in result.reason


def extracted(body: str) -> Extraction:
    result = extract(RawItem(source="x", key="k", format="text", body=body), Settings())
    assert isinstance(result, Extraction), result
    return result


def test_headline_above_short_paragraphs_is_the_title() -> None:
    short = "The council met on Tuesday and approved the plan by a wide margin."
    result = extracted(f"Council approves ferry plan\n\n{short}\n\n{short}")
    assert result.title == "Council approves ferry plan" and not result.text.startswith("Council approves")


def test_a_date_inside_a_paragraph_is_not_the_publication_date() -> None:
    assert extracted(f"{PARAGRAPH} The old contract ran from 2019-03-01.").published is None


def test_copyright_line_names_the_outlet_only_when_it_names_one() -> None:
    assert extracted(f"{PARAGRAPH}\n\n© 2026 Holm Record. All rights reserved.").outlet == "Holm Record"
    assert extracted(f"{PARAGRAPH}\n\n© 2026 all rights reserved").outlet is None
