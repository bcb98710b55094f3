#!/usr/bin/env python3
"""Build the course: Markdown lessons in content/ -> static site in dist/.

    python build.py [--out DIR] [--zip] build once; --zip also writes the offline zip
    python build.py --widget-reference   rewrite the widget reference in content/README.md
    python build.py serve [--port 8000]  build, serve on localhost, rebuild on every edit

Read top to bottom, build() is the pipeline. Every author mistake is gathered
as `file:line: message` (all of them, from every file) before anything is
written; the new site is built in a temporary folder and swapped in only when
the whole build succeeded, so a failed build leaves the previous dist/ exactly
as it was. main() is the only place that turns an error into an exit code.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "pysrc"))

from buildlib import bytecode, links, mathrender, models, reference, runtime, source  # noqa: E402
from buildlib.course import place_lessons, read_course  # noqa: E402
from buildlib.errors import AuthorError, BuildError, Problems  # noqa: E402
from buildlib.lessons import read_lesson  # noqa: E402
from buildlib.offline import ZIP_NAME, write_offline_zip  # noqa: E402
from buildlib.pages import write_pages  # noqa: E402
from buildlib.render import Page, embed_body, markdown, render_lesson, widget_code  # noqa: E402

CONTENT = ROOT / "content"
WEB = ROOT / "web"
PYSRC = ROOT / "pysrc"
DIST = ROOT / "dist"
RUNTIME_DIR = f"pyodide-{runtime.PINS['version']}"


def main(argv=None):
    args = parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.widget_reference:
        changed = reference.write(CONTENT / "README.md", load_widgets(args.extra_widgets))
        print(f"{'wrote' if changed else 'already up to date:'} the widget reference in content/README.md")
        return 0
    try:
        build(content=args.content, out=args.out, offline_zip=args.zip, extra_widgets=args.extra_widgets)
    except BuildFailed as failed:
        for error in failed.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"build failed: {len(failed.errors)} error(s); {args.out} was left unchanged", file=sys.stderr)
        return 1
    except BuildError as err:          # a tool or the runtime could not be had
        print(f"error: {err}", file=sys.stderr)
        print(f"build failed; {args.out} was left unchanged", file=sys.stderr)
        return 1
    print(f"built {args.out}")
    return 0


def serve(args):
    import subprocess

    from buildlib.serve import serve as serve_forever

    def rebuild():  # a fresh process, so edited widget modules are re-imported
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--out", str(args.out),
                        "--content", str(args.content)])
    if main(["--out", str(args.out), "--content", str(args.content)]) != 0 and not args.out.exists():
        return 1
    serve_forever([args.content, PYSRC, WEB, ROOT / "buildlib"], args.out, args.port, rebuild)
    return 0


class BuildFailed(BuildError):
    """Carries every AuthorError of a build, sorted by file and line, each once."""

    def __init__(self, errors):
        unique = {str(e): e for e in errors}
        self.errors = sorted(unique.values(), key=lambda e: (e.path, e.line, e.message))
        super().__init__(f"{len(self.errors)} errors")


def build(content=CONTENT, out=DIST, log=print, offline_zip=False, extra_widgets=None):
    """The pipeline. Raises BuildFailed with every author error found."""
    course, lessons, errors = read_sources(content)
    widgets = load_widgets(extra_widgets)
    codes, code_errors = widget_code(widgets, source.class_attribute_line)
    check_models(log)
    pages, render_errors = render_all(course, lessons, widgets, codes, content)
    if errors + code_errors + render_errors:
        raise BuildFailed(errors + code_errors + render_errors)
    embeds = render_embeds(widgets, codes)
    files = runtime.ensure_runtime(log)
    with staging(out) as site:
        assets = copy_assets(site)
        assets |= write_python_package(site / "assets", extra_widgets)
        copy_runtime(site / RUNTIME_DIR, files)
        trained = {name for name, cls in widgets.items() if cls.trained}
        write_pages(site, course, pages, assets, RUNTIME_DIR, embeds, trained)
        if offline_zip:
            write_offline_zip(site, RUNTIME_DIR, assets)


def read_sources(content):
    """Step 1: course.yaml and every lesson, checked. Returns (course, lessons, errors):
    every lesson that can be placed is kept, so the next steps find its other problems."""
    shown = _shown(content)
    try:
        course = read_course(content / "course.yaml", shown(content / "course.yaml"))
    except AuthorError as err:
        raise BuildFailed([err])
    errors, lessons = [], []
    for path in sorted(content.glob("*/*.md")):
        problems = Problems(shown(path))
        lesson = read_lesson(path, shown(path), problems)
        errors += problems
        if lesson is not None:
            lessons.append(lesson)
    errors += place_lessons(course, [lesson for lesson in lessons if lesson.placeable],
                            lambda lesson: shown(lesson.path))
    return course, lessons, errors


def load_widgets(extra=None):
    """Step 2: the widget classes, from the same pysrc/ the browser runs (and, for test
    builds, the widget modules in the folder `extra`, added to the widgets package)."""
    import widgets
    if extra:
        widgets.__path__.append(str(Path(extra).resolve()))
    return widgets.registry()


def check_models(log):
    """Step 2b: every shipped trained model matches its recorded hash."""
    errors = models.verify(log)
    if errors:
        raise BuildFailed(errors)


def render_all(course, lessons, widgets, codes, content):
    """Step 3: math (one KaTeX run), then each lesson's HTML with widget snapshots, then
    every link's target and #id. Returns ({url: (html, challenge uids)}, errors)."""
    shown = _shown(content)
    items = [(shown(lesson.path), m) for lesson in lessons for m in lesson.maths]
    html, errors = mathrender.render_all(items)
    rendered = {id(m): h for (_, m), h in zip(items, html)}
    course.intro_html = markdown(course.intro)
    for level in course.levels:
        level.intro_html = markdown(level.intro)
    site = links.site_of(lessons, [level.slug for level in course.levels], widgets)
    pages, made = {}, []
    for lesson in lessons:
        math_html = {m.key: (rendered[id(m)], m.display) for m in lesson.maths if rendered.get(id(m))}
        page = Page(lesson, shown(lesson.path), widgets, codes, site, Problems(shown(lesson.path)))
        pages[lesson.url] = render_lesson(lesson, page, math_html)
        site.ids[lesson.url] = page.ids
        made.append(page)
    for page in made:
        links.check_anchors(page, site)
        errors += page.problems
    return pages, errors


