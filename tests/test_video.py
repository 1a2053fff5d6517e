"""A session's video with captions: a real WebM and WebVTT file, played in Chromium with its captions loaded,
refused without captions or with files that are not what they claim, its transcript printed in its place."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest

from handbook import CurriculumError, load_handbook
from handbook.curriculum import files
from handbook.render import render_pages
from support import MINIMAL_CURRICULUM, ROOT, SiteServer, axe_violations, build, pdftotext_pages, print_pdf, wait_until

# The video curriculum (a WebM made with ffmpeg) and its site are made once, in one worker of pytest-xdist
pytestmark = pytest.mark.xdist_group("video")

SESSION = "sessions/01-greeting.yml"
CAPTION_LINES = ("Good morning. How can I help you today?", "Let me check that for you right away.")
TRANSCRIPT = ("Receptionist: Good morning. How can I help you today?\nPatient: I have a ten o'clock visit.\n\n"
              "Receptionist: Let me check that for you right away.")
VIDEO_BLOCK = """  - title: The service video
    minutes: 10
    kind: video
    participant: Watch how the receptionist greets the patient.
    video:
      file: videos/service.webm
      captions: videos/service.vtt
      transcript: videos/service.txt
"""
VIDEO_LINE = 29  # the line of "video:" in the session file, once the block is added


def _webm(path: Path) -> None:
    """Two seconds of a test picture, encoded as WebM (VP8) by the ffmpeg that imageio-ffmpeg ships."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "testsrc=size=160x120:rate=5:duration=2", "-c:v", "libvpx", "-b:v", "50k", str(path)],
                   check=True, timeout=120)


def _video_curriculum(folder: Path) -> Path:
    """The minimal curriculum with a video block (WebM, captions and transcript) as its session's last block."""
    shutil.copytree(MINIMAL_CURRICULUM, folder)
    session = folder / SESSION
    session.write_text(session.read_text(encoding="utf-8").replace("duration: 60", "duration: 70") + VIDEO_BLOCK,
                       encoding="utf-8")
    _webm(folder / "videos" / "service.webm")
    cues = "".join(f"\n{i}\n00:00:0{i - 1}.000 --> 00:00:0{i}.000\n{line}\n" for i, line in enumerate(CAPTION_LINES, 1))
    (folder / "videos" / "service.vtt").write_text("WEBVTT\n" + cues, encoding="utf-8")
    (folder / "videos" / "service.txt").write_text(TRANSCRIPT + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def video_curriculum(tmp_path_factory) -> Path:
    return _video_curriculum(tmp_path_factory.mktemp("video") / "curriculum")


HARD_KEY_POINT = ("Organizational communication effectiveness necessitates comprehensive interpersonal "
                  "understanding among all participating individuals.")


@pytest.fixture(scope="module")
def video_build(video_curriculum, tmp_path_factory):
    """The trainer's edition (session page, handout and run view) with its PDFs, built once for this module, strict,
    from the video curriculum with a key point that reads above the program's level."""
    folder = tmp_path_factory.mktemp("video-hard") / "curriculum"
    shutil.copytree(video_curriculum, folder)
    session = folder / SESSION
    session.write_text(session.read_text(encoding="utf-8").replace(
        "definitions: [empathy]\n", f"definitions: [empathy]\nkey_points:\n  - {HARD_KEY_POINT}\n"), encoding="utf-8")
    site = tmp_path_factory.mktemp("video-site") / "site"
    result = build(folder, site, pdf=True, edition="trainers")
    assert result.returncode == 0, result.stderr
    return site, result


@pytest.fixture(scope="module")
def video_server(video_build):
    with SiteServer(video_build[0]) as server:
        yield server


def test_a_reading_notice_never_fails_a_strict_build(video_build):
    _, result = video_build
    assert "notice: " in result.stderr and "key_points[0]: reads at grade" in result.stderr


def _edited(tmp_path: Path, video_curriculum: Path, old: str, new: str) -> Path:
    folder = tmp_path / "curriculum"
    shutil.copytree(video_curriculum, folder)
    path = folder / SESSION
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CurriculumError) as caught:
        load_handbook(folder)
    return [f"{Path(p.file).name}:{p.line}: {p.path}: {p.message}" for p in caught.value.problems]


# -- checked when the curriculum is read ---------------------------------------------

