"""The Markdown side of figures: what an editor's image + caption block becomes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

import pelicanconf


@pytest.fixture(scope="module")
def render():
    """Markdown configured exactly as the site's reader configures it (pelicanconf.MARKDOWN)."""
    config = {**pelicanconf.MARKDOWN, "extensions": list(pelicanconf.MARKDOWN["extension_configs"])}

    def convert(text: str) -> BeautifulSoup:
        return BeautifulSoup(Markdown(**config).convert(text), "lxml")

    return convert


def test_image_and_caption_become_one_clean_figure(render) -> None:
    soup = render("![Các đại biểu](hoi-nghi.jpg)\n/// caption\nCác đại biểu dự *hội nghị*\n///\n")
    figure = soup.find("figure")
    assert [child.name for child in figure.find_all(recursive=False)] == ["img", "figcaption"]
    assert figure.img["alt"] == "Các đại biểu"
    assert figure.figcaption.find("p") is None
    assert figure.figcaption.em.get_text() == "hội nghị"
    assert figure.find_parent("p") is None


def test_a_blank_line_before_the_caption_block_works_too(render) -> None:
    soup = render("![Ảnh](a.jpg)\n\n/// caption\nChú thích\n///\n")
    assert soup.figure.figcaption.get_text() == "Chú thích"


def test_alt_defaults_to_the_caption_without_the_credit(render) -> None:
    soup = render("![](a.jpg)\n/// caption\nĐồng chí Phạm Thu Hằng phát biểu\ntại hội nghị. Ảnh: Trọng Hải\n///\n")
    assert soup.img["alt"] == "Đồng chí Phạm Thu Hằng phát biểu tại hội nghị."
    assert soup.find(class_="figure-credit").get_text() == "Ảnh: Trọng Hải"


@pytest.mark.parametrize(
    ("caption", "credit", "before"),
    [
        ("Các đại biểu dự hội nghị. Ảnh: Văn An", "Ảnh: Văn An", "Các đại biểu dự hội nghị. "),
        ("Các đại biểu dự hội nghị (Ảnh: TTXVN)", "Ảnh: TTXVN", "Các đại biểu dự hội nghị ("),
        ("Các đại biểu dự hội nghị\nNguồn: Báo Lạng Sơn", "Nguồn: Báo Lạng Sơn", "Các đại biểu dự hội nghị "),
        ("Ảnh: Trọng Hải", "Ảnh: Trọng Hải", ""),
    ],
)
def test_photo_credits_are_marked(render, caption: str, credit: str, before: str) -> None:
    soup = render(f"![x](a.jpg)\n/// caption\n{caption}\n///\n")
    span = soup.find(class_="figure-credit")
    assert span.get_text() == credit
    assert soup.figcaption.get_text().startswith(before)


def test_a_caption_word_like_anh_inside_the_text_is_not_a_credit(render) -> None:
    soup = render("![x](a.jpg)\n/// caption\nTriển lãm ảnh: những khoảnh khắc đẹp\n///\n")
    assert soup.find(class_="figure-credit") is None


def test_an_image_alone_in_a_paragraph_becomes_a_figure_without_caption(render) -> None:
    soup = render("Đoạn văn.\n\n![Toàn cảnh hội nghị](a.jpg)\n\nĐoạn sau.\n")
    assert soup.figure.img["alt"] == "Toàn cảnh hội nghị"
    assert soup.figure.figcaption is None
    assert [p.get_text() for p in soup.find_all("p")] == ["Đoạn văn.", "Đoạn sau."]


def test_an_image_inside_a_sentence_stays_inline(render) -> None:
    soup = render("Biểu tượng ![logo](logo.png) của Đảng bộ.\n")
    assert soup.figure is None
    assert soup.p.img["src"] == "logo.png"
