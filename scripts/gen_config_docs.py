"""Generate docs/config.md from the schema, so the reference cannot drift from the code.

Run ``python scripts/gen_config_docs.py`` after changing ``app/core/schema.py``;
``--check`` exits 1 when the committed file is stale (a test runs that).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.cli_text import toml_value  # noqa: E402
from app.core import paths  # noqa: E402
from app.core.schema import (  # noqa: E402
    _CATEGORY,
    CATEGORY_DOCS,
    KEYS,
    SECTIONS,
    Key,
    SchemaError,
)

TARGET = ROOT / "docs" / "config.md"

#: Where each file lives, by the app.core.paths function that finds it.
LOCATIONS = (
    (
        "policy_file",
        "System policy (IT)",
        "`/etc/xdg/helpline/policy.toml` (fixed: `XDG_CONFIG_DIRS` does not move it)",
        "`/Library/Application Support/helpline/policy.toml`",
        r"`C:\ProgramData\helpline\policy.toml` (the ProgramData known folder)",
    ),
    (
        "user_config_file",
        "User settings",
        "`$XDG_CONFIG_HOME/helpline/config.toml`, usually `~/.config/helpline/config.toml`",
        "`~/Library/Application Support/helpline/config.toml`",
        r"`%LOCALAPPDATA%\helpline\config.toml`",
    ),
    (
        "data_dir",
        "Outbox, drafts, local tickets",
        "`$XDG_DATA_HOME/helpline`, usually `~/.local/share/helpline`",
        "`~/Library/Application Support/helpline`",
        r"`%LOCALAPPDATA%\helpline`",
    ),
    (
        "cache_dir",
        "Cache",
        "`$XDG_CACHE_HOME/helpline`, usually `~/.cache/helpline`",
        "`~/Library/Caches/helpline`",
        r"`%LOCALAPPDATA%\helpline\Cache`",
    ),
)

#: Friendlier names for a few category value kinds in the table (others show as declared).
KIND_NAMES = {"questions": "list of tables", "links": "list of tables", "url": "URL"}


def category_fields() -> list[tuple[str, str, str, str]]:
    """``(key, type, required, doc)`` for every key a ``[[categories]]`` table takes.

    Read from the schema's own declaration, so a key added there (``logs`` was) appears
    here; a key without a line in ``CATEGORY_DOCS`` stops the script.
    """
    missing = sorted(set(_CATEGORY) - set(CATEGORY_DOCS))
    if missing:
        raise SystemExit(f"app/core/schema.py CATEGORY_DOCS has no line for {', '.join(missing)}")
    required = _required_category_keys()
    return [
        (
            name,
            KIND_NAMES.get(kind.label, kind.label),
            "yes" if name in required else "",
            CATEGORY_DOCS[name],
        )
        for name, kind in _CATEGORY.items()
    ]


def _required_category_keys() -> set[str]:
    """The keys without which the schema refuses a category, found by asking it.

    Each key of a built-in category is left out in turn; the check that fails names a key
    the schema requires.
    """
    categories = next(k for k in KEYS if k.name == "categories")
    base = dict(categories.default[0])
    required = set()
    for name in base:
        try:
            categories.kind.check([{k: v for k, v in base.items() if k != name}])
        except SchemaError:
            required.add(name)
    return required


EXAMPLE_CATEGORIES = """
[[categories]]
id = "computer"
label = "Computer or software"
description = "Your computer, a program, or something that crashes or will not start."
logs = ["~/.local/share/acme-crm/*.log"]

[[categories]]
id = "printer"
label = "Printer or scanner"
questions = [
  { id = "printer_name", label = "Which printer (name or location)?", required = true },
]
help = [
  { label = "Clear a paper jam", url = "https://intranet.example.org/printers/jam" },
]

