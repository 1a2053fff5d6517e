"""`python -m handbook.commands.schema [FOLDER]` (`make schema`): write schema/*.schema.json from the model."""

from __future__ import annotations

import sys
from pathlib import Path

from ..schema import SCHEMA_FOLDER, all_schemas, render


def write(folder: Path = SCHEMA_FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in all_schemas().items():
        path = folder / name
        path.write_text(render(document), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else SCHEMA_FOLDER
    for path in write(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
