#!/usr/bin/env bash
# A real Request Tracker 5 on 127.0.0.1 for Helpline's backend tests and CI.
#
#   bash scripts/rt5.sh up       install (if missing), configure, start, create fixtures
#   bash scripts/rt5.sh down     stop the server started by `up` (by its PID only)
#   bash scripts/rt5.sh status   say whether it runs and where
#
# Runs unattended (no terminal, stdin closed, CI=true). Needs root for apt and /etc.
# Settings: HELPLINE_RT_PORT (default 8080), HELPLINE_RT_STATE (default /tmp/helpline-rt5).
# After `up`, $HELPLINE_RT_STATE/env holds the URL and the fixture credentials as KEY=value lines.
# Recipe and pitfalls: ../shared/reference/real-servers.md, Part A.
set -euo pipefail
exec </dev/null

PORT="${HELPLINE_RT_PORT:-8080}"
STATE="${HELPLINE_RT_STATE:-/tmp/helpline-rt5}"
URL="http://127.0.0.1:${PORT}"
ROOT_PASSWORD="password"
AGENT_NAME="helpline-agent"
AGENT_PASSWORD="agentpass"
CUSTOMER_EMAIL="customer@example.org"
CUSTOMER_PASSWORD="customerpass"
QUEUE="Helpdesk"
CF_NAME="Helpline reference"
KNOWN_QUEUE="Known problems"
PACKAGES=(request-tracker5 rt5-db-sqlite rt5-standalone w3m)
SITE_CONFIG=/etc/request-tracker5/RT_SiteConfig.d/99-helpline-loopback.pm
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
BCRYPT_COST=4   # test-only: cheap hashing makes every basic-auth request 5-8x faster
DB="${STATE}/rtdb"
PRISTINE="${STATE}/rtdb.pristine-cost${BCRYPT_COST}"
PIDFILE="${STATE}/rt-server.pid"
LOG="${STATE}/rt-server.log"

NAME=rt5
SERVER_PATTERN="rt-server"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

http_code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 -u "root:${ROOT_PASSWORD}" \
        "${URL}/REST/2.0/queues/all" || true
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
    debconf-set-selections <<EOF || true
request-tracker5 request-tracker5/webbaseurl string ${URL}
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/initial-root-password password ${ROOT_PASSWORD}
EOF
    apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${PACKAGES[@]}" >"${STATE}/apt.log" 2>&1 \
        || { tail -n 30 "${STATE}/apt.log"; exit 1; }
    step "packages installed"
}

write_config() {
    # 99-* loads after Debian's 50-debconf.pm / 51-dbconfig-common.pm and overrides them.
    cat >"$SITE_CONFIG" <<EOF
# Written by Helpline's scripts/rt5.sh: a loopback-only test server.
Set(\$rtname, 'helpline-test');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, ${PORT});
Set(\$WebPath, '');
Set(\$WebBaseURL, '${URL}');
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '${DB}');
Set(\$BcryptCost, ${BCRYPT_COST});
Set(\$MailCommand, 'mbox');
1;
EOF
}

init_db() {
    if [[ -f "$DB" ]]; then step "database present: $DB"; return; fi
    if [[ -f "$PRISTINE" ]]; then cp "$PRISTINE" "$DB"; step "database restored from pristine copy"; return; fi
    printf '%s\n' "$ROOT_PASSWORD" >"${STATE}/root-password"
    rt-setup-database-5 --action init --root-password-file "${STATE}/root-password" \
        >"${STATE}/setup-db.log" 2>&1 || { tail -n 30 "${STATE}/setup-db.log"; exit 1; }
    cp "$DB" "$PRISTINE"
    step "database initialised"
}

start_server() {
    if pid=$(running_pid); then step "rt-server already running (pid $pid)"; return; fi
    setsid nohup "$RT_SERVER" --host 127.0.0.1 --port "$PORT" --max-workers 2 \
        >"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    step "rt-server started (pid $(cat "$PIDFILE")), waiting for REST2"
    wait_until_answering REST2 60
}

