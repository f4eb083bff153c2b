"""Defaults of the page_writer plugin (override any ``PAGE_WRITER_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Processes rendering pages at once; 0 means one per CPU core, 1 renders in this process only.
    "PAGE_WRITER_WORKERS": 0,
    # Below this many pages to render, one process is as fast as forking.
    "PAGE_WRITER_MIN_PAGES": 60,
    # Skip pages whose inputs did not change since the previous build into the same output folder.
    "PAGE_WRITER_SKIP_UNCHANGED": True,
    # Article attributes no template reads, left out of page signatures because they are costly to digest:
    # the photo plugin's encoding plans (the article HTML already names every variant by its content hash).
    "PAGE_WRITER_IGNORED_ATTRIBUTES": ["figure_plans"],
    # File in CACHE_PATH listing the pages the previous build wrote, with their signatures.
    "PAGE_WRITER_MANIFEST_FILE": "page-writer-manifest.pickle",
    # Folder in CACHE_PATH for Jinja's compiled templates (keyed by each template's source checksum).
    "PAGE_WRITER_BYTECODE_DIR": "jinja-bytecode",
}
