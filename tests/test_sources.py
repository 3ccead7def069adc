from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storyline.config import Settings
from storyline.records import RawItem, Rejection
from storyline.sources import read_inputs
from storyline.sources.decode import content_key

SETTINGS = Settings()


def read(*paths: str | Path, stdin: bytes | None = None, settings: Settings = SETTINGS) -> list[RawItem | Rejection]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs([str(p) for p in paths], settings, stdin=stream))


def only_rejection(items: list[RawItem | Rejection]) -> Rejection:
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    return items[0]


def test_text_markdown_and_html_files_are_read_with_their_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain text article.\n", "utf-8")
    (tmp_path / "b.md").write_text("# Heading\n\nBody.\n", "utf-8")
    (tmp_path / "c.HTML").write_text("<html><body><p>Hi</p></body></html>", "utf-8")
    items = read(tmp_path)
    assert [(Path(i.source).name, i.format) for i in items if isinstance(i, RawItem)] == [
        ("a.txt", "text"),
        ("b.md", "markdown"),
        ("c.HTML", "html"),
    ]


def test_folders_are_read_recursively_skipping_readmes_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "deep" / "deeper").mkdir(parents=True)
    (tmp_path / "deep" / "deeper" / "x.txt").write_text("An article.", "utf-8")
    (tmp_path / "README.md").write_text("About this folder.", "utf-8")
    (tmp_path / ".hidden.txt").write_text("Not an article.", "utf-8")
    sources = [Path(i.source).name for i in read(tmp_path)]
    assert sources == ["x.txt"]


def test_unsupported_extension_is_rejected_with_the_supported_list(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"whatever")
    rejection = only_rejection(read(path))
    assert rejection.stage == "read" and "unsupported file type" in rejection.reason and ".jsonl" in rejection.reason


def test_empty_binary_and_missing_inputs_are_rejected_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", "utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "empty" in only_rejection(read(tmp_path / "empty.txt")).reason
    assert "binary" in only_rejection(read(tmp_path / "image.txt")).reason
    assert "no such file" in only_rejection(read(tmp_path / "missing.txt")).reason


def test_undecodable_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "mangled.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    rejection = only_rejection(read(path))
    assert "encoding" in rejection.reason or "binary" in rejection.reason


def test_legacy_encodings_are_decoded_as_written(tmp_path: Path) -> None:
    samples = {
        "cp1252": "El año pasado, el Señor de Genève dijo “basta” — 50 €.",
        "latin-1": "Le président a déclaré que la réforme était nécessaire pour l'économie.",
        "cp1250": "Zażółć gęślą jaźń, powiedział prezes spółki w środę.",
        "cp1251": "Мэр города заявил, что мост откроют в понедельник после ремонта.",
    }
    for encoding, text in samples.items():
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        (item,) = read(path)
        assert isinstance(item, RawItem) and item.body == text, encoding


def test_too_large_input_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, "utf-8")
    rejection = only_rejection(read(path, settings=Settings(max_input_bytes=100)))
    assert "too large" in rejection.reason


def test_jsonl_broken_line_is_rejected_and_the_rest_is_read(tmp_path: Path) -> None:
    good = {"url": "https://a.example/1", "title": "T", "outlet": "A", "published": "2026-03-01", "text": "Body."}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"html": "<p>x</p>", "extra": 1}) + "\n", "utf-8")
    items = read(path)
    assert isinstance(items[0], RawItem) and items[0].source == "https://a.example/1" and items[0].outlet == "A"
    assert (
        isinstance(items[1], Rejection) and items[1].source.endswith("feed.jsonl:2") and "malformed" in items[1].reason
    )
    assert isinstance(items[2], RawItem) and items[2].format == "html"


def test_json_object_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"title": "No body"}, "a string"]), "utf-8")
    reasons = [i.reason for i in read(path) if isinstance(i, Rejection)]
    assert len(reasons) == 2 and "text" in reasons[0] and "not a JSON object" in reasons[1]


def test_stdin_is_sniffed_as_jsonl_html_or_text() -> None:
    assert read("-", stdin=b'{"text": "From a pipe."}\n')[0].format == "text"  # type: ignore[union-attr]
    assert read("-", stdin=b"<html><body><p>x</p></body></html>")[0].format == "html"  # type: ignore[union-attr]
    assert read("-", stdin=b"Just words.")[0].source == "<stdin>"


def test_same_article_from_two_paths_has_one_key(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same words.", "utf-8")
    (tmp_path / "b.txt").write_text("Same words.", "utf-8")
    a, b = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert isinstance(a, RawItem) and isinstance(b, RawItem) and a.key == b.key


@given(st.binary(), st.binary())
def test_content_keys_are_stable_and_distinguish_content(a: bytes, b: bytes) -> None:
    assert content_key(a) == content_key(bytes(a))
    assert (content_key(a) == content_key(b)) == (a == b)
