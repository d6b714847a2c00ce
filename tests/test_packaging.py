"""The wheel carries every sub-package: the explicit list in pyproject.toml names each one."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


def test_every_sub_package_is_listed_for_the_wheel():
    with (REPO / "pyproject.toml").open("rb") as fh:
        listed = set(tomllib.load(fh)["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "analysis").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, sorted(found - listed)


def test_a_language_registered_first_does_not_hide_the_built_in_ones():
    """Registering a language before anything asked for one still gives English and Chinese first (a
    generated toy profile, in a fresh interpreter where the registry is empty)."""
    import subprocess
    import sys

    code = (
        "import dataclasses, analysis.lang as lang\n"
        "fields = {f.name: None for f in dataclasses.fields(lang.LanguageProfile)}\n"
        "lang.register(lang.LanguageProfile(**(fields | {'code': 'xx'})))\n"
        "print(lang.languages())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "('en', 'zh', 'xx')"
