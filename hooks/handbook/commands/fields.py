"""`python -m handbook.commands.fields` (`make fields`): write guide/fields.md, the curriculum fields reference."""

from __future__ import annotations

import sys

from ..render.reference import FIELDS_PAGE, markdown


def main(argv: list[str]) -> int:
    FIELDS_PAGE.write_text(markdown(), encoding="utf-8")
    print(f"wrote {FIELDS_PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
