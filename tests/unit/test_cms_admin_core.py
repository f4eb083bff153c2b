"""The [cms] site data of the web editor: read with its lines, checked with file:line messages."""

from __future__ import annotations

import pytest

from plugins.cms_admin.core import CmsData, check_cms_data, read_cms_data, sveltia_bundle

SOURCE = "content/data/site.toml"
TEXT = """[site]
name = "X"
repo = "not/this-one"

# comment
[cms]
enabled = true
repo = "dangukhoi-langson/cong-thong-tin"
branch = "main"

[[categories]]
name = "A"
"""


def messages(data: CmsData) -> list[str]:
    return [str(error) for error in check_cms_data(data, SOURCE)]


def test_lines_are_those_of_the_keys_inside_the_table():
    lines = read_cms_data(TEXT).lines
    assert {path: line for path, line in lines.items() if path[0] == "cms"} == {
        ("cms",): 6,
        ("cms", "enabled"): 7,
        ("cms", "repo"): 8,
        ("cms", "branch"): 9,
    }


def test_a_complete_table_has_no_problem():
    data = read_cms_data(TEXT)
    assert (data.enabled, data.repo, data.branch) == (True, "dangukhoi-langson/cong-thong-tin", "main")
    assert check_cms_data(data, SOURCE) == []


def test_empty_repo_names_its_line_in_vietnamese():
    data = read_cms_data(TEXT.replace('"dangukhoi-langson/cong-thong-tin"', '""'))
    [message] = messages(data)
    assert message.startswith(f"{SOURCE}:8: Trình soạn thảo web đang bật nhưng chưa ghi kho GitHub")
    assert message.endswith("[cms-repo-missing]")


@pytest.mark.parametrize(
    "repo",
    ["https://github.com/a/b", "a/b/c", "chỉ-một-tên", "a b/c", "-a/b", "a/..", "a/"],
)
def test_malformed_repo_is_refused(repo):
    [error] = check_cms_data(CmsData(repo=repo, lines={("cms", "repo"): 3}), SOURCE)
    assert (error.key, error.line) == ("cms-repo-invalid", 3)


def test_repo_that_is_not_text_is_refused():
    [error] = check_cms_data(CmsData(repo=42), SOURCE)
    assert error.key == "cms-repo-invalid"


@pytest.mark.parametrize("repo", ["example/portal", "Dang-Uy/cong.thong_tin-2"])
def test_well_formed_repo_is_accepted(repo):
    assert check_cms_data(CmsData(repo=repo), SOURCE) == []


@pytest.mark.parametrize("branch", ["", "a b", "-x", "a..b", "x.lock", "x/", 3])
def test_bad_branch_is_refused(branch):
    [error] = check_cms_data(CmsData(repo="a/b", branch=branch), SOURCE)
    assert error.key == "cms-branch-invalid"


def test_editor_off_needs_no_repo():
    assert check_cms_data(CmsData(enabled=False, repo=""), SOURCE) == []


def test_enabled_must_be_a_boolean():
    [error] = check_cms_data(CmsData(enabled="yes", lines={("cms", "enabled"): 2}), SOURCE)
    assert (error.key, error.line) == ("cms-enabled-invalid", 2)


def test_missing_table_means_on_with_no_repo_and_no_line():
    data = read_cms_data('[site]\nname = "X"\n')
    [error] = check_cms_data(data, SOURCE)
    assert (error.key, error.line) == ("cms-repo-missing", None)


def test_missing_key_points_at_the_table():
    data = read_cms_data('[cms]\nbranch = "main"\n')
    [error] = check_cms_data(data, SOURCE)
    assert (error.key, error.line) == ("cms-repo-missing", 1)


def test_bundle_rewrite_needs_every_cdn_address_exactly_once():
    with pytest.raises(ValueError, match=r"unpkg\.com"):
        sveltia_bundle("no addresses here")