# Idempotent fixtures through RT's Perl API; prints KEY=value lines for the env file.
read -r -d '' BOOTSTRAP_PL <<'PERL' || true
use strict; use warnings;
use lib '/usr/share/request-tracker5/lib';
use RT; RT::LoadConfig(); RT::Init();
use RT::AuthToken;
my $sys = RT->SystemUser;
sub ok { my ($res, $what) = @_; my ($ok, $msg) = @$res; die "$what: $msg\n" unless $ok; }
sub grant {   # "already has that right" is fine: that is what idempotent means here
    my ($principal, $object, @rights) = @_;
    for my $right (@rights) {
        my ($ok, $msg) = $principal->GrantRight(Right => $right, Object => $object);
        die "grant $right: $msg\n" unless $ok || $msg =~ /already has/i;
    }
}
my $queue = RT::Queue->new($sys);
$queue->Load($ENV{HL_QUEUE});
ok([$queue->Create(Name => $ENV{HL_QUEUE}, CorrespondAddress => 'helpdesk@example.org',
                   CommentAddress => 'helpdesk-comment@example.org')], 'queue') unless $queue->id;
sub user {
    my (%a) = @_;
    my $u = RT::User->new($sys);
    $u->Load($a{Name});
    if (!$u->id) {
        ok([$u->Create(%a)], "user $a{Name}");
    } else {
        $u->SetPrivileged($a{Privileged}) if ($u->Privileged ? 1 : 0) != $a{Privileged};
        ok([$u->SetPassword($a{Password})], "password $a{Name}") unless $u->IsPassword($a{Password});
    }
    return $u;
}
my $agent = user(Name => $ENV{HL_AGENT}, EmailAddress => 'agent@example.org',
                 RealName => 'Helpline Agent', Privileged => 1, Password => $ENV{HL_AGENT_PW});
my $customer = user(Name => $ENV{HL_CUSTOMER}, EmailAddress => $ENV{HL_CUSTOMER},
                    RealName => 'Casey Customer', Privileged => 0, Password => $ENV{HL_CUSTOMER_PW});
grant($agent->PrincipalObj, $queue, qw(SeeQueue ShowTicket CreateTicket ReplyToTicket
      CommentOnTicket ShowTicketComments ModifyTicket OwnTicket TakeTicket Watch
      SeeCustomField ModifyCustomField));
grant($agent->PrincipalObj, RT->System, qw(ManageAuthTokens));
# The customer's minimum (docs/backends/rt.md): create and see the queue as any unprivileged
# user; everything on a ticket only as its Requestor.
my $unpriv = RT::Group->new($sys);
$unpriv->LoadSystemInternalGroup('Unprivileged');
grant($unpriv->PrincipalObj, $queue, qw(SeeQueue CreateTicket));
my $requestor = $queue->RoleGroup('Requestor');
grant($requestor->PrincipalObj, $queue, qw(ShowTicket ReplyToTicket ModifyTicket));
# Optional custom field for the client reference (backend.client_ref_field).
my $cf = RT::CustomField->new($sys);
$cf->LoadByName(Name => $ENV{HL_CF}, LookupType => RT::Ticket->CustomFieldLookupType);
unless ($cf->id) {
    ok([$cf->Create(Name => $ENV{HL_CF}, Type => 'FreeformSingle',
                    LookupType => RT::Ticket->CustomFieldLookupType,
                    Description => 'Client reference written by Helpline')], 'custom field');
}
$cf->AddToObject($queue) unless $cf->IsAdded($queue->id);
grant($unpriv->PrincipalObj, $cf, qw(SeeCustomField SetInitialCustomField));
grant($requestor->PrincipalObj, $cf, qw(SeeCustomField));
grant($agent->PrincipalObj, $cf, qw(SeeCustomField ModifyCustomField SetInitialCustomField));
# Known problems (docs/known-problems.md): a queue every user may see, whose active tickets
# are the problems support published; "Me too" is a short correspondence on one of them.
my $known = RT::Queue->new($sys);
$known->Load($ENV{HL_KNOWN_QUEUE});
ok([$known->Create(Name => $ENV{HL_KNOWN_QUEUE}, CorrespondAddress => 'known@example.org',
                   CommentAddress => 'known-comment@example.org')], 'known queue') unless $known->id;
