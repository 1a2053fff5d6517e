"""Turn an organization's curriculum (YAML) into the pages of its training handbook.

The package knows nothing about MkDocs; the tree follows the way data flows:

    curriculum/  read and check: load.py (YAML nodes that remember file, line and column)
                 → validate.py (nodes → model objects, every field checked) → rules.py (what spans
                 fields and files) → read.py (finds the files, assembles the Handbook); files.py the
                 one place that knows which files may be read (svg.py rebuilds an SVG from an allowlist)
    model.py     the typed, frozen Handbook, and which files a curriculum has; fields.py holds the
                 value kinds and per-field rules that validation, schema.py and the fields page share;
                 link_targets.py the grammar of links in curriculum text, which checking and rendering share
    render/      model → HTML pages through Jinja templates (render/templates/), one module per
                 group of pages; each curriculum text converted from Markdown and sanitized once
                 (text.py); words from locales/ via locale.py, "{name}" filled by placeholders.py
    publish/     the PDFs of printable pages; csp.py each page's Content-Security-Policy; search_worker.py
                 the search worker pages start, which loads Material's at a reader's first search
    commands/    what `make` runs: check, session (a new session file), schema, fields, hr_key, roster, editor, edit
    hr/          HR's side, on HR's machine: a folder of records → roster, receipts, evaluation sheets
    editor.py    the form editor's configuration (editor/config.yml) from the model; editing/ the local
                 server `make edit` runs, and how what the editor saves is written (normalize.py)
    problems.py  the one Problem type (error, warning, notice) every step reports with
    build.py     one build's state (settings.py: what it was asked for, read once), kept by the hook

`hooks/handbook_hooks.py` is the thin glue that feeds the result to MkDocs.
"""

from .curriculum import load_handbook
from .problems import CurriculumError, Problem

__all__ = ["load_handbook", "CurriculumError", "Problem"]