[[categories]]
id = "building"
label = "Heating, lights or doors"
not_handled = "Facilities looks after the building, not IT."
not_handled_link = "https://facilities.example.org/report"
""".strip()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(key: Key) -> str:
    if key.name == "categories":
        return "six general categories"
    return f"`{toml_value(key.default)}`"


def _section(section: str) -> list[str]:
    keys = [k for k in KEYS if k.section == section]
    if section == "categories":
        lines = [
            "### `[[categories]]`",
            "",
            keys[0].doc,
            "",
            "Each `[[categories]]` table takes these keys:",
            "",
            "| Key | Type | Required | Meaning |",
            "|---|---|---|---|",
        ]
        lines += [f"| `{k}` | {t} | {r} | {_cell(d)} |" for k, t, r, d in category_fields()]
        return [
            *lines,
            "",
            "Giving `[[categories]]` in a file replaces the whole list; "
            "the built-in list is: " + ", ".join(f"`{c['id']}`" for c in keys[0].default) + ".",
            "",
            "```toml",
            EXAMPLE_CATEGORIES,
            "```",
            "",
        ]
    lines = [
        f"### `[{section}]`",
        "",
        "| Key | Type | Default | Lockable | Meaning |",
        "|---|---|---|---|---|",
    ]
    for key in keys:
        short = key.name.split(".", 1)[1]
        doc = key.doc + ("".join(f" Example: `{e}`." for e in key.examples))
        lines.append(
            f"| `{short}` | {_cell(key.kind.label)} | {_cell(_default(key))} | "
            f"{'yes' if key.lockable else 'no'} | {_cell(doc)} |"
        )
    return [*lines, ""]


def _example() -> str:
    """Every key at its default; ``a.b.c`` goes under ``[a.b]`` so nested keys stay valid TOML."""
    tables: dict[str, list[str]] = {}
    for key in KEYS:
        if key.section in ("categories", "policy"):
            continue
        table, name = key.name.rsplit(".", 1)
        tables.setdefault(table, []).append(f"{name} = {toml_value(key.default)}")
    blocks = [f"[{table}]\n" + "\n".join(lines) + "\n" for table, lines in tables.items()]
    return "\n".join([*blocks, EXAMPLE_CATEGORIES])


def render() -> str:
    """The whole reference as Markdown."""
    out = [
        "# Configuration reference",
        "",
        "<!-- Generated by scripts/gen_config_docs.py from app/core/schema.py. "
        "Do not edit by hand. -->",
        "",
        "Helpline reads TOML files in layers; a later layer wins:",
        "",
        "1. built-in defaults (below),",
        "2. the system policy file IT deploys,",
        "3. the user file,",
        "4. the file named by `--config FILE` or the `HELPLINE_CONFIG` variable,",
        "5. command-line flags (`helpline --set KEY=VALUE`).",
        "",
        "Keys listed in the policy file's `[policy] locked` keep the policy's value whatever a "
        "later layer says; each ignored attempt is reported as a notice. "
        "`helpline config check` validates the files, `helpline config show` prints every "
        "effective value with the layer it came from. An unknown section or key, or a value of "
        "the wrong type, stops Helpline with a message naming the file, the key and what is "
        "expected.",
        "",
        "## Where files live",
        "",
        "| What | Linux | macOS | Windows |",
        "|---|---|---|---|",
    ]
    for function, what, linux, mac, windows in LOCATIONS:
        if not callable(getattr(paths, function, None)):
            raise SystemExit(f"app.core.paths has no {function}(); update LOCATIONS")
        out.append(f"| {what} | {linux} | {mac} | {windows} |")
    out += ["", "## Keys", ""]
    for section in SECTIONS:
        out += _section(section)
    out += [
        "## Full example",
        "",
        "A user or `--config` file with every key at its built-in default, and the example "
        "categories above:",
        "",
        "```toml",
        _example(),
        "```",
        "",
        "A policy file has the same format and may also lock keys:",
        "",
        "```toml",
        "[backend]",
        'type = "local"',
        "",
        "[policy]",
        'locked = ["backend.type", "attachments.max_size_mb"]',
        "```",
        "",
    ]
    return "\n".join(out)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if docs/config.md is not up to date"
    )
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text("utf-8") if TARGET.is_file() else ""
        if current != text:
            print(
                f"{_shown(TARGET)} is out of date; run python scripts/gen_config_docs.py",
                file=sys.stderr,
            )
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, "utf-8")
    print(f"wrote {_shown(TARGET)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
