"""The one TOML line scanner (plugins/common/toml_lines.py): dotted and quoted names, as site.toml writes them.

Arrays of tables and multi-line strings are covered with the organisation file in
test_organisation_core.py; the identity and [cms] messages that use these lines in
test_content_model_identity.py and test_cms_admin_core.py.
"""

from __future__ import annotations

from plugins.common.toml_lines import key_lines, line_of


def test_site_toml_tables_dotted_keys_arrays_and_long_strings():
    text = (
        "[site]\n"  # 1
        'name = "A"\n'  # 2
        'en.name = "B"\n'  # 3: a dotted key records its full path only
        'functions = """\n'  # 4
        "[not.a.table]\n"  # 5: inside a multi-line string
        'phone = "no"\n'  # 6: inside it too
        '"""\n'  # 7
        "\n"
        "[[categories]]\n"  # 9
        'name = "Dân vận"\n'  # 10: an array entry, not site.name
        '[ "site" . "en" ]\n'  # 11
        "address = 'x'  # comment\n"  # 12
    )
    assert key_lines(text) == {
        ("site",): 1,
        ("site", "name"): 2,
        ("site", "en", "name"): 3,
        ("site", "functions"): 4,
        ("categories", 0): 9,
        ("categories", 0, "name"): 10,
        ("site", "en"): 11,
        ("site", "en", "address"): 12,
    }


def test_dotted_table_names_and_their_keys():
    lines = key_lines('[site]\nname = "A"\n\n[site.en]\nname = "B"\n\n[cms]\nrepo = "a/b"\n')
    assert lines["site", "en"] == 4
    assert lines["site", "en", "name"] == 5
    assert lines["cms", "repo"] == 8
    assert line_of(lines, ("site", "en", "address")) == 4  # absent: the line of [site.en]
    assert line_of(lines, ("cms", "branch")) == 7


def test_quoted_keys_and_table_names_are_read_as_tomllib_reads_them():
    text = (
        "[ \"site\" . 'en' ]\n"  # 1
        '"name" = "A"\n'  # 2
        '"a.b" = 1\n'  # 3: one key with a dot in it
        "'c d' . e = 2\n"  # 4
        '"\\u0078" = 3\n'  # 5: an escape, as tomllib resolves it
        '[site."x.y"]\n'  # 6
    )
    assert key_lines(text) == {
        ("site", "en"): 1,
        ("site", "en", "name"): 2,
        ("site", "en", "a.b"): 3,
        ("site", "en", "c d", "e"): 4,
        ("site", "en", "x"): 5,
        ("site", "x.y"): 6,
    }


def test_a_string_in_a_multi_line_array_is_not_a_key():
    lines = key_lines("[site]\nlinks = [\n  \"a = b\",\n  'c' ,\n]\n")
    assert set(lines) == {("site",), ("site", "links")}
