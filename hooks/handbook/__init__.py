"""Turn an organization's curriculum (YAML) into the pages of its training handbook.

The package knows nothing about MkDocs: load → validate → model → render.
`hooks/handbook_hooks.py` is the thin glue that feeds the result to MkDocs.
"""

from .curriculum import load_handbook
from .problems import CurriculumError, Problem

__all__ = ["load_handbook", "CurriculumError", "Problem"]
