"""Compile the translations into the package while it is built (``build_py``).

``pyproject.toml`` holds everything else. When Qt's ``lrelease`` is available
(``pip install`` with PySide6 in the build environment, ``pip install -e .``,
the frozen build) the ``.qm`` files are compiled from ``resources/translations``
now; otherwise the committed ``.qm`` files, which tests/ui/test_i18n.py keeps
identical to a fresh compile, are packaged as they are. Either way a wheel
never ships without its German.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        script = ROOT / "scripts" / "build_translations.py"
        if script.is_file():
            result = subprocess.run([sys.executable, str(script), "--release"],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                print("helpline: lrelease not available; packaging the committed .qm files",
                      file=sys.stderr)
        super().run()


setup(cmdclass={"build_py": BuildPyWithTranslations})
