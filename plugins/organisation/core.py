"""The organisation section ("Giới thiệu") as plain Python: the data file's schema and every check.

Nothing here imports Pelican: the generator (hooks.py), ``make check`` and the unit
tests call ``read_organisation`` on the same file and get the same messages.

Why one data file rather than Markdown pages: leaders, the structure and the member
organisations are records (name, role, photo, phone; parent; kind, address, secretary)
that several pages show and that a later ``Unit:`` taxonomy of articles reuses
(``Organisation.registry``); a record typed wrongly must be caught with its line,
which free text in a page cannot give.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugins.common.errors import ContentError
from plugins.common.toml_lines import KeyPath, line_of, parse_toml
from plugins.content_model.core import first_raw_html_line, read_source_text
from plugins.content_model.identity import phone_number
from plugins.figures import core as figures
from plugins.organisation.settings import Settings
from plugins.vi_text.core import fold, is_slug, slugify

# Every key an editor may write, with the Vietnamese name used in messages.
ABOUT_KEYS = {"summary": "tóm tắt", "history": "lịch sử hình thành", "functions": "chức năng", "tasks": "nhiệm vụ"}
LEADER_KEYS = {"name": "họ và tên", "role": "chức vụ", "body": "cơ quan", "photo": "ảnh", "phone": "điện thoại"}
NODE_KEYS = {"name": "tên", "slug": "đường dẫn", "parent": "trực thuộc", "description": "mô tả", "units": "units"}
UNIT_KEYS = {
    "name": "tên",
    "slug": "đường dẫn",
    "kind": "loại hình",
    "address": "địa chỉ",
    "secretary": "bí thư",
    "phone": "điện thoại",
}
TOP_KEYS = {"about": "giới thiệu chung", "leaders": "lãnh đạo", "structure": "cơ cấu tổ chức", "units": "đơn vị"}


@dataclass(frozen=True)
class Rules:
    """What the checks need from the site's settings."""

    bodies: tuple[str, ...] = ("Ban Thường vụ", "Ban Chấp hành")
    unit_kinds: tuple[str, ...] = ("Đảng bộ cơ sở", "Chi bộ cơ sở")
    encoder: figures.EncoderSettings = field(default_factory=figures.EncoderSettings)
    facts: figures.PhotoFactsCache | None = None  # the build's photo facts (a warm build reads no photo again)
    max_photo_bytes: int | None = None  # FIGURES_MAX_PHOTO_BYTES, as for articles' photos

    @classmethod
    def from_settings(
        cls,
        values: Settings,
        encoder: figures.EncoderSettings,
        facts: figures.PhotoFactsCache | None = None,
        max_photo_bytes: int | None = None,
    ) -> Rules:
        """From the site's ``ORGANISATION_*`` settings: the build and ``make check`` apply the same rules."""
        bodies, kinds = tuple(values.ORGANISATION_BODIES), tuple(values.ORGANISATION_UNIT_KINDS)
        return cls(bodies, kinds, encoder, facts, max_photo_bytes)


@dataclass(frozen=True)
class Leader:
    """A member of a leadership body; ``photo`` is the checked portrait (``picture`` is set by the build)."""

    name: str
    role: str
    body: str
    phone: str = ""
    photo: figures.SourcePhoto | None = None
    photo_reference: str = ""
    picture: Any = None


@dataclass(frozen=True)
class Node:
    """One box of the organisation chart, with the boxes under it; ``lists_units`` places the member organisations."""

    name: str
    slug: str
    description: str = ""
    lists_units: bool = False
    children: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Unit:
    """A member Party organisation (đảng bộ cơ sở, chi bộ cơ sở): the registry entry of a future ``Unit:``."""

    name: str
    slug: str
    kind: str
    address: str = ""
    secretary: str = ""
    phone: str = ""


@dataclass(frozen=True)
class RegistryEntry:
    """A named part of the organisation an article can come from: a structure box or a member organisation."""

    name: str
    slug: str
    kind: str  # the unit's kind, or "" for a box of the structure (an advisory body, a mass organisation)


