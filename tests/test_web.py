"""The web pages and the JSON API as a browser and a client meet them, in-process (FastAPI's TestClient), over a
store the real ingest path filled with the example corpus and two hostile articles."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import tomllib
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

from storyline.config import Settings, WebSettings
from storyline.export import schema
from storyline.pipeline import analyse, ingest
from storyline.present import TITLES
from storyline.sources import read_inputs
from storyline.store import SQLiteStore
from tests.conftest import CORPUS
from tests.test_formats import HOSTILE, Page

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")  # starlette would rather have httpx2; the pin is httpx
    from fastapi.testclient import TestClient

from storyline.web import create_app

KEY = "test-key-7c1d"
HTML = {"Accept": "text/html"}
SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus and the hostile articles, through the same ingest as ``storyline ingest``."""
    folder = tmp_path_factory.mktemp("web")
    feed = folder / "hostile.jsonl"
    feed.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE), "utf-8")
    path = folder / "store.db"
    settings = Settings()
    with SQLiteStore(path) as db:
        ingest(read_inputs([str(CORPUS), str(feed)], settings), db, settings)
    return path


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store, api_key=KEY, web=WebSettings(warm_stories=0))) as found:
        yield found


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    SQLiteStore(path).close()
    return path


def writer(path: Path, api_key: str | None = KEY, **web: Any) -> TestClient:
    return TestClient(create_app(path, api_key=api_key, web=WebSettings(warm_stories=0, **web)))


