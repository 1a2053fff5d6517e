"""Reading and checking a curriculum folder: YAML with positions → typed model, every problem at once.

load.py reads a file into positioned YAML nodes; validate.py turns nodes into model objects;
rules.py checks what spans fields and files; read.py finds the files and assembles the Handbook.
"""

from .read import load_handbook, origins

__all__ = ["load_handbook", "origins"]