def test_the_video_its_captions_and_transcript_are_read(video_curriculum):
    handbook, _ = load_handbook(video_curriculum)
    video = handbook.sessions[0].agenda[-1].video
    assert (video.file, video.captions, video.transcript) == ("videos/service.webm", "videos/service.vtt",
                                                              "videos/service.txt")
    assert video.transcript_text == TRANSCRIPT


def test_the_guides_example_is_a_valid_video_block(tmp_path, video_curriculum):
    guide = (ROOT / "guide" / "customizing.md").read_text(encoding="utf-8")
    section = guide.split("## Show a video, with captions", 1)[1].split("\n## ", 1)[0]
    [example] = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    minutes = int(re.search(r"minutes: (\d+)", example).group(1))
    folder = tmp_path / "curriculum"
    shutil.copytree(video_curriculum, folder)
    session = folder / SESSION
    text = session.read_text(encoding="utf-8").replace(VIDEO_BLOCK, example)
    session.write_text(text.replace("duration: 70", f"duration: {60 + minutes}"), encoding="utf-8")
    video = load_handbook(folder)[0].sessions[0].agenda[-1].video
    assert (video.file, video.captions, video.transcript_text) == ("videos/service.webm", "videos/service.vtt",
                                                                   TRANSCRIPT)


def test_a_video_without_captions_is_refused_at_its_line(tmp_path, video_curriculum):
    folder = _edited(tmp_path, video_curriculum, "      captions: videos/service.vtt\n", "")
    assert _problems(folder) == [
        f'01-greeting.yml:{VIDEO_LINE + 1}: agenda[2].video.captions: the required field "captions" is missing '
        f"(Its captions (WebVTT), like videos/service.vtt: required, so that a colleague who cannot hear the video "
        f"can follow it; shown by default when in the program's language)"]


@pytest.mark.parametrize("name, content, field, message", [
    ("service.webm", b"<html>not a video</html>", "file",
     '"videos/service.webm" is not a WebM video (its content was checked); save the video again as WebM'),
    ("service.webm", b"\x00\x00\x00\x18ftypmp42" + bytes(40), "file",
     '"videos/service.webm" holds an MP4 video, not WebM; rename it to "videos/service.mp4"'),
    ("service.vtt", b"1\n00:00:00.000 --> 00:00:01.000\nHello\n", "captions",
     '"videos/service.vtt" is not a WebVTT captions file (it must start with the line "WEBVTT"); '
     "save the captions again as WebVTT (.vtt)"),
    ("service.vtt", b"WEBVTT\n\nSTYLE\n::cue { background: url(https://tracker.example/x.png) }\n", "captions",
     '"videos/service.vtt" has a style that fetches something outside the file (url() or @import); '
     "remove it from the captions"),
    ("service.txt", b"caf\xe9\n", "transcript", '"videos/service.txt" is not UTF-8 text; save it again as UTF-8'),
], ids=["not-a-video", "mp4-named-webm", "not-webvtt", "captions-fetching-outside", "transcript-not-utf8"])
def test_files_are_checked_by_what_they_hold(tmp_path, video_curriculum, name, content, field, message):
    folder = tmp_path / "curriculum"
    shutil.copytree(video_curriculum, folder)
    (folder / "videos" / name).write_bytes(content)
    line = {"file": VIDEO_LINE + 1, "captions": VIDEO_LINE + 2, "transcript": VIDEO_LINE + 3}[field]
    assert _problems(folder) == [f"01-greeting.yml:{line}: agenda[2].video.{field}: {message}"]


def test_files_outside_the_curriculum_folder_are_refused(tmp_path, video_curriculum):
    folder = _edited(tmp_path, video_curriculum, "captions: videos/service.vtt", "captions: ../service.vtt")
    (tmp_path / "service.vtt").write_text("WEBVTT\n", encoding="utf-8")
    assert _problems(folder) == [
        f'01-greeting.yml:{VIDEO_LINE + 2}: agenda[2].video.captions: "../service.vtt" leads out of the curriculum '
        f'folder (".."); put the file in the curriculum folder and write its name here']


def test_only_a_video_block_shows_a_video(tmp_path, video_curriculum):
    folder = _edited(tmp_path, video_curriculum, "    kind: video\n", "    kind: lecture\n")
    assert _problems(folder) == [
        f'01-greeting.yml:{VIDEO_LINE}: agenda[2].video: only video blocks show a video; this block is "lecture"']


