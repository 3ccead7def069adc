"""Shared fixtures: paths to the real data beside the project, and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.records import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
CORPUS = ROOT / "examples" / "corpus"

Run = Callable[..., subprocess.CompletedProcess[str]]


def needs(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here; these tests read ../shared beside the project")
    return path


@pytest.fixture
def seeds() -> Path:
    return needs(SEEDS)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def run(db: Path) -> Run:
    """Run the real ``storyline`` command against a fresh store; returns the finished process."""

    def runner(
        *args: str, stdin: str | bytes | None = None, store: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "storyline", *args]
        if args and args[0] in ("ingest", "brief", "stories", "show", "export"):
            command += ["--db", str(store or db)]
        data = stdin.encode() if isinstance(stdin, str) else stdin
        done = subprocess.run(command, input=data, capture_output=True, timeout=300, check=False)
        return subprocess.CompletedProcess(
            done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        )

    return runner


def make_document(n: int, text: str, outlet: str | None = None, published: str | None = None) -> Document:
    """A stored-document record for tests of the stages after the store."""
    return Document(
        id=f"d{n}",
        source=f"{n}.txt",
        url=None,
        outlet=outlet,
        title=None,
        published=published,
        text=text,
        text_hash=f"h{n}",
        boilerplate_removed=0,
        ingested_at="2026-01-01T00:00:00+00:00",
    )
