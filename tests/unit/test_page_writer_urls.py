"""page_writer works out each article's URL once (``freeze_urls``): the same values Pelican computes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pelican.contents import Article, Page
from pelican.settings import DEFAULT_CONFIG

from plugins.page_writer.hooks import Request, contents_shown, freeze_urls

SETTINGS = {
    **DEFAULT_CONFIG,
    "ARTICLE_URL": "bai-viet/{date:%Y}/{slug}/",
    "ARTICLE_SAVE_AS": "bai-viet/{date:%Y}/{slug}/index.html",
    "ARTICLE_LANG_URL": "{lang}/bai-viet/{slug}/",
    "ARTICLE_LANG_SAVE_AS": "{lang}/bai-viet/{slug}/index.html",
}
WHEN = datetime(2021, 1, 21, 13, 58, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def article(slug: str, **metadata: object) -> Article:
    return Article("<p>Nội dung</p>", {"title": slug, "slug": slug, "date": WHEN, **metadata}, settings=SETTINGS)


def test_frozen_urls_are_the_ones_pelican_computes() -> None:
    listed, shown, translated = article("hoi-nghi"), article("tin-khac"), article("hoi-nghi", lang="fr")
    listed.translations = [translated]
    expected = {id(a): (a.url, a.save_as) for a in (listed, shown, translated)}
    requests = [Request("x.html", None, {"articles": [listed], "SITENAME": "Cổng"}, (), {"article": shown})]

    freeze_urls(contents_shown(requests))

    for content in (listed, shown, translated):
        assert (content.override_url, content.override_save_as) == expected[id(content)]
    assert translated.url == "fr/bai-viet/hoi-nghi/"
    assert listed.url == "bai-viet/2021/hoi-nghi/"


def test_a_url_set_in_the_metadata_is_kept() -> None:
    own = article("rieng", url="trang-rieng/", save_as="trang-rieng/index.html")
    freeze_urls(iter([own]))
    assert (own.url, own.save_as) == ("trang-rieng/", "trang-rieng/index.html")


def test_every_article_and_page_in_a_context_is_found_once() -> None:
    first, second = article("mot"), article("hai")
    page = Page("<p>x</p>", {"title": "Giới thiệu", "slug": "gioi-thieu"}, settings=SETTINGS)
    context = {"articles": [first, second], "dates": (second, first), "pages": [page], "article": first}
    requests = [Request("a.html", None, context, (), {}), Request("b.html", None, context, (), {"page": page})]
    assert [c.slug for c in contents_shown(requests)] == ["mot", "hai", "gioi-thieu"]
