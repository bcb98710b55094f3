"""The offline zip a teacher hands out: the whole site plus every runtime file
as a classic script carrying its bytes (gzip + base64), because pages opened
from file:// may load scripts but may not fetch files. web/runtime/offline.js
unpacks them in the browser."""
from __future__ import annotations

import base64
import gzip
import json
import zipfile
from pathlib import Path

ZIP_NAME = "deep-learning-course.zip"
FOLDER = "deep-learning-course"

README = """Deep Learning course: offline copy
===================================

Double-click index.html. The lessons open in your browser and the widgets come
alive after a few seconds: Python runs inside the page, with no network and
nothing to install. Chrome, Edge and Firefox are supported.

If your browser refuses to start Python from a file, run the small launcher
instead (needs Python 3):    python3 launch.py
It serves this folder on http://127.0.0.1:8000/ and opens it.
"""

LAUNCHER = '''#!/usr/bin/env python3
"""Serve this folder on http://127.0.0.1:8000/ and open it in the browser."""
import functools, http.server, pathlib, sys, threading, webbrowser

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
here = pathlib.Path(__file__).resolve().parent
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(here))
handler.extensions_map[".wasm"] = "application/wasm"
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
print(f"Serving the course at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
threading.Timer(0.5, webbrowser.open, [f"http://127.0.0.1:{port}/index.html"]).start()
server.serve_forever()
'''


def payload_script(name: str, data: bytes) -> str:
    packed = base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode()
    return f"DLCourse.offlinePayloads[{json.dumps(name)}]=\"{packed}\";\n"


def write_offline_zip(site: Path, runtime_dir: str, assets: dict) -> Path:
    payloads = {path.name: path for path in sorted((site / runtime_dir).iterdir())}
    payloads["worker.js"] = site / "assets" / assets["worker.js"]
    payloads["course-py.zip"] = site / "assets" / assets["course-py.zip"]
    payloads["course-models.zip"] = site / "assets" / assets["course-models.zip"]
    manifest = [{"name": name, "script": f"payload-{index}.js"} for index, name in enumerate(payloads)]
    target = site / ZIP_NAME
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(site.rglob("*")):
            if path.is_file() and path != target:
                z.write(path, f"{FOLDER}/{path.relative_to(site)}")
        z.writestr(f"{FOLDER}/offline/manifest.js", f"DLCourse.offlineManifest={json.dumps(manifest)};\n")
        for entry in manifest:
            data = payloads[entry["name"]].read_bytes()
            z.writestr(f"{FOLDER}/offline/{entry['script']}", payload_script(entry["name"], data),
                       compress_type=zipfile.ZIP_STORED)  # already compressed
        z.writestr(f"{FOLDER}/README.txt", README)
        z.writestr(zipfile.ZipInfo(f"{FOLDER}/launch.py", date_time=(2020, 1, 1, 0, 0, 0)), LAUNCHER)
    return target
