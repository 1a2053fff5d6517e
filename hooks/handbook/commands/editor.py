"""`python -m handbook.commands.editor` (`make editor`): write editor/config.yml, the form editor's configuration."""

from __future__ import annotations

import sys

from ..editor import CONFIG_FILE, config, render


def main(argv: list[str]) -> int:
    CONFIG_FILE.parent.mkdir(parents=True, exist_ok=True)
    CONFIG_FILE.write_text(render(config()), encoding="utf-8")
    print(f"wrote {CONFIG_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
