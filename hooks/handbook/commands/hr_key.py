"""`python -m handbook.commands.hr_key PATH` (`make hr-key KEY=path`): make HR's signing key.

Writes a new Ed25519 private key at PATH (outside the repository and the curriculum, never over a file)
and prints the one line to add to curriculum/agreement.yml, so the check page can tell receipts HR
signed from any other.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..hr.keys import HRKeyError, config_line, make_key
from ..settings import curriculum_folder


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make hr-key", description="Make HR's key for signing receipts.")
    parser.add_argument("path", help="where to write the private key: a folder only HR can open")
    parser.add_argument("--curriculum", default=None, help="the curriculum folder (default: curriculum/)")
    args = parser.parse_args(argv)
    if not args.path.strip():
        print("Say where to write the key: make hr-key KEY=/path/only/hr/opens/hr-key.pem", file=sys.stderr)
        return 2
    try:
        public = make_key(Path(args.path).expanduser(), Path(args.curriculum or curriculum_folder()))
    except (HRKeyError, OSError) as error:
        print(f"No key made: {error}", file=sys.stderr)
        return 1
    print(f"Wrote HR's private key to {args.path}: keep it there, back it up where HR keeps personnel files, "
          "and never put it in the repository. Add this line to agreement.yml:", file=sys.stderr)
    print(config_line(public))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