def stories(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get("/api/stories", params={"limit": 100, **params}).json()["stories"]
    return found


def story_id(client: TestClient, words: str) -> str:
    return str(stories(client, q=words)[0]["id"])


def page(client: TestClient, path: str) -> tuple[str, Page]:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, (path, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    parsed = Page(response.text)
    assert not parsed.errors, (path, parsed.errors[:3])
    return response.text, parsed


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert set(body) == {"error"} and {"status", "code", "message"} <= set(body["error"])
    assert body["error"]["status"] == status and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return dict(body["error"])


# ---------------------------------------------------------------- the stories list, search, pagination


def test_stories_page_lists_every_story_with_its_size_outlets_and_last_update(client: TestClient) -> None:
    html, parsed = page(client, "/")
    listed = stories(client)
    assert len(listed) == 4  # the three events of the corpus and the hostile pair
    titles = [a for a in parsed.all("a") if (a.get("href") or "").startswith("/stories/")]
    assert [t["href"] for t in titles] == [f"/stories/{s['id']}" for s in listed]
    assert all(f"<dd>{s['size']}</dd>" in html and s["last_seen"] in html for s in listed)
    days = [s["last_seen"][:10] for s in listed]
    assert days == sorted(days, reverse=True)  # newest first (biggest first within a day)
    assert parsed.all("script", src="/static/live.js") and 'data-version="' in html


def test_search_finds_the_stories_whose_documents_have_the_words(client: TestClient) -> None:
    found = stories(client, q="nurses strike")
    assert [s["title"] for s in found] == ["Ashgrove nurses begin three-day strike over staffing and pay"]
    assert [s["title"] for s in stories(client, q="resin")] == [
        "Chemical plant fire forces evacuations on Gullhaven waterfront"
    ]
    assert stories(client, q="striking") == found  # word forms fold (Porter)
    assert stories(client, q="zzqx nowhere") == []
    for odd in ('"', "a* OR (", "NEAR(x y)", "-", "'; DROP TABLE documents; --"):
        assert client.get("/api/stories", params={"q": odd}).status_code == 200
    html, _ = page(client, "/?q=nurses")
    assert "Ashgrove nurses" in html and "Gullhaven" not in html


def test_api_pages_through_every_story_once_with_a_total(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert first["total"] == 4 and first["limit"] == 1 and first["offset"] == 0
    seen, url = [], "/api/stories?limit=1"
    while url:
        body = client.get(url).json()
        seen += [s["id"] for s in body["stories"]]
        url = body["next"]
    assert seen == [s["id"] for s in stories(client)]
    assert client.get("/api/stories", params={"offset": 10}).json()["stories"] == []
    assert_error(client.get("/api/stories", params={"limit": 101}), 422, "invalid")
    html, _ = page(client, "/?offset=2")
    assert 'start="3"' in html and 'rel="prev"' in html


# ---------------------------------------------------------------- the story page


def test_story_page_shows_every_part_of_the_brief_and_json_mirrors_the_export(client: TestClient) -> None:
    sid = story_id(client, "resin")
    html, parsed = page(client, f"/stories/{sid}")
    for title in (TITLES[p] for p in ("lead", "key-points", "figures", "adds", "opinion-and-speculation")):
        assert title in html
    for part in ("Who carries what", "Where it came from", "Documents", "Checks"):
        assert f"<h2>{part}</h2>" in html
    document = client.get(f"/api/stories/{sid}").json()
    jsonschema.validate(document, schema())
    exported = document["stories"][0]
    for sentence in exported["brief"]:
        assert sentence["text"].replace('"', "&#34;").replace("'", "&#39;") in html
    for doc in exported["documents"]:
        assert parsed.all("a", href=f"/documents/{doc['id']}")


def test_every_citation_leads_to_its_evidence_passage_marked_in_the_document(client: TestClient) -> None:
    sid = story_id(client, "resin")
    _, parsed = page(client, f"/stories/{sid}")
    exported = client.get(f"/api/stories/{sid}").json()["stories"][0]
    expected = {
        f"/documents/{c['document']}#" + ("title" if c["evidence"]["start"] < 0 else f"p-{c['evidence']['start']}")
        for b in exported["brief"]
        for c in b["check"]["citations"]
        if c["supported"] and c["document"] in b["citations"]
    }
    links = {a["href"] for a in parsed.all("a", **{"class": "cite"}) if "#" in (a["href"] or "")}
    assert expected <= links
    for href in sorted(expected)[:12]:
        path, anchor = href.split("#")
        _, target = page(client, path)
        found = [a for t, a in target.tags if a.get("id") == anchor]
        assert found, href
        assert "evidence" in (found[0].get("class") or "") or anchor == "title"


def test_every_link_to_a_passage_or_a_figure_lands_on_an_element_of_the_document_page(client: TestClient) -> None:
    """A fragment that names nothing leaves the reader at the top of the page.  Two figures of one number ("40 new
    drivers", "40 minutes"; the fare's "$2" and the vote's "7-2") each lead to their own number."""
    pages: dict[str, str] = {}
    for listed in stories(client):
        html, _ = page(client, f"/stories/{listed['id']}")
        figures = client.get(f"/api/stories/{listed['id']}").json()["stories"][0]["figures"]
        dollars = {f"fig-{f['id']}" for f in figures if f["unit"] == "dollars"}
        for href in sorted(set(re.findall(r'href="(/documents/[^"#]+#[^"]+)"', html))):
            path, anchor = href.split("#")
            target = pages.setdefault(path, page(client, path)[0])
            found = re.search(rf'<(?:mark|h1)\b[^>]*\bid="{anchor}"[^>]*>([^<]*)<', target)
            assert found, href
            if anchor in dollars:
                assert "$" in found[1] or "dollar" in found[1], (href, found[1])
    assert len(pages) > 20


def test_figures_table_gives_each_discrepancy_with_its_reason_and_disputed_claims_are_marked(
    client: TestClient,
) -> None:
    sid = story_id(client, "transit budget")
    html, _ = page(client, f"/stories/{sid}")
    exported = client.get(f"/api/stories/{sid}").json()["stories"][0]
    differing = [f for f in exported["figures"] if f["discrepancy"]["type"] != "none"]
    assert differing
    for figure in differing:
        assert f"kind-{figure['discrepancy']['type']}" in html
        assert figure["discrepancy"]["reason"].replace("'", "&#39;").replace('"', "&#34;") in html
    disputed = [c for c in exported["claims"] if c["status"] == "disputed"]  # the 7-2 vote against 6-3
    assert disputed and html.count('class="tag disputed"') == len(disputed)


def test_claims_matrix_has_a_column_per_outlet_and_a_row_per_shared_claim(client: TestClient) -> None:
    sid = story_id(client, "resin")
    html, parsed = page(client, f"/stories/{sid}")
    exported = client.get(f"/api/stories/{sid}").json()["stories"][0]
    outlets = {d["outlet"] for d in exported["documents"]}
    assert len(parsed.all("th", scope="col", **{"class": "outlet"})) == len(outlets)
    outlet_of = {d["id"]: d["outlet"] for d in exported["documents"]}
    shared = [c for c in exported["claims"] if len({outlet_of[d] for d in c["documents"]}) > 1]
    assert len(re.findall(r'<tr class="shared', html)) == len(shared)
    assert html.count('<tr class="adds') >= 1  # what one outlet adds


def test_derivation_graph_is_inline_svg_with_every_document_and_the_copy_edge(client: TestClient) -> None:
    sid = story_id(client, "resin")
    html, _ = page(client, f"/stories/{sid}")
    exported = client.get(f"/api/stories/{sid}").json()["stories"][0]
    svg = html[html.index("<svg") : html.index("</svg>")]
    for doc in exported["documents"]:
        assert f'href="/documents/{doc["id"]}"' in svg
    copies = [d for d in exported["documents"] if d["role"] == "copy"]
    assert copies and 'class="edge edge-copy"' in svg
    assert len(re.findall(r'<g class="node', svg)) >= len(exported["documents"])


def test_an_old_story_id_redirects_to_the_story_it_was_merged_into(store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "merged.db"
    shutil.copy(store, copy)
    with sqlite3.connect(copy) as db:
        numbers = [row[0] for row in db.execute("SELECT DISTINCT story FROM story_members ORDER BY story")]
        db.execute("INSERT INTO story_redirects VALUES (?, ?)", (numbers[1], numbers[0]))
    with writer(copy) as client:
        ids = [s["id"] for s in stories(client)]
        with SQLiteStore(copy, readonly=True) as db:
            founders = db.story_founders()
        old = "s-" + founders[numbers[1]][:12]
        assert old not in ids
        response = client.get(f"/stories/{old}", follow_redirects=False)
        assert response.status_code == 308 and response.headers["location"] == f"/stories/s-{founders[numbers[0]][:12]}"
        assert client.get(f"/api/stories/{old}").json()["stories"][0]["id"] in ids


# ---------------------------------------------------------------- the document page


def test_document_page_marks_claims_and_figures_and_says_what_it_is_related_to(client: TestClient) -> None:
    sid = story_id(client, "resin")
    exported = client.get(f"/api/stories/{sid}").json()["stories"][0]
    copy = next(d for d in exported["documents"] if d["role"] == "copy")
    html, parsed = page(client, f"/documents/{copy['id']}")
    assert "copy</strong> of" in html and copy["derived_from"][0]["reason"] in html
    assert parsed.all("mark") and 'class="quantity figure"' in html and 'class="claim' in html
    assert f"{copy['boilerplate_removed']} characters" in html and "not the removed lines" in html
    api = client.get(f"/api/documents/{copy['id']}").json()
    assert api["story"] == sid and api["document"]["role"] == "copy"
    marked = "".join(parsed.text.get("div", []))
    assert marked == api["document"]["text"]  # the marks add no text and drop none


# ---------------------------------------------------------------- safety


def test_hostile_article_text_is_escaped_on_the_story_and_document_pages(client: TestClient) -> None:
    sid = story_id(client, "Greyport pilots")
    html, parsed = page(client, f"/stories/{sid}")
    documents = client.get(f"/api/stories/{sid}").json()["stories"][0]["documents"]
    pages = [html] + [page(client, f"/documents/{d['id']}")[0] for d in documents]
    for text in pages:
        assert SCRIPT not in text and "<img" not in text
        assert "<b " not in text and 'href="javascript' not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert any("&lt;img src=x onerror=alert(1)&gt;" in text for text in pages)
    assert all(not s.get("src") or s["src"] == "/static/live.js" for s in parsed.all("script"))


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    sid = story_id(client, "resin")
    paths = ["/", f"/stories/{sid}", "/add", "/docs", "/openapi.json", "/api/stories", "/static/style.css", "/nope"]
    for path in paths:
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp, path
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    for path in paths[:4]:
        html = client.get(path).text
        assert "<style" not in html and " style=" not in html and "javascript:" not in html
        assert re.search(r"<script(?![^>]*\bsrc=)", html) is None  # no inline script


def test_templates_never_mark_text_safe() -> None:
    templates = Path(__file__).parents[1] / "src" / "storyline" / "web" / "templates"
    for template in templates.glob("*.html"):
        text = template.read_text("utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, template.name


def test_pages_read_through_a_read_only_connection_and_change_nothing(client: TestClient, store: Path) -> None:
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    sid = story_id(client, "nurses")
    for path in ("/", f"/stories/{sid}", "/api/stories", f"/api/stories/{sid}", "/?q=fire"):
        assert client.get(path).status_code == 200
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    with client.app.state.site.library.reading() as db, pytest.raises(sqlite3.OperationalError, match="readonly"):  # type: ignore[attr-defined]
        db._db.execute("DELETE FROM documents")


# ---------------------------------------------------------------- errors


def test_every_error_has_one_json_shape(client: TestClient) -> None:
    assert "/docs" in assert_error(client.get("/nope"), 404, "not_found")["message"]
    assert_error(client.get("/api/stories/s-000000000000"), 404, "not_found")
    assert_error(client.get("/api/documents/0000"), 404, "not_found")
    assert_error(client.get("/stories/s-000000000000"), 404, "not_found")
    assert_error(client.delete("/api/stories"), 405, "method_not_allowed")
    invalid = assert_error(client.get("/api/stories", params={"limit": "many"}), 422, "invalid")
    assert invalid["details"][0]["where"] == "query.limit"
    assert_error(client.get("/api/stories", params={"offset": -1}), 422, "invalid")
    browser = client.get("/nope", headers=HTML)
    assert browser.status_code == 404 and "text/html" in browser.headers["content-type"]
    assert "nothing at /nope" in browser.text


def test_an_internal_error_is_a_500_in_the_same_shape(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(store, api_key=KEY, web=WebSettings(warm_stories=0))

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app.state.site.library, "version", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        error = assert_error(client.get("/api/version"), 500, "internal")
    assert "boom" not in error["message"]


# ---------------------------------------------------------------- writes: key, limits, ingest


ARTICLE = {
    "url": "https://harbor.example/ferry",
    "title": "Ferry service to Tamsk resumes after storm",
    "outlet": "Harbor Ledger",
    "published": "2026-03-21",
    "text": "Ferry service between Gullhaven and Tamsk resumed on Saturday after a three-day suspension caused by a "
    "winter storm, the Merrow County Ferry Authority said. About 40 sailings were cancelled during the storm.",
}


def test_writes_need_the_key(empty: Path) -> None:
    with writer(empty) as client:
        body = json.dumps(ARTICLE)
        missing = client.post("/api/documents", content=body, headers={"content-type": "application/json"})
        assert_error(missing, 401, "unauthorized")
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = {"content-type": "application/json", "x-api-key": "nope"}
        assert_error(client.post("/api/documents", content=body, headers=wrong), 403, "forbidden")
        bearer = {"content-type": "application/json", "authorization": f"Bearer {KEY}"}
        assert client.post("/api/documents", content=body, headers=bearer).status_code == 201
    with writer(empty, api_key=None) as client:
        headers = {"content-type": "application/json", "x-api-key": KEY}
        error = assert_error(client.post("/api/documents", content=body, headers=headers), 403, "writes_disabled")
        assert "STORYLINE_API_KEY" in error["message"]
        assert "takes no writes" in client.get("/add").text


def test_a_write_reports_what_was_added_stored_and_rejected(empty: Path) -> None:
    headers = {"x-api-key": KEY}
    with writer(empty) as client:
        version = client.get("/api/version").json()["version"]
        added = client.post("/api/documents", json=ARTICLE, headers=headers)
        assert added.status_code == 201
        doc = added.json()["added"][0]
        assert doc["story"] and client.get("/api/version").json()["version"] != version
        assert client.get(f"/api/documents/{doc['id']}").json()["document"]["title"] == ARTICLE["title"]
        again = client.post("/api/documents", json=ARTICLE, headers=headers)
        assert again.status_code == 200 and again.json()["stored"] == [doc["id"]]
        lines = json.dumps({"title": "empty"}) + "\nnot json\n"
        jsonl = {**headers, "content-type": "application/x-ndjson"}
        rejected = assert_error(client.post("/api/documents", content=lines, headers=jsonl), 422, "rejected")
        assert [d["source"] for d in rejected["details"]] == ["api:1", "api:2"]
        assert "malformed JSON line" in rejected["details"][1]["reason"]
        assert_error(client.post("/api/documents", content=b"x", headers={**headers, "content-type": "image/png"}), 415)


def test_uploads_over_the_size_or_file_limit_are_refused_with_413(empty: Path) -> None:
    with writer(empty, max_upload_bytes=4_000, max_upload_files=2) as client:
        headers = {"x-api-key": KEY}
        big = {**ARTICLE, "text": ARTICLE["text"] * 40}
        assert_error(client.post("/api/documents", json=big, headers=headers), 413, "too_large")
        chunks = (json.dumps(big).encode()[i : i + 500] for i in range(0, 6_000, 500))  # no declared length
        chunked = {**headers, "content-type": "application/json"}
        assert_error(client.post("/api/documents", content=chunks, headers=chunked), 413, "too_large")
        files = [("files", (f"{n}.txt", b"Some article text. " * 10, "text/plain")) for n in range(3)]
        assert_error(client.post("/api/documents", files=files, headers=headers), 413, "too_many_files")
        assert client.get("/api/stories").json()["total"] == 0


def test_add_page_uploads_files_and_pasted_text_and_shows_what_was_refused(empty: Path) -> None:
    with writer(empty) as client:
        assert 'type="file"' in client.get("/add").text
        files = [
            (
                "files",
                ("01-harbor-ledger.txt", (CORPUS / "port-fire" / "01-harbor-ledger.txt").read_bytes(), "text/plain"),
            ),
            ("files", ("picture.png", b"\x89PNG\x00\x00", "image/png")),
        ]
        form = {"api_key": KEY, "text": json.dumps(ARTICLE), "format": ""}
        response = client.post("/add", files=files, data=form, headers=HTML)
        assert response.status_code == 200
        html = response.text
        assert "2 added" in html and "picture.png" in html and "unsupported file type" in html
        assert len(stories(client)) == 2
        wrong = client.post("/add", files=files, data={**form, "api_key": "nope"}, headers=HTML)
        assert wrong.status_code == 403 and "wrong API key" in wrong.text and 'type="file"' in wrong.text
        assert_error(client.post("/add", files=files, data={**form, "api_key": "nope"}), 403, "forbidden")
        assert_error(client.post("/add", data={"api_key": KEY}), 422, "empty")


# ---------------------------------------------------------------- the API's description, live refresh, warming


def test_docs_page_and_openapi_describe_every_api_route(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()
    paths = set(openapi["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/documents/{document_id}", "/api/documents"} <= paths
    assert "StorylineExport" in openapi["components"]["schemas"]
    html, _ = page(client, "/docs")
    assert all(f"{path}</code>" in html for path in paths)


def test_live_refresh_polls_the_version_and_the_script_is_served(client: TestClient) -> None:
    script = client.get("/static/live.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "/api/version" in script.text
    version = client.get("/api/version").json()
    assert version["documents"] >= 20 and version["version"] in client.get("/").text


def test_every_page_names_its_icon_and_a_browser_asking_for_favicon_ico_gets_it(client: TestClient) -> None:
    """Without an icon, a browser asks for /favicon.ico on every page and logs the 404 as an error."""
    for path in ("/", "/add", "/docs", "/nope"):
        assert '<link rel="icon" href="/static/favicon.svg"' in client.get(path, headers=HTML).text, path
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.content == client.get("/static/favicon.svg").content and icon.content.startswith(b"<svg")


def test_every_static_file_is_in_the_package_data() -> None:
    root = Path(__file__).parents[1]
    with (root / "pyproject.toml").open("rb") as f:
        globs = tomllib.load(f)["tool"]["setuptools"]["package-data"]["storyline"]
    package = root / "src" / "storyline"
    for path in (package / "web").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py":
            assert any(path.relative_to(package).match(glob) for glob in globs), path


def test_warming_analyses_the_stories_so_the_list_shows_independent_origins(store: Path) -> None:
    with writer(store) as client:
        assert all(s["independent_origins"] is None for s in stories(client))
        assert client.app.state.site.library.warm(top=10) == 4  # type: ignore[attr-defined]
        counts = [s["independent_origins"] for s in stories(client)]
        assert all(isinstance(n, int) and n >= 1 for n in counts)
        assert "<dd>…" not in client.get("/").text


def test_the_list_marks_pending_only_the_stories_the_server_is_analysing(store: Path) -> None:
    """The page refreshes itself while any story is pending; one the warming leaves alone waits to be opened."""
    client = TestClient(create_app(store, api_key=KEY, web=WebSettings(warm_stories=2)))  # no lifespan: no warming
    html = client.get("/").text
    assert html.count('class="pending"') == 2 and html.count('class="later"') == 2
    with writer(store) as idle:
        assert 'class="pending"' not in idle.get("/").text


def test_a_write_through_the_web_wakes_the_warming_at_once(empty: Path) -> None:
    app = create_app(empty, api_key=KEY, web=WebSettings(poll_seconds=120))  # it would look again in 2 minutes
    with TestClient(app) as client:
        time.sleep(0.2)  # the warming thread found nothing to analyse and waits
        assert client.post("/api/documents", json=ARTICLE, headers={"x-api-key": KEY}).status_code == 201
        deadline = time.monotonic() + 30
        while stories(client)[0]["independent_origins"] is None:
            assert time.monotonic() < deadline, "the warming did not analyse the new story"
            time.sleep(0.1)


def test_a_dropped_analysis_leaves_no_reference_cycles(client: TestClient) -> None:
    """The web server freezes its kept analyses out of the garbage collector's sight; that is safe only because
    an analysis is freed by reference counting alone."""
    library = client.app.state.site.library  # type: ignore[attr-defined]
    index = library.index()
    analysis = analyse(index.story(story_id(client, "nurses")), Settings(), set(index.outlets))
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        del analysis
        assert gc.collect() == 0
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


# ---------------------------------------------------------------- the command


def test_serve_refuses_a_store_that_is_not_there(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "storyline", "serve", "--db", str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "no store at" in done.stderr


def test_serve_answers_over_http(store: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "storyline", "serve", "--db", str(store), "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["total"] == 4
        assert "server" not in response.headers
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_story_page_is_rendered_once_per_analysis(client: TestClient) -> None:
    path = f"/stories/{story_id(client, 'nurses')}"
    first, again = client.get(path), client.get(path)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert first.headers["content-security-policy"] == again.headers["content-security-policy"]
    site = client.app.state.site  # type: ignore[attr-defined]
    assert [body for _, body in site.rendered.values()].count(first.content) == 1
