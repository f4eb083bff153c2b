"""Typed plugin settings: one frozen dataclass per plugin, checked once when Pelican starts.

The shape comes from pelican-seo (each plugin keeps its prefixed settings with
their defaults in its own ``settings.py``; the site overrides any of them in
pelicanconf.py), made typed: a plugin's ``Settings`` is a dataclass whose
fields are the setting names (``FIGURES_WIDTHS``), annotated with their type.
``Settings.of(pelican_settings)`` returns the site's values, checked against
the annotations; a misspelt prefixed key or a value of the wrong type stops the
build naming the setting (a setting silently falling back to its default is a
classic trap). Each plugin checks its own at ``initialized``; other code reads a
plugin's settings through that plugin's ``Settings``, never its defaults.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Literal, Self, Union, get_args, get_origin, get_type_hints


class SettingsError(ValueError):
    """A plugin setting in pelicanconf.py/publishconf.py that cannot be used, named with what it should be."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(f"Thiết lập {key}: {message} [bad-setting]")


# Settings already checked: (class, id of Pelican's settings dict) → (that dict, the checked values).
_CHECKED: dict[tuple[type, int], tuple[Mapping[str, Any], Any]] = {}


@dataclass(frozen=True)
class PluginSettings:
    """Base of every plugin's ``Settings``: field names carry the plugin's ``PREFIX``."""

    PREFIX: ClassVar[str]

    @classmethod
    def of(cls, site: Mapping[str, Any]) -> Self:
        """The site's values for this plugin (defaults where the site sets none), checked once per settings dict."""
        cached = _CHECKED.get((cls, id(site)))
        if cached is not None and cached[0] is site:
            return cached[1]  # type: ignore[return-value]
        made = cls._from(site)
        _CHECKED[(cls, id(site))] = (site, made)
        return made

    @classmethod
    def check(cls, pelican: Any) -> None:
        """``initialized``: stop at start, naming the setting, rather than halfway through a build."""
        cls.of(pelican.settings)

    @classmethod
    def _from(cls, site: Mapping[str, Any]) -> Self:
        names = [f.name for f in fields(cls)]
        for key in sorted(k for k in site if k.startswith(cls.PREFIX) and k not in names):
            close = difflib.get_close_matches(key, names, n=1)
            hint = f' Có phải "{close[0]}"? (did you mean)' if close else f" Các thiết lập có: {', '.join(names)}."
            raise SettingsError(key, f"không có thiết lập này (unknown setting).{hint}")
        hints = get_type_hints(cls)
        values = {name: site[name] for name in names if name in site}
        for name, value in values.items():
            if not conforms(value, hints[name]):
                raise SettingsError(name, f"cần {describe(hints[name])}, nhận được {value!r} (wrong type).")
        return cls(**values)


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` fits the annotation ``hint`` (the annotations settings use; a list passes for a tuple)."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any or origin in (Literal, Union, types.UnionType):
        return hint is Any or (value in args if origin is Literal else any(conforms(value, a) for a in args))
    if hint in (int, float, type(None)):
        return _is_number(value, hint) if hint is not type(None) else value is None
    if origin in (tuple, list, frozenset, set):
        kinds = (tuple, list) if origin in (tuple, list) else (frozenset, set)
        return isinstance(value, kinds) and _items_conform(value, args)
    if origin in (dict, Mapping):
        return isinstance(value, Mapping) and all(
            conforms(key, args[0]) and conforms(item, args[1]) for key, item in value.items()
        )
    return isinstance(value, hint)


def _is_number(value: Any, hint: type) -> bool:
    """``True`` is an int to Python, never to a setting; an int is a fine float."""
    return isinstance(value, int | float if hint is float else int) and not isinstance(value, bool)


def _items_conform(value: Any, args: tuple[Any, ...]) -> bool:
    if len(args) == 1 or (len(args) == 2 and args[1] is Ellipsis):  # list[X], set[X], tuple[X, ...]
        return all(conforms(item, args[0]) for item in value)
    return len(value) == len(args) and all(conforms(item, arg) for item, arg in zip(value, args, strict=True))


def describe(hint: Any) -> str:
    """The annotation as the person editing pelicanconf.py would write such a value."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Literal:
        return "một trong " + ", ".join(repr(arg) for arg in args)
    if origin in (Union, types.UnionType):
        return " hoặc ".join(describe(arg) for arg in args)
    names = {bool: "True/False", int: "số nguyên", float: "số", str: "chuỗi", type(None): "None"}
    if hint in names:
        return names[hint]
    if origin in (tuple, list, frozenset, set):
        return f"danh sách ({', '.join(describe(a) for a in args if a is not Ellipsis)})"
    if origin in (dict, Mapping):
        return f"từ điển {describe(args[0])} → {describe(args[1])}"
    return getattr(hint, "__name__", str(hint))
