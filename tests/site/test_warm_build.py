"""A warm build (content cache from the previous build, one article changed) writes exactly what a cold build writes.

CI keeps ``cache/`` between runs to rebuild faster; that is only safe if the
cached build cannot publish anything a clean build would not. Each case builds a
small synthetic corpus cold, changes it as an editor would, rebuilds warm on the
same cache, builds the changed corpus cold elsewhere and compares the two output
trees byte for byte. It also checks that the warm build really used the cache
(only the changed file was parsed again), so the comparison is not trivially
between two cold builds.

The builds use pelicanconf.py, as an editor's preview does (``make html``,
``make devserver``); the parallel-reading cases run publishconf.py too.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

sys.path.insert(0, str(ROOT / "bench"))

import gen_corpus

from plugins.content_model.hooks import PortalMarkdownReader

ARTICLES = 24
# As CI runs it: the cache carries over, the output folder starts empty (as in publishconf.py);
# a kept output folder would also keep pages of tags and articles that no longer exist.
CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "DELETE_OUTPUT_DIRECTORY": True}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded corpus of a couple of dozen articles, some with photos, tags, summaries and Related: links."""
    root = tmp_path_factory.mktemp("corpus")
    pool = root / "pool"
    gen_corpus.make_photo_pool(pool, 2, (320, 240))
    gen_corpus.write_corpus(gen_corpus.generate(ARTICLES, seed=7, photo_pool=2), root / "content", pool)
    return root / "content"


def article_files(content: Path) -> list[Path]:
    return sorted((content / "articles").glob("*/*/index.md"))


def append_sentence(content: Path) -> tuple[Path, str]:
    """The commonest edit: one more sentence at the end of an article."""
    target = article_files(content)[5]
    sentence = "Bài viết được bổ sung ý kiến chỉ đạo của đồng chí Bí thư Đảng ủy Khối."
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{sentence}\n")
    return target, sentence


def retitle_and_retag(content: Path) -> tuple[Path, str]:
    """A metadata edit: the title and tags change, so list, tag and related pages must follow."""
    target = article_files(content)[3]
    title = "Tiêu đề mới: Hội nghị sơ kết công tác kiểm tra, giám sát"
    lines = target.read_text(encoding="utf-8").split("\n")
    lines = [
        f"Title: {title}"
        if line.startswith("Title:")
        else "Tags: thẻ mới hoàn toàn"
        if line.startswith("Tags:")
        else line
        for line in lines
    ]
    target.write_text("\n".join(lines), encoding="utf-8")
    return target, title


def delete_article(content: Path) -> tuple[Path, str]:
    """An article withdrawn: its page, and every link to it, must disappear."""
    target = article_files(content)[0]
    shutil.rmtree(target.parent)
    return target, ""


