"""The package's layers: reading and checking never reach up into rendering; what both need lives below both."""

from __future__ import annotations

import ast
import inspect
import typing
from pathlib import Path

from handbook import link_targets
from handbook.render import page as page_module
from support import ROOT

PACKAGE = ROOT / "hooks" / "handbook"


def imported(module: Path) -> set[str]:
    """The handbook modules a module imports, as dotted names relative to the package ("render.links")."""
    parts = module.relative_to(PACKAGE).with_suffix("").parts
    names = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(parts[:len(parts) - node.level])
            target = base + (node.module.split(".") if node.module else [])
            names |= {".".join(target + [alias.name]) for alias in node.names} | {".".join(target)}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("handbook"):
            names.add(node.module.removeprefix("handbook").lstrip("."))
    return names


def test_checking_imports_nothing_from_rendering():
    for module in (PACKAGE / "curriculum").glob("*.py"):
        reaching_up = sorted(name for name in imported(module) if name.split(".")[0] == "render")
        assert reaching_up == [], f"{module.name} imports {reaching_up}"


def test_the_link_grammar_lives_below_checking_and_rendering():
    assert not {name.split(".")[0] for name in imported(PACKAGE / "link_targets.py")} & {"render", "curriculum"}
    assert "link_targets" in imported(PACKAGE / "curriculum" / "rules.py")
    assert "link_targets.target_page" in imported(PACKAGE / "render" / "links.py")
    assert link_targets.target_page("tip:smile") == ("tips.md", "smile")


def test_make_page_is_a_protocol_with_its_parameters_spelled_out():
    make_page = page_module.MakePage
    assert typing.Protocol in make_page.__mro__
    parameters = inspect.signature(make_page.__call__).parameters
    assert {"uri", "title", "template", "section", "editions", "searchable", "hide", "nav_session",
            "page_style"} <= set(parameters)
