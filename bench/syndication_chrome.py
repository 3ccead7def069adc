"""Fake news sites for the syndication benchmark: an article's paragraphs inside a whole page.

Each ``Outlet`` has a name, a domain under ``.example`` (reserved, so no real site) and one of five
page layouts that differ the way real sites do: semantic HTML5 (``header``/``nav``/``aside``/``footer``),
nested ``div``s named by class, a blog theme with share buttons and a newsletter box inside the post,
a portal with advertisements and "Read more" links between paragraphs, and a magazine with a photo
caption and a pull quote.  Every page also carries a cookie notice, a subscription box, related
headlines, a most-read list and a footer.  Headlines and section names are drawn per page from small
banks with the caller's random generator, so an outlet's pages share some chrome lines (as real
pages do) but not all of them.  The article's date is in the page's metadata and in a visible byline.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

OUTLETS = (
    ("The Harbour Courier", "harbourcourier.example", "semantic"),
    ("Midland Daily Ledger", "midlandledger.example", "divs"),
    ("Northgate Times", "northgatetimes.example", "blog"),
    ("Capital Wire Service", "capitalwire.example", "portal"),
    ("Lakeside Herald", "lakesideherald.example", "magazine"),
    ("Pinecrest Post", "pinecrestpost.example", "semantic"),
    ("Metro Dispatch", "metrodispatch.example", "portal"),
    ("Valley News Network", "valleynews.example", "blog"),
    ("The Evening Chronicle", "eveningchronicle.example", "divs"),
    ("Summit Observer", "summitobserver.example", "magazine"),
)
"""(name, domain, layout) of the fake outlets that publish the variants."""

_SECTIONS = (
    "Home News World Politics Business Tech Science Health Sport Culture Opinion Video Local Travel Weather".split()
)
_PLACES = "Riverside|Oakdale|the county|Fairview|Brookfield|the valley|Kingsport|the harbour district|Elmwood".split(
    "|"
)
_THINGS = (
    "school budget|bridge repair|library hours|bus routes|farmers market|water rates|park plan|parking rules".split("|")
)
_HEADLINES = (
    "{place} council delays vote on {thing}",
    "What the new {thing} mean for {place}",
    "Five things to know before the weekend in {place}",
    "Residents of {place} split over {thing}",
    "Weather: a mild week ahead for {place}",
    "Opinion: {place} deserves better than this {thing}",
    "Photos: a busy summer festival in {place}",
    "Local team celebrates a late win in {place}",
)
_COOKIES = (
    "We use cookies to give you the best experience on our site. By continuing you agree to our use of cookies.",
    "This site uses cookies and similar technologies to personalise content and measure traffic. Accept all",
)
_SUBSCRIBE = (
    "Subscribe today and get unlimited access to {name} for just $1 a week.",
    "Sign up for our morning newsletter and never miss a story from {name}.",
    "Support local journalism: become a member of {name} today.",
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Outlet:
    name: str
    domain: str
    layout: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """What goes inside the chrome: the text and its metadata."""

    title: str
    paragraphs: tuple[str, ...]
    published: str  # ISO date-time
    url: str


def outlets() -> list[Outlet]:
    return [Outlet(name=name, domain=domain, layout=layout) for name, domain, layout in OUTLETS]


def page(article: Article, outlet: Outlet, rng: random.Random) -> str:
    """A whole HTML page: the outlet's layout around ``article``."""
    parts = _Parts(article, outlet, rng)
    body = _LAYOUTS[outlet.layout](parts)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{escape(article.title)} | {escape(outlet.name)}</title>\n"
        f'<meta property="og:site_name" content="{escape(outlet.name)}">\n'
        f'<meta property="og:title" content="{escape(article.title)}">\n'
        f'<meta property="article:published_time" content="{article.published}">\n'
        f'<link rel="canonical" href="{escape(article.url)}">\n'
        f"</head>\n<body>\n{body}\n</body></html>\n"
    )


class _Parts:
    """The pieces of one page, drawn once so that every layout arranges the same kinds of chrome."""

    def __init__(self, article: Article, outlet: Outlet, rng: random.Random) -> None:
        self.article, self.outlet, self.rng = article, outlet, rng
        self.sections = rng.sample(_SECTIONS, rng.randint(6, 9))
        self.related = [self.headline() for _ in range(rng.randint(3, 5))]
        self.popular = [self.headline() for _ in range(rng.randint(3, 5))]
        self.cookie = rng.choice(_COOKIES)
        self.subscribe = rng.choice(_SUBSCRIBE).format(name=outlet.name)
        self.date = article.published[:10]
        self.byline = f"By {rng.choice(('Staff', 'Newsroom', 'Wire'))} | {self.date}"

    def headline(self) -> str:
        return self.rng.choice(_HEADLINES).format(place=self.rng.choice(_PLACES), thing=self.rng.choice(_THINGS))

    def links(self, texts: Sequence[str], tag: str = "li") -> str:
        return "".join(f'<{tag}><a href="/{_slug(t)}">{escape(t)}</a></{tag}>' for t in texts)

    def paragraphs(self, between: Callable[[int], str] | None = None) -> str:
        out = []
        for i, text in enumerate(self.article.paragraphs):
            out.append(f"<p>{escape(text)}</p>")
            if between and i < len(self.article.paragraphs) - 1:
                out.append(between(i))
        return "\n".join(out)

    def footer_lines(self) -> str:
        year = self.date[:4]
        return (
            f"<p>&copy; {year} {escape(self.outlet.name)}. All rights reserved.</p>"
            f"<p>{self.links(('About us', 'Contact', 'Advertise', 'Privacy policy', 'Terms of use'), 'span')}</p>"
        )


