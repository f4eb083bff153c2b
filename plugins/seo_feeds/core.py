"""SEO pieces as plain functions over plain values (no Pelican import; unit-tested directly)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

# Google shows at most ~110 characters of a NewsArticle headline.
HEADLINE_LIMIT = 110
# CSP sources that name no origin at all; anything else (a host, a scheme wildcard, *) is third-party.
_ORIGINLESS_SOURCES = {"'self'", "'none'", "data:", "blob:", "'wasm-unsafe-eval'", "'strict-dynamic'"}
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
_MODIFIED = re.compile(r'<meta property="article:modified_time" content="([^"]+)">')


@dataclass(frozen=True)
class OgImage:
    """The picture a shared link shows, absolute URL and pixel size."""

    url: str
    width: int
    height: int


def third_party_sources(directives: Mapping[str, str]) -> list[str]:
    """Sources in a CSP that would allow another origin (or inline code, which defeats the policy)."""
    return sorted({s for value in directives.values() for s in value.split() if s not in _ORIGINLESS_SOURCES})


def content_security_policy(directives: Mapping[str, str]) -> str:
    """The policy as one header value; refuses a policy that lets any other origin in."""
    foreign = third_party_sources(directives)
    if foreign:
        raise ValueError(f"SEO_FEEDS_CSP allows sources other than this site: {', '.join(foreign)}")
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def is_absolute_site(siteurl: str) -> bool:
    """Only a production build (absolute SITEURL) can give canonical, Open Graph and sitemap addresses."""
    return siteurl.startswith(("https://", "http://"))


def absolute_url(siteurl: str, url: str) -> str:
    """``url`` (site-relative, as Pelican's ``.url``) on ``siteurl``; absolute URLs are kept."""
    if is_absolute_site(url):
        return url
    return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"


def canonical_url(siteurl: str, output_file: str, not_found_file: str = "404.html") -> str | None:
    """The public address of the page written to ``output_file`` (``…/index.html`` → ``…/``); none for the 404."""
    if not is_absolute_site(siteurl) or output_file == not_found_file:
        return None
    return absolute_url(siteurl, re.sub(r"(^|/)index\.html$", r"\1", output_file))


def shorten(text: str, limit: int = HEADLINE_LIMIT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"


def news_article(
    *,
    headline: str,
    url: str,
    published: datetime,
    modified: datetime | None,
    authors: Sequence[str],
    section: str,
    keywords: Sequence[str],
    description: str,
    image: OgImage,
    publisher: str,
    publisher_url: str,
    lang: str,
) -> dict:
    """A schema.org ``NewsArticle`` for JSON-LD (https://developers.google.com/search/docs/appearance/structured-data/article)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": shorten(headline),
        "description": description,
        "inLanguage": lang,
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "author": [{"@type": "Person", "name": name} for name in authors],
        "publisher": {"@type": "Organization", "name": publisher, "url": publisher_url},
        "image": [{"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}],
        "articleSection": section,
        "keywords": list(keywords),
    }
    return {key: value for key, value in data.items() if value not in ("", [], None)}


def robots_txt(siteurl: str, disallow: Iterable[str] = ()) -> str:
    """robots.txt: everything may be crawled except ``disallow``; names the sitemap when it has an address."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallow), "Allow: /"]
    if is_absolute_site(siteurl):
        lines += ["", f"Sitemap: {absolute_url(siteurl, 'sitemap.xml')}"]
    return "\n".join(lines) + "\n"


HEAD_END = b"</head>"


def page_head(page: Path, chunk: int = 16384) -> str:
    """The page's text before ``</head>`` (all of it when there is none), read a chunk at a time.

    The sitemap reads every page of the site on every build; the head is the first
    few kilobytes of a page whose body may be ten times longer.
    """
    data = b""
    with page.open("rb") as stream:
        while block := stream.read(chunk):
            data += block
            end = data.find(HEAD_END, max(0, len(data) - len(block) - len(HEAD_END)))
            if end != -1:
                return data[:end].decode("utf-8", errors="replace")
    return data.decode("utf-8", errors="replace")


def sitemap_entries(output: Path) -> list[tuple[str, str | None]]:
    """(address, last modification) of every built page that declares a canonical address, sorted.

    The page itself is the source of truth: what the theme calls canonical is
    what gets listed (the 404 page and copied attachments declare none).
    """
    entries = {}
    for page in output.rglob("*.html"):
        head = page_head(page)
        canonical = _CANONICAL.search(head)
        if canonical:
            modified = _MODIFIED.search(head)
            entries[canonical[1]] = modified[1] if modified else None
    return sorted(entries.items())


def sitemap_xml(entries: Iterable[tuple[str, str | None]]) -> str:
    """A sitemaps.org urlset (only <loc> and <lastmod>: search engines ignore changefreq and priority)."""
    urls = []
    for loc, lastmod in entries:
        modified = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        urls.append(f"<url><loc>{escape(loc)}</loc>{modified}</url>")
    body = "\n".join(urls)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}\n</urlset>\n'
    )
