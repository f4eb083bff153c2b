"""Choosing related articles, as plain Python over plain records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")


def resolve_explicit(slugs: Sequence[str], by_slug: Mapping[str, T], excluded: set[str]) -> tuple[list[T], list[str]]:
    """The articles named by ``slugs`` in order, and the slugs that name nothing.

    Slugs in ``excluded`` (articles that exist but are not published in this
    build, such as samples when samples are off) are dropped without error.
    Duplicates are kept once.
    """
    found: list[T] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen or slug in excluded:
            continue
        seen.add(slug)
        if slug in by_slug:
            found.append(by_slug[slug])
        else:
            unknown.append(slug)
    return found, unknown
