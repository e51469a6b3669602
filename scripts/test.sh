#!/usr/bin/env bash
# Run Helpline's whole test suite on a fresh machine: install what the tests
# need, start the servers they talk to (on 127.0.0.1 only), run pytest, stop
# the servers by PID. README.md names this command and .ci/run calls it. Before pytest it
# runs ruff, mypy and the import contracts (lint-imports); any of them failing fails it.
#
#   bash scripts/test.sh [pytest args...]
#
# As root (CI, containers) it installs Debian packages with apt-get; as a
# normal user it expects them installed and says which are missing.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
DEBS=(xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1
      libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
      libfontconfig1 libdbus-1-3 fonts-dejavu-core
      x11-utils xdotool  # xmessage and xdotool: the steps recorder's tests drive a real X program
      x11vnc tigervnc-viewer)  # remote help: the sharing tool, and a technician's viewer
# pynput (the steps extra, pulled in by the test extra) needs evdev, which PyPI has only as
# source: a C compiler and this Python's headers, where they are not there already.
command -v gcc >/dev/null || DEBS+=(gcc)
[ -f "$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ] \
  || DEBS+=(python3-dev)

step() { printf '\n== %s\n' "$*"; }

missing=()
for pkg in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install failed" >&2; exit 1; }
  else
    echo "Missing Debian packages (tests that need them will be skipped): ${missing[*]}" >&2
  fi
fi

# HELPLINE_BUILD_FROZEN=1 (CI) also freezes the branded bundle: PyInstaller comes with the
# 'package' extra, tests/packaging/test_build.py builds it, and scripts/frozen_smoke.sh runs it.
extras=test
[ "${HELPLINE_BUILD_FROZEN:-0}" = 1 ] && extras=test,package
step "Installing Helpline with its extras: $extras"
"$PY" -m pip install -q --disable-pip-version-check -e ".[$extras]" || { echo "pip install failed" >&2; exit 1; }

servers_up=()
cleanup() {
  for s in "${servers_up[@]}"; do bash "scripts/$s.sh" down >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
for s in rt5 redmine; do
  if [ -f "scripts/$s.sh" ] && [ "${HELPLINE_SKIP_SERVERS:-0}" != 1 ]; then
    step "Starting test server: $s"
    if bash "scripts/$s.sh" up; then servers_up+=("$s"); else echo "$s did not start" >&2; fi
  fi
done

# The rules the code is held to (issue 14): lint, types and the layer contracts in
# pyproject.toml. Each failure makes this script fail, but pytest still runs, so one CI run
# shows everything that is wrong.
checks=0
step "ruff check"
"$PY" -m ruff check app tests scripts || checks=1
step "ruff format --check"
"$PY" -m ruff format --check app tests scripts || checks=1
step "mypy (configured in pyproject.toml)"
"$PY" -m mypy || checks=1
step "Import contracts (lint-imports, configured in pyproject.toml)"
"$PY" -c 'import sys; from importlinter.cli import lint_imports_command; sys.argv[0] = "lint-imports"; sys.exit(lint_imports_command())' --no-cache || checks=1

step "Running the test suite"
"$PY" -m pytest "$@"
status=$?
if [ $status -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass." >&2
  exit 1
fi
if [ $checks -ne 0 ]; then
  echo "ruff, mypy or the import contracts failed (see above)." >&2
  [ $status -eq 0 ] && status=1
fi
if [ "${HELPLINE_BUILD_FROZEN:-0}" = 1 ]; then
  step "Frozen build smoke test (scripts/frozen_smoke.sh)"
  bash scripts/frozen_smoke.sh || status=1
fi
exit $status
