from __future__ import annotations

from storyline.config import Settings
from storyline.extract import extract
from storyline.records import Extraction, RawItem, Rejection

PARAGRAPH = (
    "Crews reopened the coastal highway on Sunday after a landslide buried both lanes for three days, "
    "the state transport office said, adding that a lower speed limit will stay in place until engineers finish."
)


def item(body: str, fmt: str = "text", **meta: str) -> RawItem:
    return RawItem(source="x", key="k", format=fmt, body=body, **meta)  # type: ignore[arg-type]


def ok(result: Extraction | Rejection) -> Extraction:
    assert isinstance(result, Extraction), result
    return result


def test_text_headline_byline_and_date_are_recovered() -> None:
    body = f"Coastal highway reopens after landslide\nBy Mara Ortiz | Shoreline Herald | 2026-02-03\n\n{PARAGRAPH}\n"
    result = ok(extract(item(body), Settings()))
    assert result.title == "Coastal highway reopens after landslide"
    assert result.outlet == "Shoreline Herald" and result.published == "2026-02-03"
    assert result.text == PARAGRAPH


def test_first_line_that_is_a_paragraph_is_not_a_title() -> None:
    assert ok(extract(item(PARAGRAPH), Settings())).title is None


def test_html_page_metadata_and_main_text() -> None:
    html = f"""<html><head><title>Highway reopens | Shoreline Herald</title>
    <meta property="og:site_name" content="Shoreline Herald">
    <meta property="article:published_time" content="2026-02-03T08:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Highway reopens</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH.replace("Sunday", "Monday")}</p></article>
    <footer>Subscribe to our newsletter</footer></body></html>"""
    result = ok(extract(item(html, "html"), Settings()))
    assert result.outlet == "Shoreline Herald"
    assert result.published and result.published.startswith("2026-02-03")
    assert PARAGRAPH in result.text and "newsletter" not in result.text and "Home" not in result.text


def test_markdown_heading_becomes_the_title_and_marks_go() -> None:
    body = f"# Highway reopens\n\n*By Mara Ortiz | Shoreline Herald | 2026-02-03*\n\n{PARAGRAPH} See [the map](https://x.example).\n"
    result = ok(extract(item(body, "markdown"), Settings()))
    assert result.title == "Highway reopens" and result.outlet == "Shoreline Herald"
    assert "the map" in result.text and "https://" not in result.text


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    words = PARAGRAPH.split()
    wrapped = "\n".join(" ".join(words[i : i + 10]) for i in range(0, len(words), 10))
    body = "\n\n".join([wrapped] * 3)
    assert ok(extract(item(body), Settings())).text.split("\n\n")[0] == PARAGRAPH


def test_page_with_no_article_text_is_rejected() -> None:
    result = extract(item("<html><body><nav>Home</nav></body></html>", "html"), Settings())
    assert isinstance(result, Rejection) and result.stage == "extract"


def test_boilerplate_removed_counts_characters() -> None:
    body = f"{PARAGRAPH}\n\nViral tags: #Highway #Landslide #Coast"
    result = ok(extract(item(body), Settings()))
    assert result.boilerplate_removed == len("Viral tags: #Highway #Landslide #Coast")


def test_outlet_falls_back_to_the_site_of_the_url() -> None:
    result = ok(extract(item(PARAGRAPH, url="https://www.shorelineherald.example/news/1"), Settings()))
    assert result.outlet == "shorelineherald.example"