def render_embeds(widgets, codes):
    """Step 3b: each widget's standalone page, at its default settings."""
    embeds, errors = {}, []
    for name, cls in sorted(widgets.items()):
        try:
            embeds[name] = (cls.title, embed_body(cls, codes.get(name, "")))
        except Exception as err:   # the widget's own code failed at its defaults
            path, line = source.class_attribute_line(cls, "settings")
            errors.append(AuthorError(path, line, f"widget {name} fails at its default settings: "
                                                  f"{type(err).__name__}: {err}"))
    if errors:
        raise BuildFailed(errors)
    return embeds


class staging:
    """Build into a temporary folder beside `out`; swap it in only on success."""

    def __init__(self, out):
        self.out = Path(out)

    def __enter__(self):
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-", dir=self.out.parent))
        return self.tmp

    def __exit__(self, kind, value, tb):
        if kind is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return False
        old = self.out.with_name(f".{self.out.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if self.out.exists():
            self.out.rename(old)
        self.tmp.rename(self.out)
        shutil.rmtree(old, ignore_errors=True)
        return False


def copy_assets(site):
    """Step 4: the web runtime and stylesheet, each under a name that carries
    its content hash (so a page only ever loads the files of its own build),
    and KaTeX's CSS and fonts. Returns {name: URL path under assets/}."""
    assets = site / "assets"
    assets.mkdir(parents=True)
    urls = {}
    from kit.theme import css_variables
    for source in sorted((WEB / "runtime").glob("*")) + [WEB / "style.css"]:
        data = source.read_bytes()
        if source.name == "style.css":  # the colours come from the theme table
            data = css_variables().encode() + data
        urls[source.name] = _write_hashed(assets, source.name, data)
    katex = ROOT / "node_modules" / "katex" / "dist"
    (assets / "katex" / "fonts").mkdir(parents=True)
    css = (katex / "katex.min.css").read_bytes()
    (assets / "katex" / "katex.min.css").write_bytes(css)
    urls["katex/katex.min.css"] = f"katex/katex.min.css?v={_digest(css)}"
    for font in (katex / "fonts").glob("*.woff2"):
        shutil.copy(font, assets / "katex" / "fonts" / font.name)
    return urls


def write_python_package(assets, extra_widgets=None):
    """Step 5: the course's own Python (pysrc/) as one small zip, compiled for the browser's
    Python 3.12 (buildlib/bytecode.py), with a test build's extra widgets in widgets/; and
    the trained weights (pysrc/models/*.npz) as a second zip, which only the pages of
    widgets that read them fetch. Returns {asset name: hashed file name}."""
    files = {path.relative_to(PYSRC).as_posix(): path for path in sorted(PYSRC.rglob("*.py"))}
    if extra_widgets:
        files |= {f"widgets/{path.name}": path for path in sorted(Path(extra_widgets).glob("*.py"))}
    sources = {name: path.read_bytes() for name, path in files.items()}
    compiled = bytecode.compile_all(sources, shown=lambda name: _shown(CONTENT)(files[name]))
    weights = {path.relative_to(PYSRC).as_posix(): path.read_bytes() for path in sorted(PYSRC.rglob("*.npz"))}
    return {"course-py.zip": _write_hashed(assets, "course-py.zip", _zip({name + "c": compiled[name] for name in files})),
            "course-models.zip": _write_hashed(assets, "course-models.zip", _zip(weights))}


def _zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def _write_hashed(folder, name, data):
    stem, dot, ext = name.partition(".")
    hashed = f"{stem}.{_digest(data)}{dot}{ext}"
    (folder / hashed).write_bytes(data)
    return hashed


def copy_runtime(target, files):
    """Step 6: the verified Pyodide files, and a lock listing only what ships."""
    target.mkdir(parents=True)
    for name, path in files.items():
        if name != "pyodide-lock.json":
            shutil.copy(path, target / name)
    (target / "pyodide-lock.json").write_text(runtime.shipped_lock(files))


def _digest(data):
    return hashlib.sha256(data).hexdigest()[:10]


def _shown(content):
    base = Path(content).resolve().parent

    def shown(path):
        try:
            return str(Path(path).resolve().relative_to(base))
        except ValueError:
            return str(path)
    return shown


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Build the course into a static site.")
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    parser.add_argument("--out", type=Path, default=DIST, help="output folder (default: dist/)")
    parser.add_argument("--zip", action="store_true", help=f"also write {{out}}/{ZIP_NAME}, the offline copy")
    parser.add_argument("--content", type=Path, default=CONTENT, help="lessons folder (default: content/)")
    parser.add_argument("--widget-reference", action="store_true",
                        help="rewrite the widget reference in content/README.md from the widgets' declarations")
    parser.add_argument("--extra-widgets", type=Path, metavar="DIR",
                        help="also ship the widget modules in DIR (for test builds)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
