"""plugins/related/core.py as plain Python: tokenising, scoring, ordering, exclusions, determinism."""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.related import core

DAY = datetime(2024, 5, 6, 8, 30)


def record(
    slug: str, text: str, *, title: str = "", tags: tuple[str, ...] = (), category: str = "Tuyên giáo", days: int = 0
):
    return core.Record(slug, title or slug.replace("-", " "), text, tags, category, DAY + timedelta(days=days))


DLXH = "Hội nghị tổng kết công tác dư luận xã hội, cộng tác viên dư luận xã hội báo cáo tình hình tư tưởng."
HIEN_MAU = "Đoàn viên thanh niên hiến máu tình nguyện, tiếp nhận đơn vị máu cho bệnh viện."
GENERIC = "Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2024."


def terms(text: str, limit: int | None = None) -> list[str]:
    """The terms the index counts for ``text`` (unigrams, then bigrams), read back from their keys."""
    vocabulary = core.Vocabulary()
    occurrences = vocabulary.occurrences([vocabulary.numbers(text, limit)], np.zeros(1, dtype=np.int32))
    return [occurrences.name(key) for key in occurrences.key]


def test_terms_are_syllables_and_bigrams_of_nfc_lower_case_text() -> None:
    found = terms("Dư luận xã hội")
    assert {"dư", "luận", "xã", "hội"} <= set(found)
    assert {"dư luận", "luận xã", "xã hội"} <= set(found)


def test_terms_do_not_depend_on_unicode_form_or_case() -> None:
    text = "Đảng ủy Khối tổ chức Hội nghị"
    assert terms(unicodedata.normalize("NFD", text.upper())) == terms(text)


def test_stop_words_are_dropped_and_never_join_a_bigram() -> None:
    found = terms("công tác của các cộng tác viên")
    assert "của" not in found
    assert "các" not in found
    assert "tác của" not in found
    assert "công tác" in found
    assert "cộng tác" in found


def test_bigrams_do_not_cross_punctuation_or_numbers() -> None:
    found = terms("hội nghị, tổng kết năm 2020 nhiệm kỳ")
    assert "nghị tổng" not in found
    assert "kết nhiệm" not in found
    assert "nhiệm kỳ" in found
    assert "2020" not in found


def test_terms_limit_keeps_only_the_lead() -> None:
    assert terms("hiến máu tình nguyện", limit=2) == ["hiến", "máu", "hiến máu"]
    assert terms("hiến máu, tình nguyện", limit=3) == ["hiến", "máu", "hiến máu"]  # "|" counts as a token


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["an", "anh", "á", "b", "ba", "bà", "bạn", "|", "và"]), max_size=12))
def test_term_keys_sort_as_the_terms_do(words: list[str]) -> None:
    vocabulary = core.Vocabulary()
    occurrences = vocabulary.occurrences([vocabulary.numbers(" ".join(words))], np.zeros(1, dtype=np.int32))
    names = [occurrences.name(key) for key in sorted(occurrences.key)]
    assert names == sorted(names)


def test_plain_text_keeps_a_boundary_at_every_tag_and_unescapes() -> None:
    text = core.plain_text("<p>hội nghị</p><p>Đồng chí &amp; &#8220;cộng tác viên&#8221;</p><script>var x</script>")
    assert "nghịĐồng" not in text
    assert "& “cộng tác viên”" in text
    assert "var x" not in text


def corpus() -> list[core.Record]:
    return [
        record("dlxh-2020", DLXH, title="Tổng kết công tác dư luận xã hội năm 2020", tags=("dư luận xã hội",)),
        record("dlxh-2021", DLXH, title="Sơ kết công tác dư luận xã hội 2021", tags=("dư luận xã hội",), days=180),
        record("dlxh-2023", DLXH, title="Kiện toàn cộng tác viên dư luận xã hội", days=700),
        record("hien-mau", HIEN_MAU, title="Ngày hội hiến máu tình nguyện", category="Đoàn thể", days=30),
        record("hien-mau-2", HIEN_MAU, title="Hành trình Đỏ hiến máu", category="Đoàn thể", days=60),
        record("generic", GENERIC, title="Đảng ủy Khối triển khai nhiệm vụ", tags=("hội nghị",), days=10),
    ]


def test_computed_related_prefers_the_same_topic_over_generic_words() -> None:
    chosen = core.choose_related(corpus(), {}, core.Config(count=2))
    assert chosen["dlxh-2020"] == ["dlxh-2021", "dlxh-2023"]
    assert chosen["hien-mau"][0] == "hien-mau-2"


def test_never_the_article_itself_and_never_duplicates() -> None:
    chosen = core.choose_related(corpus(), {"dlxh-2020": ["dlxh-2020", "dlxh-2021", "dlxh-2021"]}, core.Config())
    for slug, items in chosen.items():
        assert slug not in items
        assert len(items) == len(set(items))


def test_explicit_slugs_come_first_in_the_editors_order_then_computed() -> None:
    explicit = {"dlxh-2020": ["hien-mau", "generic"]}
    chosen = core.choose_related(corpus(), explicit, core.Config(count=3, reciprocal=False))
    assert chosen["dlxh-2020"] == ["hien-mau", "generic", "dlxh-2021"]


