"""/admin/: Decap's config matches our content model, the page loads only local files,
and the web editor's file format ("pelican", static/portal.js, run here in Node) round-trips
hand-written articles through our reader unchanged.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from plugins.cms_admin.core import PORTAL_SCRIPT
from plugins.content_checks.core import raw_metadata
from plugins.content_checks.settings import DEFAULTS as CHECK_DEFAULTS
from plugins.content_model.core import KNOWN_KEYS, as_pelican_header, load_site_data
from tests.conftest import SEED_DIR, SITE_DATA, article, build_site

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
    assert sources == ["decap-cms.js", "portal.js"]
    for name in sources:
        assert (site.output / "admin" / name).stat().st_size > 0
    assert page.find("link", rel="cms-config-url")["href"] == "config.yml"
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    lazy_chunks = list((site.output / "admin").glob("*.decap-cms.js"))
    assert lazy_chunks  # webpack loads these relative to decap-cms.js: they must be there too


def test_config_follows_the_content_model(site):
    config = yaml.safe_load((site.output / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "vi"
    assert config["backend"]["name"] == "github"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"]["url"].endswith("/api/v1")
    [articles] = config["collections"]
    assert (articles["folder"], articles["path"]) == ("content/articles", "{{year}}/{{slug}}/index")
    assert (articles["media_folder"], articles["public_folder"]) == ("", "")  # photos beside index.md
    assert articles["format"] == "pelican"
    fields = {f["name"]: f for f in articles["fields"]}
    assert set(fields) - {"body"} <= set(KNOWN_KEYS)
    assert {"title", "date", "category", "author"} <= {n for n, f in fields.items() if f.get("required", True)}
    for name in ("cover", "body"):  # the body's setting reaches the photo component's image field
        assert (
            fields[name]["media_library"]["config"]["max_file_size"] == CHECK_DEFAULTS["CONTENT_CHECKS_MAX_PHOTO_BYTES"]
        )
    categories = [c.name for c in load_site_data(SITE_DATA).categories]
    assert fields["category"]["options"] == categories


def test_admin_can_be_turned_off(tmp_path):
    build = build_site(tmp_path, {"articles/2024/a/index.md": article()}, CMS_ADMIN_ENABLED=False)
    assert not (build.output / "admin").exists()


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
