"""Make Pagefind's bundle depend on the pages only: its filter tables in a stable order.

Given the same pages in the same order, Pagefind 1.5.2 writes the same words, fragments
and sort orders, but it builds the filter tables from Rust hash maps, whose order is
random in every process (its source says so: "TODO: Change filter indexes to BTree to
give them a stable hash", pagefind/src/index/mod.rs). Two runs over the same pages then
differ in every ``filter/*.pf_filter`` file (values listed in another order, hence
another content-hash name), in the ``pagefind.<hash>.pf_meta`` file that lists the
filters, and in ``pagefind-entry.json``, which names that file. No option or
environment variable changes this, and the filter index is needed: search.js narrows
results by category with it.

``normalise_bundle`` rewrites those files before they are written, with filters, values
and sort keys sorted by name, named with Pagefind's own scheme (the first hex digits of
the SHA-1 of the CBOR data), so the bundle is the one Pagefind would write with ordered
maps. Pagefind's reader takes the values in any order: the order it writes is random.

Each file is gzip of ``pagefind_dcd`` + CBOR; these files use three CBOR types only
(unsigned integers, text, arrays). Every file is decoded and encoded back before it is
changed, and must come out byte for byte as Pagefind wrote it, so a later Pagefind that
changes the format stops the build (``BundleFormatChanged``) instead of breaking search.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

HEADER = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"
_UINT, _TEXT, _ARRAY = 0, 3, 4
# pf_meta: version, pages, index chunks, filters, sorts, metadata field names
_META_FIELDS = 6
_FILTERS, _SORTS = 3, 4


class BundleFormatChanged(RuntimeError):
    """A Pagefind file does not read as this module expects (another Pagefind version?)."""


def _encode_head(major: int, value: int) -> bytes:
    """A CBOR item head in its shortest form, as Pagefind's encoder (minicbor) writes it."""
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise BundleFormatChanged(f"integer too large for CBOR: {value}")


def encode(value: Any) -> bytes:
    """CBOR for an unsigned int, a str or a list of those (nested)."""
    if isinstance(value, bool) or not isinstance(value, int | str | list):
        raise BundleFormatChanged(f"cannot encode {type(value).__name__} here")
    if isinstance(value, int):
        return _encode_head(_UINT, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _encode_head(_TEXT, len(data)) + data
    return _encode_head(_ARRAY, len(value)) + b"".join(encode(item) for item in value)


def _decode_at(data: bytes, offset: int) -> tuple[Any, int]:
    """The item starting at ``offset`` and the offset after it."""
    major, extra = data[offset] >> 5, data[offset] & 31
    offset += 1
    if extra < 24:
        argument = extra
    elif extra <= 27:
        size = 1 << (extra - 24)
        argument, offset = int.from_bytes(data[offset : offset + size], "big"), offset + size
    else:
        raise BundleFormatChanged(f"CBOR item with additional information {extra} (indefinite or reserved)")
    if major == _UINT:
        return argument, offset
    if major == _TEXT:
        return data[offset : offset + argument].decode("utf-8"), offset + argument
    if major == _ARRAY:
        items = []
        for _ in range(argument):
            item, offset = _decode_at(data, offset)
            items.append(item)
        return items, offset
    raise BundleFormatChanged(f"CBOR major type {major} is not expected in these files")


def decode(data: bytes) -> Any:
    """The one CBOR item that is the whole of ``data``."""
    value, end = _decode_at(data, 0)
    if end != len(data):
        raise BundleFormatChanged(f"{len(data) - end} bytes after the CBOR item")
    return value


def read_file(name: str, packed: bytes) -> Any:
    """The data of the Pagefind file ``name``, checked to encode back to the very same bytes."""
    raw = gzip.decompress(packed)
    if not raw.startswith(HEADER):
        raise BundleFormatChanged(f"{name}: no {HEADER.decode()} header")
    value = decode(raw[len(HEADER) :])
    if encode(value) != raw[len(HEADER) :]:
        raise BundleFormatChanged(f"{name}: does not encode back to the bytes Pagefind wrote")
    return value


def pack(data: bytes) -> bytes:
    """CBOR ``data`` as Pagefind stores it; no timestamp in the gzip header."""
    return gzip.compress(HEADER + data, compresslevel=9, mtime=0)


def full_hash(data: bytes) -> str:
    """Pagefind's content hash: the SHA-1 bytes in hex without zero padding (``{:x?}`` per byte)."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())  # a file name, not security


def short_names(language: str, contents: list[bytes]) -> list[str]:
    """``vi_1a2b3c4``-style names for ``contents``, in order; lengthened only where two would clash."""
    names: list[str] = []
    for data in contents:
        full = f"{language}_{full_hash(data)}"
        length = len(language) + 8
        while full[:length] in names and length < len(full):
            length += 1
        names.append(full[:length])
    return names


def _normalise_language(files: dict[str, bytes], language: str, meta_name: str) -> str:
    """Rewrite one language's filters and metadata in sorted order; returns the new metadata name."""
    meta_file = f"pagefind.{meta_name}.pf_meta"
    meta = read_file(meta_file, files.pop(meta_file))
    if not isinstance(meta, list) or len(meta) != _META_FIELDS:
        raise BundleFormatChanged(f"{meta_file}: expected {_META_FIELDS} fields")
    tables = []
    for filter_name, file_name in sorted(meta[_FILTERS]):
        filter_file = f"filter/{file_name}.pf_filter"
        name, values = read_file(filter_file, files.pop(filter_file))
        tables.append((filter_name, encode([name, sorted(values)])))
    names = short_names(language, [data for _, data in tables])
    for file_name, (_, data) in zip(names, tables, strict=True):
        files[f"filter/{file_name}.pf_filter"] = pack(data)
    meta[_FILTERS] = [[filter_name, file_name] for (filter_name, _), file_name in zip(tables, names, strict=True)]
    meta[_SORTS] = sorted(meta[_SORTS])
    data = encode(meta)
    new_name = f"{language}_{full_hash(data)[: len(language) + 8]}"
    files[f"pagefind.{new_name}.pf_meta"] = pack(data)
    return new_name


def normalise_bundle(files: dict[str, bytes]) -> None:
    """Put every language's filter tables in a stable order, in ``files`` (path in the bundle → bytes)."""
    text = files[ENTRY_FILE].decode("utf-8")
    for language, index in json.loads(text)["languages"].items():
        old = index["hash"]
        if text.count(f'"{old}"') != 1:
            raise BundleFormatChanged(f"{ENTRY_FILE}: expected {old} once")
        text = text.replace(f'"{old}"', f'"{_normalise_language(files, language, old)}"')
    files[ENTRY_FILE] = text.encode("utf-8")
