"""One object per build for the hooks of every article: kept in Pelican's build context; no Pelican import.

Pelican makes one context dict per ``Pelican.run`` and every content object holds
it as ``_context``: the one per-build object a content signal can reach. A plugin
keeps there what all articles of a build share (settings read once, a cache file
loaded once); the hook that finishes with it pops it, so no state outlives a
build and templates never see it.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any, TypeVar

T = TypeVar("T")


def of_build(context: MutableMapping[str, Any] | None, key: str, make: Callable[[], T]) -> T:
    """The build's object under ``key``, made by ``make`` on first use; without a build context, a fresh one."""
    if context is None:
        return make()
    if key not in context:
        context[key] = make()
    return context[key]
