"""Photo pipeline without Pelican: find, check, plan, encode, cache and publish an article's photos.

Everything an editor can get wrong is checked *before* a pixel is decoded, from
the path and the file header only: the path must stay inside the article folder
(and, after symlinks, inside content/), the file must exist, be non-empty, be an
image in an accepted format and stay under ``max_pixels``. Only then is it
decoded, in a worker process, with Pillow: EXIF orientation applied, colour
converted to sRGB, every metadata block dropped, and the planned variants saved
into a cache whose file names carry a hash of the photo's bytes and of the
encoder settings, so a warm rebuild finds every file and encodes nothing.

Work is done once per distinct photo, not per file: what a header and a hash
told one build is kept in a small facts file (``PhotoFactsCache``), and the same
bytes in many article folders, or under several names, are decoded once and
each rendering encoded once (``tasks_by_photo``, ``encode_photos``).
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import shutil
import time
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import PIL
from PIL import Image, ImageCms, ImageMath, ImageOps, UnidentifiedImageError

from plugins.common.errors import ContentError
from plugins.common.files import write_atomically
from plugins.common.paths import RealPath, on_disk, resolved_inside
from plugins.figures.settings import Settings
from plugins.vi_text.core import slugify

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
PILLOW_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}
LINK_PREFIXES = ("{static}", "{attach}", "|static|", "|attach|")


# --- settings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EncoderSettings:
    """What decides the bytes of a variant; its fingerprint is part of every cached file name."""

    widths: tuple[int, ...] = (480, 800, 1200, 1600)
    formats: tuple[str, ...] = ("avif", "webp")
    quality: tuple[tuple[str, int], ...] = (("avif", 60), ("jpeg", 82), ("webp", 80))
    avif_speed: int = 8
    card_ratio: tuple[int, int] = (3, 2)
    card_widths: tuple[int, ...] = (400, 800, 1200)
    og_size: tuple[int, int] = (1200, 630)
    max_pixels: int = 50_000_000
    accepted_formats: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "MPO")
    publish_originals: bool = False

    @classmethod
    def from_settings(cls, values: Settings) -> EncoderSettings:
        """Build from the site's ``FIGURES_*`` settings."""
        return cls(
            widths=tuple(sorted(values.FIGURES_WIDTHS)),
            formats=tuple(f.lower() for f in values.FIGURES_FORMATS),
            quality=tuple(sorted(dict(values.FIGURES_QUALITY).items())),
            avif_speed=int(values.FIGURES_AVIF_SPEED),
            card_ratio=tuple(values.FIGURES_CARD_RATIO),
            card_widths=tuple(sorted(values.FIGURES_CARD_WIDTHS)),
            og_size=tuple(values.FIGURES_OG_SIZE),
            max_pixels=int(values.FIGURES_MAX_PIXELS),
            accepted_formats=tuple(f.upper() for f in values.FIGURES_ACCEPTED_FORMATS),
            publish_originals=bool(values.FIGURES_PUBLISH_ORIGINALS),
        )

    def fingerprint(self) -> str:
        """Changes whenever a setting or the Pillow version would change the encoded bytes."""
        return hashlib.sha256(f"{self!r}|pillow={PIL.__version__}".encode()).hexdigest()


# --- finding and checking a photo (no decoding) ----------------------------------------------------


def strip_link_prefix(reference: str) -> str:
    """``{static}a.jpg`` and ``a.jpg`` name the same file: editors may write either."""
    for prefix in LINK_PREFIXES:
        if reference.startswith(prefix):
            return reference[len(prefix) :]
    return reference


