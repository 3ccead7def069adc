"""The brief's output formats as a user meets them: the terminal, Markdown, the HTML report, and the checks."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from storyline.present import TITLES
from storyline.records import (
    BriefSentence,
    CitationCheck,
    Discrepancy,
    Figure,
    FigureValue,
    Provenance,
    Span,
    Story,
    StoryAnalysis,
)
from storyline.report import CSP, to_html
from tests.conftest import CORPUS, Run, make_document

SECTIONS = [TITLES[p] for p in ("lead", "key-points", "figures", "disagreements", "adds", "opinion-and-speculation")]
SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"
HOSTILE = [
    {
        "url": "javascript:alert(1)",
        "title": f"Harbor pilots {SCRIPT} end slowdown after contract deal",
        "outlet": "<b onmouseover=alert(1)>Greyport</b> Star",
        "published": "2026-03-01",
        "text": f"Harbor pilots in Greyport agreed on Friday to end a two-week slowdown {SCRIPT} after the port "
        "authority offered a new contract with 12 percent raises over three years, the pilots' association said."
        f"\n\nThe slowdown had left 40 cargo ships {IMG} waiting at anchor outside the breakwater, port officials said.",
    },
    {
        "url": "https://tidewater.example/pilots",
        "title": "Greyport pilots accept contract, ending slowdown",
        "outlet": "Tidewater | News",
        "text": "Harbor pilots in Greyport voted on Friday to end their slowdown after the port authority offered a "
        "contract with 12 percent raises over three years, the association said.\n\n"
        f"About 40 cargo ships {IMG} had waited at anchor, port officials said.",
    },
]


class Page(HTMLParser):
    """What a browser would build: the elements (checked to nest), ids, links, and the text under each tag."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr", "wbr", "col", "source"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self.errors: list[str] = []
        self.feed(html)
        self.close()
        if self.open:
            self.errors.append(f"left open: {self.open}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for tag in set(self.open):
            self.text.setdefault(tag, []).append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def ids(self) -> set[str]:
        return {found for _, a in self.tags if (found := a.get("id"))}


def assert_self_contained(html: str) -> Page:
    page = Page(html)
    assert not page.errors, page.errors
    assert page.all("meta", **{"http-equiv": "Content-Security-Policy"}) == [
        {"http-equiv": "Content-Security-Policy", "content": CSP}
    ]
    assert "default-src 'none'" in CSP
    assert "<script" not in html.lower()
    assert not [a for _, a in page.tags if "src" in a or any(k.startswith("on") for k in a)]
    assert not page.all("link") and "@import" not in html and "url(" not in html
    for link in page.all("a"):
        href = link["href"] or ""
        assert href.startswith(("#", "https://", "http://")), href
        if href.startswith("#"):
            assert href[1:] in page.ids(), href
    return page


def test_html_report_of_the_seeds_has_every_part_and_citations_reach_marked_passages(
    run: Run, seeds: Path, tmp_path: Path
) -> None:
    report = tmp_path / "seeds.html"
    done = run("brief", str(seeds), "--format", "html", "-o", str(report))
    assert done.returncode == 0, done.stderr
    html = report.read_text("utf-8")
    page = assert_self_contained(html)
    assert [s for s in [*SECTIONS, "Sources"] if s not in page.text["h3"]] == []

    rows = {" ".join(th.split()) for th in page.text["th"]}
    assert {"figure", "values", "discrepancy", "North Korean troops"} <= rows
    figures = html[html.index('<table class="figures">') : html.index("</table>")]
    assert "kind-scope" in figures and "Different things counted" in figures and "Kursk" in figures

    cited = [a["href"] or "" for a in page.all("a", **{"class": "cite"})]
    passages = {a["id"] for a in page.all("blockquote", **{"class": "passage"})}
    assert passages and {h[1:] for h in cited if re.search(r"-d[0-9]+-(c[0-9]+-[0-9]+|title)$", h)} == passages
    assert len(page.all("mark")) == len(passages)


def test_show_checks_gives_each_citation_supported_or_missing_in_text_and_markdown(
    run: Run, seeds: Path, tmp_path: Path
) -> None:
    document = json.loads(run("brief", str(seeds), "--json").stdout)
    story = document["stories"][0]
    number = {d["id"]: i for i, d in enumerate(story["documents"], start=1)}

    text = run("show", story["id"], "--checks", "-o", str(tmp_path / "brief.txt"))
    assert text.returncode == 0, text.stderr
    shown = (tmp_path / "brief.txt").read_text("utf-8")
    assert "Checks · " + story["id"] in shown and "│ supported │" in shown.replace("┃", "│")
    assert shown.count("│ no ") and shown.count("│ yes ")

    markdown = run("show", story["id"], "--checks", "--format", "md").stdout
    rows = markdown[markdown.index("### Checks") :].splitlines()
    assert rows[2] == "| brief sentence | outcome | cited | supported | missing | evidence |"
    expected = [
        (number[c["document"]], "yes" if c["supported"] else "no", c["missing"])
        for sentence in story["brief"]
        for c in sentence["check"]["citations"]
    ]
    found = [row.split(" | ")[2:5] for row in rows[4:] if row.startswith("|")]
    assert len(found) == len(expected)
    for (n, supported, missing), (cited, answer, lacking) in zip(expected, found, strict=True):
        assert (cited, answer) == (f"[{n}]", supported)
        assert all(m.replace("_", "\\_") in lacking for m in missing)
    assert any(not c["supported"] and c["missing"] for s in story["brief"] for c in s["check"]["citations"])


def test_markdown_has_every_section_and_the_figures_table(run: Run, seeds: Path) -> None:
    markdown = run("brief", str(seeds), "--format", "md").stdout
    assert markdown.startswith("## ") and "### Documents" in markdown and "### Checks" not in markdown
    assert [s for s in SECTIONS if f"### {s}\n" not in markdown] == []
    table = markdown[markdown.index("| figure | values | discrepancy |") :].split("\n\n")[0].splitlines()
    assert table[1] == "|---|---|---|"
    troops = next(row for row in table if row.startswith("| North Korean troops |"))
    assert "**scope**" in troops and "as many as 12,000 North Korean troops" in troops and "[2]" in troops


def test_terminal_brief_labels_its_sections_and_the_figures_table(run: Run, seeds: Path) -> None:
    done = run("brief", str(seeds))
    assert done.returncode == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert [s for s in SECTIONS if s not in flat] == []
    assert "independent origin" in flat and "figure ┃ values" in flat and "scope:" in flat


def test_hostile_article_text_is_escaped_in_html_and_markdown(run: Run, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE), "utf-8")
    page = tmp_path / "page.html"
    assert run("brief", str(feed), "--format", "html", "--checks", "-o", str(page)).returncode == 0
    html = page.read_text("utf-8")
    assert_self_contained(html)
    assert "<img" not in html and "<b " not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html

    markdown = run("export", "--format", "md", "--checks").stdout
    assert re.search(r"(?<!\\)<[a-z/]", markdown) is None  # every < of the articles is escaped: no tag
    assert "\\<script\\>alert(1)\\</script\\>" in markdown and "\\<img src=x onerror=alert(1)\\>" in markdown


