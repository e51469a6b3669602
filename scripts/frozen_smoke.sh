#!/usr/bin/env bash
# Build the frozen, branded Helpline (packaging/examples/acme) and run it as shipped:
# --version, a submit to the local backend, config show with the policy's locks, the GUI
# under a real X server (xcb, which offscreen never loads) until the first paint, a deep
# link, a click recorded by the steps recorder (pynput in the bundle), and the .deb unpacked into a scratch root with dpkg -x. Every step is timed.
#
#   bash scripts/frozen_smoke.sh            (scripts/test.sh runs it when HELPLINE_BUILD_FROZEN=1)
#
# Config and data live in a scratch folder (XDG variables); Xvfb listens on no TCP port and
# is stopped by its PID. HELPLINE_KEEP_FROZEN=1 keeps the scratch folder for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
APP=acme-helpdesk
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/helpline-frozen.XXXXXX")
XVFB_PID=""

POLICY=/etc/xdg/helpline/policy.toml  # fixed: no variable moves it (issue 17, item 3)
POLICY_SAVED=""
POLICY_PLACED=0

cleanup() {
  if [ "$POLICY_PLACED" = 1 ]; then
    if [ -n "$POLICY_SAVED" ]; then mv -f "$POLICY_SAVED" "$POLICY"; else rm -f "$POLICY"; fi
  fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
  if [ "${HELPLINE_KEEP_FROZEN:-0}" = 1 ]; then echo "kept: $SCRATCH"; else rm -rf "$SCRATCH"; fi
}
trap cleanup EXIT

