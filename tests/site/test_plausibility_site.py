"""Plausibility rules on built pages: editors' ids never clobber the theme's, dates show +07:00."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from plugins.content_model.core import editor_id_errors, theme_ids
from tests.conftest import ROOT, Build, article, build_site

OWN_IDS = (
    "Cách đặt mã: viết `{#main}` sau tiêu đề là sai.\n\n```\n## Tiêu đề {: #main }\n```\n\n"
    "## Phụ lục {: #phu-luc }\n\nXem [phụ lục](#phu-luc).\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    files = {
        "articles/2024/ma-rieng/index.md": article("Mã riêng", body=OWN_IDS),
        "articles/2024/ma-trung/index.md": article("Mã trùng", body="Đoạn một.\n\n## Mục lục {: #main }\n"),
        "articles/1968/nam-1968/index.md": article("Năm 1968", date="1968-01-31 08:00", body="Nội dung."),
    }
    return build_site(tmp_path_factory.mktemp("plausible"), files, CMS_ADMIN_ENABLED=False)


def test_an_editors_own_ids_are_kept_and_every_id_on_the_page_is_unique(site: Build) -> None:
    page = site.html("bai-viet/ma-rieng/")
    counts = Counter(element["id"] for element in page.select("[id]"))
    assert counts["main"] == 1
    assert page.select_one("main#main") is not None  # the skip link's target is the theme's <main>
    assert page.select_one("h2#phu-luc") is not None
    assert [value for value, count in counts.items() if count > 1] == []
    assert page.select_one('a.skip-link, a[href="#main"]') is not None


def test_an_article_giving_the_theme_id_main_is_refused_on_its_line(site: Build) -> None:
    (message,) = [m for m in site.messages() if "[theme-id]" in m]
    assert "articles/2024/ma-trung/index.md:8: " in message
    assert '"#main"' in message
    assert not (site.output / "bai-viet" / "ma-trung").exists()


def test_an_article_of_1968_shows_plus_seven_not_saigons_plus_eight(site: Build) -> None:
    times = [t["datetime"] for t in site.html("bai-viet/nam-1968/").select("time[datetime]")]
    assert times
    assert all(value.endswith("+07:00") for value in times), times


def test_the_ids_come_from_the_templates_themselves(tmp_path: Path) -> None:
    """A template that adds an id adds it to the rule: nothing to keep in step by hand."""
    ids = theme_ids(ROOT / "theme" / "templates")
    assert {"main", "footer-name", "search-q"} <= ids.exact
    assert "section-" in ids.prefixes
    (tmp_path / "partials").mkdir()
    (tmp_path / "base.html").write_text('<main id="main"></main><nav id="menu-{{ n }}"></nav>', encoding="utf-8")
    (tmp_path / "partials" / "x.html").write_text('<div id="tin-moi"></div>', encoding="utf-8")
    derived = theme_ids(tmp_path)
    assert derived.exact == {"main", "tin-moi"}
    assert derived.prefixes == ("menu-",)
    assert [e.line for e in editor_id_errors("A {#tin-moi}\n\nB {: #menu-2 }\n\nC {#tin}\n", derived, "a.md")] == [1, 3]