@dataclass(frozen=True)
class Organisation:
    """Everything ``content/data/to-chuc.toml`` says, checked; texts are still Markdown."""

    source: Path
    about: dict[str, str]
    bodies: tuple[tuple[str, tuple[Leader, ...]], ...]  # (body, its leaders in file order), bodies in Rules order
    structure: tuple[Node, ...]
    units: tuple[Unit, ...]
    unit_kinds: tuple[str, ...] = ()  # the order kinds are shown in (Rules.unit_kinds)

    def units_by_kind(self) -> list[tuple[str, tuple[Unit, ...]]]:
        """Each kind that has member organisations, in ``unit_kinds`` order, with its units in file order."""
        groups = [(kind, tuple(u for u in self.units if u.kind == kind)) for kind in self.unit_kinds]
        return [(kind, units) for kind, units in groups if units]

    @property
    def leaders(self) -> tuple[Leader, ...]:
        return tuple(leader for _, leaders in self.bodies for leader in leaders)

    def registry(self) -> dict[str, RegistryEntry]:
        """Every structure box and member organisation by slug (slugs are unique across both)."""
        entries = [RegistryEntry(n.name, n.slug, "") for n in walk(self.structure)]
        entries += [RegistryEntry(u.name, u.slug, u.kind) for u in self.units]
        return {entry.slug: entry for entry in entries}


def walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Every node of the tree, parents before children, in file order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def phone_problem(phone: str) -> str | None:
    """Why ``phone`` is not a Vietnamese phone number (``identity.phone_number``), or None if it is or is empty."""
    if not phone or phone_number(phone):
        return None
    return (
        f'Số điện thoại "{phone}" không hợp lệ. Hãy viết số bắt đầu bằng 0 (hoặc +84), 10-11 chữ số,'
        ' có thể cách bằng dấu cách hoặc dấu chấm, ví dụ: "0205 3812 345".'
    )


def read_organisation(path: Path, rules: Rules) -> tuple[Organisation | None, list[ContentError]]:
    """The checked data file, or None with every problem found (each naming the file and line)."""
    try:
        text = read_source_text(path.read_bytes(), path)
        data, lines = parse_toml(text, path, "bad-organisation-data")
    except ContentError as exc:
        return None, [exc]
    reader = _Reader(path, text, lines, rules)
    organisation = reader.read(data)
    return (None, reader.errors) if reader.errors else (organisation, [])


def check_file(path: Path, rules: Rules) -> list[ContentError]:
    """Every problem of the data file, for ``make check``; a missing file is no problem (no section)."""
    return read_organisation(path, rules)[1] if path.is_file() else []


