"""Which pages must be rendered again: digests of what a template can see, and a manifest of what was written.

Why our own code: Pelican renders and rewrites every page on every build (its
content cache only spares the Markdown), and no official plugin or Pelican
option skips unchanged pages. At 5,000 articles that is most of a warm build.

A page's *signature* is a digest of the values its template tree can read
(``TemplateIndex``: the names Jinja's own ``meta`` module finds in the
template and everything it extends, includes or imports) as they stand in the
page's context, plus the sources of those templates and a fingerprint of the
code and settings. Equal signature and an output file untouched since we wrote
it (size and mtime as recorded) → the page would come out byte for byte the
same, so it is not rendered. Anything the digest cannot describe for certain
(an object whose only representation is its memory address) makes the page
always render: a missed skip costs time, a wrong skip would publish stale HTML.

No Pelican import: content objects are described through ``summarisers``
that the hooks supply per type.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta

from plugins.common.files import write_atomically

# Attributes never digested: the settings and the site context every content object carries
# (the settings are covered by the code fingerprint, the context's parts by the page's own names).
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context"})
MAX_DEPTH = 16
_SCALARS = (str, int, float, bool, type(None), bytes)


class Undigestable(Exception):
    """A value with no stable description: the page that shows it is always rendered."""


@dataclass(frozen=True)
class Summariser:
    """How to describe one kind of object (Pelican's articles and pages): as plain data, and by a key.

    An article page shows its article with the articles it points at (related,
    previous and next), whose titles and summaries appear too, but not what
    *those* point at. So the digest of a value bound to a template name is its
    own data, where other articles stand as their keys, followed by the own
    data of each article it points at. An article inside a list (a card on a
    list page) is digested by its own data only: a card shows the article, not
    its related articles. Articles that point at each other cost one walk
    each, however they nest.
    """

    summarise: Callable[[Any], Any]
    key: Callable[[Any], str]


class Digester:
    """Stable digests of template values, memoised for one build.

    Memo entries keep the object alive, so an ``id`` is never reused by another
    object while the entry exists. A summarised object's own data is written
    out as text once and hashed in one call: at thousands of articles the cost
    is the walk, so types are sorted into kinds once, not tested per value.
    """

    def __init__(self, summarisers: Mapping[type, Summariser]) -> None:
        self._summarisers = tuple(summarisers.items())
        self._by_type: dict[type, Summariser | None] = {}
        self._type_names: dict[type, str] = {}
        self._generated_reprs: dict[type, bool] = {}
        self._name_orders: dict[frozenset[str], list[tuple[str, bytes]]] = {}
        self._memo: dict[int, tuple[Any, bytes]] = {}
        self._own: dict[int, tuple[Any, bytes, dict[str, Any]]] = {}
        self._fulls: dict[int, tuple[Any, bytes]] = {}

    def digest(self, values: Mapping[str, Any], names: Iterable[str]) -> str | None:
        """Digest of ``values[name]`` for each of ``names`` present; None when one cannot be described."""
        names = names if isinstance(names, frozenset) else frozenset(names)
        order = self._name_orders.get(names)
        if order is None:  # one template tree's names serve all its pages
            order = self._name_orders[names] = [(name, name.encode()) for name in sorted(names)]
        out = hashlib.blake2b(digest_size=20)
        try:
            for name, encoded in order:
                if name in values:
                    out.update(encoded)
                    out.update(self.value(values[name]))
        except Undigestable:
            return None
        return out.hexdigest()

    def prepare(self, value: Any) -> None:
        """Digest ``value`` now and remember it, so later digests see it as it was (scalars need no memo)."""
        if not isinstance(value, _SCALARS):
            with contextlib.suppress(Undigestable):
                self.value(value)

    def value(self, value: Any, depth: int = 0) -> bytes:
        """The digest of one value; lists and plain objects by their parts, summarised objects in full."""
        found = self._memo.get(id(value))
        if found is not None:
            return found[1]
        if isinstance(value, _SCALARS):
            made = _scalar(value)
            if depth == 0:  # a page's names: mostly settings, the same strings on every page
                self._memo[id(value)] = (value, made)
            return made
        summariser = self._summariser(value)
        if summariser is not None:  # a page's own article in full; one in a list by its own data
            return self._full(value, summariser) if depth == 0 else self._own_data(value, summariser)[0]
        if depth > MAX_DEPTH:
            raise Undigestable(f"nested deeper than {MAX_DEPTH}")
        digests = [self._type_name(value).encode()]
        own = self._own
        for part in self._parts(value):
            known = own.get(id(part))  # a summarised item: its own data (lists of articles are long)
            digests.append(known[1] if known is not None else self.value(part, depth + 1))
        made = hashlib.blake2b(b"".join(digests), digest_size=20).digest()
        self._memo[id(value)] = (value, made)
        return made

    def _full(self, value: Any, summariser: Summariser) -> bytes:
        found = self._fulls.get(id(value))
        if found is None:
            own, refs = self._own_data(value, summariser)
            out = hashlib.blake2b(own, digest_size=20)
            for key in sorted(refs):
                ref = refs[key]
                out.update(self._own_data(ref, self._summariser(ref))[0])
            found = self._fulls[id(value)] = (value, out.digest())
        return found[1]

    def _own_data(self, value: Any, summariser: Summariser) -> tuple[bytes, dict[str, Any]]:
        """Digest of a summarised object's own data, and the summarised objects it names (by key)."""
        found = self._own.get(id(value))
        if found is None:
            text, refs = [self._type_name(value)], {}
            self._write(summariser.summarise(value), text, refs, 0)
            made = hashlib.blake2b("".join(text).encode("utf-8", "surrogatepass"), digest_size=20).digest()
            found = self._own[id(value)] = (value, made, refs)
        return found[1], found[2]

    def _write(self, value: Any, text: list[str], refs: dict[str, Any], depth: int) -> None:
        """Append a self-delimiting description of ``value`` to ``text``; a summarised object inside it is
        written as its key and collected in ``refs``."""
        if isinstance(value, _SCALARS):
            text.append(_token(value))
            return
        if depth > MAX_DEPTH:
            raise Undigestable(f"nested deeper than {MAX_DEPTH}")
        summariser = self._summariser(value)
        if summariser is not None:
            self._write_key(value, summariser, text, refs)
            return
        text.append(self._type_name(value))
        kind = type(value)
        if kind is dict:  # the summaries themselves: the common case, without the general walk
            parts: Any = _mapping_parts(value)
        elif kind is list or kind is tuple:
            parts = value
        elif self._has_generated_repr(kind) and (shown := _plain_repr(value)) is not None:
            text.append(_token(shown))  # one string instead of a walk: a photo's variants are dozens of values
            return
        else:
            parts = self._parts(value)
        text.append(f"{len(parts)}(")
        by_type = self._by_type
        for part in parts:  # the commonest parts written here: a call per part is most of the cost
            kind = type(part)
            if kind is str:
                text.append(f"str{len(part)}:{part}")
            elif (summariser := by_type.get(kind)) is not None:
                self._write_key(part, summariser, text, refs)
            else:
                self._write(part, text, refs, depth + 1)

    @staticmethod
    def _write_key(value: Any, summariser: Summariser, text: list[str], refs: dict[str, Any]) -> None:
        key = summariser.key(value)
        refs[key] = value
        text.append(_token(key))

    def _summariser(self, value: Any) -> Summariser | None:
        kind = type(value)
        if kind not in self._by_type:
            self._by_type[kind] = next((s for t, s in self._summarisers if isinstance(value, t)), None)
        return self._by_type[kind]

    def _type_name(self, value: Any) -> str:
        kind = type(value)
        name = self._type_names.get(kind)
        if name is None:
            name = self._type_names[kind] = f"{kind.__module__}.{kind.__qualname__}|"
        return name

    def _has_generated_repr(self, kind: type) -> bool:
        """A dataclass whose generated repr shows every field (a hand-written repr may leave some out)."""
        found = self._generated_reprs.get(kind)
        if found is None:
            found = self._generated_reprs[kind] = (
                dataclasses.is_dataclass(kind)
                and hasattr(kind.__repr__, "__wrapped__")
                and all(f.repr for f in dataclasses.fields(kind))
            )
        return found

    def _parts(self, value: Any) -> list[Any]:
        """What an object is made of, in a stable order."""
        if isinstance(value, list | tuple | Mapping | set | frozenset):
            return self._collection_parts(value)
        if isinstance(value, dt.datetime | dt.date | dt.time):
            return [value.isoformat(), str(getattr(value, "tzinfo", None))]
        if callable(value) and hasattr(value, "__qualname__"):  # functions, classes: their code is fingerprinted
            return [getattr(value, "__module__", "") or "", value.__qualname__]
        if dataclasses.is_dataclass(value):
            return [item for f in dataclasses.fields(value) for item in (f.name, getattr(value, f.name))]
        if hasattr(value, "__dict__"):
            return self._collection_parts({k: v for k, v in vars(value).items() if k not in SKIPPED_ATTRIBUTES})
        text = repr(value)
        if type(value).__repr__ is object.__repr__ or " at 0x" in text:
            raise Undigestable(f"no stable description of {type(value).__name__}")
        return [text]

    def _collection_parts(self, value: Any) -> list[Any]:
        if isinstance(value, Mapping):
            return _mapping_parts(value)
        if isinstance(value, set | frozenset):
            return sorted(self.value(item) for item in value)  # items' digests: one order in every process
        return list(value)


class TemplateIndex:
    """What each template can read: every top-level name in it and in the templates it pulls in.

    Names come from Jinja's own ``meta`` module; each template file is parsed
    once per build, however many page templates include it.
    """

    def __init__(self, environment: Environment) -> None:
        self.environment = environment
        self._files: dict[str, tuple[frozenset[str], tuple[str | None, ...], bytes]] = {}
        self._trees: dict[str, tuple[frozenset[str], str] | None] = {}

    def variables(self, name: str) -> tuple[frozenset[str], str] | None:
        """Names readable from template ``name`` and a digest of the sources involved.

        None when a template is chosen at render time (``{% include some_variable %}``):
        what it reads cannot be known in advance.
        """
        if name not in self._trees:
            self._trees[name] = self._tree(name)
        return self._trees[name]

    def _tree(self, name: str) -> tuple[frozenset[str], str] | None:
        names: set[str] = set()
        sources = hashlib.blake2b(digest_size=20)
        pending, seen = [name], set()
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            found, referenced, source = self._file(current)
            names |= found
            sources.update(source)
            if None in referenced:
                return None
            pending.extend(r for r in referenced if r is not None)
        return frozenset(names), sources.hexdigest()

    def _file(self, name: str) -> tuple[frozenset[str], tuple[str | None, ...], bytes]:
        if name not in self._files:
            source, _, _ = self.environment.loader.get_source(self.environment, name)
            tree = self.environment.parse(source)
            found = frozenset(meta.find_undeclared_variables(tree))
            digest = hashlib.blake2b(f"{name}\0{source}".encode(), digest_size=20).digest()
            self._files[name] = (found, tuple(meta.find_referenced_templates(tree)), digest)
        return self._files[name]


@dataclass(frozen=True)
class Written:
    """One output file as we left it: the signature of its inputs, its size and modification time."""

    signature: str
    size: int
    mtime_ns: int


@dataclass
class Manifest:
    """The pages one build wrote into one output folder, with their signatures."""

    output: str
    fingerprint: str
    pages: dict[str, Written] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, output: str, fingerprint: str) -> Manifest:
        """The previous build's manifest, or an empty one when it was another folder, other code or unreadable."""
        try:
            with path.open("rb") as handle:
                found = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            return cls(output, fingerprint)
        if not isinstance(found, cls) or found.output != output or found.fingerprint != fingerprint:
            return cls(output, fingerprint)
        return found

    def is_current(self, relative: str, signature: str | None) -> bool:
        """The file at ``relative`` is what a render with ``signature`` would write."""
        known = self.pages.get(relative)
        if signature is None or known is None or known.signature != signature:
            return False
        return _stat(os.path.join(self.output, relative)) == (known.size, known.mtime_ns)

    def successor(self, signatures: Mapping[str, str | None]) -> Manifest:
        """The manifest of this build: every page it wrote (or kept) with a signature, as now on disk."""
        made = Manifest(self.output, self.fingerprint)
        for relative, signature in signatures.items():
            stat = _stat(os.path.join(self.output, relative))
            if signature is not None and stat is not None:
                made.pages[relative] = Written(signature, *stat)
        return made

    def stale(self, kept: Iterable[str]) -> list[str]:
        """Pages the previous build wrote, this one did not, and nobody changed since: safe to delete."""
        kept = set(kept)
        return sorted(
            relative
            for relative, known in self.pages.items()
            if relative not in kept and _stat(os.path.join(self.output, relative)) == (known.size, known.mtime_ns)
        )

    def save(self, path: Path) -> None:
        """Atomically: a half-written manifest must never look valid."""
        write_atomically(path, pickle.dumps(self, pickle.HIGHEST_PROTOCOL))


def _mapping_parts(value: Mapping[Any, Any]) -> list[Any]:
    """Keys (as text) and values, alternating, in key order: one order in every process."""
    return [item for key in sorted(value, key=str) for item in (str(key), value[key])]


def _scalar(value: Any) -> bytes:
    return _token(value).encode("utf-8", "surrogatepass")


def _token(value: Any) -> str:
    """A scalar as its type, length and text: no two values of any types give the same token."""
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return f"{type(value).__name__}{len(text)}:{text}"


def _plain_repr(value: Any) -> str | None:
    """``repr(value)``, unless it shows some object by its address."""
    text = repr(value)
    return None if " at 0x" in text else text


def remove_pages(output: Path, relatives: Iterable[str]) -> None:
    """Delete pages and then the folders they leave empty (a cold build would not have them)."""
    for relative in relatives:
        target = output / relative
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == output or not folder.is_relative_to(output):
                break
            try:
                folder.rmdir()
            except OSError:  # not empty (or already gone)
                break


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
