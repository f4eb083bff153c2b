"""Glue: a Pelican generator that reads the organisation data file, checks it and writes the four pages."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican.generators import Generator

from plugins.figures import core as figures
from plugins.figures.site import SitePhotos
from plugins.html_policy import core as html_policy
from plugins.organisation import core
from plugins.organisation.settings import Settings

logger = logging.getLogger(__name__)

# (view, URL setting, template): the four pages in the order of the section's own navigation.
VIEWS = (
    ("about", "ORGANISATION_URL", "organisation_about"),
    ("leaders", "ORGANISATION_LEADERS_URL", "organisation_leaders"),
    ("structure", "ORGANISATION_STRUCTURE_URL", "organisation_structure"),
    ("units", "ORGANISATION_UNITS_URL", "organisation_units"),
)


def plugin_settings(settings: dict[str, Any]) -> Settings:
    return Settings.of(settings)


def get_generators(_pelican: Any) -> type[Generator]:
    """``get_generators``: add the organisation section to the build."""
    return OrganisationGenerator


class OrganisationGenerator(Generator):
    """Reads the data file in ``generate_context`` (the menu link needs to know the section exists),
    plans the portraits for the figures plugin, and writes the four pages in ``generate_output``."""

    def generate_context(self) -> None:
        self.cfg = plugin_settings(self.settings)
        self.figure_plans: list[figures.PhotoPlan] = []  # encoded with the articles' photos (plugins/figures)
        self.organisation = self._read()
        # No section (and no menu link to it) without a valid data file.
        self.context["ORGANISATION_URL"] = self.cfg.ORGANISATION_URL if self.organisation else ""
        self.context["ORGANISATION_REGISTRY"] = self.organisation.registry() if self.organisation else {}
        # For publish_checks: a page written to one of these addresses (an old pages/gioi-thieu.md) is refused.
        source = self.cfg.ORGANISATION_DATA_FILE
        self.claimed_outputs = [
            (getattr(self.cfg, key) + "index.html", f"trang /{getattr(self.cfg, key)} của mục Giới thiệu ({source})")
            for _, key, _ in VIEWS
            if self.organisation
        ]

    def _read(self) -> core.Organisation | None:
        path = Path(self.settings["PATH"]) / self.cfg.ORGANISATION_DATA_FILE
        if not path.is_file():
            return None
        photos = SitePhotos.of(self.context, self.settings)
        rules = core.Rules.from_settings(self.cfg, photos.encoder, photos.facts, photos.max_bytes)
        organisation, errors = core.read_organisation(path, rules)
        for err in errors:
            logger.error("%s", err)
        return self._with_portraits(organisation, photos) if organisation else None

    def _with_portraits(self, organisation: core.Organisation, photos: SitePhotos) -> core.Organisation:
        """Each leader's photo planned as a portrait crop (metadata stripped, AVIF/WebP/JPEG, content-hash names)."""
        plans: dict[Path, figures.PhotoPlan] = {}
        source = str(organisation.source)

        def portrait(leader: core.Leader) -> core.Leader:
            if leader.photo is None:
                return leader
            plan = plans.setdefault(leader.photo.path, figures.PhotoPlan(leader.photo))
            plan.references.append((source, leader.photo_reference))
            picture = photos.planner.cropped_picture(
                plan,
                figures.file_stem(leader.photo.path),
                leader.name,
                tuple(self.cfg.ORGANISATION_PORTRAIT_RATIO),
                self.cfg.ORGANISATION_PORTRAIT_WIDTHS,
                "-chan-dung",
            )
            return dataclasses.replace(leader, picture=picture)

        bodies = tuple((body, tuple(portrait(leader) for leader in leaders)) for body, leaders in organisation.bodies)
        self.figure_plans = list(plans.values())
        return dataclasses.replace(organisation, bodies=bodies)

    def generate_output(self, writer: Any) -> None:
        if not self.organisation:
            return
        texts = self._rendered_texts()
        urls = {view: getattr(self.cfg, key) for view, key, _ in VIEWS}  # the section's own navigation, in order
        summary = html_policy.plain_text(texts.get("summary", ""))
        for view, key, template in VIEWS:
            url = getattr(self.cfg, key)
            writer.write_file(
                url + "index.html",
                self.get_template(template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=url,
                organisation=self.organisation,
                organisation_texts=texts,
                organisation_view=view,
                organisation_urls=urls,
                organisation_portrait_sizes=self.cfg.ORGANISATION_PORTRAIT_SIZES,
                organisation_summary=summary.strip(),  # the pages' description (meta, Open Graph)
            )

    def _rendered_texts(self) -> dict[str, str]:
        """The [about] fields as HTML: the project's Markdown, then the article allowlist (html_policy)."""
        markdown, cleaner = Markdown(**self.settings["MARKDOWN"]), html_policy.make_cleaner()
        rendered = {}
        for key, text in self.organisation.about.items():
            markdown.reset()
            rendered[key] = html_policy.clean(markdown.convert(text), cleaner) if text else ""
        return rendered
