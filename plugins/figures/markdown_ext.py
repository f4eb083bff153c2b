"""Markdown side of figures: clean ``<figure>`` markup from ``pymdownx.blocks.caption``.

``pymdownx.blocks.caption`` already turns an image line followed by a
``/// caption`` block into ``<figure>…<figcaption>``, but wraps both the image
and the caption text in ``<p>``. This tree processor (it runs after inline
processing, when images exist) makes the markup the portal publishes:

    <figure class="figure"><img alt="…" src="…">
    <figcaption>… <span class="figure-credit">Ảnh: …</span></figcaption></figure>

- the image and the caption lose their ``<p>`` wrappers;
- an empty alt text takes the caption's text (without the photo credit), so
  an editor who writes only a caption still gives screen readers a description;
- a photo credit at the end of the caption ("… Ảnh: Trọng Hải", "(Ảnh: TTXVN)",
  or on its own last line) is wrapped in ``<span class="figure-credit">``;
- a paragraph holding nothing but an image becomes a caption-less ``<figure>``.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CREDIT = re.compile(
    unicodedata.normalize(
        "NFC", r"(?:^|(?<=[.!?…])\s+|\s*\n\s*|\s*\(\s*)((?:Ảnh|Nguồn|Ảnh tư liệu)\s*:\s*[^\n()]+?)\s*\)?\s*$"
    )
)


def only_image(element: etree.Element) -> etree.Element | None:
    """The single ``<img>`` of a ``<p>`` that holds nothing else, else None."""
    children = list(element)
    if element.tag != "p" or len(children) != 1 or children[0].tag != "img":
        return None
    if (element.text or "").strip() or (children[0].tail or "").strip():
        return None
    return children[0]


def caption_without_credit(caption: etree.Element) -> str:
    """The caption as one line of plain text, minus a trailing photo credit: the default alt text."""
    return " ".join(CREDIT.sub("", "".join(caption.itertext()).strip()).split())


class FigureTreeprocessor(Treeprocessor):
    """Normalises figures as described in the module docstring."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "figure":
                    self.clean_figure(child)
                elif parent.tag != "figure" and (image := only_image(child)) is not None:
                    parent[index] = self.bare_figure(image, child.tail)

    def bare_figure(self, image: etree.Element, tail: str | None) -> etree.Element:
        figure = etree.Element("figure", {"class": "figure"})
        image.tail = None
        figure.append(image)
        figure.tail = tail
        return figure

    def clean_figure(self, figure: etree.Element) -> None:
        image = None
        for index, child in enumerate(list(figure)):
            if (found := only_image(child)) is not None:
                found.tail = child.tail
                figure[index] = image = found
        caption = figure.find("figcaption")
        if image is None:
            return  # a caption around something else (a table, a quote): leave it alone
        figure.set("class", " ".join(filter(None, [figure.get("class"), "figure"])))
        if caption is None:
            return
        unwrap_single_paragraph(caption)
        if not image.get("alt", "").strip():
            image.set("alt", caption_without_credit(caption))
        wrap_credit(caption)


def unwrap_single_paragraph(caption: etree.Element) -> None:
    """``<figcaption><p>x</p></figcaption>`` → ``<figcaption>x</figcaption>`` (more paragraphs stay)."""
    children = list(caption)
    if len(children) != 1 or children[0].tag != "p" or (caption.text or "").strip():
        return
    paragraph = children[0]
    caption.remove(paragraph)
    caption.text = paragraph.text
    caption.extend(list(paragraph))


def wrap_credit(caption: etree.Element) -> None:
    """Wrap a trailing photo credit in ``<span class="figure-credit">`` so the theme can set it apart."""
    children = list(caption)
    holder, attribute = (children[-1], "tail") if children else (caption, "text")
    text = getattr(holder, attribute) or ""
    match = CREDIT.search(text)
    if not match:
        return
    separator = text[match.start() : match.start(1)]
    opened = "(" in separator
    kept = text[: match.start()]
    setattr(holder, attribute, kept + (" (" if opened else " " if separator or kept else ""))
    span = etree.SubElement(caption, "span", {"class": "figure-credit"})
    span.text = match.group(1)
    span.tail = ")" if opened else None


class FiguresExtension(Extension):
    """Register with ``MARKDOWN["extension_configs"]["plugins.figures.markdown_ext"] = {}``."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 5: after "inline" (20), which turns ![alt](src) into <img>.
        md.treeprocessors.register(FigureTreeprocessor(md), "portal_figures", 5)


def makeExtension(**kwargs: object) -> FiguresExtension:
    return FiguresExtension(**kwargs)
