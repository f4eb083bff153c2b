""".github/workflows/publish.yml cannot run here: check its structure (official Pages actions, cache, make publish)."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def uses(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def test_runs_on_push_to_main(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert triggers["push"]["branches"] == ["main"]


def test_build_job_order_cache_publish_upload(workflow):
    build = steps(workflow, "build")
    names = [uses(s) or s.get("run", "") for s in build]
    order = ["actions/checkout", "actions/configure-pages", "actions/cache", "make publish"]
    order += ["actions/upload-pages-artifact"]
    positions = [next(i for i, name in enumerate(names) if want in name) for want in order]
    assert positions == sorted(positions), names
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@v\d+", s["uses"]) for s in build if "uses" in s)


def test_image_cache_dir_is_cached_between_runs(workflow):
    cache = next(s for s in steps(workflow, "build") if uses(s) == "actions/cache")
    assert cache["with"]["path"].rstrip("/") == "cache"
    assert cache["with"]["key"]
    assert cache["with"].get("restore-keys")


def test_publish_uses_the_pages_address_and_uploads_output(workflow):
    build = steps(workflow, "build")
    publish = next(s for s in build if "make publish" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in publish["env"]["SITEURL"]
    upload = next(s for s in build if uses(s) == "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "output"


def test_deploy_job_uses_deploy_pages_with_the_needed_permissions(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [uses(s) for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read"}