my $everyone = RT::Group->new($sys);
$everyone->LoadSystemInternalGroup('Everyone');
grant($everyone->PrincipalObj, $known, qw(SeeQueue ShowTicket ReplyToTicket));
grant($agent->PrincipalObj, $known, qw(SeeQueue ShowTicket CreateTicket ReplyToTicket
      CommentOnTicket ShowTicketComments ModifyTicket OwnTicket TakeTicket Watch));
# One token per fixture user, replaced on every run so the env file always holds a valid one.
sub token {
    my ($u) = @_;
    my $tokens = RT::AuthTokens->new($sys);
    $tokens->LimitOwner(VALUE => $u->id);
    while (my $t = $tokens->Next) { $t->Delete if $t->Description eq 'helpline-ci'; }
    my ($ok, $msg, $string) = RT::AuthToken->new($sys)->Create(Owner => $u->id,
                                                                 Description => 'helpline-ci');
    die "token: $msg\n" unless $ok;
    return $string;
}
print "HELPLINE_RT_AGENT_TOKEN=", token($agent), "\n";
print "HELPLINE_RT_CUSTOMER_TOKEN=", token($customer), "\n";
PERL

bootstrap() {
    # RT 5.0.3's REST2 has no endpoints for rights or tokens, so fixtures go through RT's Perl API.
    local out
    out=$(HL_QUEUE="$QUEUE" HL_KNOWN_QUEUE="$KNOWN_QUEUE" HL_AGENT="$AGENT_NAME" HL_AGENT_PW="$AGENT_PASSWORD" \
        HL_CUSTOMER="$CUSTOMER_EMAIL" HL_CUSTOMER_PW="$CUSTOMER_PASSWORD" HL_CF="$CF_NAME" \
        perl - 2>"${STATE}/bootstrap.log" <<<"$BOOTSTRAP_PL") \
        || { cat "${STATE}/bootstrap.log"; exit 1; }
    {
        q HELPLINE_RT_URL "$URL"
        q HELPLINE_RT_QUEUE "$QUEUE"
        q HELPLINE_RT_CF "$CF_NAME"
        q HELPLINE_RT_KNOWN_QUEUE "$KNOWN_QUEUE"
        q HELPLINE_RT_ROOT_USER root
        q HELPLINE_RT_ROOT_PASSWORD "$ROOT_PASSWORD"
        q HELPLINE_RT_AGENT_USER "$AGENT_NAME"
        q HELPLINE_RT_AGENT_PASSWORD "$AGENT_PASSWORD"
        q HELPLINE_RT_CUSTOMER_USER "$CUSTOMER_EMAIL"
        q HELPLINE_RT_CUSTOMER_PASSWORD "$CUSTOMER_PASSWORD"
        while IFS='=' read -r key value; do [[ -n "$key" ]] && q "$key" "$value"; done <<<"$out"
        q HELPLINE_RT_PID "$(cat "$PIDFILE")"
    } | write_env
    step "fixtures ready (queue ${QUEUE}, agent ${AGENT_NAME}, customer ${CUSTOMER_EMAIL})"
}

case "${1:-}" in
    up)
        [[ $EUID -eq 0 ]] || { echo "rt5.sh up needs root (apt-get, /etc/request-tracker5)" >&2; exit 1; }
        mkdir -p "$STATE"; chmod 700 "$STATE"
        install_packages
        write_config
        init_db
        start_server
        bootstrap
        step "up: ${URL} (env in ${STATE}/env)"
        ;;
    down)
        stop_server   # Starlet's master stops its workers on TERM
        ;;
    status)
        server_status
        ;;
    *)
        echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
