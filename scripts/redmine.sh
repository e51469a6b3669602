#!/usr/bin/env bash
# A real Redmine (Debian's 5.0 package) on 127.0.0.1 for Helpline's backend tests and CI.
#
#   bash scripts/redmine.sh up       install (if missing), configure, start, create fixtures
#   bash scripts/redmine.sh down     stop the server started by `up` (by its PID only)
#   bash scripts/redmine.sh status   say whether it runs and where
#
# Runs unattended (no terminal, stdin closed, CI=true). Needs root for apt and /etc.
# Settings: HELPLINE_REDMINE_PORT (default 3000), HELPLINE_REDMINE_STATE (default
# /tmp/helpline-redmine). After `up`, $HELPLINE_REDMINE_STATE/env holds the URL, the project
# and the API keys of the admin, an agent (Manager) and a customer (Reporter) as KEY='value'.
# Recipe and pitfalls: ../shared/reference/real-servers.md, Part B.
set -euo pipefail
exec </dev/null

PORT="${HELPLINE_REDMINE_PORT:-3000}"
STATE="${HELPLINE_REDMINE_STATE:-/tmp/helpline-redmine}"
URL="http://127.0.0.1:${PORT}"
PROJECT="support"
PACKAGES=(redmine redmine-sqlite thin)
REDMINE_DIR=/usr/share/redmine
PIDFILE="${STATE}/redmine.pid"
LOG="${STATE}/redmine.log"
export REDMINE_INSTANCE=default RAILS_ENV=production

NAME=redmine
SERVER_PATTERN="rackup\\|thin"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Debian's ruby3.1 ships a newer bundler as a default gem that breaks the redmine postinst
# (real-servers.md B.3 #1); pin the packaged one for every apt run and rails call.
bundler_version() {
    local v
    v=$(dpkg-query -W -f='${Version}' ruby-bundler 2>/dev/null || true)
    [[ -n "$v" ]] || v=$(apt-cache policy ruby-bundler 2>/dev/null | awk '/Candidate:/ {print $2}')
    v="${v%%-*}"; v="${v#*:}"
    if [[ "$v" =~ ^[0-9.]+$ ]]; then echo "$v"; else echo "2.3.15"; fi
}

http_code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${URL}/issue_statuses.json" || true
}

install_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then step "packages already installed"; return; fi
    step "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    BUNDLER_VERSION=$(bundler_version)   # now from the fresh package lists
    export BUNDLER_VERSION
    apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${PACKAGES[@]}" >"${STATE}/apt.log" 2>&1 \
        || { tail -n 30 "${STATE}/apt.log"; exit 1; }
    step "packages installed (BUNDLER_VERSION=${BUNDLER_VERSION})"
}

write_config() {
    # No mail leaves the machine: notifications become files (real-servers.md B.3 #7).
    cat >/etc/redmine/default/configuration.yml <<EOF
# Written by Helpline's scripts/redmine.sh: a loopback-only test server.
default:
  email_delivery:
    delivery_method: :file
    file_settings:
      location: ${STATE}/mails
EOF
    mkdir -p "${STATE}/mails"
    chown www-data:www-data "${STATE}/mails"
}

as_www() {
    setpriv --reuid=www-data --regid=www-data --init-groups -- env HOME=/tmp \
        BUNDLER_VERSION="$BUNDLER_VERSION" REDMINE_INSTANCE=default RAILS_ENV=production "$@"
}

start_server() {
    if pid=$(running_pid); then step "redmine already running (pid $pid)"; return; fi
    # setsid and setpriv both exec (no fork: a background job is no group leader), so $!
    # is rackup's own PID (real-servers.md B.3 #3).
    cd "$REDMINE_DIR"
    setsid setpriv --reuid=www-data --regid=www-data --init-groups -- env HOME=/tmp \
        BUNDLER_VERSION="$BUNDLER_VERSION" REDMINE_INSTANCE=default RAILS_ENV=production \
        rackup -E production -o 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    cd - >/dev/null
    step "redmine started (pid $(cat "$PIDFILE")), waiting for the REST API"
    wait_until_answering Redmine 90
}

# Idempotent fixtures through Redmine's own models; prints KEY=value lines for the env file.
read -r -d '' BOOTSTRAP_RB <<'RUBY' || true
Setting.rest_api_enabled = '1'
Setting.host_name = ENV['HL_HOST']
admin = User.find_by_login('admin')
admin.update_columns(must_change_passwd: false)
roles = Role.givable.sorted.to_a
manager = Role.find_by(name: 'Manager') || roles[0]
reporter = Role.find_by(name: 'Reporter') || roles[2]
project = Project.find_by(identifier: ENV['HL_PROJECT']) ||
  Project.create!(name: 'Support', identifier: ENV['HL_PROJECT'], is_public: false,
                  tracker_ids: Tracker.pluck(:id), enabled_module_names: ['issue_tracking'])
