"""The trimmed Bootstrap (make bootstrap) still has every class our markup uses."""

import re
from pathlib import Path

import pytest

from tests.browser.conftest import PROJECT_DIR

pytestmark = pytest.mark.browser

BOOTSTRAP_DIR = PROJECT_DIR / "static" / "vendor" / "bootstrap"
CLASS_IN_CSS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def css_classes(path: Path) -> set[str]:
    return set(CLASS_IN_CSS.findall(path.read_text(encoding="utf-8")))


def classes_in_our_templates() -> set[str]:
    found: set[str] = set()
    for template in [
        *PROJECT_DIR.glob("templates/**/*.html"),
        *PROJECT_DIR.glob("*/templates/**/*.html"),
    ]:
        for value in CLASS_ATTRIBUTE.findall(template.read_text(encoding="utf-8")):
            found.update(word for word in value.split() if "{" not in word)
    return found


def test_trimmed_bootstrap_keeps_every_bootstrap_class_the_templates_use():
    full = css_classes(BOOTSTRAP_DIR / "bootstrap.min.css")
    trimmed = css_classes(BOOTSTRAP_DIR / "bootstrap.trimmed.min.css")

    used = classes_in_our_templates() & full

    assert used, "no Bootstrap class found in the templates"
    assert used - trimmed == set(), "run `make bootstrap` to rebuild the trimmed CSS"
