"""The benchmark's synthetic programs are valid curricula of the size asked for (so `make bench` keeps working)."""

from __future__ import annotations

import subprocess
import sys

from handbook import load_handbook, locale
from handbook.render import Text, navigation, render_pages
from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402


def test_a_synthetic_program_loads_renders_and_groups_its_sessions_in_the_nav(tmp_path):
    folder = synthetic.write_curriculum(tmp_path / "curriculum", 45)
    handbook, warnings = load_handbook(folder)
    assert len(handbook.sessions) == 45 and warnings == []
    assert all(any(b.scenario for b in s.agenda) and s.tips and s.definitions for s in handbook.sessions)
    pages = render_pages(handbook)
    nav = navigation(pages, locale.words("en"), Text().plain)
    sessions = next(entry["Sessions"] for entry in nav if isinstance(entry, dict) and "Sessions" in entry)
    assert [next(iter(group)) for group in sessions] == ["Sessions 1–20", "Sessions 21–40", "Sessions 41–45"]


def test_the_benchmark_runs_and_prints_its_ratio_and_page_weights():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "5", "--runs", "1", "--no-pdf",
                             "--no-serve", "--no-lighthouse", "--no-scale"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "5 sessions: CPU ours / by hand = " in result.stdout
    assert "home " in result.stdout and "search index " in result.stdout