def fixture_user(login, password, first, last, mail)
  u = User.find_by_login(login) || User.new(firstname: first, lastname: last, mail: mail)
  u.login = login
  u.password = password
  u.password_confirmation = password
  u.status = User::STATUS_ACTIVE
  u.admin = false
  u.must_change_passwd = false
  u.save!
  u
end
def member(project, user, role)
  m = Member.find_by(project_id: project.id, user_id: user.id)
  return Member.create!(project: project, principal: user, role_ids: [role.id]) unless m
  return if m.role_ids == [role.id]
  m.role_ids = [role.id]
  m.save!
end
# The role docs/backends/redmine.md recommends for requesters: their own issues only, and
# edit_own_issues, without which Redmine 5 ignores status changes (Issue#attributes_editable?).
requester = Role.find_by(name: 'Helpline requester') ||
  Role.create!(name: 'Helpline requester', issues_visibility: 'own', assignable: false,
               permissions: [:view_issues, :add_issues, :add_issue_notes, :edit_own_issues])
agent = fixture_user('agent1', 'agentpass1', 'Alex', 'Agent', 'agent1@example.org')
customer = fixture_user('casey', 'caseypass1', 'Casey', 'Customer', 'customer@example.org')
# A second customer with Redmine's stock Reporter role, which may not change statuses.
reporter_user = fixture_user('robin', 'robinpass1', 'Robin', 'Reporter', 'robin@example.org')
member(project, agent, manager)
member(project, customer, requester)
member(project, reporter_user, reporter)
# The requester's workflow: mark resolved or closed while open; reopen when resolved or closed.
by_name = IssueStatus.all.index_by(&:name)
opened = %w[New In\ Progress Feedback].map { |n| by_name[n] }.compact
done = %w[Resolved Closed].map { |n| by_name[n] }.compact
pairs = opened.product(done) + done.product([by_name['In Progress']].compact)
Tracker.all.each do |t|
  pairs.each do |old, new|
    next if old == new
    WorkflowTransition.find_or_create_by!(tracker_id: t.id, role_id: requester.id,
                                          old_status_id: old.id, new_status_id: new.id,
                                          author: false, assignee: false)
  end
end
puts "HELPLINE_REDMINE_ADMIN_KEY=#{admin.api_key}"
puts "HELPLINE_REDMINE_AGENT_KEY=#{agent.api_key}"
puts "HELPLINE_REDMINE_AGENT_LOGIN=#{agent.login}"
puts "HELPLINE_REDMINE_CUSTOMER_KEY=#{customer.api_key}"
puts "HELPLINE_REDMINE_CUSTOMER_LOGIN=#{customer.login}"
puts "HELPLINE_REDMINE_CUSTOMER_PASSWORD=caseypass1"
puts "HELPLINE_REDMINE_CUSTOMER_ID=#{customer.id}"
puts "HELPLINE_REDMINE_REPORTER_KEY=#{reporter_user.api_key}"
puts "HELPLINE_REDMINE_PROJECT_ID=#{project.id}"
RUBY

bootstrap() {
    local out script="${STATE}/bootstrap.rb"
    printf '%s\n' "$BOOTSTRAP_RB" >"$script"
    chmod 644 "$script"
    out=$(cd "$REDMINE_DIR" && as_www env HL_HOST="127.0.0.1:${PORT}" HL_PROJECT="$PROJECT" \
        bin/rails runner "$script" 2>"${STATE}/bootstrap.log") \
        || { cat "${STATE}/bootstrap.log"; exit 1; }
    {
        q HELPLINE_REDMINE_URL "$URL"
        q HELPLINE_REDMINE_PROJECT "$PROJECT"
        while IFS='=' read -r key value; do
            [[ "$key" == HELPLINE_REDMINE_* ]] && q "$key" "$value"
        done <<<"$out"
        q HELPLINE_REDMINE_PID "$(cat "$PIDFILE" 2>/dev/null || true)"
    } | write_env
    step "fixtures ready (project ${PROJECT}, agent agent1, customer casey)"
}

BUNDLER_VERSION=$(bundler_version)
export BUNDLER_VERSION

case "${1:-}" in
    up)
        [[ $EUID -eq 0 ]] || { echo "redmine.sh up needs root (apt-get, /etc/redmine)" >&2; exit 1; }
        mkdir -p "$STATE"; chmod 711 "$STATE"
        install_packages
        write_config
        # Settings are read per request, so fixtures may go in before or after the start;
        # before means the first request already has the REST API on.
        bootstrap
        start_server
        sed -i "s/^HELPLINE_REDMINE_PID=.*/HELPLINE_REDMINE_PID='$(cat "$PIDFILE")'/" "${STATE}/env"
        step "up: ${URL} (env in ${STATE}/env)"
        ;;
    down)
        stop_server
        ;;
    status)
        server_status
        ;;
    *)
        echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
