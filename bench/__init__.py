"""Evaluation commands: each scores one stage on ../shared/data and writes bench/results/*.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def save(path: Path, result: dict[str, Any]) -> None:
    """Write one benchmark's result as indented JSON and print it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2)
    path.write_text(text + "\n", "utf-8")
    print(text)
