"""Photo pipeline without Pelican: find, check, plan, encode, cache and publish an article's photos.

Everything an editor can get wrong is checked *before* a pixel is decoded, from
the path and the file header only: the path must stay inside the article folder
(and, after symlinks, inside content/), the file must exist, be non-empty, be an
image in an accepted format and stay under ``max_pixels``. Only then is it
decoded, in a worker process, with Pillow: EXIF orientation applied, colour
converted to sRGB, every metadata block dropped, and the planned variants saved
into a cache whose file names carry a hash of the photo's bytes and of the
encoder settings, so a warm rebuild finds every file and encodes nothing.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import shutil
import warnings
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from plugins.common.errors import ContentError
from plugins.common.paths import is_inside
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
    def from_settings(cls, values: Mapping[str, object]) -> EncoderSettings:
        """Build from the merged ``FIGURES_*`` settings dict."""
        return cls(
            widths=tuple(sorted(values["FIGURES_WIDTHS"])),
            formats=tuple(f.lower() for f in values["FIGURES_FORMATS"]),
            quality=tuple(sorted(dict(values["FIGURES_QUALITY"]).items())),
            avif_speed=int(values["FIGURES_AVIF_SPEED"]),
            card_ratio=tuple(values["FIGURES_CARD_RATIO"]),
            card_widths=tuple(sorted(values["FIGURES_CARD_WIDTHS"])),
            og_size=tuple(values["FIGURES_OG_SIZE"]),
            max_pixels=int(values["FIGURES_MAX_PIXELS"]),
            accepted_formats=tuple(f.upper() for f in values["FIGURES_ACCEPTED_FORMATS"]),
            publish_originals=bool(values["FIGURES_PUBLISH_ORIGINALS"]),
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


def resolve_photo(reference: str, article_dir: Path, content_root: Path) -> Path:
    """The file an editor's photo reference names, refusing anything outside the article folder.

    Checked lexically first (nothing outside is touched), then after following
    symlinks (a link may stay in the folder yet point outside content/).
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
    candidate = article_dir.joinpath(*relative.parts)
    if not is_inside(candidate, content_root):
        raise ContentError(
            "image-outside-folder",
            f'Ảnh "{reference}" là liên kết trỏ ra ngoài thư mục nội dung. Hãy chép ảnh thật vào thư mục bài viết.',
        )
    real = candidate.resolve()
    if not real.is_file():
        raise ContentError(
            "image-not-found",
            f'Không tìm thấy ảnh "{reference}" trong thư mục bài viết. Kiểm tra lại tên tệp (kể cả chữ hoa/thường).',
        )
    return real


@dataclass(frozen=True)
class SourcePhoto:
    """A checked photo: its bytes' hash and its size as displayed (after EXIF orientation)."""

    path: Path
    digest: str
    width: int
    height: int
    has_alpha: bool


def probe(path: Path, reference: str, settings: EncoderSettings) -> SourcePhoto:
    """Check a photo from its header; never decodes pixels, so a bomb costs no memory."""
    if path.stat().st_size == 0:
        raise ContentError("image-empty", f'Tệp ảnh "{reference}" rỗng (0 byte). Hãy chép lại ảnh.')
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (stored_w, stored_h), orientation = image.format, image.size, _orientation(image)
                has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except Image.DecompressionBombError:
        raise _too_large(reference, None, settings.max_pixels) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ContentError(
            "image-unreadable",
            f'Tệp "{reference}" không phải là ảnh hoặc đã hỏng; không đọc được. Hãy xuất lại ảnh dạng JPEG.',
        ) from None
    if kind not in settings.accepted_formats:
        accepted = ", ".join(f for f in settings.accepted_formats if f != "MPO")
        raise ContentError(
            "image-format",
            f'Ảnh "{reference}" có định dạng {kind}, không được hỗ trợ. Hãy dùng {accepted} (thường là JPEG).',
        )
    if stored_w * stored_h > settings.max_pixels:
        raise _too_large(reference, (stored_w, stored_h), settings.max_pixels)
    width, height = (stored_h, stored_w) if orientation in (5, 6, 7, 8) else (stored_w, stored_h)
    with path.open("rb") as stream:  # streamed: a huge file renamed .jpg costs no memory
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return SourcePhoto(path, digest, width, height, has_alpha)


