# Shared by scripts/rt5.sh and scripts/redmine.sh: one loopback test server, found and stopped
# by its PID only. Source it after setting NAME (the log prefix), STATE, URL, PIDFILE, LOG and
# SERVER_PATTERN (what the server's command line contains), and define http_code (prints the
# HTTP status of a request that only a ready server answers with 200).

T0=$(date +%s.%N)
step() { printf '[%s %6.1fs] %s\n' "$NAME" "$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" "$*"; }

q() { printf "%s='%s'\n" "$1" "$2"; }   # KEY='value': safe to source, easy to parse

running_pid() {
    # The PID in the pidfile, only if that process is our server.
    [[ -f "$PIDFILE" ]] || return 1
    local pid; pid=$(cat "$PIDFILE")
    [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$SERVER_PATTERN" || return 1
    echo "$pid"
}

wait_until_answering() {
    # wait_until_answering WHAT SECONDS: until http_code says 200; fails if the server exits.
    local what="$1" seconds="$2"
    for _ in $(seq 1 $((seconds * 10))); do
        [[ "$(http_code)" == 200 ]] && { step "$what answers at ${URL}"; return; }
        running_pid >/dev/null || { tail -n 30 "$LOG"; echo "$NAME exited" >&2; exit 1; }
        sleep 0.1
    done
    tail -n 30 "$LOG"; echo "$what did not answer within ${seconds} s" >&2; exit 1
}

write_env() {
    # The KEY='value' lines on stdin become $STATE/env, readable by its owner only, at once.
    cat >"${STATE}/env.tmp"
    chmod 600 "${STATE}/env.tmp"
    mv "${STATE}/env.tmp" "${STATE}/env"
}

stop_server() {
    if pid=$(running_pid); then
        kill "$pid"
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        rm -f "$PIDFILE" "${STATE}/env"
        step "stopped $NAME (pid $pid)"
    else
        rm -f "$PIDFILE"
        step "not running"
    fi
}

server_status() {
    if pid=$(running_pid); then
        echo "running: pid $pid, ${URL}, probe HTTP $(http_code), state ${STATE}"
    else
        echo "not running (state ${STATE})"; exit 3
    fi
}
