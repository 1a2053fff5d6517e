"""The per-build part of the print CSS: paper size and the running header and footer of a page.

Static print rules live in docs/assets/stylesheets/print.css. What depends on the curriculum
(program.paper, titles, edition, the words for "page N of M") is written here as one `@page`
rule that each printable page carries in a <style> element. Chromium prints `@page` margin
boxes with the page and pages counters, so the footer needs no script.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import placeholders

PAPER_SIZES = {"letter": "letter", "a4": "A4"}
MARGINS = "16mm 16mm 18mm"  # top, sides, bottom: room for the running header and footer
RUNNING_FONT = "font: 8pt/1.3 system-ui, sans-serif; color: #000;"


@dataclass(frozen=True)
class RunningText:
    top: str  # what kind of document this is, e.g. "Facilitator packet"
    left: str  # program and session
    right: str  # edition, followed by the page counter


def css_string(text: str) -> str:
    """A quoted CSS string; "<" is escaped so curriculum text cannot close the <style> element."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", " ").replace("<", "\\3C "))
    return f'"{escaped}"'


def page_counter(pattern: str) -> str:
    """A locale pattern like "page {page} of {pages}" as CSS content with page counters."""
    tokens = []
    for literal, name in placeholders.parts(pattern):
        tokens += [css_string(literal)] if literal else []
        tokens += [f"counter({name})"] if name in ("page", "pages") else []
    return " ".join(tokens)


def page_rule(paper: str, running: RunningText, counter_pattern: str) -> str:
    """The `@page` rule of one printable page."""
    right = f"{css_string(running.right + ' · ')} {page_counter(counter_pattern)}"
    return (f"@page {{ size: {PAPER_SIZES[paper]}; margin: {MARGINS}; "
            f"@top-right {{ content: {css_string(running.top)}; {RUNNING_FONT} }} "
            f"@bottom-left {{ content: {css_string(running.left)}; {RUNNING_FONT} }} "
            f"@bottom-right {{ content: {right}; {RUNNING_FONT} white-space: nowrap; }} }}")