def resolve_photo(reference: str, article_dir: Path, content_root: Path, realpath: RealPath = os.path.realpath) -> Path:
    """The file an editor's photo reference names, refusing anything outside the article folder.

    Checked lexically first (nothing outside is touched), then after following
    symlinks (a link may stay in the folder yet point outside content/). The name
    may be spelt in another Unicode form than on disk (``plugins.common.paths.on_disk``):
    macOS writes decomposed names; the published names are ASCII slugs either way.
    ``realpath``: see ``plugins.common.paths.resolved_inside``.
    """
    value = unquote(strip_link_prefix(reference).strip())
    parts = urlsplit(value)
    if (parts.scheme or parts.netloc) and not re.match(r"^[A-Za-z]:[/\\]", value):
        raise ContentError(
            "image-external",
            f'Ảnh "{reference}" lấy từ trang web khác. Hãy tải ảnh về, đặt cạnh tệp bài viết và ghi tên tệp.',
        )
    relative = PurePosixPath(parts.path)
    if not value or relative.is_absolute() or value.startswith("\\") or re.match(r"^[A-Za-z]:", value):
        raise ContentError(
            "image-absolute-path",
            f'Đường dẫn ảnh "{reference}" là đường dẫn tuyệt đối. Hãy đặt ảnh cạnh tệp bài viết và chỉ ghi tên tệp.',
        )
    if ".." in relative.parts:
        raise ContentError(
            "image-outside-folder",
            f'Ảnh "{reference}" nằm ngoài thư mục bài viết. Hãy đặt ảnh cạnh tệp bài viết và chỉ ghi tên tệp.',
        )
    written = article_dir.joinpath(*relative.parts)
    real = resolved_inside(on_disk(written, article_dir) or written, content_root, realpath)
    if real is None:
        raise ContentError(
            "image-outside-folder",
            f'Ảnh "{reference}" là liên kết trỏ ra ngoài thư mục nội dung. Hãy chép ảnh thật vào thư mục bài viết.',
        )
    if not os.path.isfile(real):
        raise ContentError(
            "image-not-found",
            f'Không tìm thấy ảnh "{reference}" trong thư mục bài viết. Kiểm tra lại tên tệp (kể cả chữ hoa/thường).',
        )
    return Path(real)


# A stand-in photo (a placeholder made while the real one is missing, bench/standin_photos.py)
# says so in its EXIF ImageDescription; production refuses to publish it (FIGURES_STANDIN_PHOTOS).
EXIF_IMAGE_DESCRIPTION = 0x010E
STANDIN_MARKER = "portal:stand-in"


@dataclass(frozen=True)
class SourcePhoto:
    """A checked photo: its bytes' hash and its size as displayed (after EXIF orientation)."""

    path: Path
    digest: str
    width: int
    height: int
    has_alpha: bool
    standin: bool = False
    profile_ignored: bool = False


@dataclass(frozen=True)
class PhotoFacts:
    """What a photo file says about itself, independent of the settings it is checked against."""

    kind: str  # Pillow format name
    stored_width: int
    stored_height: int
    orientation: int  # EXIF orientation, 1 when absent
    has_alpha: bool
    digest: str  # sha256 of the file's bytes
    standin: bool = False  # carries STANDIN_MARKER
    profile_ignored: bool = False  # an embedded ICC profile that cannot be used: read as sRGB


def probe(
    path: Path,
    reference: str,
    settings: EncoderSettings,
    known: PhotoFactsCache | None = None,
    *,
    max_bytes: int | None = None,
) -> SourcePhoto:
    """Check a photo from its header; never decodes pixels, so a bomb costs no memory.

    ``known`` spares re-reading a file whose facts an earlier build recorded;
    ``max_bytes`` (``FIGURES_MAX_PHOTO_BYTES``) refuses a heavy file before it is opened.
    """
    if max_bytes is not None:
        check_photo_bytes(path, reference, max_bytes)
    facts = (known or PhotoFactsCache(None)).facts(path, reference, settings.max_pixels)
    if facts.kind not in settings.accepted_formats:
        accepted = ", ".join(f for f in settings.accepted_formats if f != "MPO")
        raise ContentError(
            "image-format",
            f'Ảnh "{reference}" có định dạng {facts.kind}, không được hỗ trợ. Hãy dùng {accepted} (thường là JPEG).',
        )
    size = (facts.stored_width, facts.stored_height)
    if size[0] * size[1] > settings.max_pixels:
        raise _too_large(reference, size, settings.max_pixels)
    width, height = size[::-1] if facts.orientation in (5, 6, 7, 8) else size
    return SourcePhoto(path, facts.digest, width, height, facts.has_alpha, facts.standin, facts.profile_ignored)


