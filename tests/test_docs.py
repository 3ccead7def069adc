"""One source of truth: the README, the CLI --help and the export schema agree."""

from __future__ import annotations

import re

from click.testing import CliRunner

from storyline.cli import main
from storyline.export import schema
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:15])
    assert "make demo" in head and "make test" in head


def test_every_cli_command_and_option_is_in_the_readme() -> None:
    runner = CliRunner()
    for name in main.commands:
        assert f"storyline {name}" in README, name
        help_text = runner.invoke(main, [name, "--help"]).output
        for option in set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}:
            assert option in README, (name, option)


def test_every_field_of_the_export_schema_is_in_the_readme() -> None:
    def fields(node: dict[str, object]) -> set[str]:
        found: set[str] = set()
        for key, value in (node.get("properties") or {}).items():  # type: ignore[attr-defined]
            found.add(key)
            if isinstance(value, dict):
                found |= fields(value)
                if isinstance(value.get("items"), dict):
                    found |= fields(value["items"])
        return found

    missing = sorted(name for name in fields(schema()) if f"`{name}`" not in README and f'"{name}"' not in README)
    assert not missing, missing
