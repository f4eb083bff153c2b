"""Apply the HTML policy to every article and page as Pelican creates it."""

from __future__ import annotations

from functools import cache
from typing import Any

from plugins.common.settings import merged
from plugins.html_policy import core
from plugins.html_policy.settings import DEFAULTS


@cache
def _cleaner(extra_tags: frozenset[str]) -> Any:
    """One cleaner per allowlist (the allowlist is fixed for a build)."""
    return core.make_cleaner(extra_tags)


def clean_content(content: Any) -> None:
    """``content_object_init``: clean body and summary, make the title plain text, before anything renders them."""
    extra = frozenset(merged(DEFAULTS, content.settings, "HTML_POLICY_")["HTML_POLICY_EXTRA_TAGS"])
    cleaner = _cleaner(extra)
    content._content = core.clean(content._content, cleaner)
    if getattr(content, "title", None):
        content.title = content.metadata["title"] = core.plain_text(content.title)
    if "summary" in content.metadata:
        content.metadata["summary"] = core.clean(content.metadata["summary"], cleaner)
        content._summary = content.metadata["summary"]
