"""A seeded synthetic Vietnamese corpus in the portal's content model, for the benchmark and the warm-build test.

Writes ``content/articles/YYYY/<slug>/index.md`` with photos beside it, plus the
site data file (our 8 categories) copied from the repository, exactly as an
editor would lay them out. Same seed, same N → byte-identical corpus, so two
benchmark runs (or two machines) time the same input.

Why generated and not sampled from a real archive: the portal's archive is not
public in bulk, and the benchmark must run from a clean clone with no download.
The vocabulary below is the portal's own register (Party-committee news); the
text is grammatical enough that Markdown, typogrify and the search index do
realistic work (diacritics everywhere, commas, quotes, numbers, dates).

    python bench/gen_corpus.py /dev/shm/corpus --articles 1000 --seed 42
    python bench/gen_corpus.py DIR --hugo HUGO_DIR   # also the same articles as a Hugo site
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from standin_photos import make_photo  # noqa: E402

from plugins.vi_text.core import slugify  # noqa: E402

# The fixture site's data file: the live one (content/) is the editors', and before launch its identity
# is empty, which every build would warn about (and a production build refuse). Same categories.
SITE_DATA = ROOT / "tests" / "fixtures" / "site" / "data" / "site.toml"
FIRST_DAY = datetime(2015, 1, 1, 7, 0)
LAST_DAY = datetime(2026, 10, 31, 17, 0)  # 2015–2026, none in the future of a 2026-11 build

UNITS = (
    "Văn phòng Đảng ủy Khối",
    "Ban Tổ chức Đảng ủy Khối",
    "Ban Tuyên giáo Đảng ủy Khối",
    "Ủy ban Kiểm tra Đảng ủy Khối",
    "Ban Dân vận Đảng ủy Khối",
    "Công đoàn Viên chức tỉnh",
    "Đoàn Thanh niên Khối",
    "Hội Cựu chiến binh Khối",
    "Đảng bộ Sở Tài chính",
    "Đảng bộ Sở Giáo dục và Đào tạo",
    "Đảng bộ Sở Y tế",
    "Chi bộ Sở Tư pháp",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Quốc", "Đức", "Thanh", "Hữu", "Ngọc", "Kiều")
GIVEN = ("Hương", "Hằng", "Tuấn", "Hưng", "Dũng", "Lan", "Phương", "Thắng", "Huyền", "Đạt", "Yến", "Khánh", "Lộc")
TAGS = (
    "dư luận xã hội", "cộng tác viên", "Ban Tuyên giáo", "hội nghị tổng kết", "nghị quyết", "chỉ thị",
    "đảng viên mới", "kết nạp đảng viên", "sinh hoạt chi bộ", "tổ chức cơ sở đảng", "học tập chuyên đề",
    "tư tưởng Hồ Chí Minh", "dân vận khéo", "kiểm tra giám sát", "kỷ luật đảng", "phòng chống tham nhũng",
    "cải cách hành chính", "chuyển đổi số", "Công đoàn", "Đoàn Thanh niên", "Cựu chiến binh", "thi đua khen thưởng",
    "an sinh xã hội", "bảo vệ nền tảng tư tưởng", "đại hội đảng bộ", "nhiệm kỳ 2020-2025", "nhiệm kỳ 2025-2030",
    "báo cáo viên", "thông tin thời sự", "giáo dục chính trị", "bồi dưỡng lý luận", "cán bộ trẻ", "phụ nữ",
    "biên giới", "xây dựng nông thôn mới", "giảm nghèo bền vững", "quốc phòng an ninh", "tự phê bình và phê bình",
    "đánh giá xếp loại", "văn hóa công sở", "tiết kiệm chống lãng phí", "tiếp dân", "khiếu nại tố cáo",
    "quy chế dân chủ", "lịch công tác", "tập huấn nghiệp vụ", "hội thi", "văn nghệ thể thao", "tri ân",
    "ngày thành lập Đảng", "Quốc khánh 2/9", "thương binh liệt sĩ", "hiến máu tình nguyện", "mùa xuân biên giới",
    "Tết Nguyên đán", "kỷ niệm", "giao ban", "sơ kết 6 tháng", "phát triển đảng viên", "văn kiện đại hội",
)  # fmt: skip
SUBJECTS = (
    "Đảng ủy Khối các cơ quan tỉnh", "Ban Thường vụ Đảng ủy Khối", "các đảng bộ, chi bộ cơ sở",
    "đội ngũ cán bộ, đảng viên", "Ban Tuyên giáo Đảng ủy Khối", "Ủy ban Kiểm tra Đảng ủy Khối",
    "các cấp ủy trực thuộc", "đoàn viên thanh niên trong Khối", "hội viên Hội Cựu chiến binh",
    "công chức, viên chức, người lao động", "đồng chí Bí thư Đảng ủy Khối", "đại biểu dự hội nghị",
)  # fmt: skip
VERBS = (
    "đã quán triệt", "tập trung lãnh đạo", "triển khai thực hiện", "chủ động tham mưu", "đánh giá kết quả",
    "thống nhất đề ra", "tích cực hưởng ứng", "nghiêm túc kiểm điểm", "kịp thời nắm bắt", "tổ chức tuyên truyền",
    "đẩy mạnh việc", "tăng cường công tác", "thảo luận, góp ý", "biểu dương", "nhấn mạnh yêu cầu",
)  # fmt: skip
OBJECTS = (
    "nghị quyết của Ban Chấp hành Đảng bộ tỉnh", "nhiệm vụ chính trị năm {year}",
    "công tác xây dựng Đảng và hệ thống chính trị",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "chương trình kiểm tra, giám sát năm {year}", "phong trào thi đua “Dân vận khéo”",
    "công tác nắm bắt tình hình tư tưởng, dư luận xã hội", "kế hoạch phát triển đảng viên mới",
    "quy định về những điều đảng viên không được làm", "công tác cải cách hành chính và chuyển đổi số",
    "chất lượng sinh hoạt chi bộ định kỳ", "việc thực hiện quy chế dân chủ ở cơ sở",
    "kết quả {percent}% chỉ tiêu đề ra", "công tác đào tạo, bồi dưỡng {count} cán bộ", "những hạn chế, khuyết điểm",
)  # fmt: skip
ENDINGS = (
    "theo đúng quy định", "một cách đồng bộ, hiệu quả", "gắn với nhiệm vụ chuyên môn của từng cơ quan",
    "trong tình hình mới", "ngay từ đầu năm", "bảo đảm thiết thực, tiết kiệm", "góp phần hoàn thành thắng lợi nhiệm vụ",
    "tại Hội trường Tỉnh ủy", "vào ngày {day}/{month}/{year}", "với sự tham dự của {count} đại biểu",
)  # fmt: skip
TITLE_EVENTS = (
    "Hội nghị tổng kết {topic} năm {year}", "Sơ kết 6 tháng đầu năm {year} về {topic}",
    "Quán triệt, triển khai {topic}", "Tập huấn nghiệp vụ {topic} năm {year}", "Hội thi tìm hiểu {topic}",
    "Đảng ủy Khối các cơ quan tỉnh kiểm tra {topic}", "Nâng cao chất lượng {topic}",
    "Giao ban {topic} quý {quarter} năm {year}", "Thông báo lịch {topic} tháng {month}/{year}",
)  # fmt: skip
TITLE_TOPICS = (
    "công tác dư luận xã hội", "công tác tuyên giáo", "công tác kiểm tra, giám sát", "công tác dân vận",
    "sinh hoạt chi bộ", "phát triển đảng viên", "học tập và làm theo Bác", "công tác Công đoàn",
    "công tác Đoàn và phong trào thanh niên", "công tác cựu chiến binh", "cải cách hành chính",
    "chuyển đổi số trong cơ quan đảng", "phòng, chống tham nhũng, tiêu cực", "bảo vệ nền tảng tư tưởng của Đảng",
)  # fmt: skip
CAPTIONS = (
    "Quang cảnh hội nghị", "Đồng chí Bí thư Đảng ủy Khối phát biểu chỉ đạo", "Các đại biểu thảo luận tại hội nghị",
    "Trao giấy khen cho các tập thể, cá nhân tiêu biểu", "Đoàn công tác làm việc tại cơ sở",
)  # fmt: skip


@dataclass(frozen=True)
class Article:
    """One generated article: where it goes and what it says."""

    year: int
    slug: str
    text: str
    photos: tuple[str, ...]


def categories(site_data: Path = SITE_DATA) -> list[str]:
    """The portal's category names, from the same data file the build reads."""
    return [c["name"] for c in tomllib.loads(site_data.read_text(encoding="utf-8"))["categories"]]


