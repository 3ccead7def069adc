"""The web UI in a real browser: headless Chromium, driven by Playwright's sync API, against a real
``storyline serve`` process on a free loopback port, over a store of its own (issue 7).

The browser is the system's Chromium (``$STORYLINE_CHROMIUM``, else ``chromium``, ``chromium-browser`` or
``google-chrome`` on the PATH); Playwright never downloads one.  Without a browser the tests are skipped, and under
CI (``$CI`` set, where ``.ci/run`` installs Debian's chromium) they fail instead.  Screenshots go to
``$STORYLINE_TEST_OUTPUT`` when it is set, else to the test's ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyline.config import Settings, WebSettings
from storyline.pipeline import ingest
from storyline.sources import read_inputs
from storyline.store import SQLiteStore
from tests.conftest import CORPUS


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


try:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Page,
        Response,
        expect,
        sync_playwright,
    )
except ImportError:  # pragma: no cover - the dev extra pins playwright
    if under_ci():
        raise
    pytest.skip("playwright is not installed; pip install -e '.[dev]'", allow_module_level=True)

pytestmark = pytest.mark.browser

KEY = "browser-key-5e0b"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
MAX_FILES = WebSettings().max_upload_files  # serve runs with the defaults
POLL = WebSettings().poll_seconds  # how often the stories page asks whether anything arrived
WAIT_MS = 15_000  # the longest a page may take to show what a test waits for (a story's first analysis included)


# ---------------------------------------------------------------- the browser and the servers


def chromium() -> str:
    """The browser to drive: ``$STORYLINE_CHROMIUM``, else the first of ``BROWSERS`` on the PATH."""
    given = os.environ.get("STORYLINE_CHROMIUM")
    if given:
        found = shutil.which(given)
        if found is None:
            pytest.fail(f"STORYLINE_CHROMIUM={given} is not an executable; point it at a Chromium", pytrace=False)
        return found
    for name in BROWSERS:
        if found := shutil.which(name):
            return found
    reason = (
        f"no Chromium on the PATH ({', '.join(BROWSERS)}) and STORYLINE_CHROMIUM unset; install Debian's chromium "
        "(apt-get install chromium) or point STORYLINE_CHROMIUM at one (Playwright's own download is never used)"
    )
    if under_ci():
        pytest.fail(f"{reason}; under CI the browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium()
    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=path, chromium_sandbox=False)
        yield found
        found.close()


@dataclass(frozen=True, kw_only=True, slots=True)
class Server:
    """A running ``storyline serve``: where it answers, its store and its log."""

    url: str
    db: Path
    log: Path
    process: subprocess.Popen[bytes]

    def api(self, path: str) -> Any:
        response = httpx.get(self.url + path, timeout=60)
        response.raise_for_status()
        return response.json()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(db: Path, request: pytest.FixtureRequest) -> Server:
    """Start ``storyline serve`` over ``db`` with the API key set, wait until it answers, and stop it (by its pid)
    when the fixture is finalised."""
    port = free_port()
    log = db.with_suffix(".log")
    command = [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "STORYLINE_API_KEY": KEY}
        )
    request.addfinalizer(lambda: stop(process))
    server = Server(url=f"http://127.0.0.1:{port}", db=db, log=log, process=process)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(server.url + "/api/version", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"storyline serve did not start:\n{log.read_text('utf-8', 'replace')}", pytrace=False)
        time.sleep(0.1)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Server:
    """A server over an empty store."""
    db = tmp_path_factory.mktemp("fresh") / "store.db"
    SQLiteStore(db).close()
    return serve(db, request)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Server:
    """A server over a store holding the example corpus (stored by the same ingest as ``storyline ingest``).
    Tests that add documents add stories of their own, so they do not depend on one another's order."""
    db = tmp_path_factory.mktemp("corpus") / "store.db"
    settings = Settings()
    with SQLiteStore(db) as store:
        ingest(read_inputs([str(CORPUS)], settings), store, settings)
    return serve(db, request)


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """Where screenshots go: ``$STORYLINE_TEST_OUTPUT`` (created when missing), else the test's ``tmp_path``."""
    folder = Path(os.environ.get("STORYLINE_TEST_OUTPUT") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---------------------------------------------------------------- what a page reports


@dataclass(kw_only=True)
class Watch:  # no slots: Playwright keeps a wrapper on the object of a bound handler
    """What a page reported while a test drove it: console errors (CSP violations among them), uncaught
    exceptions, requests that failed or were answered with an error status, and dialogs (dismissed)."""

    console: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.exceptions.append(str(error)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.method} {r.url}: {r.failure}"))
        page.on("response", self._response)
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console.append(f"{message.text} ({message.location.get('url')})")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.request.method} {response.url}")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def answered(self, status: int, path: str) -> None:
        """Accept that the page at ``path`` was answered with ``status`` (an error page the test asked for); the
        browser reports it as a failed load, once in the console and once as a response."""
        said = f"status of {status} "
        console = [m for m in self.console if said in m and m.split(" (")[-1].rstrip(")").endswith(path)]
        failed = [f for f in self.failed if f.startswith(f"{status} ") and f.endswith(path)]
        assert console and failed, (status, path, self.problems())
        self.console = [m for m in self.console if m not in console]
        self.failed = [f for f in self.failed if f not in failed]

    def problems(self) -> dict[str, list[str]]:
        found = {"console": self.console, "exceptions": self.exceptions, "failed": self.failed}
        return {kind: items for kind, items in {**found, "dialogs": self.dialogs}.items() if items}


