"""`python -m handbook.commands.edit FOLDER` (`make edit`): the form editor at http://localhost:8001/ (EDIT_PORT)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..editing.server import Editor
from ..settings import curriculum_folder

DEFAULT_PORT = 8001


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make edit", description="Edit a curriculum folder through forms.")
    parser.add_argument("folder", nargs="?", default=None, help="the curriculum folder (default: curriculum/)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    folder = Path(args.folder or curriculum_folder())
    if not (folder / "sessions").is_dir():
        print(f"{folder} is not a curriculum folder (it has no sessions/)", file=sys.stderr)
        return 1
    server = Editor(folder, args.port).start()
    print(f"Editing {folder}/ at {server.url} (Ctrl+C stops it; `make serve` beside it shows each change)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
