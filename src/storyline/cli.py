"""The ``storyline`` command: a thin layer over ``pipeline``, ``store`` and ``export``.

Exit status: 0 when at least one input document was accepted or was already
stored, 1 when none was (or on any error, printed as one line), 2 on usage errors.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from storyline import __version__
from storyline.config import API_KEY_ENV, Settings, WebSettings, resolve_api_key, resolve_db_path
from storyline.errors import NotFoundError, StorylineError
from storyline.export import claims_document, export_document, to_markdown
from storyline.pipeline import IngestReport, analyse_stored, ingest, read_claims, stored_stories, story_aliases
from storyline.records import Rejection, StoryAnalysis
from storyline.render import render_analysis, render_claims, render_ingest, render_stories
from storyline.report import to_html
from storyline.sources import read_inputs
from storyline.store import SQLiteStore

F = TypeVar("F", bound=Callable[..., Any])
_FILE_WIDTH = 100
"""Columns of the plain-text brief written to a file (``--format text -o FILE``)."""


@cache
def out() -> Console:
    """The terminal for results; made on first use, so importing the CLI reads no environment."""
    return Console(highlight=False)


@cache
def err() -> Console:
    """The terminal for progress, summaries and errors (never wrapped: one error, one line)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        metavar="PATH",
        help="SQLite store to use (default: $STORYLINE_DB, else ./storyline.db).",
    )(func)


def inputs_argument(func: F) -> F:
    return click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(func)


def format_options(choices: tuple[str, ...], default: str, *, alias: bool = True) -> Callable[[F], F]:
    """``--format``, ``--json`` (``--format json``, where ``alias``), ``--checks`` and ``-o/--output``."""

    def decorate(func: F) -> F:
        func = click.option(
            "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout."
        )(func)
        func = click.option(
            "--checks",
            is_flag=True,
            help="Add every brief sentence's check, citation by citation (JSON always carries them).",
        )(func)
        if alias:
            func = click.option("--json", "as_json", is_flag=True, help="The same as --format json.")(func)
        return click.option("--format", "fmt", type=click.Choice(choices), help=f"Output format (default: {default}).")(
            func
        )

    return decorate