def _orientation(image: Image.Image) -> int:
    """EXIF orientation from the header (1 when absent or unreadable)."""
    try:
        return int(image.getexif().get(0x0112, 1))
    except (OSError, ValueError, TypeError, SyntaxError):
        return 1


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
    variants: list[Variant] = field(default_factory=list)
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
                if variant not in plan.variants:
                    plan.variants.append(variant)
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

    def cover_picture(self, plan: PhotoPlan, stem: str, alt: str) -> Picture:
        """Card crops (``card_ratio``) in every format plus the Open Graph JPEG."""
        source = plan.source
        card_box = centre_crop(source.width, source.height, self.settings.card_ratio)
        widths = variant_widths(self.settings.card_widths, card_box[2] - card_box[0])
        made = self._variants(plan, stem, card_box, widths, (*self.settings.formats, "jpeg"), "-the")
        og_box = centre_crop(source.width, source.height, self.settings.og_size)
        og_width = min(self.settings.og_size[0], og_box[2] - og_box[0])
        og = self._variants(plan, stem, og_box, [og_width], ["jpeg"], "-og")["jpeg"][0]
        card = self._picture(made, alt)
        return Picture(**{**card.__dict__, "og_url": self.url(og), "og_width": og.width, "og_height": og.height})


def file_stem(path: Path) -> str:
    """An ASCII, URL-safe version of the photo's own name (kept in URLs for SEO and for people)."""
    return slugify(path.stem) or "anh"


# --- encoding (runs in worker processes) -----------------------------------------------------------


@dataclass(frozen=True)
class EncodeTask:
    """One photo to decode once and save as its missing variants (picklable for the process pool)."""

    source: str
    variants: tuple[Variant, ...]
    settings: EncoderSettings
    cache_dir: str


@dataclass
class EncodeStats:
    """What one build did, for the log and for tests: a warm rebuild has ``files_encoded == 0``."""

    photos_decoded: int = 0
    files_encoded: int = 0
    files_reused: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source path, Vietnamese reason)


def missing_variants(variants: Iterable[Variant], cache_dir: Path) -> list[Variant]:
    return [v for v in variants if not (cache_dir / v.file).is_file()]


def encode_photos(tasks: list[EncodeTask], workers: int) -> EncodeStats:
    """Encode every task's missing variants into the cache, across ``workers`` processes.

    Tasks already complete in the cache are not submitted at all.
    """
    stats = EncodeStats()
    todo: list[EncodeTask] = []
    for task in tasks:
        missing = missing_variants(task.variants, Path(task.cache_dir))
        stats.files_reused += len(task.variants) - len(missing)
        if missing:
            todo.append(EncodeTask(task.source, tuple(missing), task.settings, task.cache_dir))
    if len(todo) > 1 and workers > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
            results = list(pool.map(encode_one, todo))
    else:
        results = [encode_one(task) for task in todo]
    for task, error in zip(todo, results, strict=True):
        stats.photos_decoded += 1
        if error:
            stats.failures.append((task.source, error))
        else:
            stats.files_encoded += len(task.variants)
    return stats


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


def to_srgb(image: Image.Image) -> Image.Image:
    """Convert to 8-bit sRGB (RGBA when transparent), honouring an embedded ICC profile."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    target = "RGBA" if has_alpha else "RGB"
    icc = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        image = image.convert(target)
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            return ImageCms.profileToProfile(image, source_profile, srgb, outputMode=target)
        except ImageCms.PyCMSError:
            pass  # a broken profile: fall back to reading the numbers as sRGB, as browsers do
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
    copied = 0
    for name in files:
        cached, target = cache_dir / name, output_dir / name
        if cached.is_file() and not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
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


def picture_html(picture: Picture, prefix: str, sizes: str, *, eager: bool) -> str:
    """``<picture>`` markup; ``prefix`` is the site URL (absolute, or relative to the page)."""

    def url(path: str) -> str:
        return html.escape(f"{prefix}/{path}" if prefix else path)

    sources = "".join(
        f'<source type="{mime}" srcset="{", ".join(f"{url(u)} {w}w" for u, w in candidates)}" '
        f'sizes="{html.escape(sizes)}">'
        for mime, candidates in picture.sources
    )
    loading = "" if eager else ' loading="lazy" decoding="async"'
    image = (
        f'<img src="{url(picture.fallback_url)}" alt="{html.escape(picture.alt)}" '
        f'width="{picture.width}" height="{picture.height}"{loading}>'
    )
    markup = f"<picture>{sources}{image}</picture>"
    if picture.original_url:
        markup = f'<a class="figure-original" href="{url(picture.original_url)}">{markup}</a>'
    return markup


def line_of(text: str, needle: str) -> int | None:
    """1-based line where ``needle`` first occurs, so a message can point at the photo."""
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1
