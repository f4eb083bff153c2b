"""One rule for every web address an editor writes: scheme allow-list, and the host a browser would see.

Why not ``urllib.parse``: it follows RFC 3986, browsers follow the WHATWG URL
standard, and the two disagree on exactly the tricks that hide a host. For
``http``/``https`` a browser reads a backslash as a slash
(``https://youtube.com\\@evil.com/`` goes to youtube.com for urllib, to
evil.com for the browser... and ``https://evil.com\\.youtube.com`` the other
way round), drops tabs and newlines anywhere, decodes ``%2e`` and full-width
letters in host names, reads ``0x7f.1`` as an IPv4 address and accepts
``https:evil.com`` with no slashes at all. Rather than re-implement that
parser, the rule accepts only the plain form in which both parsers agree:
``scheme://host[:port][/path][?query][#fragment]`` with an ASCII host name of
dotted labels, and refuses everything else with a reason an editor can act on.

Plain Python, no Pelican import: identity (site.toml), video embeds and
``make check`` call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WEB_SCHEMES = ("http", "https")

_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
# A host label: ASCII letters, digits and inner hyphens, at most 63 characters (RFC 1035 / WHATWG "valid domain").
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_PORT = re.compile(r"\d{1,5}")
# Anything a browser strips, ignores or reads specially: C0 controls, space, DEL, and every other
# Unicode space (NBSP and friends are not stripped by browsers; they make the string a relative URL).
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060\u3000\ufeff]")


@dataclass(frozen=True)
class WebAddress:
    """An accepted address: its scheme and its host, both lower case (as a browser reports them)."""

    scheme: str
    host: str
    port: int | None = None


class BadUrl(ValueError):
    """Why an address is refused, in Vietnamese (``str(exc)``)."""


def parse_web_url(value: str, schemes: tuple[str, ...] = WEB_SCHEMES) -> WebAddress:
    """The scheme and host of ``value``, or ``BadUrl`` saying why it is not a plain address to publish.

    ``value`` is checked exactly as written (no stripping): what a template renders
    is what is checked.
    """
    if not value:
        raise BadUrl("Địa chỉ trống.")
    if _INVISIBLE.search(value):
        raise BadUrl("Địa chỉ có dấu cách, dấu xuống dòng hoặc ký tự ẩn; hãy gõ lại liền một dòng, không có dấu cách.")
    if "\\" in value:
        raise BadUrl('Địa chỉ có dấu "\\" (trình duyệt đọc thành "/" và có thể mở sang trang khác); hãy dùng "/".')
    match = _SCHEME.match(value)
    scheme = match["scheme"].lower() if match else ""
    if scheme not in schemes:
        allowed = " hoặc ".join(f"{s}://" if s in WEB_SCHEMES else f"{s}:" for s in schemes)
        shown = f'"{scheme}:"' if scheme else "nào"
        raise BadUrl(f"Địa chỉ không bắt đầu bằng {allowed} (đang dùng {shown}).")
    rest = value[len(scheme) + 1 :]
    if scheme not in WEB_SCHEMES:
        return WebAddress(scheme, "")
    if not rest.startswith("//") or rest.startswith("///"):
        raise BadUrl(f'Sau "{scheme}:" phải là đúng hai dấu "/" rồi tên miền, ví dụ: {scheme}://langson.gov.vn')
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    host, port = _host_and_port(authority)
    return WebAddress(scheme, host, port)


def _host_and_port(authority: str) -> tuple[str, int | None]:
    if "@" in authority:
        raise BadUrl(
            'Địa chỉ có dấu "@" trước tên miền (tên đăng nhập, hoặc mẹo giả tên miền): trình duyệt mở phần sau "@".'
            " Hãy bỏ phần trước tên miền."
        )
    host, colon, port_text = authority.partition(":")
    if colon and (not _PORT.fullmatch(port_text) or int(port_text) > 65535):
        raise BadUrl(f'Cổng "{port_text}" sau tên miền không hợp lệ; thường không cần ghi cổng.')
    if not host:
        raise BadUrl("Địa chỉ thiếu tên miền (ví dụ: https://langson.gov.vn).")
    problem = host_problem(host.lower())
    if problem:
        raise BadUrl(problem)
    return host.lower(), int(port_text) if colon else None


def host_problem(host: str) -> str | None:
    """Why ``host`` (lower case) is not a plain ASCII domain name a browser reads as written, or None."""
    labels = host.removesuffix(".").split(".")
    if not host.isascii() or any(not _LABEL.fullmatch(label) for label in labels):
        return (
            f'Tên miền "{host}" chỉ được gồm chữ cái không dấu, số, "-" và dấu chấm'
            " (không có chữ có dấu, %, khoảng trắng hay ký tự lạ)."
        )
    if len(labels) < 2:
        return f'"{host}" không phải tên miền đầy đủ (cần có dấu chấm, ví dụ: langson.gov.vn).'
    if labels[-1][0].isdigit():
        # WHATWG reads a host whose last label is a number (or 0x…) as an IPv4 address, in its own way.
        return f'"{host}" là địa chỉ IP; hãy dùng tên miền của trang (ví dụ: langson.gov.vn).'
    if any(label.startswith("xn--") for label in labels):
        # A browser decodes and re-checks such a label (UTS 46); one it cannot read makes the link dead.
        return f'Tên miền "{host}" có phần "xn--…" (tên miền có dấu): chưa được nhận, hãy dùng tên miền không dấu.'
    return None


def url_problem(value: str, schemes: tuple[str, ...] = WEB_SCHEMES) -> str | None:
    """The Vietnamese reason ``value`` is refused, or None when it is a plain address with an allowed scheme."""
    try:
        parse_web_url(value, schemes)
    except BadUrl as exc:
        return str(exc)
    return None
