"""The videos of a session's blocks: their files checked where the session names them, their transcripts read.

A video is shown with its captions, so that a colleague who cannot hear it can follow: the model requires
them, and here the video, its captions and its transcript are checked by what they hold (files.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import locale
from ..model import AgendaBlock, Session
from . import files
from .context import ReadFile
from .validate import Reader


def read(folder: Path, f: ReadFile) -> ReadFile:
    """The session file with its videos' files checked (problems on its reader) and their transcripts read."""
    session: Session = f.value
    if not any(block.video for block in session.agenda):
        return f
    agenda = tuple(_block(folder, f.reader, f"agenda[{i}]", block) for i, block in enumerate(session.agenda))
    return replace(f, value=replace(session, agenda=agenda))


def _block(folder: Path, reader: Reader, path: str, block: AgendaBlock) -> AgendaBlock:
    video = block.video
    if video is None:
        return block
    if block.kind != "video":
        reader.at(f"{path}.video", f'only video blocks show a video; this block is "{block.kind}"')
    for field, check in (("file", files.video), ("captions", files.captions)):
        try:
            check(folder, getattr(video, field))
        except files.Refused as refused:
            reader.at(f"{path}.video.{field}", str(refused))
    if video.language is not None and video.language not in locale.languages():
        reader.at(f"{path}.video.language", f'the language "{video.language}" has no word list; use one of '
                                            f"{', '.join(locale.languages())}")
    text = ""
    if video.transcript is not None:
        try:
            text = files.transcript(folder, video.transcript)
        except files.Refused as refused:
            reader.at(f"{path}.video.transcript", str(refused))
    return replace(block, video=replace(video, transcript_text=text))
