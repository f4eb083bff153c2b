"""Parallel map over forked processes, shared by the plugins that use both cores; no Pelican import.

Why fork and not ``multiprocessing.Pool``/``ProcessPoolExecutor``: the work
function closes over Pelican's reader (a configured Markdown instance, settings
holding functions), which cannot be pickled to a pool's workers. A forked child
inherits it as it is; only the results travel back, pickled, as Pelican's own
content cache pickles them anyway. Log records emitted in a child are shipped
back with its results and re-emitted in the parent, so ``--fatal warnings`` and
the log collectors of the tests still see every warning.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Outcome:
    """What one call produced: a value, or the exception's text; plus the log records it emitted."""

    value: Any = None
    error: str | None = None
    records: list[logging.LogRecord] = field(default_factory=list)


class _Recorder(logging.Handler):
    """Keeps the records emitted during one call, made picklable (message formatted, no traceback object)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        record.exc_info, record.exc_text = None, None
        self.records.append(record)


def _call(function: Callable[[Any], Any], item: Any) -> Outcome:
    """``function(item)`` with its log records held back (not printed) and any exception turned into data.

    The root logger's handlers are swapped for a recorder during the call, so a
    record is emitted exactly once: by ``replay`` after a success, or by
    Pelican's own sequential read after a failure.
    """
    recorder = _Recorder()
    root = logging.getLogger()
    handlers, root.handlers = root.handlers, [recorder]
    try:
        return Outcome(value=function(item), records=recorder.records)
    except Exception as exc:
        return Outcome(error=f"{type(exc).__name__}: {exc}", records=recorder.records)
    finally:
        root.handlers = handlers


def _run_share(function: Callable[[Any], Any], items: Sequence[Any]) -> list[Outcome]:
    return [_call(function, item) for item in items]


def replay(records: Iterable[logging.LogRecord]) -> None:
    """Hand records captured by ``_call`` to the handlers, as if they had just been logged.

    The loggers' filters already ran when the record was made (Pelican's
    duplicate limiter among them), so they are not applied a second time.
    With ``--fatal warnings`` Pelican raises inside the logging call itself;
    that makes the item fail and Pelican reads it again sequentially.
    """
    for record in records:
        logging.getLogger(record.name).callHandlers(record)


class _SharingPickler(pickle.Pickler):
    """Sends objects both processes already hold (the settings) as a name instead of a copy."""

    def __init__(self, file: Any, shared: Mapping[str, Any]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._names = {id(value): name for name, value in shared.items()}

    def persistent_id(self, obj: Any) -> str | None:
        return self._names.get(id(obj))


class _SharingUnpickler(pickle.Unpickler):
    def __init__(self, file: Any, shared: Mapping[str, Any]) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: str) -> Any:
        return self._shared[pid]


def fork_map(
    function: Callable[[Any], Any], items: Sequence[Any], workers: int, shared: Mapping[str, Any] | None = None
) -> list[Outcome]:
    """``function`` over ``items`` in ``workers`` processes (this one included), results in input order.

    Items are dealt round-robin so that each process gets a similar mix of long
    and short ones. A child that dies without answering makes its items come
    back as errors, never as silently missing results. Objects in ``shared``
    (inherited by the children through fork) come back as the parent's own
    object, not a copy: Pelican's categories and tags point at the settings,
    which may hold functions that cannot be pickled, and must stay one object.
    """
    shared = shared or {}
    workers = max(1, min(workers, len(items)))
    shares = [list(range(start, len(items), workers)) for start in range(workers)]
    children: list[tuple[int, int, list[int]]] = []
    for share in shares[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: compute its share, send it, never return into the parent's code
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as out:
                    _SharingPickler(out, shared).dump(_run_share(function, [items[i] for i in share]))
            finally:
                os._exit(0)
        os.close(write_end)
        children.append((pid, read_end, share))
    outcomes: list[Outcome | None] = [None] * len(items)
    for index, outcome in zip(shares[0], _run_share(function, [items[i] for i in shares[0]]), strict=True):
        outcomes[index] = outcome
    for pid, read_end, share in children:
        with os.fdopen(read_end, "rb") as incoming:
            try:
                answers = _SharingUnpickler(incoming, shared).load()
            except (EOFError, pickle.UnpicklingError, KeyError):
                answers = [Outcome(error="worker process ended without a result")] * len(share)
        os.waitpid(pid, 0)
        for index, outcome in zip(share, answers, strict=True):
            outcomes[index] = outcome
    return [outcome or Outcome(error="no result") for outcome in outcomes]


def worker_count(setting: int | None, cpus: int | None) -> int:
    """A ``*_WORKERS`` setting: 0 (or None) means one per CPU core."""
    return setting if setting and setting > 0 else max(1, cpus or 1)


def available_cpus() -> int | None:
    """Cores this process may run on (macOS lacks ``sched_getaffinity``)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
