"""`python -m handbook.commands.roster --records FOLDER [--staff staff.csv] [--key PATH] [--out FOLDER] [CURRICULUM]`
(`make roster RECORDS=folder ...`): turn a folder of signed records into HR's roster.

Checks every record file under FOLDER by the check page's rules, against the agreement's current and
previous versions, and writes into OUT (default roster/, which git ignores): roster.csv and roster.html,
one evaluation sheet per person who signed (evaluations/<name>.pdf) and, with HR's key, each valid
record with HR's signed receipt (countersigned/<file>.json). Nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import agreement_hash as ah
from ..curriculum import load_handbook
from ..hr import evaluations, output, roster as rosters
from ..hr.keys import REPOSITORY, HRKeyError, inside, load_key, public_hex, refuse_shared_place
from ..problems import CurriculumError
from ..publish.pdf import PdfError
from ..render.pages import page_words
from ..settings import curriculum_folder, today

DEFAULT_OUT = REPOSITORY / "roster"  # in .gitignore


class RosterError(Exception):
    """Why the roster was not made, for HR."""


def check_places(records: Path, out: Path, curriculum: Path) -> None:
    if not records.is_dir():
        raise RosterError(f"{records} is not a folder: RECORDS must be the folder the signed record files are in")
    if inside(out, records):
        raise RosterError(f"{out} is inside the records folder {records}: the next roster would read its own copies")
    if not inside(out, DEFAULT_OUT):
        refuse_shared_place(out, "the roster, a file of personal data,", curriculum)


def matching_key(path: Path, hr_public_key: str | None):
    key = load_key(path)
    if not hr_public_key:
        raise RosterError(f"agreement.yml has no hr_public_key, so no one could check the receipts: add "
                          f"'hr_public_key: \"{ah.grouped(public_hex(key))}\"' to it and publish the handbook again")
    if public_hex(key) != ah.plain_hex(hr_public_key):
        raise RosterError(f"{path} is not the key whose public half is hr_public_key in agreement.yml: receipts "
                          "signed with it would not check on the handbook's check page")
    return key


def run(curriculum: Path, records: Path, out: Path, staff: Path | None, key_path: Path | None,
        day=None) -> rosters.Roster:
    day = day or today()
    check_places(records, out, curriculum)
    hb = load_handbook(curriculum, day)[0]
    key = matching_key(key_path, hb.agreement.hr_public_key) if key_path else None
    words = page_words(hb)
    names = rosters.read_staff(staff) if staff else []
    roster = rosters.make(records, ah.known_versions(hb), names, words, hb.agreement.hr_public_key)
    out.mkdir(parents=True, exist_ok=True)
    output.write_csv(roster, out / "roster.csv")
    output.write_html(roster, out / "roster.html", words, hb.program.language, day,
                      len(rosters.record_files(records)))
    signed = [r for r in roster.rows if r.status in (rosters.CURRENT, rosters.OUTDATED)]
    evaluations.write(hb, words, signed, out / "evaluations")
    if key:
        output.countersign(roster, key, out / "countersigned", day)
    return roster


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make roster", description="HR's roster of signed agreement records.")
    parser.add_argument("curriculum", nargs="?", default=None, help="the curriculum folder (default: curriculum/)")
    parser.add_argument("--records", required=True, help="the folder of signed record files (.json)")
    parser.add_argument("--staff", default="", help="a CSV file with a `name` column: everyone who must sign")
    parser.add_argument("--key", default="", help="HR's private key (make hr-key): countersign the valid records")
    parser.add_argument("--out", default="", help="where to write the roster (default: roster/, which git ignores)")
    args = parser.parse_args(argv)
    out = Path(args.out).expanduser() if args.out.strip() else DEFAULT_OUT
    try:
        roster = run(Path(args.curriculum or curriculum_folder()), Path(args.records).expanduser(), out,
                     Path(args.staff).expanduser() if args.staff.strip() else None,
                     Path(args.key).expanduser() if args.key.strip() else None)
    except CurriculumError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except (RosterError, HRKeyError, rosters.StaffListError, PdfError, OSError) as error:
        print(f"No roster made: {error}", file=sys.stderr)
        return 1
    counts = {s: sum(r.status == s for r in roster.rows) for s in rosters.ORDER}
    print(f"Wrote {out}/roster.csv and roster.html: " + ", ".join(f"{n} {s}" for s, n in counts.items()) +
          f"; evaluation sheets in {out}/evaluations/" + (f"; countersigned records in {out}/countersigned/"
                                                          if args.key.strip() else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
