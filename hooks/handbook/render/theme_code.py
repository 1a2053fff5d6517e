"""The theme's templates, compiled once per process.

MkDocs makes a new Jinja environment for the theme on every build, and so compiles Material's
templates again on every rebuild under `mkdocs serve`: a good part of a rebuild's time. Jinja's
bytecode cache keys each template by its name and checks it against a hash of its source, so a
changed template (an override being edited) is compiled again, and nothing stale is ever used.
"""

from __future__ import annotations

import jinja2


class _InMemory(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # the bucket drops it if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = _InMemory()
