"""Defaults of the build_cache plugin (override any ``BUILD_CACHE_*`` in pelicanconf.py)."""

DEFAULTS = {
    # Processes reading articles at once; 0 means one per CPU core, 1 turns parallel reading off.
    "BUILD_CACHE_WORKERS": 0,
    # Below this many articles to read, a sequential read is as fast as forking (a warm build reads one).
    "BUILD_CACHE_MIN_FILES": 40,
    # File in CACHE_PATH holding the fingerprint of the code that produced the cache.
    "BUILD_CACHE_FINGERPRINT_FILE": "build-cache-fingerprint",
}