fail() { echo "frozen smoke: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
step() { printf '\n-- %s\n' "$*"; }
T0=$(now)

step "PyInstaller"
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  "$PY" -m pip install -q --disable-pip-version-check -e '.[package]' || fail "pip install '.[package]'"
fi
"$PY" -m PyInstaller --version

step "Build (packaging/build.py --branding packaging/examples/acme)"
t=$(now)
"$PY" packaging/build.py --branding packaging/examples/acme --output "$SCRATCH/dist" \
  | tee "$SCRATCH/build.txt" || fail "the build"
echo "build: $(took "$t") s"
BIN="$SCRATCH/dist/$APP/$APP"
[ -x "$BIN" ] || fail "no executable at $BIN"

# A fresh user on a machine with Acme's policy installed. The program reads the policy only
# from $POLICY, so it is put there for the run (CI runs as root) and put back afterwards.
export XDG_CONFIG_HOME="$SCRATCH/home/config" XDG_DATA_HOME="$SCRATCH/home/data"
export XDG_CACHE_HOME="$SCRATCH/home/cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
mkdir -p "$(dirname "$POLICY")" 2>/dev/null || true
if [ -w "$(dirname "$POLICY")" ]; then
  if [ -e "$POLICY" ]; then POLICY_SAVED="$SCRATCH/policy.saved"; cp -p "$POLICY" "$POLICY_SAVED"; fi
  POLICY_PLACED=1
  cp packaging/examples/acme/policy.toml "$POLICY"
else
  fail "$POLICY cannot be written: run as root (CI does) to check the policy's locks"
fi
unset HELPLINE_CONFIG HELPLINE_BRANDING LD_LIBRARY_PATH PYTHONPATH QT_PLUGIN_PATH || true
export QT_QPA_PLATFORM=offscreen

step "--version"
t=$(now)
version=$("$BIN" --version) || fail "--version exited $?"
[[ "$version" == "helpline "* ]] || fail "--version printed '$version'"
echo "$version ($(took "$t") s)"

step "config show: embedded branding, locked keys"
"$BIN" --set branding.name='"Mine"' config show --json >"$SCRATCH/config.json" 2>"$SCRATCH/config.err" \
  || fail "config show"
"$PY" - "$SCRATCH/config.json" <<'EOF' || fail "config show does not report the branding and locks"
import json, sys
rows = {r["key"]: r for r in json.load(open(sys.argv[1]))}
name = rows["branding.name"]
assert name["value"] == "Acme IT Service Desk" and name["locked"], name
assert name["source"].endswith("app/resources/branding/branding.toml"), name
assert rows["attachments.max_size_mb"]["source"].endswith("helpline/policy.toml")
print("branding.name locked at", name["value"], "from", name["source"])
EOF
grep -q "'branding.name' is set by your organisation" "$SCRATCH/config.err" \
  || fail "no notice for the refused --set branding.name"

step "submit --no-screenshot --json (local backend)"
t=$(now)
"$BIN" submit --summary "Frozen smoke test" --description "Filed by scripts/frozen_smoke.sh." \
  --category printer --answer printer_name=Room-1 --name "Smoke Test" --email smoke@acme.example \
  --organization Acme --no-screenshot --json >"$SCRATCH/submit.json" || fail "submit exited $?"
"$PY" - "$SCRATCH/submit.json" <<'EOF' || fail "submit did not file the request"
import json, sys
result = json.load(open(sys.argv[1]))
assert result["id"] and result["queued"] is False and result["status"] == "new", result
print("filed as", result["id"])
EOF
listed=$("$BIN" list --json) || fail "list failed"
grep -q "Frozen smoke test" <<<"$listed" || fail "list does not show the request"
echo "submit + list: $(took "$t") s"

step "GUI under Xvfb (xcb) until the first paint"
command -v Xvfb >/dev/null || fail "Xvfb is not installed (Debian: apt-get install xvfb)"
: >"$SCRATCH/display"
# RECORD on, as on a desktop's X server: the steps recorder below watches clicks with it.
Xvfb -displayfd 9 -nolisten tcp -noreset +extension RECORD -screen 0 1280x800x24 9>"$SCRATCH/display" \
  >"$SCRATCH/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do
  [ -s "$SCRATCH/display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb exited: $(cat "$SCRATCH/xvfb.log")"
  sleep 0.1
done
[ -s "$SCRATCH/display" ] || fail "Xvfb gave no display within 10 s"
export DISPLAY=":$(tr -d '[:space:]' <"$SCRATCH/display")"
gui() {  # label, then arguments; the window must paint and quit by itself
  local label=$1 t out; shift
  t=$(now)
  out=$(QT_QPA_PLATFORM=xcb HELPLINE_QUIT_AFTER_PAINT=1 timeout 60 "$@" 2>&1) \
    || fail "$label exited $?: $out"
  grep -q "first-paint-modules:" <<<"$out" || fail "$label never painted: $out"
  echo "$label: painted and quit in $(took "$t") s"
}
gui "wizard" "$BIN"
gui "deep link" "$BIN" open-url "acme-helpdesk://new?category=printer&summary=From%20a%20link"
gui "helpline new" "$BIN" new --category printer --summary "From the command line"
t=$(now)  # the floor, for comparison: same spec, a bare QWizard
QT_QPA_PLATFORM=xcb HELPLINE_QUIT_AFTER_PAINT=1 timeout 60 "$SCRATCH/dist/floor-wizard/floor-wizard" \
  || fail "the bare QWizard exited $?"
echo "floor (bare QWizard): painted and quit in $(took "$t") s"
ln -s "$BIN" "$SCRATCH/linked-$APP"  # the .deb starts it through /usr/bin/<app-id>
gui "through a symlink" "$SCRATCH/linked-$APP"
"$BIN" open-url "acme-helpdesk://new?category=coffee" 2>"$SCRATCH/link.err" \
  && fail "a link with an unknown category was accepted"
grep -q "There is no category 'coffee'" "$SCRATCH/link.err" || fail "no clear message for a bad link"

step "steps recorder: pynput inside the bundle watches a click (helpline record)"
command -v xdotool >/dev/null || fail "xdotool is not installed (Debian: apt-get install xdotool)"
t=$(now)
QT_QPA_PLATFORM=xcb "$BIN" record --output "$SCRATCH/steps.html" --countdown 0 \
  >"$SCRATCH/record.out" 2>"$SCRATCH/record.err" &
REC_PID=$!
timeout 30 xdotool search --sync --name "Recording the steps" >/dev/null \
  || { kill "$REC_PID" 2>/dev/null; fail "no recording bar: $(cat "$SCRATCH/record.err")"; }
sleep 1  # the listeners connect right after the bar is shown
xdotool mousemove 300 200 click 1
sleep 1
kill -TERM "$REC_PID"
wait "$REC_PID" || fail "record exited $?: $(cat "$SCRATCH/record.err")"
grep -q "Clicked" "$SCRATCH/steps.html" \
  || fail "the bundle recorded no click: $(cat "$SCRATCH/record.out" "$SCRATCH/record.err")"
echo "a click recorded by the frozen program in $(took "$t") s"

kill "$XVFB_PID"; wait "$XVFB_PID" 2>/dev/null || true; XVFB_PID=""
unset DISPLAY

step ".deb unpacked into a scratch root (dpkg -x)"
DEB=$(ls "$SCRATCH"/dist/"$APP"_*.deb)
ROOT="$SCRATCH/root"
dpkg-deb -x "$DEB" "$ROOT"
for path in "opt/$APP/$APP" "usr/share/applications/$APP.desktop" \
            "usr/share/icons/hicolor/scalable/apps/$APP.svg" "etc/xdg/helpline/policy.toml"; do
  [ -f "$ROOT/$path" ] || fail "$path is not in the package"
done
[ -x "$ROOT/opt/$APP/$APP" ] || fail "/opt/$APP/$APP is not executable"
[ "$(readlink "$ROOT/usr/bin/$APP")" = "/opt/$APP/$APP" ] || fail "/usr/bin/$APP is not the link"
grep -qx "MimeType=x-scheme-handler/$APP;" "$ROOT/usr/share/applications/$APP.desktop" \
  || fail "the .desktop file does not register the URL scheme"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$ROOT/usr/share/applications/$APP.desktop" || fail "desktop-file-validate"
fi
[ "$(dpkg-deb --field "$DEB" Package)" = "$APP" ] || fail "package name"
dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles | grep -qx /etc/xdg/helpline/policy.toml \
  || fail "the policy is not a conffile"
# Read the whole output first: `grep -q` closes the pipe at its first match, the program
# then dies of a broken pipe, and with pipefail that failed the check.
cmp -s "$ROOT$POLICY" packaging/examples/acme/policy.toml || fail "the .deb's policy is not Acme's"
shown=$("$ROOT/opt/$APP/$APP" config show) \
  || fail "the unpacked program's config show failed"
grep -q "^backend.type \[locked\]" <<<"$shown" \
  || fail "the unpacked program does not read the policy at $POLICY"
echo "files where they should be; $(du -sh "$ROOT/opt/$APP" | cut -f1) under /opt, package $(du -h "$DEB" | cut -f1)"

printf '\nfrozen smoke: OK in %s s\n' "$(took "$T0")"