def test_every_record_field_is_escaped_in_the_html() -> None:
    evil = '"><script>alert(1)</script><x y="'
    doc = make_document(1, f"Before. The tally {evil} was 12 ships. After.", outlet=evil)
    passage = Span(start=8, end=8 + len(f"The tally {evil} was 12 ships."), text=f"The tally {evil} was 12 ships.")
    value = FigureValue(
        value=12, low=None, high=None, qualifier=evil, scope=evil, time=evil, attributed_to=(evil,),
        documents=(doc.id,), text=f"12 {evil}",
    )  # fmt: skip
    figure = Figure(
        id="f-1", subject=evil, unit="ships", values=(value, value), discrepancy=Discrepancy(type="none", reason=evil)
    )
    check = CitationCheck(document=doc.id, supported=False, missing=(evil,), evidence=passage)
    sentences = tuple(
        BriefSentence(section=s, text=passage.text, citations=(doc.id,), checked=True, check_reason=evil,
                      checks=(check, CitationCheck(document=doc.id, supported=True, evidence=passage)),
                      attributed_to=(evil,), independent_origins=1, outlet=evil)
        for s in ("headline", "lead", "key-points", "disagreements", "adds", "opinion-and-speculation")
    )  # fmt: skip
    story = Story(id="s-1", title=evil, documents=(doc,), first_seen=evil, last_seen=None)
    analysis = StoryAnalysis(
        story=story, provenance={doc.id: Provenance(role="independent", cites=(evil,))}, figures=(figure,),
        brief=sentences,
    )  # fmt: skip
    html = to_html([analysis, analysis], checks=True)
    page = assert_self_contained(html)
    assert "<x" not in html and html.count("&lt;script&gt;") > 20
    assert page.all("mark") and all("<script>" in m for m in page.text["mark"])


def test_corpus_as_one_html_page_with_a_contents_list(run: Run, tmp_path: Path) -> None:
    briefed, exported = tmp_path / "brief.html", tmp_path / "export.html"
    assert run("brief", str(CORPUS), "--format", "html", "-o", str(briefed)).returncode == 0
    assert run("export", "--format", "html", "--checks", "-o", str(exported)).returncode == 0
    first, page = (assert_self_contained(p.read_text("utf-8")) for p in (briefed, exported))
    stories = [a["id"] for a in page.all("article")]
    assert len(stories) == 3 and [a["id"] for a in first.all("article")] == stories
    assert [a["href"] for a in page.all("a") if a["href"] in {f"#{s}" for s in stories}] == [f"#{s}" for s in stories]
    assert "Checks" in page.text["h3"] and "Checks" not in first.text["h3"]
    assert "rounding" in " ".join(page.text["td"])


def test_format_options_that_do_not_go_together_are_usage_errors(run: Run, seeds: Path) -> None:
    for args in (
        ("show", "s-1", "--json", "--format", "md"),
        ("show", "s-1", "--checks", "--json"),
        ("show", "s-1", "--format", "pdf"),
        ("brief", str(seeds), "--with-text", "--format", "html"),
        ("export", "--format", "text"),
        ("export", "--checks"),
    ):
        done = run(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