def sentence(rng: random.Random, year: int) -> str:
    """One news-register sentence: subject, verb, object, circumstance."""
    values = {
        "year": year,
        "percent": rng.randrange(80, 101),
        "count": rng.randrange(20, 400),
        "day": rng.randrange(1, 29),
        "month": rng.randrange(1, 13),
    }
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ENDINGS)]
    text = " ".join(words).format(**values)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, year: int) -> str:
    return " ".join(sentence(rng, year) for _ in range(rng.randrange(3, 7)))


def body(rng: random.Random, year: int, photos: tuple[str, ...], words: int) -> str:
    """Paragraphs until about ``words`` words, photos with captions spread among them."""
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < words:
        paragraphs.append(paragraph(rng, year))
    for index, photo in enumerate(photos):
        caption = rng.choice(CAPTIONS)
        figure = f"![{caption}]({{static}}{photo})\n/// caption\n{caption}\n///"
        paragraphs.insert(min(len(paragraphs), 1 + index * 2), figure)
    return "\n\n".join(paragraphs)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def generate(count: int, seed: int, photo_pool: int, *, photos: bool = True) -> list[Article]:
    """``count`` articles, deterministic for a given seed; slugs unique, ``Related:`` only to existing slugs.

    ``photos=False`` gives articles without photos (a different draw): the text pipeline alone.
    """
    rng = random.Random(seed)
    names = categories()
    days = (LAST_DAY - FIRST_DAY).days
    seen: set[str] = set()
    articles: list[Article] = []
    for _ in range(count):
        when = FIRST_DAY + timedelta(days=rng.randrange(days), minutes=rng.randrange(10 * 60))  # office hours
        title = rng.choice(TITLE_EVENTS).format(
            topic=rng.choice(TITLE_TOPICS), year=when.year, quarter=rng.randrange(1, 5), month=when.month
        )
        title = f"{title} tại {rng.choice(UNITS)}" if rng.random() < 0.5 else title
        slug = base = slugify(title)
        suffix = 2
        while slug in seen:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(slug)
        photo_count = rng.choice((0, 0, 1, 1, 1, 2, 2, 3)) if photos else 0
        photos_here = tuple(f"anh-{n + 1}.jpg" for n in range(photo_count))
        text = body(rng, when.year, photos_here, rng.randrange(300, 901))
        meta = {
            "Title": title,
            "Date": when.strftime("%Y-%m-%d %H:%M"),
            "Category": rng.choice(names),
            "Tags": ", ".join(rng.sample(TAGS, rng.randrange(2, 6))),
            "Author": person(rng),
            "Unit": rng.choice(UNITS),
        }
        if rng.random() < 0.8:  # most editors write a lead; the rest let the portal cut one
            meta["Summary"] = text.split(". ", 1)[0] + "."
        if photos_here:
            meta["Cover"] = photos_here[0]
        if articles and rng.random() < 0.2:
            meta["Related"] = ", ".join(a.slug for a in rng.sample(articles, min(len(articles), rng.randrange(1, 3))))
        if rng.random() < 0.02:
            meta["Featured"] = "yes"
        head = "\n".join(f"{key}: {value}" for key, value in meta.items())
        pool_photos = tuple(f"pool-{rng.randrange(photo_pool)}.jpg" for _ in photos_here)
        articles.append(Article(when.year, slug, f"{head}\n\n{text}\n", pool_photos))
    return articles