def check_photo_bytes(path: Path, reference: str, max_bytes: int) -> None:
    """A source photo above ``max_bytes`` is refused: the editor is told how to make it lighter."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ContentError(
            "oversized-photo",
            f'Ảnh "{reference}" nặng {size / 1_048_576:.1f} MB, vượt giới hạn {max_bytes / 1_048_576:.1f} MB.'
            " Hãy thu nhỏ ảnh (cạnh dài khoảng 3000 điểm ảnh là đủ) rồi lưu lại.",
        )


def read_facts(path: Path, reference: str, max_pixels: int) -> PhotoFacts:
    """Open the header and hash the bytes of a non-empty file (the costly part ``PhotoFactsCache`` saves)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.size[0] * image.size[1] > max_pixels:  # before any EXIF: a PNG's may decode every pixel
                    raise _too_large(reference, image.size, max_pixels)
                kind, (stored_w, stored_h), orientation = image.format, image.size, _orientation(image)
                has_alpha = has_transparency(image)
                standin = is_standin(image)
                ignored = profile_ignored(image)
    except Image.DecompressionBombError:
        raise _too_large(reference, None, max_pixels) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ContentError(
            "image-unreadable",
            f'Tệp "{reference}" không phải là ảnh hoặc đã hỏng; không đọc được. Hãy xuất lại ảnh dạng JPEG.',
        ) from None
    with path.open("rb") as stream:  # streamed: a huge file renamed .jpg costs no memory
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return PhotoFacts(kind, stored_w, stored_h, orientation, has_alpha, digest, standin, ignored)


def is_standin(image: Image.Image) -> bool:
    """Whether the photo's EXIF ImageDescription carries the stand-in marker."""
    description = _exif_value(image, EXIF_IMAGE_DESCRIPTION, "")
    return isinstance(description, str) and description.startswith(STANDIN_MARKER)


FACTS_FILE = "photo-facts.json"
FACTS_VERSION = 3  # bumped whenever PhotoFacts gains a field: older files are read as empty