class StorylineGroup(click.Group):
    """Turns every Storyline failure into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StorylineError as exc:
            err().print(f"storyline: error: {exc}", markup=False)
            sys.exit(1)
        except KeyboardInterrupt:
            err().print("storyline: interrupted; documents already stored are kept, nothing is half-written")
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("STORYLINE_DEBUG"):
                raise
            err().print(
                f"storyline: internal error: {type(exc).__name__}: {exc} (set STORYLINE_DEBUG=1 for the traceback)",
                markup=False,
            )
            sys.exit(1)


@click.group(cls=StorylineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """Turn many news articles into stories and cited briefs.

    INPUT is a file, a folder (read recursively) or - for standard input:
    .txt, .md, .html/.htm, .jsonl (one article per line) or .json.
    """


@main.command("ingest")
@inputs_argument
@db_option
def ingest_command(inputs: tuple[str, ...], db: str | None) -> None:
    """Read, clean and store articles; report what was added and what was refused."""
    with _store(db) as store:
        report = _ingest(inputs, store)
    render_ingest(err(), report)
    sys.exit(0 if report.document_ids else 1)


@main.command("brief")
@inputs_argument
@db_option
@format_options(("text", "md", "json", "html"), "text")
@click.option("--with-text", is_flag=True, help="JSON only: include each document's clean text.")
def brief_command(
    inputs: tuple[str, ...],
    db: str | None,
    fmt: str | None,
    as_json: bool,
    checks: bool,
    output: str | None,
    with_text: bool,
) -> None:
    """Ingest INPUTs and print the brief of every story they belong to."""
    fmt = _output_format(fmt, as_json, checks, with_text, default="text")
    with _store(db) as store:
        report = _ingest(inputs, store)
        wanted = set(report.document_ids)
        analyses = [a for a in _analyse(store) if wanted & {d.id for d in a.story.documents}]
    if fmt == "text":
        render_ingest(err(), report)
    _emit(analyses, report.rejected, fmt=fmt, checks=checks, with_text=with_text, output=output)
    sys.exit(0 if report.document_ids else 1)


@main.command("claims")
@inputs_argument
@click.option("--json", "as_json", is_flag=True, help="Print the storyline.claims/v1 document.")
@click.option("--raw", is_flag=True, help="Take inputs as clean text as they are (offsets index the input exactly).")
def claims_command(inputs: tuple[str, ...], as_json: bool, raw: bool) -> None:
    """Read every sentence of INPUTs: kind, who said it (source, cue, content) and its quantities."""
    documents, rejected = read_claims(read_inputs(inputs, Settings()), Settings(), raw=raw)
    if as_json:
        _print_json(claims_document(documents))
    else:
        render_claims(out(), documents)
    for rejection in rejected:
        err().print(f"rejected {rejection.source} ({rejection.stage}): {rejection.reason}", markup=False)
    sys.exit(0 if documents else 1)


@main.command("stories")
@db_option
def stories_command(db: str | None) -> None:
    """List the stories in the store."""
    with _store(db, create=False) as store:
        render_stories(out(), stored_stories(store))


@main.command("show")
@click.argument("story")
@db_option
@format_options(("text", "md", "json", "html"), "text")
def show_command(story: str, db: str | None, fmt: str | None, as_json: bool, checks: bool, output: str | None) -> None:
    """Print the brief of one STORY (its id, or a unique prefix of it)."""
    fmt = _output_format(fmt, as_json, checks, default="text")
    with _store(db, create=False) as store:
        analysis = _find_story(_analyse(store), story_aliases(store).get(story, story))
    _emit([analysis], (), fmt=fmt, checks=checks, output=output)


@main.command("export")
@db_option
@format_options(("json", "md", "html"), "json", alias=False)
@click.option("--with-text", is_flag=True, help="JSON only: include each document's clean text.")
def export_command(db: str | None, fmt: str | None, checks: bool, output: str | None, with_text: bool) -> None:
    """Export every story in the store as JSON (storyline/v1), Markdown or one HTML report."""
    fmt = _output_format(fmt, False, checks, with_text, default="json")
    with _store(db, create=False) as store:
        analyses = _analyse(store)
        rejected = store.rejections()
    _emit(analyses, rejected, fmt=fmt, checks=checks, with_text=with_text, output=output)


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--warm",
    "warm_stories",
    default=WebSettings().warm_stories,
    show_default=True,
    type=click.IntRange(0),
    help="Stories at the top of the list to analyse in the background (0: none; others when first shown).",
)
def serve_command(db: str | None, host: str, port: int, warm_stories: int) -> None:
    """Serve the stories as web pages and a JSON API (writes need $STORYLINE_API_KEY)."""
    import uvicorn

    from storyline.web import create_app

    path = resolve_db_path(db)
    api_key = resolve_api_key()
    app = create_app(path, api_key=api_key, web=WebSettings(warm_stories=warm_stories))
    writes = "on (send $STORYLINE_API_KEY as X-API-Key)" if api_key else f"off (set ${API_KEY_ENV} to allow them)"
    err().print(f"storyline: serving {path} at http://{host}:{port}/ · API at /docs · writes {writes}", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _output_format(fmt: str | None, as_json: bool, checks: bool, with_text: bool = False, *, default: str) -> str:
    """The format asked for, or a usage error (exit 2) for options that do not go together."""
    if as_json and fmt not in (None, "json"):
        raise click.UsageError(f"--json is --format json; it does not go with --format {fmt}")
    fmt = "json" if as_json else fmt or default
    if with_text and fmt != "json":
        raise click.UsageError("--with-text only applies to JSON output (--format json or --json)")
    if checks and fmt == "json":
        raise click.UsageError("--checks applies to text, md and html output; the JSON always carries each check")
    return fmt


def _emit(
    analyses: Sequence[StoryAnalysis],
    rejected: Sequence[Rejection],
    *,
    fmt: str,
    checks: bool,
    output: str | None,
    with_text: bool = False,
) -> None:
    """Print the stories in ``fmt``, or write them to ``output``."""
    if fmt == "text" and not output:
        for analysis in analyses:
            render_analysis(out(), analysis, checks=checks)
        return
    if fmt == "text":
        text = _plain_text(analyses, checks)
    elif fmt == "json":
        document = export_document(analyses, rejected, with_text=with_text)
        text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    elif fmt == "md":
        text = to_markdown(analyses, rejected, checks=checks)
    else:
        text = to_html(analyses, rejected, checks=checks)
    text = text.rstrip("\n") + "\n"
    if output:
        _write(output, text)
    else:
        click.echo(text, nl=False)


def _plain_text(analyses: Sequence[StoryAnalysis], checks: bool) -> str:
    """The terminal rendering without colours, for a file."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=_FILE_WIDTH, highlight=False, color_system=None)
    for analysis in analyses:
        render_analysis(console, analysis, checks=checks)
    return buffer.getvalue()


def _write(output: str, text: str) -> None:
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise StorylineError(f"cannot write {output} ({exc.strerror}); check that its folder exists") from exc


@contextmanager
def _store(db: str | None, *, create: bool = True) -> Iterator[SQLiteStore]:
    with SQLiteStore(resolve_db_path(db), create=create) as store:
        yield store


def _ingest(inputs: Sequence[str], store: SQLiteStore) -> IngestReport:
    settings = Settings()
    with _progress() as tick:
        return ingest(read_inputs(inputs, settings), store, settings, progress=tick)


def _analyse(store: SQLiteStore) -> list[StoryAnalysis]:
    with _progress("analysing") as tick:
        tick("stories")
        return analyse_stored(store, Settings())


@contextmanager
def _progress(label: str = "reading") -> Iterator[Callable[[str], None]]:
    """A transient spinner on stderr, shown only on a terminal."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} done"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err(), transient=True, disable=not err().is_terminal) as progress:
        task = progress.add_task(label, total=None)

        def tick(what: str) -> None:
            progress.update(task, advance=1, description=f"{label} {what[-60:]}")

        yield tick


def _find_story(analyses: list[StoryAnalysis], wanted: str) -> StoryAnalysis:
    wanted = wanted if wanted.startswith("s-") else "s-" + wanted
    matches = [a for a in analyses if a.story.id == wanted] or [a for a in analyses if a.story.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no story {wanted!r}; list them with `storyline stories`")
    raise NotFoundError(f"{wanted!r} matches {len(matches)} stories; give more of the id")


def _print_json(document: dict[str, Any]) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False))
