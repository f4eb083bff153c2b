"""plugins/page_writer/core.py: page digests, template names, and the manifest of written pages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from jinja2 import DictLoader, Environment
from markupsafe import Markup

from plugins.page_writer.core import Digester, Manifest, Summariser, TemplateIndex, remove_pages


@dataclass(eq=False)
class Story:
    """Stands in for Pelican's Article: plain attributes, other stories among them."""

    slug: str
    title: str
    related: list[Story] = field(default_factory=list)


def story_digester() -> Digester:
    return Digester({Story: Summariser(lambda s: dict(vars(s)), lambda s: f"story:{s.slug}")})


def test_equal_values_made_separately_have_equal_digests() -> None:
    when = datetime(2021, 1, 21, 13, 58, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    first = {"title": "Hội nghị", "tags": {"dư luận", "xã hội"}, "when": when, "n": [1, 2.5, None, True]}
    second = {"n": [1, 2.5, None, True], "when": when, "tags": {"xã hội", "dư luận"}, "title": "Hội nghị"}
    assert story_digester().digest(first, first) == story_digester().digest(second, second)


@pytest.mark.parametrize(
    "changed",
    [
        {"title": "Hội nghi"},  # one letter's accent
        {"n": [1, 2.5, None, False]},
        {"n": [1, "2.5", None, True]},  # same text, other type
        {"when": datetime(2021, 1, 21, 13, 59)},
    ],
)
def test_any_change_to_a_shown_value_changes_the_digest(changed: dict) -> None:
    base = {"title": "Hội nghị", "n": [1, 2.5, None, True], "when": datetime(2021, 1, 21, 13, 58)}
    assert story_digester().digest(base, base) != story_digester().digest({**base, **changed}, base)


def test_names_the_template_does_not_read_do_not_count() -> None:
    shown = {"title": "A"}
    assert story_digester().digest({**shown, "unread": 1}, ["title"]) == story_digester().digest(shown, ["title"])


def test_an_article_in_full_covers_the_articles_it_shows_but_a_card_does_not() -> None:
    def digests(related_title: str) -> tuple[str | None, str | None]:
        other = Story("khac", related_title)
        main = Story("chinh", "Bài chính", related=[other])
        digester = story_digester()
        return digester.digest({"article": main}, ["article"]), digester.digest({"articles": [main]}, ["articles"])

    full_before, card_before = digests("Tin cũ")
    full_after, card_after = digests("Tin mới")
    assert full_before != full_after, "the article page lists its related story's title"
    assert card_before == card_after, "a card shows its own story only"


def test_stories_pointing_at_each_other_are_digested() -> None:
    first, second = Story("a", "A"), Story("b", "B")
    first.related, second.related = [second], [first]
    assert story_digester().digest({"article": first}, ["article"]) is not None


def test_a_value_known_only_by_its_address_makes_the_page_always_render() -> None:
    class Opaque:
        __slots__ = ()

    assert story_digester().digest({"thing": Opaque()}, ["thing"]) is None


def test_functions_are_named_not_described() -> None:
    assert story_digester().digest({"f": os.path.join}, ["f"]) == story_digester().digest({"f": os.path.join}, ["f"])
    assert story_digester().digest({"f": os.path.join}, ["f"]) != story_digester().digest({"f": os.path.split}, ["f"])


TEMPLATES = {
    "base.html": "<title>{{ SITENAME }}</title>{% block body %}{% endblock %}{% include 'footer.html' %}",
    "footer.html": "{% for p in pages %}{{ p.title }}{% endfor %}",
    "article.html": "{% extends 'base.html' %}{% block body %}{% set x = 1 %}{{ article.title }}{{ x }}{% endblock %}",
    "dynamic.html": "{% include chosen %}",
}


def test_template_names_include_what_extended_and_included_templates_read() -> None:
    found = TemplateIndex(Environment(loader=DictLoader(TEMPLATES))).variables("article.html")
    assert found is not None
    names, _ = found
    assert {"SITENAME", "pages", "article"} <= names
    assert "x" not in names


def test_a_template_chosen_at_render_time_cannot_be_known() -> None:
    assert TemplateIndex(Environment(loader=DictLoader(TEMPLATES))).variables("dynamic.html") is None


def test_editing_an_included_template_changes_the_sources_digest() -> None:
    before = TemplateIndex(Environment(loader=DictLoader(TEMPLATES))).variables("article.html")
    edited = {**TEMPLATES, "footer.html": "<footer>{% for p in pages %}{{ p.title }}{% endfor %}</footer>"}
    after = TemplateIndex(Environment(loader=DictLoader(edited))).variables("article.html")
    assert before is not None
    assert after is not None
    assert before[0] == after[0]
    assert before[1] != after[1]


def write(output: Path, relative: str, text: str) -> None:
    path = output / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_page_is_current_only_with_the_same_signature_and_an_untouched_file(tmp_path: Path) -> None:
    write(tmp_path, "a/index.html", "<p>A</p>")
    manifest = Manifest(str(tmp_path), "code").successor({"a/index.html": "sig"})
    assert manifest.is_current("a/index.html", "sig")
    assert not manifest.is_current("a/index.html", "other")
    assert not manifest.is_current("a/index.html", None)
    write(tmp_path, "a/index.html", "<p>changed by hand</p>")
    assert not manifest.is_current("a/index.html", "sig")


def test_manifests_of_another_folder_or_other_code_are_not_used(tmp_path: Path) -> None:
    write(tmp_path / "out", "a.html", "A")
    saved = tmp_path / "cache" / "manifest"
    Manifest(str(tmp_path / "out"), "code").successor({"a.html": "sig"}).save(saved)
    assert Manifest.load(saved, str(tmp_path / "out"), "code").pages
    assert not Manifest.load(saved, str(tmp_path / "elsewhere"), "code").pages
    assert not Manifest.load(saved, str(tmp_path / "out"), "new code").pages
    saved.write_bytes(b"not a pickle")
    assert not Manifest.load(saved, str(tmp_path / "out"), "code").pages


def test_pages_no_longer_written_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    for relative in ("bai-viet/a/index.html", "bai-viet/b/index.html", "the/x/trang/2/index.html"):
        write(tmp_path, relative, relative)
    previous = Manifest(str(tmp_path), "code").successor(
        {"bai-viet/a/index.html": "1", "bai-viet/b/index.html": "2", "the/x/trang/2/index.html": "3"}
    )
    write(tmp_path, "bai-viet/b/index.html", "edited by someone else")  # not ours any more: kept
    stale = previous.stale(["bai-viet/a/index.html"])
    assert stale == ["the/x/trang/2/index.html"]
    remove_pages(tmp_path, stale)
    assert not (tmp_path / "the").exists()
    assert (tmp_path / "bai-viet" / "b" / "index.html").is_file()


@dataclass(frozen=True)
class Picture:
    url: str
    sources: tuple[tuple[str, int], ...]


@dataclass
class Holder:
    """A dataclass whose own repr hides a field: it must be described field by field."""

    shown: str
    hidden: str

    def __repr__(self) -> str:
        return f"Holder({self.shown})"


def test_dataclasses_count_every_field_whatever_their_repr_shows() -> None:
    def card(picture: Picture, holder: Holder) -> str | None:
        story = Story("a", "A")
        story.cover, story.box = picture, holder  # type: ignore[attr-defined]
        return story_digester().digest({"articles": [story]}, ["articles"])

    base = card(Picture("a.jpg", (("a-480.avif", 480),)), Holder("x", "1"))
    assert base != card(Picture("a.jpg", (("a-800.avif", 800),)), Holder("x", "1"))
    assert base != card(Picture("a.jpg", (("a-480.avif", 480),)), Holder("x", "2"))


@dataclass(eq=False)
class Topic:
    """Stands in for Pelican's tag: a second summarised kind, first met inside a story's list."""

    slug: str
    name: str


def topic_digests(title: str, topic_name: str) -> tuple[str | None, str | None]:
    """The story's page (in full) and its card, with one topic, from a fresh digester."""
    digester = Digester(
        {
            Story: Summariser(lambda s: dict(vars(s)), lambda s: f"story:{s.slug}"),
            Topic: Summariser(lambda t: {"name": t.name}, lambda t: f"topic:{t.slug}"),
        }
    )
    story = Story("a", title)
    story.topics = [Topic("hoi-nghi", topic_name)]  # type: ignore[attr-defined]
    return digester.digest({"article": story}, ["article"]), digester.digest({"articles": [story]}, ["articles"])


def test_text_marked_safe_is_told_from_plain_text() -> None:
    """Plain strings are written without the general walk; a ``Markup`` of the same text must still differ."""
    page, card = topic_digests("Hội nghị", "Hội nghị")
    marked_page, marked_card = topic_digests(Markup("Hội nghị"), "Hội nghị")
    assert page != marked_page
    assert card != marked_card


def test_an_object_inside_a_story_counts_on_the_story_page_by_its_own_data() -> None:
    """A tag renamed (same slug) changes the page that shows the story in full, not a card of it."""
    page, card = topic_digests("Hội nghị", "Hội nghị")
    renamed_page, renamed_card = topic_digests("Hội nghị", "Hội Nghị")
    assert page != renamed_page
    assert card == renamed_card
