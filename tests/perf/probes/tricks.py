"""What each start-up trick saves: the cost of its plain alternative, paid at the first paint.

Every snippet below is what the code would do without one of the tricks listed in
docs/performance.md ("Start-up tricks"). Each runs in a fresh ``python -m app`` process
(offscreen, private XDG folders, no config file) at the moment the wizard has first painted:
by then everything the start loads is loaded, so only the snippet's own cost is timed, the
way it would add to the first paint. Snippets are interleaved, so each sees the same noise.
Not a budget figure; docs/performance.md quotes it.

    python tests/perf/probes/tricks.py [RUNS]     # median (min-max) ms per snippet

Measure in a clean virtual environment (see docs/performance.md, "Pitfalls"): the base
interpreter's ``.pth`` files preload modules that some snippets import.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SNIPPETS = {
    "Qt namespace (qt_values)": "from PySide6.QtCore import Qt; Qt.AlignmentFlag",
    "Config as a dataclass": textwrap.dedent("""
        import dataclasses
        @dataclasses.dataclass
        class Config:
            values: dict
            sources: dict
            locked: frozenset = frozenset()
            notices: list = dataclasses.field(default_factory=list)
    """),
    "hand-written Config class": textwrap.dedent("""
        class Config:
            __slots__ = ("locked", "notices", "sources", "values")
            def __init__(self, values, sources, locked=frozenset(), notices=None):
                self.values = values
            def replace(self, **changes): pass
            def __eq__(self, other): return False
            __hash__ = None
            def __repr__(self): return ""
    """),
    "records as frozen dataclasses": textwrap.dedent("""
        import dataclasses
        @dataclasses.dataclass(frozen=True)
        class Question:
            id: str
            label: str
            required: bool = False
            placeholder: str = ""
        @dataclasses.dataclass(frozen=True)
        class Link:
            label: str
            url: str
        @dataclasses.dataclass(frozen=True)
        class Category:
            id: str
            label: str
            description: str = ""
            questions: tuple = ()
            not_handled: str = ""
            not_handled_link: str = ""
            help: tuple = ()
    """),
    "records as NamedTuples": textwrap.dedent("""
        from typing import NamedTuple
        class Question(NamedTuple):
            id: str
            label: str
            required: bool = False
            placeholder: str = ""
        class Link(NamedTuple):
            label: str
            url: str
        class Category(NamedTuple):
            id: str
            label: str
            description: str = ""
            questions: tuple = ()
            not_handled: str = ""
            not_handled_link: str = ""
            help: tuple = ()
    """),
    "json and datetime (config errors)": "import json, datetime",
    "tomllib (no config file)": "import tomllib",
    "app.core.form (deep links)": "import app.core.form",
    "QIcon and QUrl types": "from PySide6.QtGui import QIcon; from PySide6.QtCore import QUrl",
    "small parser, no arguments": textwrap.dedent("""
        import argparse
        from app.cli_parser import _global_options
        parser = argparse.ArgumentParser(prog="helpline", add_help=False, exit_on_error=False)
        _global_options(parser)
        parser.parse_known_args([])
    """),
    "full command parser": "from app.cli_parser import build_parser; build_parser().parse_args([])",
    "findChildren(QTranslator)": textwrap.dedent("""
        from PySide6.QtCore import QTranslator
        from PySide6.QtWidgets import QApplication
        QApplication.instance().findChildren(QTranslator)
    """),
    "importlib.resources": (
        "import importlib.resources as r; r.files('app.resources').joinpath('x').is_file()"
    ),
    "QListWidget on the Welcome page": "from PySide6.QtWidgets import QListWidget; QListWidget()",
    "QLocale and QMessageBox types": (
        "from PySide6.QtCore import QLocale; from PySide6.QtWidgets import QMessageBox; QLocale()"
    ),
}

DRIVER = textwrap.dedent("""
    import os, sys, time
    from app.ui import app as gui
    code = compile(os.environ.pop("SNIPPET"), "<snippet>", "exec")
    def report():
        start = time.perf_counter()
        exec(code, {})
        print(f"snippet-ms: {(time.perf_counter() - start) * 1000:.3f}", flush=True)
    gui._report_modules = report
    from app.launch import main
    sys.exit(main())
""")


def run(snippet: str, env: dict[str, str]) -> float:
    result = subprocess.run(
        [sys.executable, "-c", DRIVER],
        env=dict(env, SNIPPET=snippet),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("snippet-ms: ")), None)
    if line is None:
        raise SystemExit(result.stderr)
    return float(line.split()[1])


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    folder = tempfile.mkdtemp(prefix="helpline-tricks-")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HELPLINE_QUIT_AFTER_PAINT="1",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else changed modules compile on every run
    env.pop("HELPLINE_CONFIG", None)
    for name in ("CONFIG_HOME", "DATA_HOME", "CACHE_HOME", "CONFIG_DIRS"):
        env["XDG_" + name] = os.path.join(folder, name.lower())
        os.makedirs(env["XDG_" + name])
    times: dict[str, list[float]] = {name: [] for name in SNIPPETS}
    for _ in range(runs):
        for name, snippet in SNIPPETS.items():
            times[name].append(run(snippet, env))
    for name, values in times.items():
        print(
            f"{name:36s} {statistics.median(values):6.2f} ms ({min(values):.2f}-{max(values):.2f})"
        )


if __name__ == "__main__":
    main()
