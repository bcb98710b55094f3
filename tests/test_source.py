"""The code shown is the code that runs: `{source}` and the widgets' Python button
paste the exact lines of a pysrc/ function or class, found by parsing (never importing)
its file, highlighted by Pygments as CSS classes."""
from __future__ import annotations

import importlib
import inspect
import re
import textwrap
from html import unescape
from pathlib import Path

import pytest

from helpers import ROOT
from buildlib import source


def _plain(html):
    """The text a reader sees in a highlighted block."""
    code = re.search(r"<pre[^>]*>.*?<code>(.*)</code></pre>", html, re.S).group(1)
    return unescape(re.sub(r"<[^>]+>", "", code))


@pytest.mark.parametrize("dotted", ["engine.activations.sigmoid", "engine.losses.softmax_cross_entropy",
                                    "kit.widget.Widget", "kit.widget.Widget.view", "kit.widget.per_view",
                                    "kit.settings.Setting.clamp"])
def test_found_source_is_what_python_itself_sees(dotted):
    """inspect (which imports the module) is the independent oracle for the lines and the first line."""
    module_name, _, rest = dotted.partition(".")
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
            break
        except ModuleNotFoundError:
            continue
    for attr in parts[cut:]:
        obj = getattr(obj, attr)
    obj = inspect.unwrap(obj) if callable(obj) and not isinstance(obj, type) else obj
    lines, first = inspect.getsourcelines(obj)

    found = source.find(dotted)

    assert found.code == textwrap.dedent("".join(lines)).rstrip("\n")
    assert found.line == first
    assert found.path == inspect.getsourcefile(obj)[len(str(ROOT)) + 1:]
    assert found.where == f"{found.path}, line {first}"


def test_decorators_are_part_of_what_is_shown(tmp_path):
    (tmp_path / "pysrc" / "pkg").mkdir(parents=True)
    (tmp_path / "pysrc" / "pkg" / "mod.py").write_text(
        "import functools\n\n\n@functools.cache\ndef f(x):\n    return x\n\n\nclass C:\n"
        "    @property\n    def p(self):\n        return 1\n")
    f = source.find("pkg.mod.f", pysrc=tmp_path / "pysrc")
    assert (f.line, f.code) == (4, "@functools.cache\ndef f(x):\n    return x")
    p = source.find("pkg.mod.C.p", pysrc=tmp_path / "pysrc")
    assert (p.line, p.code) == (10, "@property\ndef p(self):\n    return 1")


@pytest.mark.parametrize("dotted, message", [
    ("engine.activations.sigmoidd", "engine.activations has no top-level function or class 'sigmoidd'"),
    ("engine.nomodule.f", "no module engine.nomodule"),
    ("nopackage.mod.f", "no module in pysrc/"),
    ("kit.widget.Widget.nomethod", "class kit.widget.Widget has no method 'nomethod'"),
    ("engine.activations.sigmoid.x", "is not a class"),
    ("kit.widget.HIDE", "has no top-level function or class 'HIDE'"),   # a constant is not shown
    ("engine", "no module in pysrc/"),
    ("engine..sigmoid", "not a dotted Python name"),
    ("kit.widget.Widget.view.x", "only a function, a class or a class's method"),
])
def test_a_name_that_does_not_exist_says_what_is_missing(dotted, message):
    with pytest.raises(LookupError, match=re.escape(message)):
        source.find(dotted)


def test_highlighting_is_css_classes_and_marks_the_lines_asked_for():
    found = source.find("engine.activations.sigmoid")
    html = source.highlight(found, ["np.where"])
    assert 'style="' not in html                                     # classes, not inline styles
    assert '<span class="k">def</span>' in html and 'class="nf">sigmoid<' in html
    assert _plain(html) == found.code + "\n"                          # exactly the code, nothing lost
    marked = re.findall(r'<span class="hll">(.*?)\n</span>', html, re.S)
    assert [unescape(re.sub(r"<[^>]+>", "", m)) for m in marked] == \
        [line for line in found.code.split("\n") if "np.where" in line]
    assert "pysrc/engine/activations.py, line" in html
    with pytest.raises(LookupError, match="is on no line"):
        source.highlight(found, ["not in the code"])


def test_source_is_read_without_importing_it(tmp_path):
    """A module that would fail on import is still shown: it is parsed, not run."""
    (tmp_path / "pysrc" / "pkg").mkdir(parents=True)
    (tmp_path / "pysrc" / "pkg" / "boom.py").write_text("raise RuntimeError('imported!')\n\ndef f():\n    pass\n")
    assert source.find("pkg.boom.f", pysrc=tmp_path / "pysrc").code == "def f():\n    pass"