def test_explicit_slugs_are_all_kept_even_beyond_count() -> None:
    explicit = {"dlxh-2020": ["hien-mau", "generic", "hien-mau-2"]}
    chosen = core.choose_related(corpus(), explicit, core.Config(count=2, reciprocal=False))
    assert chosen["dlxh-2020"] == ["hien-mau", "generic", "hien-mau-2"]


def test_reciprocal_links_follow_own_choices_and_can_be_switched_off() -> None:
    explicit = {"generic": ["hien-mau"], "dlxh-2023": ["hien-mau"]}
    on = core.choose_related(corpus(), explicit, core.Config(count=5, reciprocal=True))
    off = core.choose_related(corpus(), explicit, core.Config(count=5, reciprocal=False))
    assert on["hien-mau"][:2] == ["dlxh-2023", "generic"]  # newest first
    assert "dlxh-2023" not in off["hien-mau"]


def test_unrelated_articles_get_no_computed_items() -> None:
    records = [record("a", "hiến máu tình nguyện"), record("b", "số hóa hồ sơ đảng viên")]
    assert core.choose_related(records, {}, core.Config()) == {"a": [], "b": []}


def test_ties_go_to_the_newer_article_then_the_slug() -> None:
    twins = [
        record("query", HIEN_MAU, title="x"),
        record("older", HIEN_MAU, title="x", days=-10),
        record("newer-b", HIEN_MAU, title="x", days=10),
        record("newer-a", HIEN_MAU, title="x", days=10),
        record("unrelated", GENERIC, title="y"),  # terms on every article weigh nothing (IDF 0)
    ]
    weights = core.Weights(text=1, tags=0, category=0, recency=0)
    chosen = core.choose_related(twins, {}, core.Config(count=3, weights=weights))
    assert chosen["query"] == ["newer-a", "newer-b", "older"]


def test_recency_prefers_the_story_closer_in_time() -> None:
    stories = [
        record("query", HIEN_MAU, title="x"),
        record("far", HIEN_MAU, title="x", days=-2000),
        record("near", HIEN_MAU, title="x", days=-20),
        record("unrelated", GENERIC, title="y"),
    ]
    assert core.choose_related(stories, {}, core.Config(count=2))["query"] == ["near", "far"]
    assert core.recency(365.0, 365) == 0.5


def test_same_category_is_newest_first_without_itself_or_skipped_items() -> None:
    records = [record(f"s{n}", "x", days=n) for n in range(6)] + [record("other", "x", category="Đoàn thể", days=9)]
    same = core.same_category(records, 3, {"s0": ["s5"]})
    assert same["s0"] == ["s4", "s3", "s2"]
    assert same["other"] == []


def test_category_neighbours_are_older_and_newer_in_the_same_category() -> None:
    records = [record("a", "x", days=1), record("b", "x", days=2), record("c", "x", days=3)]
    records.append(record("d", "x", category="Đoàn thể", days=2))
    neighbours = core.category_neighbours(records)
    assert neighbours["b"] == ("a", "c")
    assert neighbours["a"] == (None, "b")
    assert neighbours["d"] == (None, None)


def test_resolve_explicit_reports_unknown_and_silently_drops_excluded() -> None:
    found, unknown = core.resolve_explicit(["a", "sample", "typo", "a"], {"a": 1}, {"sample"})
    assert found == [1]
    assert unknown == ["typo"]


def test_common_keys_nominate_nobody_at_scale(monkeypatch) -> None:
    records = [record(f"s{n}", HIEN_MAU, days=n) for n in range(4)] + [record("other", GENERIC)]
    assert core.choose_related(records, {}, core.Config())["s0"] == ["s1", "s2", "s3"]  # nearest in time first
    monkeypatch.setattr(core, "MAX_POSTINGS", 3)  # every shared term is now on too many articles
    assert core.choose_related(records, {}, core.Config())["s0"] == []


def test_scoring_in_blocks_changes_nothing(monkeypatch) -> None:
    explicit = {"dlxh-2020": ["hien-mau"], "generic": ["dlxh-2021"]}
    whole = core.choose_related(corpus(), explicit, core.Config(count=3))
    monkeypatch.setattr(core, "ROWS_PER_BLOCK", 2)
    assert core.choose_related(corpus(), explicit, core.Config(count=3)) == whole


words = st.sampled_from(
    [
        "hội",
        "nghị",
        "dư",
        "luận",
        "xã",
        "hội",
        "hiến",
        "máu",
        "tình",
        "nguyện",
        "đảng",
        "viên",
        "chi",
        "bộ",
        "số",
        "hóa",
        "cộng",
        "tác",
        "viên",
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(st.lists(words, min_size=1, max_size=12).map(" ".join), min_size=2, max_size=9),
    seed=st.integers(0, 1000),
)
def test_result_is_deterministic_and_clean_for_any_input_order(texts: list[str], seed: int) -> None:
    records = [record(f"bai-{n}", text, days=n % 3) for n, text in enumerate(texts)]
    shuffled = records[:]
    random.Random(seed).shuffle(shuffled)
    config = core.Config(count=3)
    first = core.choose_related(records, {}, config)
    assert core.choose_related(shuffled, {}, config) == first
    for slug, items in first.items():
        assert slug not in items
        assert len(items) == len(set(items)) <= 3


def test_no_articles_gives_no_related_lists():
    from plugins.related.core import Config, choose_related

    assert choose_related([], {}, Config()) == {}