class PhotoFactsCache:
    """Facts of photos read by earlier builds, so a warm build neither opens nor hashes an unchanged photo.

    Keyed by the file's identity as the file system states it: device, inode,
    size, mtime and ctime (ns). Any write to the file, or another file renamed
    over it, changes its ctime, which no tool can set back (on Windows, where
    ctime is the creation time, the mtime and size still change); hard links to
    one file share one entry. As with git's "racy" index entries, facts of a file
    changed within ``settle_ns`` of the moment it was read are used for this
    build but not saved: a second write in the same timestamp tick would leave
    every part of the key unchanged. Only entries this build used are saved, so
    the file does not grow with photos long deleted, and never those of a photo
    that failed to encode (``forget``): nothing of a rejected photo is kept.
    """

    settle_ns = 2_000_000_000  # covers file systems with 1-2 s timestamps (FAT, HFS+)

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.saved = self._load()
        self.known = dict(self.saved)
        self.settled: dict[str, PhotoFacts] = {}
        self.key_of: dict[str, str] = {}  # str(path) -> key, for ``forget``
        self.files_read = 0

    def _load(self) -> dict[str, PhotoFacts]:
        """The saved facts, or none when the file is missing, damaged or written by another Pillow."""
        if self.file is None:
            return {}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data["pillow"] != PIL.__version__ or data.get("version") != FACTS_VERSION:
                return {}
            return {key: PhotoFacts(*row) for key, row in data["photos"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def facts(self, path: Path, reference: str, max_pixels: int) -> PhotoFacts:
        """The facts of the file at ``path``, read only when no earlier build recorded this version of it."""
        read_at = time.time_ns()
        stat = path.stat()
        if stat.st_size == 0:
            raise ContentError("image-empty", f'Tệp ảnh "{reference}" rỗng (0 byte). Hãy chép lại ảnh.')
        key = self.key_of[str(path)] = (
            f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}"
        )
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = read_facts(path, reference, max_pixels)
            self.files_read += 1
        if max(stat.st_mtime_ns, stat.st_ctime_ns) < read_at - self.settle_ns:
            self.settled[key] = found
        return found

    def forget(self, paths: set[str]) -> None:
        """Leave the photos at ``paths`` (which failed to encode) out of what ``save`` writes."""
        for path in paths:
            self.settled.pop(self.key_of.get(path, ""), None)

    def save(self) -> None:
        """Write the settled facts this build used, atomically, when they differ from the saved ones."""
        if self.file is None or self.settled == self.saved:
            return
        data = {
            "pillow": PIL.__version__,
            "version": FACTS_VERSION,
            "photos": {key: astuple(f) for key, f in sorted(self.settled.items())},
        }
        write_atomically(self.file, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        self.saved = dict(self.settled)


def _orientation(image: Image.Image) -> int:
    """EXIF orientation from the header (1 when absent or unreadable)."""
    try:
        return int(_exif_value(image, 0x0112, 1))
    except (ValueError, TypeError):
        return 1


def _exif_value(image: Image.Image, tag: int, default: object) -> object:
    """One EXIF tag from the header; ``default`` when absent or the EXIF block is unreadable."""
    try:
        return image.getexif().get(tag, default)
    except (OSError, ValueError, TypeError, SyntaxError):
        return default


def _too_large(reference: str, size: tuple[int, int] | None, max_pixels: int) -> ContentError:
    found = f" {size[0]}×{size[1]} điểm ảnh ({size[0] * size[1] / 1e6:.0f} MP)," if size else ""
    return ContentError(
        "image-too-large",
        f'Ảnh "{reference}" quá lớn:{found} vượt giới hạn {max_pixels / 1e6:.0f} MP. '
        "Hãy thu nhỏ ảnh (ví dụ cạnh dài 3000 điểm ảnh) rồi đăng lại.",
    )


# --- planning variants -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One published file: where it goes (relative to the figures folder) and how to make it."""

    file: str
    width: int
    height: int
    fmt: str
    box: tuple[int, int, int, int]  # crop of the upright photo, full-resolution coordinates


@dataclass(frozen=True)
class Picture:
    """What a template or the body HTML needs to write ``<picture>``; URLs are relative to the site root.

    ``sources`` is ``[(mime_type, [(url, width), …]), …]``, best format first, JPEG last.
    The ``og_*`` fields are set for covers only (the 1200×630 share image).
    """

    alt: str
    width: int
    height: int
    fallback_url: str
    sources: list[tuple[str, list[tuple[str, int]]]]
    og_url: str | None = None
    og_width: int | None = None
    og_height: int | None = None
    original_url: str | None = None


@dataclass
class PhotoPlan:
    """Every variant one photo needs, plus the pictures built from them."""

    source: SourcePhoto
    # An ordered set (values unused): body and cover may plan the same file twice.
    variants: dict[Variant, None] = field(default_factory=dict)
    references: list[tuple[str, str]] = field(default_factory=list)  # (article file, reference as written)


def variant_widths(wanted: Iterable[int], available: int) -> list[int]:
    """The wanted widths that do not upscale, plus the photo's own width when it is narrower."""
    wanted = sorted(wanted)
    widths = [w for w in wanted if w < available]
    if available <= wanted[-1] or not widths:
        widths.append(min(available, wanted[-1]))
    else:
        widths.append(wanted[-1])
    return sorted(set(widths))


def centre_crop(width: int, height: int, ratio: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest centred box of ``ratio`` (w, h) inside a ``width``×``height`` photo."""
    if width * ratio[1] > height * ratio[0]:
        crop_w = round(height * ratio[0] / ratio[1])
        left = (width - crop_w) // 2
        return (left, 0, left + crop_w, height)
    crop_h = round(width * ratio[1] / ratio[0])
    top = (height - crop_h) // 2
    return (0, top, width, top + crop_h)


class Planner:
    """Turns a checked photo into named variants and ``Picture`` objects."""

    def __init__(self, settings: EncoderSettings, url_base: str) -> None:
        self.settings = settings
        self.url_base = url_base.strip("/")
        self._fingerprint = settings.fingerprint()

    def key(self, source: SourcePhoto) -> str:
        """Short hash of the photo's bytes and the encoder settings: a new photo or setting → new names."""
        return hashlib.sha256(f"{source.digest}|{self._fingerprint}".encode()).hexdigest()[:12]

    def _variants(
        self,
        plan: PhotoPlan,
        stem: str,
        box: tuple[int, int, int, int],
        widths: list[int],
        formats: Iterable[str],
        tag: str,
    ) -> dict[str, list[Variant]]:
        key = self.key(plan.source)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        made: dict[str, list[Variant]] = {}
        for fmt in formats:
            for width in widths:
                height = max(1, round(box_h * width / box_w))
                ext = "jpg" if fmt == "jpeg" else fmt
                name = f"{key[:2]}/{stem}-{key}{tag}-{width}x{height}.{ext}"
                variant = Variant(name, width, height, fmt, box)
                made.setdefault(fmt, []).append(variant)
                plan.variants[variant] = None
        return made

    def url(self, variant: Variant) -> str:
        return f"{self.url_base}/{variant.file}"

    def _picture(self, made: dict[str, list[Variant]], alt: str) -> Picture:
        jpegs = made["jpeg"]
        largest = jpegs[-1]
        fallback = next((v for v in jpegs if v.width >= 800), largest)
        sources = [(MIME_TYPES[fmt], [(self.url(v), v.width) for v in made[fmt]]) for fmt in made]
        return Picture(alt, largest.width, largest.height, self.url(fallback), sources)

    def body_picture(self, plan: PhotoPlan, stem: str, alt: str) -> Picture:
        """The responsive set for a photo in the article body (whole photo, no crop)."""
        source = plan.source
        box = (0, 0, source.width, source.height)
        widths = variant_widths(self.settings.widths, source.width)
        made = self._variants(plan, stem, box, widths, (*self.settings.formats, "jpeg"), "")
        picture = self._picture(made, alt)
        if self.settings.publish_originals:
            original = self._variants(plan, stem, box, [source.width], ["jpeg"], "-goc")["jpeg"][0]
            picture = Picture(**{**picture.__dict__, "original_url": self.url(original)})
        return picture

    def cropped_picture(
        self, plan: PhotoPlan, stem: str, alt: str, ratio: tuple[int, int], widths: Iterable[int], tag: str
    ) -> Picture:
        """The centred ``ratio`` crop at ``widths`` (never upscaled) in every format; ``tag`` goes into file names.

        Covers use it for their cards; other plugins for their own crops (leaders' portraits).
        """
        source = plan.source
        box = centre_crop(source.width, source.height, ratio)
        made = self._variants(
            plan, stem, box, variant_widths(widths, box[2] - box[0]), (*self.settings.formats, "jpeg"), tag
        )
        return self._picture(made, alt)

    def cover_picture(self, plan: PhotoPlan, stem: str, alt: str) -> Picture:
        """Card crops (``card_ratio``) in every format plus the Open Graph JPEG."""
        source = plan.source
        card = self.cropped_picture(plan, stem, alt, self.settings.card_ratio, self.settings.card_widths, "-the")
        og_box = centre_crop(source.width, source.height, self.settings.og_size)
        og_width = min(self.settings.og_size[0], og_box[2] - og_box[0])
        og = self._variants(plan, stem, og_box, [og_width], ["jpeg"], "-og")["jpeg"][0]
        return Picture(**{**card.__dict__, "og_url": self.url(og), "og_width": og.width, "og_height": og.height})


def file_stem(path: Path) -> str:
    """An ASCII, URL-safe version of the photo's own name (kept in URLs for SEO and for people)."""
    return slugify(path.stem) or "anh"


# --- encoding (runs in worker processes) -----------------------------------------------------------


@dataclass(frozen=True)
class EncodeTask:
    """One photo's bytes to decode once and save as its missing variants (picklable for the process pool).

    ``source`` is any one file holding those bytes: the same photo placed in many
    article folders, or under several names, is one task.
    """

    source: str
    variants: tuple[Variant, ...]
    settings: EncoderSettings
    cache_dir: str


def tasks_by_photo(
    plans: Iterable[PhotoPlan], settings: EncoderSettings, cache_dir: Path
) -> list[tuple[EncodeTask, list[PhotoPlan]]]:
    """One task per distinct photo (content hash) with every variant planned for it, and the plans it serves.

    The same photo in a thousand article folders, or under several names, is
    decoded once; ``encode_photos`` then encodes each rendering of it once.
    """
    by_digest: dict[str, list[PhotoPlan]] = {}
    for plan in plans:
        by_digest.setdefault(plan.source.digest, []).append(plan)
    return [
        (
            EncodeTask(
                str(group[0].source.path),
                tuple(dict.fromkeys(v for plan in group for v in plan.variants)),
                settings,
                str(cache_dir),
            ),
            group,
        )
        for group in by_digest.values()
    ]


@dataclass
class EncodeStats:
    """What one build did, for the log and for tests: a warm rebuild has ``files_encoded == 0``."""

    photos_decoded: int = 0
    files_encoded: int = 0
    files_reused: int = 0
    files_copied: int = 0  # same pixels under another file name (the photo's stem differs), linked in the cache
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source path, Vietnamese reason)


def existing_files(folder: Path, names: Iterable[str]) -> set[str]:
    """Which of ``names`` (``ab/file.ext``) exist in ``folder``: one listing per subfolder, not one stat per name."""
    wanted = set(names)
    found: set[str] = set()
    for sub in {name.rpartition("/")[0] for name in wanted}:
        try:
            found.update(f"{sub}/{entry}" if sub else entry for entry in os.listdir(folder / sub))
        except (FileNotFoundError, NotADirectoryError):
            continue
    return wanted & found


def rendering(variant: Variant) -> tuple[object, ...]:
    """What decides a variant's bytes besides the photo and the settings (its file name does not)."""
    return (variant.box, variant.width, variant.height, variant.fmt)


def split_task(task: EncodeTask, cached: set[str]) -> tuple[list[Variant], list[tuple[Variant, Variant]]]:
    """The variants ``task`` must encode (one per rendering) and the (made, twin) pairs to copy afterwards."""
    encode: list[Variant] = []
    copies: list[tuple[Variant, Variant]] = []
    twins: dict[tuple[object, ...], list[Variant]] = {}
    for variant in task.variants:
        twins.setdefault(rendering(variant), []).append(variant)
    for same in twins.values():
        made = next((v for v in same if v.file in cached), None)
        if made is None:
            made = same[0]
            encode.append(made)
        copies += [(made, v) for v in same if v is not made and v.file not in cached]
    return encode, copies


def encode_photos(tasks: list[EncodeTask], workers: int) -> EncodeStats:
    """Encode what the cache lacks, each rendering of each photo once, across ``workers`` processes.

    A variant whose twin (same photo and rendering, other name) is cached or
    encoded here is copied, not encoded. Tasks complete in the cache are not
    submitted, and no process pool starts for fewer than two tasks.
    """
    stats = EncodeStats()
    jobs: list[tuple[EncodeTask, list[tuple[Variant, Variant]]]] = []
    for task in tasks:
        cached = existing_files(Path(task.cache_dir), (v.file for v in task.variants))
        stats.files_reused += len(cached)
        encode, copies = split_task(task, cached)
        if encode:
            jobs.append((replace(task, variants=tuple(encode)), copies))
        else:
            stats.files_copied += copy_twins(copies, Path(task.cache_dir))
    todo = [task for task, _ in jobs]
    if len(todo) > 1 and workers > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
            results = list(pool.map(encode_one, todo))
    else:
        results = [encode_one(task) for task in todo]
    for (task, copies), error in zip(jobs, results, strict=True):
        stats.photos_decoded += 1
        if error:
            stats.failures.append((task.source, error))
        else:
            stats.files_encoded += len(task.variants)
            stats.files_copied += copy_twins(copies, Path(task.cache_dir))
    return stats


def copy_twins(pairs: Iterable[tuple[Variant, Variant]], cache_dir: Path) -> int:
    """Give each twin the bytes of its made variant: a hard link in the cache, a copy where links fail."""
    count = 0
    for made, twin in pairs:
        source, target = cache_dir / made.file, cache_dir / twin.file
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            os.link(source, partial)
        except OSError:
            shutil.copyfile(source, partial)
        os.replace(partial, target)  # atomic, like save_variant
        count += 1
    return count


def encode_one(task: EncodeTask) -> str | None:
    """Decode one photo and write its variants; returns a Vietnamese reason on failure, else None."""
    try:
        upright = load_upright(Path(task.source), task.variants, task.settings.max_pixels)
        by_size: dict[tuple[tuple[int, ...], int, int], list[Variant]] = {}
        for variant in task.variants:  # resize once per size, then save that size in every format
            by_size.setdefault((variant.box, variant.width, variant.height), []).append(variant)
        for same_size in by_size.values():
            image = resized(upright, same_size[0])
            for variant in same_size:
                save_variant(image, variant, task.settings, Path(task.cache_dir))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return f"ảnh bị hỏng hoặc không đầy đủ, không giải mã được ({exc})"
    return None


def load_upright(path: Path, variants: Iterable[Variant], max_pixels: int) -> Image.Image:
    """Decode a photo upright, in sRGB, with no metadata; JPEGs are decoded at a reduced scale when allowed.

    Reduced-scale JPEG decoding (``draft``) makes a 12 MP photo ~4× cheaper when the
    largest variant is 1600 px wide. Box coordinates stay in full-size units; the
    caller scales them by ``image.size / upright size`` (see ``resized``).
    """
    with Image.open(path) as image:
        if image.width * image.height > max_pixels:  # the file changed since it was checked
            raise ValueError("vượt giới hạn điểm ảnh")
        full_size = image.size if _orientation(image) not in (5, 6, 7, 8) else image.size[::-1]
        scale = max(v.width / (v.box[2] - v.box[0]) for v in variants)
        image.draft(None, (int(image.width * scale) + 1, int(image.height * scale) + 1))
        upright = ImageOps.exif_transpose(image)
        upright.load()
    needed_width = int(full_size[0] * scale) + 1
    if upright.width >= 2 * needed_width and upright.mode in ("RGB", "RGBA", "L", "LA", "CMYK"):
        # PNG/WebP have no draft mode: shrink before the colour conversion copies the pixels
        upright = upright.reduce(upright.width // needed_width)
    upright = to_srgb(upright)
    upright.info = {"full_size": full_size}  # drops EXIF, XMP, IPTC, ICC, comments
    return upright


# Modes a 16-bit greyscale PNG opens in: 0…65535 per pixel. ``convert("L")`` clips them at 255 (a white photo).
SIXTEEN_BIT_GREY = ("I;16", "I;16B", "I;16L", "I;16N", "I")


def eight_bit(image: Image.Image) -> Image.Image:
    """16-bit greyscale scaled to 8 bits (``L``, or ``LA`` with its transparent value); any other mode as it is.

    Pillow reads a 16-bit RGB(A) PNG as 8-bit RGB(A) already; a 16-bit grey one
    stays 16-bit, and every conversion from it clips instead of scaling.
    """
    if image.mode not in SIXTEEN_BIT_GREY:
        return image
    wide = image.convert("I") if image.mode != "I" else image
    grey = wide.point(lambda value: value / 257 + 0.5).convert("L")  # 65535 → 255, rounded
    transparent = image.info.get("transparency")
    if isinstance(transparent, int):  # a tRNS value: that grey level is transparent
        alpha = ImageMath.lambda_eval(lambda px: (px["a"] != transparent) * 255, a=wide).convert("L")
        grey = Image.merge("LA", (grey, alpha))
    return grey


def has_transparency(image: Image.Image) -> bool:
    """Whether the photo has an alpha channel or a transparent colour (published as RGBA, JPEG on white)."""
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def profile_modes(image: Image.Image) -> tuple[str, str]:
    """The mode ``to_srgb`` hands to the colour transform, and the mode it asks back; from the header only.

    Opaque greyscale (16-bit too, once ``eight_bit``) keeps ``L``: a scanner's grey
    profile ("Gray Gamma 2.2") applies to it, and would not to the pixels made RGB.
    """
    transparent = has_transparency(image)
    target = "RGBA" if transparent else "RGB"
    if image.mode in ("RGB", "RGBA", "CMYK") or (image.mode == "L" and not transparent):
        return image.mode, target
    if image.mode in SIXTEEN_BIT_GREY and not transparent:
        return "L", target
    return target, target


def profile_ignored(image: Image.Image) -> bool:
    """Whether the photo embeds an ICC profile that ``to_srgb`` will not use (see ``srgb_transform``)."""
    icc = image.info.get("icc_profile")
    return bool(icc) and srgb_transform(icc, *profile_modes(image)) is None


def srgb_transform(icc: bytes, source_mode: str, target: str) -> ImageCms.ImageCmsTransform | None:
    """The transform from an embedded ICC profile to sRGB; None when the profile cannot be used.

    A damaged or truncated profile (``OSError``), or one for another colour space
    than the pixels' (``PyCMSError``), is ignored: the numbers are read as sRGB,
    which is what browsers do with such a file. ``read_facts`` asks the same
    question from the header, so the editor is told (``PhotoFacts.profile_ignored``).
    """
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.buildTransform(profile, _SRGB, source_mode, target)
    except (OSError, ImageCms.PyCMSError, ValueError, TypeError):
        return None


_SRGB = ImageCms.createProfile("sRGB")


def to_srgb(image: Image.Image) -> Image.Image:
    """Convert to 8-bit sRGB (RGBA when transparent), honouring an embedded ICC profile that can be used."""
    icc = image.info.get("icc_profile")
    image = eight_bit(image)
    source_mode, target = profile_modes(image)
    if image.mode != source_mode:
        image = image.convert(source_mode)
    transform = srgb_transform(icc, source_mode, target) if icc else None
    if transform is not None:
        return ImageCms.applyTransform(image, transform)
    return image.convert(target) if image.mode != target else image


def resized(upright: Image.Image, variant: Variant) -> Image.Image:
    """The variant's crop of the upright photo at the variant's size (box scaled if decoded at reduced size)."""
    factor = upright.width / upright.info["full_size"][0]
    box = tuple(round(c * factor) for c in variant.box)
    image = upright.crop(box) if box != (0, 0, *upright.size) else upright
    image = image.resize((variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    image.info = {}
    return image


def save_variant(image: Image.Image, variant: Variant, settings: EncoderSettings, cache_dir: Path) -> None:
    """Save one variant atomically (a half-written file never looks cached)."""
    quality = dict(settings.quality)[variant.fmt]
    options: dict[str, object] = {"quality": quality}
    if variant.fmt == "jpeg":
        if image.mode == "RGBA":  # JPEG has no transparency: flatten on white, like a page background
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        options.update(optimize=True, progressive=True)
    elif variant.fmt == "avif":
        options["speed"] = settings.avif_speed
    elif variant.fmt == "webp":
        options["method"] = 4
    target = cache_dir / variant.file
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    image.save(partial, PILLOW_FORMATS[variant.fmt], **options)
    os.replace(partial, target)


def publish_variants(files: Iterable[str], cache_dir: Path, output_dir: Path) -> int:
    """Copy cached variants into the output; names carry content hashes, so an existing file is current."""
    names = set(files)
    copied = 0
    for name in sorted(existing_files(cache_dir, names) - existing_files(output_dir, names)):
        target = output_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / name, target)
        copied += 1
    return copied


# --- HTML -------------------------------------------------------------------------------------------

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


class _AttributeReader(HTMLParser):
    """Reads one tag's attributes with the standard library's HTML parser (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def tag_attributes(tag: str) -> dict[str, str]:
    reader = _AttributeReader()
    reader.feed(tag)
    reader.close()
    return reader.attrs


def replace_images(content: str, replace: Callable[[str, dict[str, str]], str]) -> str:
    """Call ``replace(tag, attributes)`` for every ``<img>`` tag and put its result in the tag's place."""
    return IMG_TAG.sub(lambda match: replace(match.group(0), tag_attributes(match.group(0))), content)


def picture_html(picture: Picture, prefix: str | None, sizes: str, *, eager: bool, one_per_line: bool = False) -> str:
    """``<picture>`` markup, its only producer: body photos (``hooks``) and, through the theme's
    ``picture`` template global (``partials/picture.html``), covers and portraits.

    ``prefix`` goes before every URL with a slash: the site URL, absolute or relative to the
    page (the theme passes ``SITEURL``, so "" gives "/anh/…"); None leaves the URLs relative to
    the site root as they are. ``one_per_line`` puts each element on its own line, as the
    theme's pages have always had it; the body keeps a photo on one line.
    """

    def url(path: str) -> str:
        return html.escape(path if prefix is None else f"{prefix}/{path}")

    loading = "" if eager else ' loading="lazy" decoding="async"'
    tags = [
        f'<source type="{html.escape(mime)}" srcset="{", ".join(f"{url(u)} {w}w" for u, w in candidates)}" '
        f'sizes="{html.escape(sizes)}">'
        for mime, candidates in picture.sources
    ]
    tags.append(
        f'<img src="{url(picture.fallback_url)}" alt="{html.escape(picture.alt)}" '
        f'width="{picture.width}" height="{picture.height}"{loading}>'
    )
    if one_per_line:
        markup = "<picture>\n" + "".join(f"  {tag}\n" for tag in tags) + "</picture>\n"
    else:
        markup = f"<picture>{''.join(tags)}</picture>"
    if picture.original_url:
        markup = f'<a class="figure-original" href="{url(picture.original_url)}">{markup}</a>'
    return markup


def line_of(text: str, needle: str) -> int | None:
    """1-based line where ``needle`` first occurs, so a message can point at the photo."""
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1
