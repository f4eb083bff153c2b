"""Glue between Pelican's writer and ``core``: deferred, parallel, incremental page rendering."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.contents import Content, Static
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from plugins.build_cache.core import code_fingerprint, pinned
from plugins.common import pelican_api
from plugins.common.processes import available_cpus, fork_map, replay, worker_count
from plugins.page_writer import core
from plugins.page_writer.fragments import FragmentMemo
from plugins.page_writer.settings import Settings

_WRITERS: list[PageWriter] = []  # the writer of the build in progress (Pelican keeps it to itself)


def provide_writer(_pelican: Any) -> type[Writer]:
    """``get_writer``: Pelican instantiates the class we return."""
    _WRITERS.clear()  # a build that failed before ``finalized`` leaves nothing to write later
    return PageWriter


def keep_compiled_templates(generator: Any) -> None:
    """``generator_init``: Jinja's compiled templates kept in CACHE_PATH between builds.

    Each generator has its own Jinja environment and compiles every template it
    uses from source on every build (0.3 s of a warm build). Jinja's bytecode
    cache keys each entry by the template's name and a checksum of its source.
    """
    config = Settings.of(generator.settings)
    folder = Path(generator.settings.get("CACHE_PATH", "cache"), config.PAGE_WRITER_BYTECODE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def add_fragment_memo(generator: Any) -> None:
    """``generator_init``: the theme's ``{% memo %}`` tag (``fragments``), one fragment store per generator."""
    generator.env.add_extension(FragmentMemo)


def write_pending_pages(_pelican: Any) -> None:
    """``finalized``: every generator has asked for its pages; render and write them now."""
    while _WRITERS:
        _WRITERS.pop().flush()


def summarise_paginator(paginator: Paginator) -> dict[str, Any]:
    """What a list page shows of the whole list: its size and page count, not every item (each page has its own)."""
    return {
        "name": paginator.name,
        "url": paginator.url,
        "per_page": paginator.per_page,
        "orphans": paginator.orphans,
        "count": paginator.count,
        "num_pages": paginator.num_pages,
    }


def summarise_taxon(taxon: URLWrapper) -> dict[str, str]:
    """A category, tag or author: Pelican copies ``name`` and ``slug`` onto it lazily, so read them, not its fields."""
    return {"name": taxon.name, "slug": taxon.slug}


def summarisers(ignored_attributes: list[str]) -> dict[type, core.Summariser]:
    """Pelican's objects as templates see them; ``ignored_attributes`` are plugin data no template reads."""
    skipped = core.SKIPPED_ATTRIBUTES | {"_content", "metadata", *ignored_attributes}

    def summarise_content(content: Content) -> dict[str, Any]:
        """An article or page: its attributes, with its HTML as published (links resolved)."""
        state = {k: v for k, v in vars(content).items() if k not in skipped}  # metadata: each is an attribute too
        state["content"] = content.content
        return state

    return {
        URLWrapper: core.Summariser(summarise_taxon, lambda taxon: f"{type(taxon).__name__}:{taxon.slug}"),
        Content: core.Summariser(summarise_content, lambda content: f"content:{content.source_path}"),
        Paginator: core.Summariser(summarise_paginator, lambda paginator: f"paginator:{paginator.name}"),
    }


