"""A UI string missing from macros/i18n.html stops a real build, naming the key and the template.

The theme is copied and one template gets a ``t()`` call for a key that does not
exist: once in a page partial (rendered by Pelican's generators) and once in the
photo-story partial (rendered into the article body by media_embeds' own Jinja
environment). Before, both rendered as empty text and the build succeeded.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from plugins.common.theme_strings import ThemeStringMissing
from tests.conftest import ROOT, article, build_site


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 90, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


FILES: dict[str, str | bytes] = {
    "articles/2024/phong-su/index.md": article(
        "Phóng sự ảnh", Kind="photo-story", body="![Ảnh 1](anh-1.jpg)\n/// caption\nChú thích ảnh 1\n///"
    ),
    "articles/2024/phong-su/anh-1.jpg": jpeg(),
}


@pytest.mark.parametrize(
    ("template", "anchor"),
    [
        ("partials/footer.html", '<footer class="site-footer"'),
        ("partials/photo_story.html", '<p class="photo-story__hint"'),
    ],
)
def test_missing_key_fails_the_build_naming_key_and_template(tmp_path: Path, template: str, anchor: str) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    path = theme / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, '{{ t("khoa_khong_co") }}' + anchor, 1), encoding="utf-8")
    line = text[: text.index(anchor)].count("\n") + 1

    with pytest.raises(ThemeStringMissing) as raised:
        build_site(tmp_path, FILES, THEME=str(theme))
    assert f"theme/templates/{template}:{line}: t('khoa_khong_co', 'vi') has no text" in str(raised.value)


def test_the_unchanged_theme_builds_the_same_site(tmp_path: Path) -> None:
    """The control: the site above is fine with the real theme (the failure is the missing key, not the site)."""
    build = build_site(tmp_path, FILES)
    assert "photo-story__hint" in (build.output / "bai-viet" / "phong-su" / "index.html").read_text(encoding="utf-8")
