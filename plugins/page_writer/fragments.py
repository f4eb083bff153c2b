"""``{% memo key, … %}…{% endmemo %}``: a template fragment rendered once per key in a build.

A news site shows each story's card on many pages (its section, each of its
tags, its author, the archives): 37,000 cards at 5,000 articles, every one
rendered from scratch. Inside ``memo``, the fragment is rendered the first time a
key is seen and its HTML reused after that, by the same Jinja environment (one
per Pelican generator, so one per build; a forked page writer keeps its own).

The key must name everything the fragment shows that is not the same on every
page: the story, the arguments the caller sets, ``SITEURL`` (relative URLs
differ by page depth). Jinja's own ``meta`` module still sees the variables
inside the block, so page signatures (``core.TemplateIndex``) are unchanged.

Why our own code: Jinja has no fragment cache, and the extensions that add one
(jinja2-fragment-cache, Flask-Caching's ``{% cache %}``) store into an external
cache with expiry times, for web servers; here the cache lives for one build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import ClassVar

from jinja2 import Environment, nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup


class FragmentMemo(Extension):
    """The ``memo`` tag; its fragments are kept on the extension (one instance per environment)."""

    tags: ClassVar[set[str]] = {"memo"}

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.rendered: dict[Hashable, Markup | str] = {}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endmemo",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, key: tuple[Hashable, ...], caller: Callable[[], Markup | str]) -> Markup | str:
        try:
            return self.rendered[key]
        except KeyError:
            self.rendered[key] = fragment = caller()
            return fragment
