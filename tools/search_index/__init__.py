"""Site search: a static Pagefind index that understands Vietnamese as readers type it.

Not a Pelican plugin (no ``register()``): Pagefind reads the finished HTML, so it runs
once after Pelican — ``python -m tools.search_index output -s pelicanconf.py`` from the
Makefile, or ``tools.search_index.pagefind.index_site(output_dir)`` from the publish
pipeline. Running it inside every Pelican build would slow every test build and the dev
server's rebuilds for a step that only the finished site needs.

``core`` prepares each article page for the index (one tone-mark placement; đ-words
made findable as "d"; its year as a filter); ``cache`` keeps prepared pages between
builds; ``shards`` splits them into bundles of whole years (at least
``SEARCH_INDEX_SHARD_PAGES`` pages each) and keeps each shard's bundle, so a rebuild
re-indexes only the shard that changed; ``pagefind`` feeds a shard's pages to the
Pagefind binary in a fixed order; ``bundle`` puts the filter tables Pagefind writes in
a stable order, so two builds of the same pages give the same bytes.
"""
