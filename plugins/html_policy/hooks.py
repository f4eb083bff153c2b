"""Apply the HTML policy to every article and page as Pelican creates it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from plugins.build_cache.core import code_fingerprint_of
from plugins.common import pelican_api
from plugins.common.build_context import of_build
from plugins.html_policy import core
from plugins.html_policy.settings import Settings

MEMO_FILE = "html-policy-memo.pickle"


class BuildPolicy:
    """What every article of one build shares: the cleaner and the results of earlier builds.

    Cleaning runs on every build, also for articles Pelican's content cache
    served; ``core.clean`` is a pure function of its input and of the policy, so
    its results are kept in ``CACHE_PATH`` under a digest of the input, in a
    memo versioned by ``policy_fingerprint``. Lives in the build's context
    (``plugins.common.build_context``) from the first article until ``save_memo``
    saves the memo and removes it.
    """

    CONTEXT_KEY = "html_policy_build"

    def __init__(self, settings: dict[str, Any], memo_file: Path | None) -> None:
        extra = frozenset(Settings.of(settings).HTML_POLICY_EXTRA_TAGS)
        self.cleaner = core.make_cleaner(extra)
        self.summary_cleaner = core.make_summary_cleaner(extra)
        self.memo = core.FileMemo(memo_file, policy_fingerprint(extra))

    def clean(self, markup: str, *, summary: bool = False) -> str:
        """What ``core.clean`` returns, from the memo when an earlier build cleaned the same HTML."""
        if not markup:
            return markup
        key = ("summary:" if summary else "") + hashlib.sha256(markup.encode("utf-8", "surrogatepass")).hexdigest()
        cleaned = self.memo.get(key)
        if cleaned is None:
            cleaned = core.clean(markup, self.summary_cleaner if summary else self.cleaner)
            self.memo.put(key, cleaned)
        return cleaned

    @classmethod
    def of(cls, context: dict[str, Any] | None, settings: dict[str, Any]) -> BuildPolicy:
        """The build's instance (made on first use); a content object without a context gets its own."""
        memo_file = None if context is None else Path(settings["CACHE_PATH"]) / MEMO_FILE  # saved at the build's end
        return of_build(context, cls.CONTEXT_KEY, lambda: cls(settings, memo_file))


def policy_fingerprint(extra_tags: frozenset[str]) -> str:
    """Everything ``core.clean``'s result depends on besides its input: the allowlist (code, extra tags) and nh3."""
    return code_fingerprint_of([core], ["nh3"], ["\n".join(sorted(extra_tags)).encode()])


def clean_content(content: Any) -> None:
    """``content_object_init``: clean body and summary, make the title plain text, before anything renders them."""
    policy = BuildPolicy.of(pelican_api.shared_context(content), content.settings)
    pelican_api.set_body_html(content, policy.clean(pelican_api.body_html(content)))
    if getattr(content, "title", None):
        content.title = content.metadata["title"] = core.plain_text(content.title)
    if "summary" in content.metadata:
        content.metadata["summary"] = policy.clean(content.metadata["summary"], summary=True)
        pelican_api.set_summary_html(content, content.metadata["summary"])


def save_memo(generators: list[Any]) -> None:
    """``all_generators_finalized``: every article has been cleaned; keep the results for the next build."""
    policy = generators[0].context.pop(BuildPolicy.CONTEXT_KEY, None)
    if policy is not None:
        policy.memo.save()
