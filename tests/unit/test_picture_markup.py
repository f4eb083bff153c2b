"""One ``<picture>`` renderer: the theme's partial writes what ``figures.core.picture_html`` writes.

Until 2026-12 the theme had its own Jinja loop for covers and portraits. Its text is
kept below (``FORMER_PARTIAL``) so the property test proves the switch to the one
renderer changed no byte of a page: rendered through the real theme partial (with
the project's Jinja options and the ``picture`` global the figures plugin installs),
every generated picture matches what the former loop wrote. The one deliberate
difference: a straight quote in alt text is now spelled as body photos always spelled
it (``&quot;``/``&#x27;``, Python's html.escape) rather than Jinja's ``&#34;``/``&#39;``;
a browser reads the same text.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment, FileSystemLoader

from plugins.figures import core
from plugins.figures.hooks import theme_picture

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"
OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}  # pelicanconf.JINJA_ENVIRONMENT
FORMER_PARTIAL = """{% if image %}
<picture>
  {% for mime, candidates in image.sources %}
  <source type="{{ mime }}" srcset="{% for url, width in candidates %}{{ SITEURL }}/{{ url }} {{ width }}w\
{% if not loop.last %}, {% endif %}{% endfor %}" sizes="{{ sizes }}">
  {% endfor %}
  <img src="{{ SITEURL }}/{{ image.fallback_url }}" alt="{{ image.alt }}" width="{{ image.width }}" \
height="{{ image.height }}"{% if not eager %} loading="lazy" decoding="async"{% endif %}>
</picture>
{% endif %}
"""
# The card includes the partial as article_card.html does, so the surrounding whitespace is compared too.
CARD = '<a>\n    {% with image=img, sizes=s, eager=e %}{% include "partials/picture.html" %}{% endwith %}\n  </a>'


def render(loader: object, **values: object) -> str:
    env = Environment(loader=loader, **OPTIONS)
    env.globals["picture"] = theme_picture
    return env.from_string(CARD).render(**values)


def former(**values: object) -> str:
    return render(DictLoader({"partials/picture.html": FORMER_PARTIAL}), **values)


def current(**values: object) -> str:
    return render(FileSystemLoader(TEMPLATES), **values)


url_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
pictures = st.builds(
    core.Picture,
    alt=st.text(max_size=30),
    width=st.integers(1, 5000),
    height=st.integers(1, 5000),
    fallback_url=url_text,
    sources=st.lists(
        st.tuples(
            st.sampled_from(["image/avif", "image/webp", "image/jpeg"]),
            st.lists(st.tuples(url_text, st.integers(1, 4000)), min_size=1, max_size=4),
        ),
        max_size=3,
    ),
)


def same_text(markup: str) -> str:
    """Jinja's and the standard library's spellings of the two quote characters made one."""
    return markup.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


@given(
    image=pictures,
    sizes=st.sampled_from(["(min-width: 60rem) 12rem, 33vw", "100vw", 'a "b" & <c>']),
    eager=st.booleans(),
    siteurl=st.sampled_from(["", ".", "../..", "https://dangukhoi.langson.gov.vn"]),
)
def test_theme_partial_writes_what_the_former_loop_wrote(image, sizes, eager, siteurl) -> None:
    values = {"img": image, "s": sizes, "e": eager, "SITEURL": siteurl}
    assert current(**values) == same_text(former(**values))


def test_quote_free_picture_is_byte_identical_and_no_image_writes_nothing() -> None:
    image = core.Picture(
        "Hội nghị", 800, 534, "anh/ab/x-800x534.jpg", [("image/webp", [("anh/ab/x-400x267.webp", 400)])]
    )
    values = {"img": image, "s": "100vw", "e": False, "SITEURL": "../.."}
    assert current(**values) == former(**values)
    assert current(**values).count("<picture>") == 1
    assert current(img=None, s="100vw", e=False, SITEURL="") == former(img=None, s="100vw", e=False, SITEURL="")


def test_body_and_theme_differ_only_in_line_breaks() -> None:
    image = core.Picture('Đại biểu "dự"', 1600, 1067, "anh/x.jpg", [("image/avif", [("anh/x-480.avif", 480)])])
    body = core.picture_html(image, "..", "100vw", eager=True)
    theme = core.picture_html(image, "..", "100vw", eager=True, one_per_line=True)
    assert theme.replace("\n  ", "").replace("\n", "") == body
    assert core.picture_html(image, None, "100vw", eager=True).startswith(
        '<picture><source type="image/avif" srcset="anh/'
    )