def test_a_large_video_is_checked_without_reading_it_whole(tmp_path):
    video = tmp_path / "big.webm"
    with video.open("wb") as out:
        out.write(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm")
        out.truncate(files.MAX_VIDEO_BYTES + 1)  # sparse: no disk used
    with pytest.raises(files.Refused, match="is larger than 500 MB"):
        files.video(tmp_path, "big.webm")


def test_captions_in_another_language_are_there_but_not_on_by_default(video_curriculum):
    handbook, _ = load_handbook(video_curriculum)
    session = handbook.sessions[0]
    block = session.agenda[-1]
    other = dataclasses.replace(block, video=dataclasses.replace(block.video, language="ko"))
    handbook = dataclasses.replace(handbook, sessions=(dataclasses.replace(session, agenda=(*session.agenda[:-1], other)),))
    page = next(p for p in render_pages(handbook) if p.uri == "sessions/greeting.md")
    assert '<track kind="captions"' in page.html and 'srclang="ko"' in page.html and " default" not in page.html
    same = next(p for p in render_pages(load_handbook(video_curriculum)[0]) if p.uri == "sessions/greeting.md")
    assert 'srclang="en" label="Captions" default=""' in same.html


# -- in the browser ------------------------------------------------------------------

@pytest.mark.parametrize("path", ["sessions/greeting.html", "sessions/greeting/handout.html",
                                  "sessions/greeting/run.html"])
def test_the_browser_plays_the_video_with_its_captions_loaded(page, video_server, path):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text
            else None)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(video_server.url + path)
    if path.endswith("run.html"):  # the run view shows one block at a time: go to the video's
        page.click('[data-run-go="2"]')
    page.locator("video.hb-video__player").scroll_into_view_if_needed()
    wait_until(page, "() => document.querySelector('video').readyState >= 1")  # its metadata loaded: it plays
    wait_until(page, "() => document.querySelector('video').textTracks[0].cues?.length > 0")
    tracks = page.evaluate("""() => [...document.querySelector('video').textTracks].map(track => ({
        kind: track.kind, mode: track.mode, language: track.language, cues: [...track.cues].map(cue => cue.text)}))""")
    assert tracks == [{"kind": "captions", "mode": "showing", "language": "en", "cues": list(CAPTION_LINES)}]
    assert page.evaluate("() => document.querySelector('video').duration") == pytest.approx(2, abs=0.3)
    transcript = page.locator(".hb-video__transcript")
    assert transcript.is_visible() and "I have a ten o'clock visit." in transcript.inner_text()
    assert blocked == []
    assert all(url.startswith(video_server.url) for url in requests)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "media-src 'self';" in policy


def test_the_run_view_stops_the_video_when_the_trainer_moves_on(page, video_server):
    page.goto(video_server.url + "sessions/greeting/run.html")
    page.click('[data-run-go="2"]')
    wait_until(page, "() => document.querySelector('video').readyState >= 1")
    page.evaluate("() => { const video = document.querySelector('video'); video.muted = true; video.loop = true; "
                  "return video.play(); }")
    assert page.evaluate("() => !document.querySelector('video').paused")
    page.click("#run-previous")
    assert page.evaluate("() => document.querySelector('video').paused")


def test_the_session_page_with_a_video_passes_axe(page, video_server):
    page.goto(video_server.url + "sessions/greeting.html")
    assert axe_violations(page) == []


# -- printed -------------------------------------------------------------------------

def test_the_handouts_pdf_prints_the_transcript(video_server):
    pages = pdftotext_pages(Path(video_server.site) / "sessions" / "greeting" / "handout.pdf")
    text = " ".join(" ".join(pages).split())
    assert "Transcript" in text and "Patient: I have a ten o'clock visit." in text
    assert "Let me check that for you right away." in text


def test_a_printed_session_page_shows_the_transcript_not_the_player(page, video_server, tmp_path):
    page.goto(video_server.url + "sessions/greeting.html")
    page.emulate_media(media="print")
    assert not page.locator("video.hb-video__player").is_visible()
    assert page.locator(".hb-video__transcript").is_visible()
    pdf = tmp_path / "session.pdf"
    pdf.write_bytes(print_pdf(page, video_server.url + "sessions/greeting.html"))
    text = " ".join(" ".join(pdftotext_pages(pdf)).split())
    assert "Patient: I have a ten o'clock visit." in text
