# shellcheck shell=bash
# Local DynamoDB implementations for the integration tests and the quickstart: moto_server
# (Python) and dynalite (node); and tinyproxy, the HTTP proxy of the proxy tests. Each runs in
# its own session so that stopping it by its PID (as a process group) also stops anything it
# spawned, and so a Ctrl-C in the terminal reaches our trap instead of killing the server
# behind our back.
# Needs common.sh. Callers set SERVER_LOG_DIR and install a trap calling servers_stop_all.

declare -gA SERVER_PID=() SERVER_PORT=() SERVER_LOG=()
SERVER_LOG_DIR=${SERVER_LOG_DIR:-$DYNAQ_ROOT/build/server-logs}

# Asks the kernel for a free loopback port. Another process may take it before the server
# binds it; server_start retries on a fresh port when that happens.
free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

server_url() { printf 'http://127.0.0.1:%s\n' "${SERVER_PORT[$1]}"; }

# tinyproxy's Basic auth login, made up per run (the proxy only listens on loopback).
PROXY_USER=dynaq
PROXY_PASSWORD=${PROXY_PASSWORD:-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')}

# Our own tinyproxy, never the Debian package's service (which may or may not run on 8888):
# a generated config on a free loopback port, in the foreground (-d) so its PID is ours.
# Without ConnectPort lines tinyproxy allows CONNECT to any port, which the tests need.
tinyproxy_config() { # PORT
    local conf="$SERVER_LOG_DIR/tinyproxy-$1.conf"
    cat >"$conf" <<CONF
Port $1
Listen 127.0.0.1
Timeout 120
MaxClients 64
Allow 127.0.0.1
LogLevel Info
DisableViaHeader Yes
BasicAuth $PROXY_USER $PROXY_PASSWORD
CONF
    printf '%s\n' "$conf"
}

server_command() { # KIND PORT
    case $1 in
    moto)
        local moto
        moto=$(find_moto_server) || return 1
        printf '%s\0' "$moto" -H 127.0.0.1 -p "$2"
        ;;
    dynalite)
        printf '%s\0' node "$DYNALITE_CLI" --host 127.0.0.1 --port "$2" \
            --createTableMs 0 --deleteTableMs 0 --updateTableMs 0
        ;;
    tinyproxy)
        local conf
        conf=$(tinyproxy_config "$2") || return 1
        printf '%s\0' tinyproxy -d -c "$conf"
        ;;
    *) die "unknown server kind '$1'" ;;
    esac
}

# A zombie still answers kill -0, and our servers stay zombies until we reap them, so
# look at the process state instead.
server_alive() {
    local pid=${SERVER_PID[$1]:-} state
    [[ -n $pid && -r /proc/$pid/stat ]] || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
    [[ -n $state && $state != Z && $state != X ]]
}

# The readiness probe is a real ListTables call: an open port alone does not mean the
# service is ready. dynalite wants an Authorization and a date header but never checks
# the signature; moto accepts anything.
server_answers() {
    local code
    if [[ $1 == tinyproxy ]]; then
        # Asked for a page without credentials, it answers 407: up and checking logins.
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
            --proxy "$(server_url tinyproxy)" http://127.0.0.1:9/ 2>/dev/null) || true
        [[ $code == 407 ]]
        return
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X POST "$(server_url "$1")/" \
        -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
        -H 'Content-Type: application/x-amz-json-1.0' \
        -H 'X-Amz-Date: 20200101T000000Z' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=x/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
        --data '{}' 2>/dev/null) || true
    [[ $code == 200 ]]
}

server_wait_ready() {
    local deadline=$((SECONDS + ${DYNAQ_SERVER_START_TIMEOUT:-60}))
    while ((SECONDS < deadline)); do
        server_alive "$1" || return 1
        server_answers "$1" && return 0
        sleep 0.2
    done
    warn "$1 did not answer ListTables within ${DYNAQ_SERVER_START_TIMEOUT:-60}s"
    return 1
}

