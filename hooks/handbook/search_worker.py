"""The search worker a page starts: search-on-demand.js (docs/assets/javascripts/workers/), which loads Material's own
worker, named in its address, at a reader's first search. Material's worker builds a lunr index of the whole site as
it starts, and Material starts it on every page load."""

from __future__ import annotations

import re

# Material's worker, as its base.html and a built page's config name it
_MATERIAL_WORKER = re.compile(r"(assets/javascripts/workers/)(search\.[0-9a-f]+\.min\.js)")


def on_demand(text: str) -> str:
    """`text` (the theme's config block, or an address in it) with search-on-demand.js where it names Material's
    search worker."""
    return _MATERIAL_WORKER.sub(r"\1search-on-demand.js?material=\2", text)


def as_material(text: str) -> str:
    """`text` naming Material's own search worker again where on_demand() named search-on-demand.js (the fair
    baseline of scripts/page_opens.py: the theme as it comes)."""
    return text.replace("search-on-demand.js?material=", "")