def test_every_colour_class_pygments_writes_has_a_rule_in_both_palettes():
    """Every token class that appears in the course's highlighted code is coloured by style.css
    (or is plain text on purpose), and the code section defines its colours for light and dark."""
    css = (ROOT / "web" / "style.css").read_text()
    section = css[css.index("==== Code:"):]
    plain = {"n", "w", "nn", "nv", "na", "ni", "nl", "nx", "py", "hll"}
    used = set()
    for path in (ROOT / "pysrc").rglob("*.py"):
        html = source.highlight(source.Source("x", "x", 1, path.read_text()))
        used |= set(re.findall(r'<span class="([a-z0-9]+)">', html))
    missing = {c for c in used - plain if f".highlight .{c} " not in section and f".highlight .{c}," not in section}
    assert not missing, missing
    dark = section[section.index("prefers-color-scheme: dark"):]
    for var in re.findall(r"(--code-[a-z]+):", section[:section.index("@media")]):
        assert var + ":" in dark, var


def test_a_widget_code_name_that_does_not_resolve_is_an_error_at_the_widget_file():
    from kit import Widget
    from buildlib.render import widget_code

    class Stale(Widget):
        name = "stale"
        code = ["engine.activations.sigmoid", "engine.activations.sigmoidd"]

    class Quiet(Widget):
        name = "quiet"

    codes, errors = widget_code({"stale": Stale, "quiet": Quiet}, source.class_attribute_line)
    line = next(i + 1 for i, t in enumerate(Path(__file__).read_text().split("\n"))
                if t.strip() == 'code = ["engine.activations.sigmoid", "engine.activations.sigmoidd"]')
    assert [str(e).split(" (it has")[0] for e in errors] == \
        [f"tests/test_source.py:{line}: Stale.code: engine.activations has no top-level function or class 'sigmoidd'"]
    assert "quiet" not in codes                                     # no code, no button


def test_the_python_button_is_a_disclosure_holding_each_named_source():
    from kit import Widget
    from buildlib.render import widget_code

    class Two(Widget):
        name = "two"
        code = ["engine.activations.sigmoid", "kit.widget.Widget.view"]

    codes, errors = widget_code({"two": Two}, source.class_attribute_line)
    assert not errors
    html = codes["two"]
    assert html.startswith('<details class="widget-code"><summary class="btn btn-small">Python</summary>')
    assert html.endswith("</details>")
    for dotted in Two.code:
        found = source.find(dotted)
        assert f"<code>{dotted}</code>" in html and found.where in html


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_python_button_opens_and_stays_axe_clean(browser, site_url, scheme):
    """Opened, in both colour schemes, the code passes axe (contrast of every token colour included)."""
    axe = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
    context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport={"width": 1000, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/level-1/one-neuron.html")
    buttons = page.locator("details.widget-code > summary")
    assert buttons.count() >= 1
    for k in range(buttons.count()):
        buttons.nth(k).click()
    code = page.locator("details.widget-code[open] pre").first
    assert code.is_visible() and "def sigmoid" in code.inner_text()
    assert code.get_attribute("tabindex") == "0"                    # scrollable by keyboard
    page.evaluate(axe)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    serious = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_python_button_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/embed/neuron-gate.html")
    page.locator("details.widget-code > summary").click()
    assert page.locator("details.widget-code pre").first.is_visible()
    context.close()


def test_a_widget_can_mark_lines_of_the_code_it_shows():
    from kit import Widget
    from buildlib.render import widget_code

    class Marked(Widget):
        name = "marked"
        code = ["engine.losses.softmax_cross_entropy"]
        code_highlight = {"engine.losses.softmax_cross_entropy": "dz = p - target"}

    class Wrong(Widget):
        name = "wrong"
        code = ["engine.activations.sigmoid"]
        code_highlight = {"engine.activations.sigmoid": "no such text", "engine.activations.tanh": "x"}

    codes, errors = widget_code({"marked": Marked}, source.class_attribute_line)
    assert not errors
    marked = re.findall(r'<span class="hll">(.*?)\n</span>', codes["marked"], re.S)
    assert [unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in marked] == ["dz = p - target"]
    _, errors = widget_code({"wrong": Wrong}, source.class_attribute_line)
    messages = sorted(str(e) for e in errors)
    assert len(messages) == 2 and all(m.startswith("tests/test_source.py:") for m in messages)
    assert any("'no such text' is on no line" in m for m in messages)
    assert any("code_highlight: 'engine.activations.tanh' is not in its code list" in m for m in messages)