server_start() { # KIND
    local kind=$1 attempt port pid
    local log="$SERVER_LOG_DIR/$kind.log"
    local -a cmd
    mkdir -p "$SERVER_LOG_DIR"
    for attempt in 1 2 3; do
        port=$(free_port) || die "cannot get a free port from the kernel (python3 missing?)"
        mapfile -d '' cmd < <(server_command "$kind" "$port")
        ((${#cmd[@]})) || die "no command to start $kind"
        printf '=== %s: %s\n' "$(date '+%F %T')" "${cmd[*]}" >>"$log"
        setsid "${cmd[@]}" >>"$log" 2>&1 </dev/null &
        pid=$!
        SERVER_PID[$kind]=$pid SERVER_PORT[$kind]=$port SERVER_LOG[$kind]=$log
        if server_wait_ready "$kind"; then
            log "$kind is up at $(server_url "$kind") (pid $pid, log ${log#"$DYNAQ_ROOT"/})"
            return 0
        fi
        warn "$kind did not come up on port $port (attempt $attempt of 3); end of its log:"
        tail -n 15 "$log" >&2
        server_stop "$kind"
    done
    return 1
}

# Any process of the process group PGID still running (zombies do not count)? The leader
# may be gone while a child it spawned ignores SIGTERM and holds the port.
group_alive() { # PGID
    local pgid=$1 stat fields
    for stat in /proc/[0-9]*/stat; do
        { read -r fields <"$stat"; } 2>/dev/null || continue
        fields=${fields##*) }
        # shellcheck disable=SC2086 # split into state, ppid, pgrp, ...
        set -- $fields
        [[ ${3:-} == "$pgid" && $1 != Z && $1 != X ]] && return 0
    done
    return 1
}

# Stops the server's whole process group: TERM, then DYNAQ_SERVER_STOP_GRACE seconds (default
# 5; moto takes a second or two), then KILL for whatever of the group is left (moto has been
# seen to ignore SIGTERM). Reaping it also frees the PID for good.
server_stop() { # KIND
    local kind=$1 pid=${SERVER_PID[$1]:-} i grace=${DYNAQ_SERVER_STOP_GRACE:-5}
    [[ -n $pid ]] || return 0
    if server_alive "$kind" || group_alive "$pid"; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < grace * 10; i++)); do
            server_alive "$kind" || group_alive "$pid" || break
            sleep 0.1
        done
        if server_alive "$kind" || group_alive "$pid"; then
            warn "$kind (pid $pid) ignored SIGTERM for ${grace} s; killing its process group"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
    unset "SERVER_PID[$kind]"
}

servers_stop_all() {
    local kind
    for kind in "${!SERVER_PID[@]}"; do
        server_stop "$kind"
    done
}

# Says loudly that a server died under us, with its exit status and the end of its log.
# Call it only after server_alive failed; it reaps the process.
server_report_death() { # KIND CONTEXT
    local kind=$1 pid=${SERVER_PID[$1]:-} status=0
    wait "$pid" 2>/dev/null || status=$?
    printf '\n[dynaq] !!! %s (pid %s, port %s) DIED %s (exit status %s). End of %s:\n' \
        "$kind" "$pid" "${SERVER_PORT[$kind]}" "$2" "$status" "${SERVER_LOG[$kind]}"
    tail -n 25 "${SERVER_LOG[$kind]}" | sed 's/^/    /'
    if [[ $kind == dynalite ]] && tail -n 25 "${SERVER_LOG[$kind]}" | grep -q ECONNRESET; then
        printf '[dynaq] !!! this is dynalite 4.0.0 exiting on a client that closed its connection '
        printf 'mid-request (uncaught ECONNRESET): a client bug or a cancellation test did that\n'
    fi
    unset "SERVER_PID[$kind]"
}