class _Reader:
    """One pass over the parsed data, collecting every problem rather than stopping at the first."""

    def __init__(self, source: Path, text: str, lines: dict[KeyPath, int], rules: Rules) -> None:
        self.source, self.text_lines, self.lines, self.rules = source, text.split("\n"), lines, rules
        self.errors: list[ContentError] = []
        self.slugs: dict[str, tuple[str, KeyPath]] = {}  # folded slug → (name, where)

    def error(self, key: str, message: str, path: KeyPath) -> None:
        self.errors.append(ContentError(key, message, self.source, line_of(self.lines, path)))

    def read(self, data: dict[str, Any]) -> Organisation:
        self.unknown_keys(data, TOP_KEYS, ())
        about = self.about(data.get("about", {}))
        leaders = [self.leader(entry, ("leaders", i)) for i, entry in enumerate(self.tables(data, "leaders"))]
        structure = self.structure(self.tables(data, "structure"))
        units = tuple(self.unit(entry, ("units", i)) for i, entry in enumerate(self.tables(data, "units")))
        bodies = tuple(
            (body, tuple(leader for leader in leaders if leader and leader.body == body)) for body in self.rules.bodies
        )
        bodies = tuple((body, leaders) for body, leaders in bodies if leaders)
        return Organisation(self.source, about, bodies, structure, units, self.rules.unit_kinds)

    # --- shapes ---------------------------------------------------------------------------------

    def tables(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        """``[[key]]`` entries; anything else is reported once."""
        value = data.get(key, [])
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return value
        self.error("organisation-bad-value", f'"{key}" phải là các mục [[{key}]].', (key,))
        return []

    def unknown_keys(self, entry: dict[str, Any], known: dict[str, str], path: KeyPath) -> None:
        for key in entry:
            if key not in known:
                self.error(
                    "organisation-unknown-key",
                    f'Trường "{key}" không được hỗ trợ ở đây. Các trường hợp lệ: {", ".join(known)}.',
                    (*path, key),
                )

    def text(self, entry: dict[str, Any], key: str, path: KeyPath, *, required: str = "", label: str = "") -> str:
        """A string field, trimmed; ``required`` is the error key when it is empty (``label`` names the field)."""
        value = entry.get(key, "")
        if not isinstance(value, str):
            self.error("organisation-bad-value", f'"{key}" phải là chữ, đặt trong dấu ngoặc kép "…".', (*path, key))
            return ""
        value = value.strip()
        if required and not value:
            self.error(required, f'Thiếu {label or key} (dòng {key} = "…").', (*path, key))
        return value

    def phone(self, entry: dict[str, Any], path: KeyPath) -> str:
        phone = self.text(entry, "phone", path)
        if problem := phone_problem(phone):
            self.error("bad-phone", problem, (*path, "phone"))
        return phone

    def slug(self, entry: dict[str, Any], name: str, path: KeyPath) -> str:
        """The entry's stable slug (written, else made from the name); unique across structure and units."""
        written = self.text(entry, "slug", path)
        if written and not is_slug(written):
            self.error(
                "bad-unit-slug", f'Đường dẫn "{written}" chỉ được gồm chữ thường không dấu, số và "-".', (*path, "slug")
            )
        slug = written or slugify(name)
        if not slug:
            if name:
                self.error("bad-unit-slug", f'Tên "{name}" không có chữ hay số nào để làm đường dẫn.', (*path, "name"))
            return ""
        first = self.slugs.setdefault(fold(slug), (name, path))
        if first[1] != path:
            self.error(
                "duplicate-unit-slug",
                f'Đường dẫn "{slug}" của "{name}" trùng với "{first[0]}" (dòng {line_of(self.lines, first[1])}).'
                ' Hãy đổi tên, hoặc ghi dòng slug = "…" khác cho một trong hai.',
                (*path, "slug") if written else (*path, "name"),
            )
        return slug

    # --- sections -------------------------------------------------------------------------------

    def about(self, about: Any) -> dict[str, str]:
        if not isinstance(about, dict):
            self.error("organisation-bad-value", "[about] phải là một bảng.", ("about",))
            return {}
        self.unknown_keys(about, ABOUT_KEYS, ("about",))
        texts = {key: self.text(about, key, ("about",)) for key in ABOUT_KEYS}
        for key, value in texts.items():
            self.refuse_raw_html(value, ("about", key))
        return texts

    def refuse_raw_html(self, value: str, path: KeyPath) -> None:
        """Text fields are Markdown: HTML pasted from Word or a web page is refused, naming its line."""
        start = line_of(self.lines, path) or 1
        opener = self.text_lines[start - 1] if start <= len(self.text_lines) else ""
        if opener.rstrip().endswith(('"""', "'''")):
            start += 1  # the text starts on the line after an opening triple quote
        line = first_raw_html_line(value, start)
        if line is not None:
            self.errors.append(
                ContentError(
                    "raw-html",
                    "Đoạn văn có mã HTML (thường do dán từ Word hoặc trang web). Hãy viết bằng Markdown.",
                    self.source,
                    line,
                )
            )

    def leader(self, entry: dict[str, Any], path: KeyPath) -> Leader | None:
        self.unknown_keys(entry, LEADER_KEYS, path)
        name = self.text(entry, "name", path, required="leader-missing-name", label=LEADER_KEYS["name"])
        role = self.text(entry, "role", path, required="leader-missing-role", label=LEADER_KEYS["role"])
        body = self.body(self.text(entry, "body", path), path)
        phone = self.phone(entry, path)
        reference = self.text(entry, "photo", path)
        photo = self.photo(reference, (*path, "photo")) if reference else None
        if not (name and role and body):
            return None
        return Leader(name, role, body, phone, photo, reference)

    def body(self, value: str, path: KeyPath) -> str:
        """The leadership body named exactly, or an error suggesting the closest name."""
        if value in self.rules.bodies:
            return value
        names = self.rules.bodies
        guess = {fold(n): n for n in names}.get(fold(value)) or next(
            iter(difflib.get_close_matches(value, names, n=1)), None
        )
        hint = f' Có phải bạn muốn viết "{guess}"?' if guess and value else ""
        what = f'"{value}" không phải cơ quan lãnh đạo.' if value else "Chưa ghi cơ quan lãnh đạo (body)."
        self.error("leader-unknown-body", f"{what}{hint} Chỉ dùng: {', '.join(names)}.", (*path, "body"))
        return ""

    def photo(self, reference: str, path: KeyPath) -> figures.SourcePhoto | None:
        """The portrait beside the data file, checked by the figures plugin's own functions."""
        folder = self.source.parent
        try:
            found = figures.resolve_photo(reference, folder, folder)
        except ContentError as exc:
            if exc.key == "image-not-found":
                self.error(
                    "leader-photo-missing",
                    f'Không tìm thấy ảnh "{reference}" trong thư mục {folder.name}/ (cạnh tệp {self.source.name}).'
                    " Kiểm tra lại tên tệp (kể cả chữ hoa/thường).",
                    path,
                )
            else:
                self.error(
                    "leader-photo-outside",
                    f'Ảnh "{reference}" phải nằm trong thư mục {folder.name}/ (cạnh tệp {self.source.name}),'
                    ' ví dụ "lanh-dao/ho-ten.jpg"; không dùng đường dẫn tuyệt đối, "..", liên kết hay địa chỉ web.',
                    path,
                )
            return None
        try:
            return figures.probe(
                found, reference, self.rules.encoder, self.rules.facts, max_bytes=self.rules.max_photo_bytes
            )
        except ContentError as exc:
            self.error(exc.key, exc.message, path)
            return None

    def structure(self, entries: list[dict[str, Any]]) -> tuple[Node, ...]:
        """The chart as a tree; a parent must be written above its children (so there is never a loop)."""
        names: dict[str, int] = {}
        rows: list[tuple[str, str, str, bool, str]] = []  # name, slug, description, lists units, parent
        for index, entry in enumerate(entries):
            path = ("structure", index)
            self.unknown_keys(entry, NODE_KEYS, path)
            name = self.text(entry, "name", path, required="structure-missing-name", label="tên")
            parent = self.text(entry, "parent", path)
            if parent and parent not in names:
                later = any(isinstance(e, dict) and e.get("name", "").strip() == parent for e in entries[index:])
                how = "phải được khai báo ở trên mục này" if later else "không có trong cơ cấu tổ chức"
                self.error("structure-unknown-parent", f'Mục trực thuộc "{parent}" {how}.', (*path, "parent"))
                continue
            lists_units = entry.get("units", False)
            if not isinstance(lists_units, bool):
                self.error("organisation-bad-value", "units chỉ nhận true hoặc false.", (*path, "units"))
                lists_units = False
            if name in names:
                self.error(
                    "structure-duplicate-name",
                    f'Mục "{name}" đã có trong cơ cấu tổ chức (dòng {line_of(self.lines, ("structure", names[name]))});'
                    " hai mục không được trùng tên.",
                    (*path, "name"),
                )
            elif name:
                names[name] = index
                description = self.text(entry, "description", path)
                rows.append((name, self.slug(entry, name, path), description, lists_units, parent))
        if sum(1 for row in rows if row[3]) > 1:
            self.error("organisation-bad-value", "Chỉ một mục cơ cấu được ghi units = true.", ("structure",))
        return _tree(rows, "")

    def unit(self, entry: dict[str, Any], path: KeyPath) -> Unit:
        self.unknown_keys(entry, UNIT_KEYS, path)
        name = self.text(entry, "name", path, required="unit-missing-name", label="tên")
        kind = self.text(entry, "kind", path)
        if kind not in self.rules.unit_kinds:
            what = f'Loại hình "{kind}" không hợp lệ.' if kind else "Chưa ghi loại hình (kind)."
            self.error("unit-unknown-kind", f"{what} Chỉ dùng: {', '.join(self.rules.unit_kinds)}.", (*path, "kind"))
        slug = self.slug(entry, name, path) if name else ""
        address, secretary = self.text(entry, "address", path), self.text(entry, "secretary", path)
        return Unit(name, slug, kind, address, secretary, self.phone(entry, path))


def _tree(rows: list[tuple[str, str, str, bool, str]], parent: str) -> tuple[Node, ...]:
    """The nodes whose parent is ``parent`` (roots for ""), each with its own subtree, in file order."""
    return tuple(
        Node(name, slug, description, lists_units, _tree(rows, name))
        for name, slug, description, lists_units, above in rows
        if above == parent
    )