def make_photo_pool(folder: Path, size: int, photo_size: tuple[int, int]) -> None:
    """A few camera-like JPEGs with EXIF (GPS, orientation), shared by all articles through hard links."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(size):
        target = folder / f"pool-{n}.jpg"
        if not target.exists():
            make_photo(target, photo_size, f"ANH MINH HOA {n}", orientation=6 if n % 4 == 3 else 1, seed=100 + n)


def place(source: Path, target: Path) -> None:
    """Hard-link a pool photo (no copy, no extra RAM on tmpfs); copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_corpus(articles: list[Article], content: Path, pool: Path) -> None:
    """Lay the articles out as editors do, with the site data file beside them."""
    (content / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(SITE_DATA, content / "data" / "site.toml")
    for item in articles:
        folder = content / "articles" / str(item.year) / item.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(item.text, encoding="utf-8")
        for number, photo in enumerate(item.photos, start=1):
            place(pool / photo, folder / f"anh-{number}.jpg")


def hugo_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split one of our article files into its header fields and its Markdown body."""
    head, _, rest = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.split("\n"))
    return fields, rest.replace("{static}", "")


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hugo_site(articles: list[Article], site: Path, pool: Path) -> None:
    """The same articles as a Hugo site: page bundles, TOML front matter, the minimal layout in bench/hugo_site/."""
    shutil.copytree(ROOT / "bench" / "hugo_site", site, dirs_exist_ok=True)
    for item in articles:
        fields, markdown = hugo_front_matter(item.text)
        when = datetime.strptime(fields["Date"], "%Y-%m-%d %H:%M").strftime("%Y-%m-%dT%H:%M:00+07:00")
        tags = ", ".join(toml_string(t.strip()) for t in fields["Tags"].split(","))
        front = [
            f"title = {toml_string(fields['Title'])}",
            f"date = {when}",
            f"slug = {toml_string(item.slug)}",
            f"chuyen-muc = [{toml_string(fields['Category'])}]",  # taxonomy names as in bench/hugo/hugo.toml
            f"the = [{tags}]",
            f"tac-gia = [{toml_string(fields['Author'])}]",
        ]
        if "Summary" in fields:
            front.append(f"summary = {toml_string(fields['Summary'])}")
        folder = site / "content" / "bai-viet" / item.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text("+++\n" + "\n".join(front) + "\n+++\n\n" + markdown, encoding="utf-8")
        for number, photo in enumerate(item.photos, start=1):
            place(pool / photo, folder / f"anh-{number}.jpg")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path, help="folder to create (the site's content/ folder)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--photo-pool", type=int, default=12, help="distinct JPEGs shared by all articles")
    parser.add_argument("--photo-size", default="1200x800", help="pixel size of the pool photos")
    parser.add_argument("--hugo", type=Path, help="also write the same articles as a Hugo site here")
    parser.add_argument("--no-photos", action="store_true", help="no photos: time the text pipeline alone")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.photo_size.split("x"))
    pool = args.content.parent / f"photo-pool-{args.photo_size}"
    make_photo_pool(pool, args.photo_pool, (width, height))
    articles = generate(args.articles, args.seed, args.photo_pool, photos=not args.no_photos)
    write_corpus(articles, args.content, pool)
    if args.hugo:
        write_hugo_site(articles, args.hugo, pool)
    print(f"{len(articles)} articles in {args.content}" + (f" and {args.hugo}" if args.hugo else ""))


if __name__ == "__main__":
    main()
