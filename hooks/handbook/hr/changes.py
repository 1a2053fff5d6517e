"""What changed between two versions of the agreement, part by part and word by word, from their
canonical texts (agreement_hash.py documents the lines; changes.js does the same on the check page).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..placeholders import fill

_COMMITMENT = re.compile(r"^(commitment|evaluation) (\S+): (.*)$")
_LINE = re.compile(r"^([a-z]+): (.*)$")
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")  # words, spaces and each punctuation mark


def parts(text: str) -> dict[str, Any]:
    """A canonical text → {title, organization, program, preamble, commitments: [{id, text, evaluation}],
    acknowledgements}"""
    p: dict[str, Any] = {"title": "", "organization": "", "program": "", "preamble": [], "commitments": [],
                         "acknowledgements": []}
    by_id: dict[str, dict[str, str]] = {}
    for line in text.split("\n"):
        if m := _COMMITMENT.match(line):
            if m[2] not in by_id:
                p["commitments"].append(by_id.setdefault(m[2], {"id": m[2], "text": "", "evaluation": ""}))
            by_id[m[2]]["text" if m[1] == "commitment" else "evaluation"] = m[3]
        elif m := _LINE.match(line):
            if m[1] == "preamble":
                p["preamble"].append(m[2])
            elif m[1] == "acknowledgement":
                p["acknowledgements"].append(m[2])
            elif m[1] in ("title", "organization", "program"):
                p[m[1]] = m[2]
    p["preamble"] = "\n".join(p["preamble"])
    return p


def pairs(older: dict[str, Any], current: dict[str, Any], words: dict[str, str]) -> list[tuple[str, str, str]]:
    """(label, older text, current text) for every part, commitments by id."""
    listed = [(words["verify_part_" + key], older[key], current[key])
              for key in ("title", "organization", "program", "preamble")]
    old = {c["id"]: c for c in older["commitments"]}
    for n, c in enumerate(current["commitments"], 1):
        was = old.pop(c["id"], {"text": "", "evaluation": ""})
        listed += [(fill(words["verify_part_commitment"], n=n), was["text"], c["text"]),
                   (fill(words["verify_part_evaluation"], n=n), was["evaluation"], c["evaluation"])]
    listed += [(fill(words["verify_part_removed"], id=id_), f"{c['text']} {c['evaluation']}", "")
               for id_, c in old.items()]
    acks = older["acknowledgements"], current["acknowledgements"]
    for i in range(max(map(len, acks))):
        listed.append((fill(words["verify_part_acknowledgement"], n=i + 1),
                       *(a[i] if i < len(a) else "" for a in acks)))
    return listed


def changed_parts(older_text: str, current_text: str, words: dict[str, str]) -> list[dict[str, Any]]:
    """Each part that differs: {label, pieces: [(kind, words)]}, kind "same", "added" or "removed"."""
    return [{"label": label, "pieces": word_diff(before, after)}
            for label, before, after in pairs(parts(older_text), parts(current_text), words) if before != after]


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces
