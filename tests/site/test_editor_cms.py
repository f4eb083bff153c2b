"""/admin/: the editor's config matches our content model and the [cms] site data, the page loads
only local files, a production build refuses an empty repository, and the web editor's file format
("pelican", static/portal.js, run here in Node) round-trips hand-written articles through our reader unchanged.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import tomllib

import pytest
import yaml

from plugins.cms_admin.core import ADMIN_CSP, PORTAL_SCRIPT, SVELTIA_FONTS
from plugins.content_model.core import KNOWN_KEYS, as_pelican_header, load_site_data
from plugins.figures.settings import Settings as FiguresSettings
from tests.conftest import SEED_DIR, SITE_DATA, article, build_site, run_pelican, write_content
from tools.content_checks.core import raw_metadata

NODE = shutil.which("node")

# Loads portal.js with a stand-in CMS object and applies the registered format to stdin.
_HARNESS = """
const fs = require("fs"), vm = require("vm");
const formats = {}, components = {};
global.CMS = {
  registerCustomFormat: (name, extension, formatter) => { formats[name] = formatter; },
  registerEditorComponent: (component) => { components[component.id] = component; },
};
global.h = (tag, props, ...children) => ({ tag, props, children });
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
const { op, input } = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {
  fromFile: () => formats.pelican.fromFile(input),
  toFile: () => formats.pelican.toFile(input),
  roundTrip: () => formats.pelican.toFile(formats.pelican.fromFile(input)),
  figureToBlock: () => components.image.toBlock(input),
  figureFromBlock: () => components.image.fromBlock(input.match(components.image.pattern)),
}[op]();
process.stdout.write(JSON.stringify(out));
"""


def portal(op: str, value: object) -> object:
    """Run one function of static/portal.js in Node and return its result."""
    if NODE is None:
        pytest.fail("node not found: Node 20 is required (make node)")
    result = subprocess.run(
        [NODE, "-e", _HARNESS, str(PORTAL_SCRIPT)],
        input=json.dumps({"op": op, "input": value}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def as_reader_sees_it(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body) exactly as content_model's reader splits a file."""
    header, _lines = as_pelican_header(text, "x.md")
    head, _, body = header.partition("\n\n")
    return raw_metadata(head + "\n"), body.strip()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = {"articles/2024/bai-mot/index.md": article("Bài một")}
    return build_site(tmp_path_factory.mktemp("cms-site"), files)


def test_admin_page_loads_only_vendored_files(site):
    page = site.html("admin/index.html")
    assert page.html["lang"] == "vi"
    sources = [s["src"] for s in page.find_all("script")]
    assert sources == ["sveltia-cms.js", "portal.js"]
    assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == ADMIN_CSP
    admin = site.output / "admin"
    for name in sources:
        assert (admin / name).stat().st_size > 0
    assert page.find("link", rel="cms-config-url")["href"] == "config.yml"
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    bundle = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "unpkg.com/@sveltia/cms" not in bundle  # translations; the code highlighter stays (CSP refuses it)
    assert "cdn.jsdelivr.net/fontsource" not in bundle
    version = json.loads((admin / "sveltia" / "package.json").read_text(encoding="utf-8"))["version"]
    assert (admin / f"sveltia@{version}" / "locales" / "vi.json").is_file()  # where the bundle now looks
    assert (admin / "chunks" / "react-dom.js").is_file()  # lazy chunks load relative to the bundle
    for font in SVELTIA_FONTS.values():
        assert (admin / "fonts" / font.rsplit("/", 1)[1]).stat().st_size > 0


