"""The one stylesheet of the public pages (`make css`) is current and complete."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
STYLESHEET = PROJECT_DIR / "static" / "css" / "public.css"
# The sources build-css.mjs joins, as purgecss.config.cjs lists them.
SOURCES = [
    PROJECT_DIR / path
    for path in re.findall(
        r'"([\w/.-]+\.css)"',
        (PROJECT_DIR / "purgecss.config.cjs").read_text().split("content:")[0],
    )
]
CLASS_IN_CSS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def css_classes(css: str) -> set[str]:
    return set(CLASS_IN_CSS.findall(css))


def classes_in_public_templates(defined: set[str]) -> set[str]:
    """The classes public templates use, including every defined class a
    template can build from a value (``article-toc__item--h{{ level }}``)."""
    found: set[str] = set()
    for template in [
        *PROJECT_DIR.glob("templates/**/*.html"),
        *PROJECT_DIR.glob("*/templates/**/*.html"),
    ]:
        if "admin" in template.relative_to(PROJECT_DIR).parts:
            continue
        for value in CLASS_ATTRIBUTE.findall(template.read_text(encoding="utf-8")):
            for word in value.split():
                prefix = word.partition("{")[0]
                if prefix == word:
                    found.add(word)
                elif prefix:
                    found.update(name for name in defined if name.startswith(prefix))
    return found & defined


def test_the_stylesheet_keeps_every_class_the_templates_use():
    defined = set().union(*(css_classes(path.read_text()) for path in SOURCES))
    used = classes_in_public_templates(defined)

    assert len(SOURCES) > 1, "purgecss.config.cjs names no source stylesheets"
    assert used, "no styled class found in the templates"
    assert used - css_classes(STYLESHEET.read_text()) == set(), (
        "run `make css` to rebuild static/css/public.css"
    )


def test_the_committed_stylesheet_is_built_from_the_current_sources(tmp_path):
    node = shutil.which("node")
    tools = [PROJECT_DIR / "node_modules" / name for name in ("purgecss", "csso")]
    if node is None or not all(tool.exists() for tool in tools):
        reason = "node and `npm ci` are needed to rebuild the stylesheet"
        # CI installs them: there a missing tool is a failure, not a skip.
        if os.environ.get("STEADFAST_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    built = tmp_path / "public.css"

    subprocess.run(
        [node, "build-css.mjs", str(built)], cwd=PROJECT_DIR, check=True, timeout=120
    )

    assert built.read_bytes() == STYLESHEET.read_bytes(), (
        "static/css/public.css is stale: run `make css` and commit it"
    )
