"""The handbook builds the same on a second engine: ProperDocs, the maintained drop-in fork of MkDocs 1.6.

Material for MkDocs reaches end of life in May 2027 and MkDocs 1.6 is unmaintained; guide/engines.md
says what moving on would take. Until then, every build must give the same pages on both.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM, build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a site as a reader gets it, less the line that names the engine."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        files[path.relative_to(site).as_posix()] = GENERATOR.sub(b"", data)
    return files


@pytest.mark.parametrize("curriculum", [DEFAULT_CURRICULUM, KOREAN_CURRICULUM], ids=["default", "korean"])
def test_properdocs_builds_the_same_pages_as_mkdocs(curriculum, tmp_path):
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        result = build(curriculum, tmp_path / engine, engine=engine)
        assert result.returncode == 0, f"{engine} failed:\n{result.stderr}"
        sites[engine] = _files(tmp_path / engine)
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert sorted(properdocs) == sorted(mkdocs)
    assert len(mkdocs) > 20
    different = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert different == []


def test_properdocs_reports_a_broken_curriculum_like_mkdocs(tmp_path):
    folder = tmp_path / "curriculum"
    folder.mkdir()
    (folder / "program.yml").write_text("organization: {name: X}\n", encoding="utf-8")
    result = build(folder, tmp_path / "site", engine="properdocs")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "agreement.yml:1:1: this file is required but missing" in result.stderr
