"""`python -m handbook.commands.check [FOLDER]`: validate a curriculum without building the site."""

from __future__ import annotations

import sys

from ..curriculum import load_handbook
from ..problems import CurriculumError
from ..settings import curriculum_folder, today


def main(argv: list[str]) -> int:
    folder = argv[0] if argv else curriculum_folder()
    try:
        handbook, warnings = load_handbook(folder, today())
    except CurriculumError as error:
        print(error.report(), file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{folder}: {len(handbook.sessions)} sessions, {len(handbook.tips)} tips, "
          f"{len(handbook.definitions)} definitions, {len(handbook.agreement.commitments)} commitments: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
