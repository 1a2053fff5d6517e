"""`make bench`, at scale: whether a build grows no faster than what it builds.

Synthetic programs (scripts/synthetic.py) of 100, 1,000 and 5,000 sessions, and of 20 sessions taken by 10 and
by 1,000 groups, each built once (the trainer's edition, no PDFs). For each: pages, wall and CPU seconds, total
output; then each against the smallest of its kind, as a ratio per page (sessions) or per meeting of the schedule
(groups): a ratio near 1 is linear growth, one that climbs with the size is not. It prints; it asserts nothing.

    .venv/bin/python scripts/bench.py --scale-only          # this part alone (a quarter of an hour on 2 cores)
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import synthetic

GROUP_SESSIONS = 20  # the program the groups take
ORDER = [(100, 0), (GROUP_SESSIONS, 10), (1000, 0), (GROUP_SESSIONS, 1000), (5000, 0)]  # (sessions, groups), slowest last


@dataclass
class Measured:
    label: str
    pages: int
    wall: float
    cpu: float
    output_mb: float
    units: int  # what growth is measured against: pages, or the schedule's meetings

    def row(self) -> str:
        return (f"{self.label:<28}{self.pages:>7}{self.wall:>9.1f}{self.cpu:>9.1f}{self.output_mb:>11.1f}"
                f"{1000 * self.cpu / self.units:>12.2f}")


HEADER = f"{'build':<28}{'pages':>7}{'wall s':>9}{'cpu s':>9}{'output MB':>11}{'cpu ms/unit':>12}"


def measure(build: Callable, environment: Callable, config: Path, work: Path, sessions: int,
            groups: int = 0) -> Measured:
    """One synthetic program built once; `build` and `environment` are bench.py's."""
    folder = work / f"{sessions}-{groups}"
    curriculum = synthetic.write_curriculum(folder / "curriculum", sessions, cohorts=groups)
    site = folder / "site"
    result = build(config, site, environment(curriculum), strict=True)
    output = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    label = f"{sessions} sessions" + (f", {groups} groups" if groups else "")
    measured = Measured(label, result.pages, result.wall, result.cpu, output / 1e6,
                        sessions * groups if groups else result.pages)
    shutil.rmtree(folder)
    return measured


def run(build: Callable, environment: Callable, config: Path, work: Path) -> None:
    print("\nat scale (trainer's edition, no PDFs; a unit is a page, or for groups a meeting of the schedule):")
    print(HEADER, flush=True)
    by_sessions, by_groups = [], []
    for sessions, groups in ORDER:
        (by_groups if groups else by_sessions).append(measure(build, environment, config, work, sessions, groups))
        print((by_groups if groups else by_sessions)[-1].row(), flush=True)
    for what, series in (("pages", by_sessions), ("meetings", by_groups)):
        base = series[0]
        for m in series[1:]:
            units = m.units / base.units
            print(f"{m.label} against {base.label}: {what} x{units:.1f}, cpu x{m.cpu / base.cpu:.1f}, "
                  f"output x{m.output_mb / base.output_mb:.1f}; per {what[:-1]}: cpu x{m.cpu / base.cpu / units:.2f}, "
                  f"output x{m.output_mb / base.output_mb / units:.2f} (1 is linear)")
