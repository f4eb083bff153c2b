"""The one URL rule (plugins/common/urls.py), checked against a real WHATWG parser.

The reference is Node's global ``URL`` (the WHATWG URL standard, the parser
browsers implement, via the Ada library in Node 20): one Node process answers
every generated string over stdin/stdout. The property: for any string, the rule
either refuses it or reports exactly the scheme and host that ``new URL()`` sees.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.common.urls import BadUrl, parse_web_url, url_problem

_NODE_PARSER = r"""
const rl = require("readline").createInterface({ input: process.stdin });
rl.on("line", (line) => {
  let answer;
  try {
    const url = new URL(JSON.parse(line));
    answer = { ok: true, protocol: url.protocol, hostname: url.hostname };
  } catch (error) {
    answer = { ok: false };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
"""


class Whatwg:
    """A long-lived ``node`` answering "what would a browser parse this as?" one line at a time."""

    def __init__(self) -> None:
        node = shutil.which("node")
        assert node, "node (a project requirement, see docs) is needed as the WHATWG reference parser"
        self.process = subprocess.Popen(
            [node, "-e", _NODE_PARSER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def parse(self, value: str) -> dict:
        assert self.process.stdin
        assert self.process.stdout
        self.process.stdin.write(json.dumps(value) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def whatwg() -> Iterator[Whatwg]:
    parser = Whatwg()
    yield parser
    parser.close()


# Pieces chosen for the tricks that make RFC 3986 and WHATWG disagree on the host.
_SCHEMES = st.sampled_from(["https", "http", "HTTPS", "hTTp", "javascript", "mailto", "ftp", "data", "", " https"])
_SEPARATORS = st.sampled_from(["://", ":", ":/", ":///", ":\\\\", ":/\\", "://\\", ":\\/", "//", ": //"])
_HOST_PIECES = st.sampled_from(
    [
        "youtube.com", "www.youtube.com", "evil.com", "langson.gov.vn", "a", "0x7f", "127", "1", "0",
        ".", "..", "-", "@", "\\", "/", "%2e", "%40", ":", ":80", ":99999", ":", "xn--", "xn--bcher-kva",
        "\t", "\n", " ", "\x00", "\u00a0", "\u3002", "\uff0e", "Ａ", "ß", "ệ", "?", "#", "[", "]", "user:pw@",
    ]
)  # fmt: skip
_TAILS = st.sampled_from(["", "/", "/watch?v=abcdefghijk", "?q=1", "#x", "/@evil.com", "\\@evil.com", "/a b"])
_TRICKY = st.builds(
    lambda scheme, sep, host, tail: scheme + sep + "".join(host) + tail,
    _SCHEMES,
    _SEPARATORS,
    st.lists(_HOST_PIECES, min_size=0, max_size=6),
    _TAILS,
)
_PLAIN = st.sampled_from(
    ["https://www.youtube.com/watch?v=abcdefghijk", "http://langson.gov.vn/", "https://fb.watch/x", "https://a.b:8080"]
)
# A plain address with one tricky piece put somewhere in it: about half stay acceptable.
_MUTATED = st.builds(
    lambda url, piece, at: url[: at % (len(url) + 1)] + piece + url[at % (len(url) + 1) :],
    _PLAIN,
    _HOST_PIECES,
    st.integers(min_value=0, max_value=60),
)
URL_LIKE = st.one_of(_TRICKY, _MUTATED, _PLAIN)


def _agrees(value: str, whatwg: Whatwg, schemes: tuple[str, ...]) -> None:
    try:
        ours = parse_web_url(value, schemes)
    except BadUrl:
        return  # refusing is always safe
    theirs = whatwg.parse(value)
    assert theirs["ok"], f"accepted {value!r}, which a browser cannot parse"
    assert theirs["protocol"] == ours.scheme + ":", value
    assert theirs["hostname"] == ours.host, f"{value!r}: we say {ours.host!r}, a browser opens {theirs['hostname']!r}"


@settings(max_examples=600, deadline=None)
@given(URL_LIKE)
def test_the_rule_refuses_or_reports_the_browsers_host(whatwg: Whatwg, value: str) -> None:
    _agrees(value, whatwg, ("http", "https"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40).map(lambda tail: "https://" + tail))
def test_arbitrary_text_after_the_scheme_too(whatwg: Whatwg, value: str) -> None:
    _agrees(value, whatwg, ("http", "https"))


def test_the_generator_reaches_accepted_addresses(whatwg: Whatwg) -> None:
    """The property is not vacuous: plain addresses are accepted, and agree with the browser."""
    for value in ("https://www.youtube.com/watch?v=abcdefghijk", "http://LangSon.gov.vn:8080/a?b#c", "https://a.b."):
        _agrees(value, whatwg, ("http", "https"))
        assert url_problem(value) is None


@pytest.mark.parametrize(
    ("value", "browser_host"),
    [
        ("https://youtube.com\\@evil.com/watch?v=abcdefghijk", "youtube.com"),
        ("https://evil.com\\.youtube.com/", "evil.com"),
        ("https://youtube.com@evil.com/", "evil.com"),
        ("https:evil.com", "evil.com"),
        ("https:\\\\evil.com", "evil.com"),
        ("https://you\ttube.com", "youtube.com"),
        ("https://evil%2Ecom/", "evil.com"),
        ("https://ＥＶＩＬ.com/", "evil.com"),
        ("https://0x7f.1/", "127.0.0.1"),
    ],
)
def test_tricks_a_browser_resolves_are_refused(whatwg: Whatwg, value: str, browser_host: str) -> None:
    """Each of these parses in a browser (to the host shown), and our rule refuses it."""
    assert whatwg.parse(value)["hostname"] == browser_host
    assert url_problem(value) is not None


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "ftp://a.vn", "//evil.com", ""],
)
def test_only_allowed_schemes(value: str) -> None:
    assert url_problem(value) is not None


def test_mailto_and_tel_only_where_asked() -> None:
    assert url_problem("mailto:ban@langson.gov.vn") is not None
    assert url_problem("mailto:ban@langson.gov.vn", ("mailto",)) is None
    assert url_problem("tel:+842053812345", ("tel",)) is None
    assert url_problem("tel:+84 205", ("tel",)) is not None  # a space is never part of an address