@dataclass
class Request:
    """One ``write_file`` call, kept until every generator has made its own."""

    name: str
    template: Any
    context: dict[str, Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def overrides(self) -> bool:
        """``override_output`` makes the order of writes matter: such builds render in one process."""
        return pelican_api.override_requested(self.args, self.kwargs)

    def context_of(self, relative: str) -> dict[str, Any]:
        """The page's context as ``content_written`` receivers expect it (pagination objects aside)."""
        return {**self.context, **self.kwargs, "output_file": relative}


class _TrackedTemplate:
    """Pelican calls ``render`` on the template it is given; the writer decides whether to really render."""

    def __init__(self, template: Any, writer: PageWriter) -> None:
        self.template, self.writer = template, writer

    def render(self, context: dict[str, Any]) -> str:
        return self.writer.render_page(self.template, context)


class PageWriter(pelican_api.OpenHookWriter):
    """Pelican's writer, rendering later, on every core, and only what changed."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.config = Settings.of(self.settings)
        self.pending: list[Request] = []
        self.signatures: dict[str, str | None] = {}  # page (relative to the output) → its signature, this build
        self._rendered: list[tuple[str, str | None]] = []  # in render order, for the parallel workers' answers
        self._unchanged: set[str] = set()  # pages left as they are (absolute paths)
        self._templates: dict[int, core.TemplateIndex] = {}  # one per Jinja environment (one per generator)
        self._digester = core.Digester(summarisers(self.config.PAGE_WRITER_IGNORED_ATTRIBUTES))
        skip = self.config.PAGE_WRITER_SKIP_UNCHANGED
        self._fingerprint = _build_fingerprint(self.settings) if skip else ""
        self._manifest_path = Path(self.settings.get("CACHE_PATH", "cache"), self.config.PAGE_WRITER_MANIFEST_FILE)
        output = os.path.abspath(output_path)
        self.manifest = core.Manifest.load(self._manifest_path, output, self._fingerprint) if skip else None
        _WRITERS.append(self)

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        """Remember the request; ``flush`` carries it out. Pelican's own rule: no name, no page."""
        if name:
            self.pending.append(Request(name, template, context, args, kwargs))

    def flush(self) -> None:
        """Render and write every pending page, then record them and delete the previous build's leftovers."""
        requests, self.pending = self.pending, []
        freeze_urls(contents_shown(requests))
        with _collector_ignores_existing_objects():
            digested: set[tuple[int, frozenset[str]]] = set()
            for request in requests:  # also on a cold build: its signatures must match the next build's
                self._digest_inputs(request, digested)
            workers = worker_count(self.config.PAGE_WRITER_WORKERS, available_cpus())
            parallel = hasattr(os, "fork") and workers > 1 and len(requests) >= self.config.PAGE_WRITER_MIN_PAGES
            if parallel and not any(request.overrides() for request in requests):
                self._write_in_parallel(requests, workers)
            else:
                for request in requests:
                    self._write(request)
        self._update_manifest()

    def _write(self, request: Request) -> list[tuple[str, str | None]]:
        """One request through Pelican's own ``write_file`` (pagination, paths, ``content_written``)."""
        start = len(self._rendered)
        tracked = _TrackedTemplate(request.template, self)
        super().write_file(request.name, tracked, request.context, *request.args, **request.kwargs)
        return self._rendered[start:]

    def _write_in_parallel(self, requests: list[Request], workers: int) -> None:
        """Requests dealt to forked processes; here, their pages are recorded and announced in request order.

        A request that fails in a worker is rendered again here, so its exception
        surfaces as in a sequential build. Two requests writing one file fail as
        Pelican's writer fails them, although they ran in different processes.
        """
        with signals.content_written.muted():  # announced below, once, for every process's pages
            outcomes = fork_map(self._write, requests, workers)
        failed, written = [], set()
        for request, outcome in zip(requests, outcomes, strict=True):
            replay(outcome.records)
            if outcome.error is not None:
                failed.append(request)
                continue
            for relative, signature in outcome.value:
                path = sanitised_join(self.output_path, relative)
                if path in written:
                    raise FileOverwriteFailedError(
                        f'Failed to overwrite "{path}" as Pelican has already written to it previously'
                    )
                written.add(path)
                self.signatures[relative] = signature
                self.mark_written(path)
                signals.content_written.send(path, context=request.context_of(relative))
        for request in failed:
            self._write(request)

    def render_page(self, template: Any, context: dict[str, Any]) -> str:
        """The page's HTML, or nothing when the file from the previous build is already that page."""
        relative = context["output_file"]
        signature = self._signature(template, context)
        self._rendered.append((relative, signature))
        self.signatures[relative] = signature
        path = sanitised_join(self.output_path, relative)
        if self.manifest is not None and self.manifest.is_current(relative, signature):
            self._unchanged.add(path)
            return ""
        self._unchanged.discard(path)
        return template.render(context)

    def open_output(self, filename: str, encoding: str, override: bool = False) -> Any:
        """An unchanged page keeps its file: same bookkeeping as a write, nothing opened.

        Any case Pelican treats specially (a second write, an override) goes to Pelican.
        """
        if filename in self._unchanged and not self.already_written(filename) and not override:
            self.mark_written(filename)
            return open(os.devnull, "w", encoding=encoding)  # Pelican closes it
        return super().open_output(filename, encoding, override)

    def _digest_inputs(self, request: Request, digested: set[tuple[int, frozenset[str]]]) -> None:
        """Digest what the request's pages show before any page is rendered.

        Rendering leaves traces: Pelican points the shared context's
        ``localsiteurl`` at each page it renders (relative URLs), and an
        article's HTML depends on it; attributes may be computed on first use.
        Digests taken before any rendering are the same in every build.
        Most requests share one context dict and a handful of templates: the
        values a template reads from a context are digested once (``digested``).
        """
        found = self._template_variables(request.template) if self.manifest is not None else None
        if found is None:
            return
        names = found[0]
        for name in names & request.kwargs.keys():
            self._digester.prepare(request.kwargs[name])
        if (id(request.context), names) not in digested:  # the requests keep their contexts alive: ids stay theirs
            digested.add((id(request.context), names))
            for name in names & request.context.keys():
                self._digester.prepare(request.context[name])

    def _template_variables(self, template: Any) -> tuple[frozenset[str], str] | None:
        environment = template.environment
        if id(environment) not in self._templates:  # the index holds the environment: its id stays its own
            self._templates[id(environment)] = core.TemplateIndex(environment)
        return self._templates[id(environment)].variables(template.name)

    def _signature(self, template: Any, context: dict[str, Any]) -> str | None:
        if self.manifest is None:
            return None
        found = self._template_variables(template)
        if found is None:
            return None
        names, sources = found
        values = self._digester.digest(context, names)
        if values is None:
            return None
        return hashlib.blake2b(f"{self._fingerprint}|{sources}|{values}".encode(), digest_size=20).hexdigest()

    def _update_manifest(self) -> None:
        if self.manifest is None:
            return
        core.remove_pages(Path(self.manifest.output), self.manifest.stale(self.signatures))
        self.manifest.successor(self.signatures).save(self._manifest_path)


def freeze_urls(contents: Iterator[Content]) -> None:
    """Each content's ``url`` and ``save_as`` worked out once, before its pages are rendered.

    Pelican formats them anew on every access (a copy of the metadata, a relative
    path, ``str.format``): an article shown in ten lists and ten "Tin liên quan"
    blocks paid that 20 times, 4 s of a cold build at 5,000 articles. Pelican's
    own ``override_url``/``override_save_as`` attributes hold the values it would
    compute (everything they depend on is final once every page has been asked for), so
    nothing else changes; a content that already has them (``URL:`` metadata) keeps them.
    Not earlier than here: Pelican's write calls pass ``override_output`` when an
    article has ``override_save_as`` (an explicit ``Save_as:``), which would let a page
    silently replace another file and make this writer render in one process.
    """
    for content in contents:
        for key in ("url", "save_as"):
            if not hasattr(content, f"override_{key}"):
                setattr(content, f"override_{key}", getattr(content, key))


def contents_shown(requests: list[Request]) -> Iterator[Content]:
    """Every article and page the requests may show: in their contexts and arguments, inside lists, and translations.

    Generators pass copies of one context, and list pages slices of its lists:
    each list and each object is looked at once.
    """
    seen: set[int] = set()

    def visit(value: Any) -> Iterator[Content]:
        if id(value) in seen:
            return
        if isinstance(value, list | tuple):
            seen.add(id(value))
            for item in value:
                yield from visit(item)
        elif isinstance(value, Content) and not isinstance(value, Static):
            seen.add(id(value))
            yield value
            yield from visit(getattr(value, "translations", ()))

    contexts = {id(request.context): request.context for request in requests}
    for context in (*contexts.values(), *(request.kwargs for request in requests)):
        for value in context.values():
            yield from visit(value)


@contextlib.contextmanager
def _collector_ignores_existing_objects() -> Iterator[None]:
    """Python's cycle collector leaves the site as read alone while pages are digested and rendered.

    Digesting and rendering allocate millions of objects; each full collection
    would walk the whole site again (0.2-0.4 s at 5,000 articles) and, in a
    forked worker, write to (so copy) every memory page it walks. What digesting
    and rendering make is collected as usual; the rest returns to the collector afterwards.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _build_fingerprint(settings: dict[str, Any]) -> str:
    """Our plugins, libraries, settings and site data (as for the content cache), and Jinja itself."""
    return f"{code_fingerprint(settings)}|{pinned('Jinja2')}"
