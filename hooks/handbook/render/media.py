"""Where the site publishes a session's videos and their captions: media/<session id>-<block number>.<suffix>.

The pages link them by these addresses (the session page, the handout and the run view play them); the hook
copies the checked files there (curriculum/files.py).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterator

from ..model import AgendaBlock, Handbook, Session

FOLDER = "media"


def video_uri(session: Session, index: int) -> str:
    """The video of the session's block at `index` (0-based) in its agenda."""
    video = session.agenda[index].video
    return f"{FOLDER}/{session.id}-{index + 1}{PurePosixPath(video.file).suffix.lower()}"


def captions_uri(session: Session, index: int) -> str:
    return f"{FOLDER}/{session.id}-{index + 1}.vtt"


def videos(handbook: Handbook) -> Iterator[tuple[Session, int, AgendaBlock]]:
    """Every block that shows a video: its session, its index in the agenda, the block."""
    for session in handbook.sessions:
        for index, block in enumerate(session.agenda):
            if block.video is not None:
                yield session, index, block