def output_tree(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def differences(left: dict[str, bytes], right: dict[str, bytes]) -> list[str]:
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source files our Markdown reader actually parses (a cache hit skips the reader)."""
    seen: list[str] = []
    original = PortalMarkdownReader.read

    def counting_read(self: PortalMarkdownReader, source_path: str):
        seen.append(source_path)
        return original(self, source_path)

    monkeypatch.setattr(PortalMarkdownReader, "read", counting_read)
    return seen


@pytest.mark.parametrize("edit", [append_sentence, retitle_and_retag, delete_article])
def test_warm_build_equals_cold_build(
    edit: Callable[[Path], tuple[Path, str]], corpus: Path, tmp_path: Path, parsed: list[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    build_site(tmp_path / "warm", content=content, **CACHED)
    assert len(parsed) == ARTICLES, "the first build parses every article"

    changed, new_text = edit(content)
    parsed.clear()
    warm = build_site(tmp_path / "warm", content=content, **CACHED)
    parsed_when_warm = list(parsed)
    cold = build_site(tmp_path / "cold", content=content, **CACHED)

    assert parsed_when_warm == ([] if edit is delete_article else [str(changed)]), "warm: only the edit is re-read"
    warm_tree, cold_tree = output_tree(warm.output), output_tree(cold.output)
    assert differences(warm_tree, cold_tree) == []
    pages = b"".join(warm_tree.values())
    if new_text:
        assert new_text.encode() in pages
    else:
        assert changed.parent.name.encode() not in pages, "nothing links to the withdrawn article"


def add_article(content: Path) -> tuple[Path, str]:
    """A new story: the home page, its lists and the related lists of its neighbours change."""
    source = article_files(content)[2]
    target = source.parent.with_name("bai-moi-ve-cong-tac-kiem-tra")
    title = "Bài mới về công tác kiểm tra, giám sát năm nay"
    target.mkdir()
    lines = source.read_text(encoding="utf-8").split("\n")
    lines = [f"Title: {title}" if line.startswith("Title:") else line for line in lines]
    (target / "index.md").write_text("\n".join(lines), encoding="utf-8")
    for photo in source.parent.glob("*.jpg"):
        shutil.copy(photo, target / photo.name)
    return target / "index.md", title


def html_times(output: Path) -> dict[str, int]:
    """When each page from the theme's templates was last written (admin/ is the CMS app, copied every build)."""
    pages = (p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "admin")
    return {str(p.relative_to(output)): p.stat().st_mtime_ns for p in pages}


@pytest.mark.parametrize("edit", [append_sentence, retitle_and_retag, delete_article, add_article])
def test_a_preview_rebuild_rewrites_only_what_changed_and_equals_a_cold_build(
    edit: Callable[[Path], tuple[Path, str]], corpus: Path, tmp_path: Path
) -> None:
    """An editor's preview keeps output/ too: plugins/page_writer renders only the pages whose inputs changed."""
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    kept = {**CACHED, "DELETE_OUTPUT_DIRECTORY": False}
    first = build_site(tmp_path / "warm", content=content, **kept)
    before = html_times(first.output)

    _, new_text = edit(content)
    warm = build_site(tmp_path / "warm", content=content, **kept)
    cold = build_site(tmp_path / "cold", content=content, **kept)

    assert differences(output_tree(warm.output), output_tree(cold.output)) == []
    after = html_times(warm.output)
    rewritten = [name for name, stamp in after.items() if before.get(name) != stamp]
    assert 0 < len(rewritten) < len(after), "some pages, not all, were rendered again"
    if edit is append_sentence:  # its page, its lists, and the few pages that show it in their lists
        assert len(rewritten) < len(after) / 4
    if new_text:
        assert any(new_text in (warm.output / name).read_text(encoding="utf-8") for name in rewritten)


def test_unchanged_content_rebuilds_identically_from_cache(corpus: Path, tmp_path: Path, parsed: list[str]) -> None:
    build_site(tmp_path, content=corpus, **CACHED)
    first = output_tree(tmp_path / "output")
    parsed.clear()
    build_site(tmp_path, content=corpus, **CACHED)
    assert parsed == []
    assert differences(first, output_tree(tmp_path / "output")) == []


def link_two_articles(content: Path) -> None:
    """A link to another article ({filename}): its href depends on the page it is rendered on (relative URLs)."""
    source, target = article_files(content)[1], article_files(content)[2]
    link = f"\n\nXem thêm [bài liên quan]({{filename}}../{target.parent.name}/index.md).\n"
    source.write_text(source.read_text(encoding="utf-8") + link, encoding="utf-8")


def test_an_unchanged_preview_rebuild_renders_no_page(corpus: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    link_two_articles(content)
    kept = {**CACHED, "DELETE_OUTPUT_DIRECTORY": False}
    first = build_site(tmp_path, content=content, **kept)
    before = html_times(first.output)
    build_site(tmp_path, content=content, **kept)
    assert html_times(first.output) == before


def test_rendering_on_two_processes_writes_what_one_process_writes(corpus: Path, tmp_path: Path) -> None:
    two = build_site(tmp_path / "two", content=corpus, PAGE_WRITER_WORKERS=2, PAGE_WRITER_MIN_PAGES=1)
    one = build_site(tmp_path / "one", content=corpus, PAGE_WRITER_WORKERS=1)
    assert len(output_tree(one.output)) > ARTICLES
    assert differences(output_tree(two.output), output_tree(one.output)) == []


# --- plugins/build_cache: parallel reading and the code fingerprint -------------------------------


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_parallel_reading_writes_what_a_sequential_build_writes(
    settings_file: str, corpus: Path, tmp_path: Path, parsed: list[str]
) -> None:
    two_processes = {"BUILD_CACHE_WORKERS": 2, "BUILD_CACHE_MIN_FILES": 1}
    parallel = build_site(tmp_path / "parallel", content=corpus, settings_file=settings_file, **two_processes)
    read_here = len(parsed)
    sequential = build_site(tmp_path / "sequential", content=corpus, settings_file=settings_file, BUILD_CACHE_WORKERS=1)
    assert read_here == ARTICLES // 2, "half the articles were parsed in the other process"
    assert differences(output_tree(parallel.output), output_tree(sequential.output)) == []


def test_an_editor_error_is_reported_once_by_a_parallel_build(corpus: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    broken = article_files(content)[4]
    broken.write_text(broken.read_text(encoding="utf-8").replace("Category: ", "Category: Chuyên mục lạ "), "utf-8")
    parallel = build_site(tmp_path / "parallel", content=content, BUILD_CACHE_WORKERS=2, BUILD_CACHE_MIN_FILES=1)
    sequential = build_site(tmp_path / "sequential", content=content, BUILD_CACHE_WORKERS=1)
    errors = [m for m in parallel.messages() if "[unknown-category]" in m]
    assert len(errors) == 1
    assert broken.parent.name in errors[0]
    assert "Chuyên mục lạ" in errors[0]
    assert parallel.messages() == sequential.messages()


def test_renaming_a_category_slug_is_not_hidden_by_the_cache(corpus: Path, tmp_path: Path, parsed: list[str]) -> None:
    """Pelican's cache alone would keep serving articles parsed with the old slug from site.toml."""
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    data = content / "data" / "site.toml"
    used = next(
        line for line in article_files(content)[0].read_text("utf-8").split("\n") if line.startswith("Category:")
    )
    slug = next(c["slug"] for c in tomllib.loads(data.read_text("utf-8"))["categories"] if c["name"] == used[10:])
    build_site(tmp_path, content=content, **CACHED)
    assert (tmp_path / "output" / "chuyen-muc" / slug / "index.html").is_file()

    data.write_text(data.read_text(encoding="utf-8").replace(f'"{slug}"', f'"{slug}-moi"'), "utf-8")
    parsed.clear()
    warm = build_site(tmp_path, content=content, **CACHED)
    assert len(parsed) == ARTICLES, "every article was parsed again"
    assert (warm.output / "chuyen-muc" / f"{slug}-moi" / "index.html").is_file()
    assert not (warm.output / "chuyen-muc" / slug).exists()