def _semantic(p: _Parts) -> str:
    a = p.article
    return f"""<header><a class="logo" href="/">{escape(p.outlet.name)}</a>
<nav><ul>{p.links(p.sections)}</ul></nav></header>
<div class="cookie-banner"><p>{escape(p.cookie)}</p><button>OK</button></div>
<main><article><h1>{escape(a.title)}</h1>
<p class="byline"><time datetime="{a.published}">{p.byline}</time></p>
{p.paragraphs()}
</article>
<aside><h3>Related stories</h3><ul>{p.links(p.related)}</ul>
<div class="subscribe"><p>{escape(p.subscribe)}</p></div>
<h3>Most read</h3><ol>{p.links(p.popular)}</ol></aside></main>
<footer>{p.footer_lines()}</footer>"""


def _divs(p: _Parts) -> str:
    a = p.article
    return f"""<div id="top-bar"><div class="brand">{escape(p.outlet.name)}</div>
<div class="menu">{p.links(p.sections, "span")}</div></div>
<div id="wrapper"><div class="content"><div class="story">
<h2 class="headline">{escape(a.title)}</h2><div class="meta">{p.byline}</div>
<div class="story-text">{p.paragraphs()}</div>
<div class="tags">Tags: {", ".join(p.rng.sample(_SECTIONS, 3))}</div></div>
<div class="sidebar"><div class="box"><b>Most read</b>{p.links(p.popular, "div")}</div>
<div class="box promo">{escape(p.subscribe)}</div>
<div class="box"><b>More news</b>{p.links(p.related, "div")}</div></div></div></div>
<div class="bottom">{p.footer_lines()}<div class="cookies">{escape(p.cookie)}</div></div>"""


def _blog(p: _Parts) -> str:
    a = p.article
    middle = len(a.paragraphs) // 2

    def between(i: int) -> str:
        return f'<div class="newsletter"><p>{escape(p.subscribe)}</p></div>' if i == middle - 1 else ""

    return f"""<div class="site-header"><span class="site-title">{escape(p.outlet.name)}</span>
<ul class="menu">{p.links(p.sections)}</ul></div>
<div class="post"><h1 class="entry-title">{escape(a.title)}</h1>
<div class="entry-meta">Posted on {p.date} by {escape(p.outlet.name)} Staff</div>
<div class="entry-content">{p.paragraphs(between)}
<div class="sharedaddy"><h3>Share this:</h3><ul><li>Facebook</li><li>Twitter</li><li>Email</li></ul></div>
<div class="related-posts"><h3>Related</h3><ul>{p.links(p.related)}</ul></div></div></div>
<div class="widget-area"><h3>Popular posts</h3><ul>{p.links(p.popular)}</ul></div>
<div class="site-footer">{p.footer_lines()}</div>
<div id="cookie-notice">{escape(p.cookie)}</div>"""


def _portal(p: _Parts) -> str:
    a = p.article
    related = iter(p.related)

    def between(i: int) -> str:
        if i % 3 == 1:
            return '<div class="ad"><span>Advertisement</span></div>'
        if i % 3 == 2 and (text := next(related, None)):
            return f'<p class="read-more"><strong>Read more:</strong> <a href="/{_slug(text)}">{escape(text)}</a></p>'
        return ""

    return f"""<div class="cookie-consent">{escape(p.cookie)}</div>
<div class="masthead"><a href="/">{escape(p.outlet.name)}</a> <span>Breaking news, around the clock</span></div>
<div class="navigation">{p.links(p.sections, "span")}</div>
<div class="article-container"><h1>{escape(a.title)}</h1><div class="dateline">{p.byline}</div>
<div class="article-body">{p.paragraphs(between)}</div>
<div class="paywall-box">{escape(p.subscribe)} Continue reading with a subscription.</div></div>
<div class="rail"><h4>Trending now</h4>{p.links(p.popular, "p")}</div>
<div class="footer">{p.footer_lines()}</div>"""


def _magazine(p: _Parts) -> str:
    a = p.article
    quote = max(a.paragraphs, key=len).split(". ")[0][:160]
    return f"""<header class="top"><div class="wordmark">{escape(p.outlet.name)}</div>
<nav class="sections">{p.links(p.sections, "a")}</nav></header>
<section class="feature"><h1>{escape(a.title)}</h1><p class="standfirst">{p.byline}</p>
<figure><img src="/img/{_slug(a.title)}.jpg" alt=""><figcaption>Photo: {escape(p.outlet.name)} / File</figcaption></figure>
{p.paragraphs()}
<blockquote class="pullquote">{escape(quote)}</blockquote></section>
<section class="more"><h2>You might also like</h2>{p.links(p.related, "p")}</section>
<div class="signup">{escape(p.subscribe)}</div>
<footer>{p.footer_lines()}<p>{escape(p.cookie)}</p></footer>"""


_LAYOUTS: dict[str, Callable[[_Parts], str]] = {
    "semantic": _semantic,
    "divs": _divs,
    "blog": _blog,
    "portal": _portal,
    "magazine": _magazine,
}
LAYOUTS = tuple(_LAYOUTS)


def _slug(text: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in text.lower().split()[:8]) or "page"
