"""A fingerprint of the code behind a cache; no Pelican import.

(The forked map that reads articles on every core is shared with other plugins: plugins/common/processes.py.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def fingerprint(parts: Iterable[bytes]) -> str:
    """A short stable hash of everything that decides what a cached entry contains."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]