Tab = Callable[[Server], tuple[Page, Watch]]


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """Opens a page on a server in a fresh browser context (its own cookies and cache), watched."""
    contexts: list[BrowserContext] = []

    def open_tab(server: Server) -> tuple[Page, Watch]:
        context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        return page, watch

    yield open_tab
    for context in contexts:
        context.close()


def spaced(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- 1. adding the example corpus on the Add page


def corpus_files() -> list[Path]:
    """The corpus's article files, as the folder reader picks them (its README is skipped)."""
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")


def submit(page: Page, files: list[Path]) -> None:
    page.goto("/add")
    page.set_input_files("#files", files)
    page.fill("#api_key", KEY)
    page.get_by_role("button", name="Add").click()


def test_adding_the_example_corpus_on_the_add_page_reports_each_file_and_lists_its_three_stories(
    tab: Tab, fresh: Server, tmp_path: Path
) -> None:
    page, watch = tab(fresh)
    files = corpus_files()
    assert len(files) == 21 > MAX_FILES and any(p.suffix == ".jsonl" for p in files)

    submit(page, files)  # more files than one upload may carry: refused on the form, nothing stored
    expect(page.get_by_role("alert")).to_contain_text(f"more than {MAX_FILES} files")
    assert fresh.api("/api/version")["documents"] == 0
    watch.answered(413, "/add")

    first = [p for p in files if p.parent.name in ("port-fire", "nurses-strike")]
    submit(page, first)
    report = page.get_by_role("status")
    expect(report).to_contain_text("12 added, 0 already stored, 2 exact duplicates folded into a stored document")
    expect(report.locator("a[href^='/stories/']")).to_have_count(12)

    empty = tmp_path / "empty.txt"
    empty.write_text("\n", "utf-8")
    submit(page, [p for p in files if p not in first] + [empty])
    expect(report).to_contain_text("8 added, 0 already stored, 1 exact duplicate folded into a stored document")
    expect(report).to_contain_text("1 rejected")
    expect(report.locator("ul.rejected")).to_contain_text("empty.txt (read): empty input")

    page.get_by_role("navigation", name="Site").get_by_role("link", name="Stories").click()
    titles = page.locator("ol.stories a.title")
    expect(titles).to_have_count(3)
    expect(page.locator("#stories p.meta")).to_contain_text("3 stories · 20 documents in the store")
    for words in ("Gullhaven", "transit", "nurses"):
        expect(titles.filter(has_text=words)).to_have_count(1)
    # the server analyses the new stories at once; the page fills in their independent origins as it polls
    expect(page.locator("#stories .pending")).to_have_count(0, timeout=(POLL + 10) * 1000)
    origins = page.locator("ol.stories dl.facts div", has_text="independent origins").locator("dd")
    expect(origins).to_have_text([re.compile(r"^\d+$")] * 3)
    expect(page.locator("#live")).to_be_empty()
    assert not watch.problems(), json.dumps(watch.problems(), indent=1)


# ---------------------------------------------------------------- 2. a citation leads to its passage


def passages(server: Server, story_id: str) -> dict[str, str]:
    """Each citation link of the story's brief (``/documents/ID#p-START``) -> the passage its check matched."""
    exported = server.api(f"/api/stories/{story_id}")["stories"][0]
    return {
        f"/documents/{c['document']}#p-{c['evidence']['start']}": c["evidence"]["text"]
        for sentence in exported["brief"]
        for c in sentence["check"]["citations"]
        if c["supported"] and c["document"] in sentence["citations"] and c["evidence"] and c["evidence"]["start"] >= 0
    }


def test_a_citation_in_the_brief_leads_to_its_passage_highlighted_in_the_document(
    tab: Tab, corpus: Server, output: Path
) -> None:
    page, watch = tab(corpus)
    page.goto("/")
    page.locator("ol.stories a.title", has_text="Gullhaven").click()
    expect(page.locator("#brief")).to_contain_text("Lead")
    page.screenshot(path=output / "story.png", full_page=True)

    cite = page.locator("#brief a.cite[href*='#p-']").first
    href = cite.get_attribute("href") or ""
    passage = passages(corpus, page.url.rsplit("/", 1)[-1])[href]
    cite.click()
    page.wait_for_url(f"**{href}")
    target = page.locator(":target")
    expect(target).to_have_count(1)
    expect(target).to_have_attribute("id", href.split("#")[1])
    expect(target).to_have_class(re.compile(r"\bevidence\b"))
    expect(target).to_be_in_viewport()
    assert spaced(target.inner_text()) == spaced(passage)
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # mark:target is outlined
    page.screenshot(path=output / "document-passage.png")
    assert not watch.problems(), json.dumps(watch.problems(), indent=1)


# ---------------------------------------------------------------- 3. hostile markup stays text


SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
SVG = "<svg onload=\"alert('pwned')\">"
HOSTILE = {
    "url": "https://greyport.example/pilots",
    "title": f"Greyport harbour pilots {SCRIPT} end slowdown {IMG} after contract deal",
    "outlet": "Greyport Star",
    "published": "2026-03-02",
    "text": f"Harbour pilots in Greyport agreed on Friday to end a two-week slowdown {SCRIPT} after the port authority "
    "offered a new contract with 12 percent raises over three years, the pilots' association said.\n\n"
    f"The slowdown had left 40 cargo ships {IMG} waiting at anchor outside the breakwater, port officials said. {SVG}",
}


def assert_inert(page: Page, watch: Watch) -> None:
    """The article's markup is on the page as text, and none of it ran or fetched anything."""
    expect(page.locator("h1")).to_contain_text(SCRIPT)
    expect(page.locator("h1")).to_contain_text(IMG)
    assert SCRIPT in page.title()
    expect(page.get_by_text(SCRIPT).first).to_be_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    elements = "main script, main img, [onerror], [onload]"
    assert page.evaluate(f"document.querySelectorAll({elements!r}).length") == 0
    assert not watch.problems(), json.dumps(watch.problems(), indent=1)  # no CSP violation was needed


def test_hostile_markup_pasted_on_the_add_page_is_shown_as_text_and_runs_nothing(tab: Tab, corpus: Server) -> None:
    page, watch = tab(corpus)
    page.goto("/add")
    page.fill("#text", json.dumps(HOSTILE))
    page.select_option("#format", "json")
    page.fill("#api_key", KEY)
    page.get_by_role("button", name="Add").click()
    report = page.get_by_role("status")
    expect(report).to_contain_text("1 added")

    report.locator("a[href^='/stories/']").click()
    assert_inert(page, watch)
    page.locator("#documents a[href^='/documents/']").first.click()
    expect(page.locator("div.text")).to_contain_text(SVG)
    assert_inert(page, watch)
    assert not watch.dialogs


# ---------------------------------------------------------------- 4. the live refresh


ARTICLE = {
    "url": "https://harborledger.example/ferry",
    "title": "Ferry service to Tamsk resumes after storm",
    "outlet": "Harbor Ledger",
    "published": "2026-03-21",
    "text": "Ferry service between Gullhaven and Tamsk resumed on Saturday after a three-day suspension caused by a "
    "winter storm, the Merrow County Ferry Authority said. About 40 sailings were cancelled during the storm.",
}


def test_the_stories_page_lists_a_document_added_meanwhile_without_a_reload(tab: Tab, corpus: Server) -> None:
    page, watch = tab(corpus)
    page.goto("/")
    titles = page.locator("ol.stories a.title")
    expect(titles.first).to_be_visible()
    before = page.locator("body").get_attribute("data-version")
    page.evaluate("window.__same_document = true")  # gone if the page were loaded again

    added = httpx.post(corpus.url + "/api/documents", json=ARTICLE, headers={"X-API-Key": KEY}, timeout=60)
    assert added.status_code == 201, added.text
    expect(titles.filter(has_text="Ferry service to Tamsk")).to_have_count(1, timeout=(POLL + 10) * 1000)
    expect(page.locator("#live")).to_contain_text("new documents arrived")
    assert page.evaluate("window.__same_document") is True
    assert page.locator("body").get_attribute("data-version") != before
    assert not watch.problems(), json.dumps(watch.problems(), indent=1)


# ---------------------------------------------------------------- 5. every page, cleanly


def page_path(server: Server, name: str) -> str:
    if name in ("story", "document"):
        story_id = server.api("/api/stories?q=resin")["stories"][0]["id"]
        if name == "story":
            return f"/stories/{story_id}"
        documents = server.api(f"/api/stories/{story_id}")["stories"][0]["documents"]
        return "/documents/" + str(next(d["id"] for d in documents if d["role"] == "copy"))
    return {"stories": "/", "add": "/add", "docs": "/docs", "missing": "/no/such/page"}[name]


@pytest.mark.parametrize("name", ["stories", "story", "document", "add", "docs", "missing"])
def test_every_page_loads_with_no_console_error_and_no_failed_request(tab: Tab, corpus: Server, name: str) -> None:
    path = page_path(corpus, name)
    page, watch = tab(corpus)
    response = page.goto(path)
    page.wait_for_load_state("networkidle")
    assert response is not None and response.status == (404 if name == "missing" else 200)
    if name == "missing":
        expect(page.locator("h1")).to_have_text("404: not found")
        watch.answered(404, path)
    header = page.locator("header.site")
    assert header.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"  # the stylesheet applies
    assert not watch.problems(), json.dumps(watch.problems(), indent=1)
