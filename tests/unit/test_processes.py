"""plugins/common/processes.py: forked map, log capture and replay, worker counts."""

from __future__ import annotations

import logging
import os

import pytest

from plugins.common import processes


def square(n: int) -> int:
    return n * n


def test_fork_map_keeps_input_order_across_processes() -> None:
    outcomes = processes.fork_map(square, list(range(11)), workers=3)
    assert [o.value for o in outcomes] == [n * n for n in range(11)]
    assert all(o.error is None for o in outcomes)


def test_fork_map_really_uses_several_processes() -> None:
    pids = {o.value for o in processes.fork_map(lambda _: os.getpid(), list(range(6)), workers=2)}
    assert len(pids) == 2
    assert os.getpid() in pids  # the parent does its share instead of idling


def test_a_failing_item_comes_back_as_an_error_and_the_others_succeed() -> None:
    def fragile(n: int) -> int:
        if n == 3:
            raise ValueError("bài số 3 hỏng")
        return n

    outcomes = processes.fork_map(fragile, list(range(6)), workers=2)
    assert outcomes[3].error == "ValueError: bài số 3 hỏng"
    assert [o.value for i, o in enumerate(outcomes) if i != 3] == [0, 1, 2, 4, 5]


def test_an_unpicklable_result_in_a_child_is_an_error_not_a_hang_or_a_loss() -> None:
    outcomes = processes.fork_map(lambda n: (lambda: n), list(range(4)), workers=2)  # lambdas cannot be pickled
    assert [o.error is None for o in outcomes] == [True, False, True, False]  # parent's share needs no pickling


def test_shared_objects_come_back_as_the_parents_own_even_when_unpicklable() -> None:
    settings = {"ARTICLE_ORDER_BY": lambda article: article, "SITENAME": "Đảng ủy Khối"}
    outcomes = processes.fork_map(lambda n: (n, settings), [1, 2], workers=2, shared={"settings": settings})
    assert [o.error for o in outcomes] == [None, None]
    assert all(o.value[1] is settings for o in outcomes)


def test_log_records_are_held_back_then_replayed_once(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("tests.build_cache")

    def noisy(n: int) -> int:
        log.warning("Ảnh thiếu chú thích trong bài %d", n)
        return n

    with caplog.at_level(logging.WARNING):
        outcomes = processes.fork_map(noisy, [1, 2], workers=2)
        assert caplog.messages == []  # nothing printed while reading
        for outcome in outcomes:
            processes.replay(outcome.records)
    assert caplog.messages == ["Ảnh thiếu chú thích trong bài 1", "Ảnh thiếu chú thích trong bài 2"]


@pytest.mark.parametrize(("setting", "cpus", "expected"), [(0, 2, 2), (None, 2, 2), (0, None, 1), (1, 8, 1), (3, 2, 3)])
def test_worker_count(setting: int | None, cpus: int | None, expected: int) -> None:
    assert processes.worker_count(setting, cpus) == expected
