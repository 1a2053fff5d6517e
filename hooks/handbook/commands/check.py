"""`python -m handbook.commands.check [--format text|github] [FOLDER]` (`make check`): validate a
curriculum without building the site, and list every problem in one run.

`--format github` writes each problem as a GitHub Actions annotation, so a pull request shows it on
the line of the YAML file where it is fixed.
"""

from __future__ import annotations

import argparse
import sys

from ..curriculum import load_handbook
from ..problems import CurriculumError, Problem
from ..settings import curriculum_folder, today


def text_line(problem: Problem) -> str:
    return str(problem) if problem.severity == "error" else f"{problem.severity}: {problem}"


def github_line(problem: Problem) -> str:
    """One workflow command: `::error file=F,line=L,col=C,title=T::message`."""
    def escape(value: str, *, property_value: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if property_value else value
    title = f"{problem.path}" if problem.path else "curriculum"
    where = ",".join(f"{key}={escape(str(value), property_value=True)}" for key, value in
                     (("file", problem.file), ("line", problem.line), ("col", problem.column), ("title", title)))
    return f"::{problem.severity} {where}::{escape(problem.message)}"


FORMATS = {"text": text_line, "github": github_line}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make check", description="Validate a curriculum folder.")
    parser.add_argument("folder", nargs="?", default=None, help="the curriculum folder (default: curriculum/)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="how problems are written")
    args = parser.parse_args(argv)
    folder = args.folder or curriculum_folder()
    line = FORMATS[args.format]
    try:
        handbook, notes = load_handbook(folder, today())
    except CurriculumError as error:
        if args.format == "text":
            print(error.report(), file=sys.stderr)
        for problem in (error.problems if args.format != "text" else []) + error.others:
            print(line(problem), file=sys.stderr if args.format == "text" else sys.stdout)
        return 1
    for problem in notes:
        print(line(problem), file=sys.stderr if args.format == "text" else sys.stdout)
    print(f"{folder}: {len(handbook.sessions)} sessions, {len(handbook.tips)} tips, "
          f"{len(handbook.definitions)} definitions, {len(handbook.agreement.commitments)} commitments: OK",
          file=sys.stderr if args.format != "text" else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