def test_config_follows_the_content_model_and_the_site_data(site):
    config = yaml.safe_load((site.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    site_toml = tomllib.loads(SITE_DATA.read_text(encoding="utf-8"))["cms"]
    assert config["backend"] == {"name": "github", "repo": site_toml["repo"], "branch": site_toml["branch"]}
    assert config["backend"]["repo"] == "example/portal"
    assert "base_url" not in config["backend"]  # no OAuth service: editors sign in with a token
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config  # Sveltia ignores it (with a warning)
    assert "locale" not in config  # likewise: it follows the browser's language
    limit = FiguresSettings().FIGURES_MAX_PHOTO_BYTES
    assert config["media_libraries"]["default"]["config"]["max_file_size"] == limit
    [articles] = config["collections"]
    assert (articles["folder"], articles["path"]) == ("content/articles", "{{year}}/{{slug}}/index")
    assert (articles["media_folder"], articles["public_folder"]) == ("", "")  # photos beside index.md
    assert articles["format"] == "pelican"
    assert "extension" not in articles  # portal.js registers "md" with the format
    assert articles["sortable_fields"]["default"] == {"field": "date", "direction": "descending"}
    fields = {f["name"]: f for f in articles["fields"]}
    assert set(fields) - {"body"} <= set(KNOWN_KEYS)
    assert {"title", "date", "category", "author"} <= {n for n, f in fields.items() if f.get("required", True)}
    assert fields["cover"]["media_library"]["config"]["max_file_size"] == limit
    categories = [c.name for c in load_site_data(SITE_DATA).categories]
    assert fields["category"]["options"] == categories


def test_make_cms_gets_decap_with_its_local_backend(tmp_path):
    build = build_site(tmp_path, {"articles/2024/a/index.md": article()}, CMS_ADMIN_APP="decap")
    page = build.html("admin/index.html")
    assert [s["src"] for s in page.find_all("script")] == ["decap-cms.js", "portal.js"]
    assert list((build.output / "admin").glob("*.decap-cms.js"))  # webpack's lazy chunks, beside the entry
    config = yaml.safe_load((build.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "vi"
    assert config["local_backend"]["url"].endswith("/api/v1")
    assert config["backend"]["repo"] == "example/portal"
    [articles] = config["collections"]
    assert articles["extension"] == "md"
    assert articles["sortable_fields"][0] == {"field": "date", "label": "Ngày đăng", "default_sort": "desc"}
    for name in ("cover", "body"):  # Decap merges the body's setting into the photo component's image field
        assert fields_of(articles)[name]["media_library"]["config"]["max_file_size"] > 0


def fields_of(collection: dict) -> dict[str, dict]:
    return {f["name"]: f for f in collection["fields"]}


def test_admin_can_be_turned_off(tmp_path):
    build = build_site(tmp_path, {"articles/2024/a/index.md": article()}, CMS_ADMIN_ENABLED=False)
    assert not (build.output / "admin").exists()


def site_data_with_cms(table: str) -> str:
    """The fixture's site.toml with its [cms] table replaced by ``table``."""
    text = SITE_DATA.read_text(encoding="utf-8")
    return text[: text.index("[cms]")] + table


def test_site_data_can_turn_the_editor_off(tmp_path):
    files = {"articles/2024/a/index.md": article(), "data/site.toml": site_data_with_cms("[cms]\nenabled = false\n")}
    build = build_site(tmp_path, files, settings_file="publishconf.py")
    assert not (build.output / "admin").exists()
    assert not [m for m in build.messages(logging.WARNING) if "[cms-" in m]  # off: an empty repo is fine


def test_development_build_only_warns_about_an_empty_repo(tmp_path):
    files = {"articles/2024/a/index.md": article(), "data/site.toml": site_data_with_cms('[cms]\nrepo = ""\n')}
    build = build_site(tmp_path, files)
    [warning] = [m for m in build.messages(logging.WARNING) if "[cms-repo-missing]" in m]
    assert warning.startswith(f"{(tmp_path / 'content' / 'data' / 'site.toml')}:")
    assert (build.output / "admin" / "index.html").is_file()  # the preview still has its editor


def test_production_build_refuses_an_empty_repo_naming_file_and_line(tmp_path):
    table = '[cms]\nenabled = true\nrepo = ""\nbranch = "main"\n'
    data = site_data_with_cms(table)
    line = data.split("\n").index('repo = ""') + 1
    content = tmp_path / "content"
    write_content(content, {"articles/2024/a/index.md": article(), "data/site.toml": data})
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert f"{content / 'data' / 'site.toml'}:{line}: Trình soạn thảo web đang bật nhưng chưa ghi kho GitHub" in log
    assert "[cms-repo-missing]" in log


def test_seed_article_round_trips_through_the_editor_format_unchanged():
    original = (SEED_DIR / "index.md").read_text(encoding="utf-8")
    data = portal("fromFile", original)
    assert data["title"].startswith("Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị")
    assert data["tags"] == ["dư luận xã hội", "cộng tác viên", "Ban Tuyên giáo", "hội nghị tổng kết"]
    assert data["related"][0] == "hoi-nghi-bao-cao-vien-thang-12-nam-2020"
    saved = portal("roundTrip", original)
    assert as_reader_sees_it(saved) == as_reader_sees_it(original)


def test_what_the_editor_saves_reads_like_a_hand_written_header():
    saved = portal(
        "toFile",
        {
            "title": "Hội nghị: tổng kết “năm 2026”",
            "date": "2026-11-25 09:30",
            "category": "Dân vận",
            "tags": ["dân vận khéo", "  mô hình  "],
            "author": "Nguyễn Văn A",
            "summary": "Dòng một\nvà dòng hai.",
            "cover": "",
            "related": [],
            "featured": True,
            "status": "draft",
            "body": "Thân bài.\n\n![Ảnh]({static}anh.jpg)\n/// caption\nChú thích\n///\n",
        },
    )
    assert saved.startswith("Title: Hội nghị: tổng kết “năm 2026”\nDate: 2026-11-25 09:30\n")
    meta, body = as_reader_sees_it(saved)
    assert meta["tags"] == "dân vận khéo, mô hình"
    assert meta["summary"] == "Dòng một và dòng hai."
    assert meta["featured"] == "yes"
    assert "cover" not in meta  # an empty field is left out, as if never written
    assert "related" not in meta
    assert body.endswith("/// caption\nChú thích\n///")


def test_yaml_front_matter_is_read_by_both_the_editor_and_the_site():
    text = (
        '---\ntitle: "Tin: có dấu hai chấm"\ndate: 2026-01-02 08:00\ncategory: Dân vận\nauthor: A\n'
        "tags:\n  - một\n  - hai\nfeatured: true\n---\n\nThân bài.\n"
    )
    data = portal("fromFile", text)
    assert (data["title"], data["tags"], data["featured"]) == ("Tin: có dấu hai chấm", ["một", "hai"], True)
    meta, body = as_reader_sees_it(text)
    assert (meta["title"], meta["tags"], body) == ("Tin: có dấu hai chấm", "một, hai", "Thân bài.")


def test_figure_component_writes_the_caption_syntax_and_reads_it_back():
    block = portal("figureToBlock", {"image": "anh.jpg", "alt": "Đại [biểu]", "caption": "Dòng một\n\nDòng hai"})
    assert block == "![Đại biểu]({static}anh.jpg)\n/// caption\nDòng một\nDòng hai\n///"
    assert portal("figureFromBlock", block) == {"alt": "Đại biểu", "image": "anh.jpg", "caption": "Dòng một\nDòng hai"}
