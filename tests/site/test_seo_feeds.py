"""Production SEO output of a tiny site built with publishconf.py: feeds, sitemap, robots, meta, JSON-LD, CSP."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import lxml.etree
import pytest
from PIL import Image

from plugins.seo_feeds.core import content_security_policy, shorten, third_party_sources
from plugins.seo_feeds.settings import Settings
from tests.conftest import ROOT, article, build_site

SITEURL = "https://portal.test"
# Titles are HTML (Pelican, typogrify): tags are dropped, but an escaped "<" is text a reader sees.
HOSTILE = 'Tin 1 &lt; 2 &amp; “Đảng ủy” </script><script>alert("x")</script> <b>đậm</b>'
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    files = {
        "articles/2024/tin-mot/index.md": article(
            "Hội nghị tổng kết công tác năm 2024", Tags="hội nghị, tổng kết", Summary="Tóm tắt tin một."
        ),
        "articles/2024/tin-hai/index.md": article(
            HOSTILE, date="2024-07-01 15:45", category="Tuyên giáo", Slug="tin-hai", Summary="Tóm tắt <em>hai</em>."
        ),
        "pages/lich-su.md": "Title: Lịch sử\n\nLịch sử.\n",
    }
    return build_site(
        tmp_path_factory.mktemp("seo"),
        files,
        settings_file="publishconf.py",
        SITEURL=SITEURL,
        FEED_DOMAIN=SITEURL,
        CMS_ADMIN_ENABLED=False,
    )


def html_pages(site) -> list[Path]:
    return sorted(site.output.rglob("*.html"))


# --- feeds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/xay-dung-dang.atom.xml", "feeds/tuyen-giao.atom.xml"])
def test_atom_feeds_parse_with_absolute_links_and_vietnam_time(site, feed):
    tree = lxml.etree.parse(str(site.output / feed))
    links = [link.get("href") for link in tree.iter(f"{ATOM}link")]
    assert links
    assert all(href.startswith(SITEURL + "/") for href in links)
    dates = [e.text for e in tree.iter(f"{ATOM}published", f"{ATOM}updated")]
    assert dates
    assert all(text.endswith("+07:00") for text in dates)
    assert tree.find(f"{ATOM}entry") is not None


def test_site_rss_feed_parses_with_absolute_links_and_vietnam_time(site):
    tree = lxml.etree.parse(str(site.output / "feeds" / "all.rss.xml"))
    items = tree.findall("./channel/item")
    assert len(items) == 2
    assert all(item.findtext("link").startswith(SITEURL + "/bai-viet/") for item in items)
    assert all(item.findtext("pubDate").endswith("+0700") for item in items)
    titles = {item.findtext("title") for item in items}
    assert "Hội nghị tổng kết công tác năm 2024" in titles


def test_no_tag_author_or_translation_feeds(site):
    assert sorted(p.name for p in (site.output / "feeds").iterdir()) == [
        "all.atom.xml",
        "all.rss.xml",
        "tuyen-giao.atom.xml",
        "xay-dung-dang.atom.xml",
    ]


# --- sitemap and robots -----------------------------------------------------------------------


def test_sitemap_lists_every_public_page_with_absolute_urls(site):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    tree = lxml.etree.parse(str(site.output / "sitemap.xml"))
    entries = {u.findtext(f"{ns}loc"): u.findtext(f"{ns}lastmod") for u in tree.iter(f"{ns}url")}
    assert entries[f"{SITEURL}/bai-viet/tin-hai/"] == "2024-07-01T15:45:00+07:00"
    assert f"{SITEURL}/" in entries
    assert f"{SITEURL}/lich-su/" in entries
    assert f"{SITEURL}/chuyen-muc/tuyen-giao/" in entries
    assert all(loc.startswith(SITEURL + "/") for loc in entries)
    assert not any("404" in loc for loc in entries)


def test_robots_txt_points_to_the_sitemap(site):
    robots = (site.output / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()
    assert "Disallow: /admin/" in robots.splitlines()


# --- head of each page ------------------------------------------------------------------------


def test_article_has_canonical_open_graph_and_twitter_card(site):
    head = site.html("bai-viet/tin-hai/").head
    url = f"{SITEURL}/bai-viet/tin-hai/"
    assert head.find("link", rel="canonical")["href"] == url
    meta = {m.get("property") or m.get("name"): m.get("content") for m in head.find_all("meta")}
    assert meta["og:url"] == url
    assert meta["og:type"] == "article"
    visible = site.html("bai-viet/tin-hai/").find("h1").get_text()
    assert "1 < 2 &" in visible
    assert meta["og:title"] == meta["twitter:title"] == visible
    assert meta["og:image"] == f"{SITEURL}/theme/img/og-default.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["article:published_time"] == "2024-07-01T15:45:00+07:00"
    assert "&nbsp;" not in str(head.find("meta", property="og:title"))


def test_default_share_image_is_1200_by_630():
    with Image.open(ROOT / "theme" / "static" / "img" / "og-default.png") as image:
        assert image.size == (1200, 630)


def test_every_page_has_a_canonical_except_the_404(site):
    for page in html_pages(site):
        relative = page.relative_to(site.output).as_posix()
        head = site.html(relative).head
        canonical = head.find("link", rel="canonical")
        if relative == "404.html":
            assert canonical is None
            assert head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        else:
            expected = SITEURL + "/" + relative.removesuffix("index.html")
            assert canonical["href"] == expected, relative


def test_feed_discovery_links(site):
    head = site.html("chuyen-muc/tuyen-giao/").head
    feeds = {link["href"] for link in head.find_all("link", rel="alternate")}
    assert feeds == {
        f"{SITEURL}/feeds/all.atom.xml",
        f"{SITEURL}/feeds/all.rss.xml",
        f"{SITEURL}/feeds/tuyen-giao.atom.xml",
    }


# --- JSON-LD ----------------------------------------------------------------------------------


def json_ld(site, relative: str) -> dict:
    scripts = site.html(relative).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_news_article_json_ld_has_the_required_fields(site):
    data = json_ld(site, "bai-viet/tin-mot/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Hội nghị tổng kết công tác năm 2024"
    assert data["datePublished"] == "2024-05-06T08:30:00+07:00"
    assert datetime.fromisoformat(data["datePublished"]).utcoffset().total_seconds() == 7 * 3600
    assert data["author"] == [{"@type": "Person", "name": "Nguyễn Văn A"}]
    assert data["publisher"]["name"] == "Đảng ủy Khối các cơ quan tỉnh Lạng Sơn"
    assert data["image"][0]["url"].startswith(SITEURL + "/")
    assert data["mainEntityOfPage"]["@id"] == f"{SITEURL}/bai-viet/tin-mot/"
    assert data["keywords"] == ["hội nghị", "tổng kết"]


def test_json_ld_survives_a_hostile_title(site):
    raw = (site.output / "bai-viet" / "tin-hai" / "index.html").read_text()
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block  # nothing in it can close the script element early
    data = json_ld(site, "bai-viet/tin-hai/")
    visible = site.html("bai-viet/tin-hai/").find("h1").get_text()
    assert "<" in visible
    assert data["headline"] == visible
    assert data["description"] == "Tóm tắt hai."


def test_headline_is_shortened_at_a_word_boundary():
    title = "Hội nghị " * 20
    short = shorten(title.strip())
    assert len(short) <= 110
    assert short.endswith("nghị…")


# --- Content-Security-Policy ------------------------------------------------------------------


def csp_of(site, relative: str) -> dict[str, list[str]]:
    meta = site.html(relative).head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, relative
    directives = [d.split() for d in meta["content"].split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def test_every_page_has_a_csp_that_allows_no_third_party_origin(site):
    for page in html_pages(site):
        policy = csp_of(site, page.relative_to(site.output).as_posix())
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        sources = [s for values in policy.values() for s in values]
        assert not [s for s in sources if "." in s or ":" in s.rstrip(":") or "*" in s or "unsafe-inline" in s]


def test_csp_setting_refuses_other_origins():
    assert third_party_sources(Settings().SEO_FEEDS_CSP) == []
    policy = {**Settings().SEO_FEEDS_CSP, "script-src": "'self' https://cdn.example.com", "img-src": "*"}
    assert third_party_sources(policy) == ["*", "https://cdn.example.com"]
    with pytest.raises(ValueError, match=r"cdn\.example\.com"):
        content_security_policy(policy)


def test_development_build_keeps_csp_but_has_no_absolute_addresses(tmp_path):
    dev = build_site(tmp_path, {"articles/2024/a/index.md": article("Tin phát triển")}, CMS_ADMIN_ENABLED=False)
    head = dev.html("bai-viet/a/").head
    assert head.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None
    assert head.find("link", rel="canonical") is None
    assert not (dev.output / "sitemap.xml").exists()
    assert "Sitemap:" not in (dev.output / "robots.txt").read_text()
