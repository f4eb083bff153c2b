"""Typed plugin settings (plugins/common/settings.py): every plugin's values checked once, by name and type."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from plugins.common.settings import PluginSettings, SettingsError
from plugins.figures.settings import Settings as FiguresSettings
from tests.conftest import ROOT, article, run_pelican, write_content

PLUGIN_SETTINGS = sorted(
    f"{p.parent.parent.name}.{p.parent.name}" for p in ROOT.glob("*/*/settings.py") if p.parent.name != "common"
)


@pytest.mark.parametrize("package", PLUGIN_SETTINGS)
def test_every_plugin_declares_typed_settings_with_its_own_prefix(package: str) -> None:
    plugin = package.split(".")[1]
    settings = importlib.import_module(f"{package}.settings").Settings
    assert issubclass(settings, PluginSettings)
    assert plugin.upper() + "_" == settings.PREFIX
    assert settings.of({}) == settings()  # the defaults pass their own type check


def test_the_sites_values_override_the_defaults() -> None:
    values = FiguresSettings.of({"FIGURES_WIDTHS": [320, 640], "FIGURES_WORKERS": 2, "OTHER": 1})
    assert values.FIGURES_WIDTHS == [320, 640]
    assert values.FIGURES_WORKERS == 2
    assert values.FIGURES_AVIF_SPEED == FiguresSettings().FIGURES_AVIF_SPEED


def test_the_same_settings_dict_is_checked_once() -> None:
    site = {"FIGURES_WORKERS": 2}
    assert FiguresSettings.of(site) is FiguresSettings.of(site)


@pytest.mark.parametrize(
    ("site", "named", "says"),
    [
        ({"FIGURES_WIDHTS": (480,)}, "FIGURES_WIDHTS", 'Có phải "FIGURES_WIDTHS"?'),
        ({"FIGURES_WIDTHS": "480, 800"}, "FIGURES_WIDTHS", "danh sách (số nguyên)"),
        ({"FIGURES_WIDTHS": (480, True)}, "FIGURES_WIDTHS", "danh sách (số nguyên)"),
        ({"FIGURES_MISSING_CAPTION": "loud"}, "FIGURES_MISSING_CAPTION", "một trong 'warning', 'error'"),
        ({"FIGURES_QUALITY": {"avif": "high"}}, "FIGURES_QUALITY", "từ điển chuỗi → số nguyên"),
        ({"FIGURES_WORKERS": 1.5}, "FIGURES_WORKERS", "số nguyên hoặc None"),
        ({"FIGURES_CARD_RATIO": (3, 2, 1)}, "FIGURES_CARD_RATIO", "danh sách (số nguyên, số nguyên)"),
    ],
)
def test_a_misspelt_or_mistyped_setting_is_refused_naming_it(site: dict, named: str, says: str) -> None:
    with pytest.raises(SettingsError) as caught:
        FiguresSettings.of(site)
    assert caught.value.key == named
    assert named in str(caught.value)
    assert says in str(caught.value)


def test_a_build_with_a_misspelt_setting_stops_at_start_naming_it(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_content(content, {"articles/2024/bai/index.md": article()})
    conf = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\nRELATED_CONUT = 3\n"
    (tmp_path / "conf.py").write_text(conf, encoding="utf-8")
    result = run_pelican(content, tmp_path / "output", settings_file=str(tmp_path / "conf.py"))
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert 'Thiết lập RELATED_CONUT: không có thiết lập này (unknown setting). Có phải "RELATED_COUNT"?' in log
    assert "Traceback" not in log
    assert not (tmp_path / "output" / "index.html").exists()
