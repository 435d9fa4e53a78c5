#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Self-test of the test machinery, for whoever changes tools/: bash tools/lib/selftest.sh
# Needs no build, only the servers (tools/install-deps --test) and about 20 seconds.
# It checks the Catch2 summary parser, that both servers start on a free port, answer and
# stop, that tools/test's integration loop passes the endpoint (and tinyproxy's address and
# login, through which the endpoint answers) on, counts test cases, and
# says loudly when dynalite dies under a test (then restarts it), that SIGTERM stops
# the servers, and that a server ignoring SIGTERM is killed after a grace period. Fake test binaries stand in for the real ones.
set -uo pipefail
# shellcheck source=../test
source "$(dirname "$0")/../test"

tmp=$(mktemp -d)
BUILD=$(realpath --relative-to="$DYNAQ_ROOT" "$tmp")
LOG_DIR=$tmp/logs
# shellcheck disable=SC2034 # read by servers.sh
SERVER_LOG_DIR=$tmp/servers
errors=0
trap 'servers_stop_all; rm -rf "$tmp"' EXIT

check() { # DESCRIPTION COMMAND...
    if "${@:2}"; then
        printf 'ok    %s\n' "$1"
    else
        printf 'FAIL  %s\n' "$1"
        errors=$((errors + 1))
    fi
}

# Fake Catch2 binaries. "ok" proves it received a live endpoint by calling it.
cat >"$tmp/fake_ok" <<'EOF'
#!/usr/bin/env bash
curl -s -f -o /dev/null -X POST "$DYNAQ_TEST_ENDPOINT/" -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Date: 20200101T000000Z' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=x/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    --data '{}' || { echo "test cases: 2 | 2 failed"; exit 2; }
echo "All tests passed (3 assertions in 2 test cases)"
EOF
# Hangs up in the middle of a request, which kills dynalite 4.0.0 (and not moto).
cat >"$tmp/fake_hangup" <<'EOF'
#!/usr/bin/env bash
python3 - "${DYNAQ_TEST_ENDPOINT##*:}" <<'PY'
import socket, struct, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
s.close()
time.sleep(1)
PY
echo "All tests passed (1 assertion in 1 test case)"
EOF
cat >"$tmp/fake_crash" <<'EOF'
#!/usr/bin/env bash
echo "half a run"
kill -SEGV $$
EOF
# Proves it got tinyproxy's address and login by reaching the endpoint through it.
cat >"$tmp/fake_proxy" <<'EOF'
#!/usr/bin/env bash
curl -s -f -o /dev/null --proxy "$DYNAQ_TEST_PROXY" --proxy-user "$DYNAQ_TEST_PROXY_USER:$DYNAQ_TEST_PROXY_PASSWORD" \
    -X POST "$DYNAQ_TEST_ENDPOINT/" -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Date: 20200101T000000Z' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=x/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0' \
    --data '{}' || { echo "test cases: 1 | 1 failed"; exit 2; }
echo "All tests passed (1 assertion in 1 test case)"
EOF
chmod +x "$tmp"/fake_*

check "catch2_summary matches recorded Catch2 output" catch2_selftest
check "free_port returns a port number" test "$(free_port)" -gt 0

PASSED=0 FAILED=0
run_integration_against moto "$tmp/fake_ok" "$tmp/fake_hangup" "$tmp/fake_proxy" >"$tmp/moto.out" 2>&1
check "moto: 4 test cases passed, nothing failed (one through tinyproxy)" test "$PASSED $FAILED" = "4 0"
check "tinyproxy: started beside the server, asks for its login" server_answers tinyproxy
check "moto: stopped at the end" test -z "${SERVER_PID[moto]:-}"

PASSED=0 FAILED=0
run_integration_against dynalite "$tmp/fake_ok" "$tmp/fake_hangup" "$tmp/fake_ok" "$tmp/fake_crash" \
    >"$tmp/dynalite.out" 2>&1
# 2 + 1 + 2 passed; failed: dynalite's death and the crashed binary.
check "dynalite: counted 5 passed, 2 failed" test "$PASSED $FAILED" = "5 2"
check "dynalite: its death is reported" grep -q 'dynalite .* DIED while fake_hangup ran' "$tmp/dynalite.out"
check "dynalite: with the ECONNRESET explanation" grep -q 'uncaught ECONNRESET' "$tmp/dynalite.out"
check "dynalite: restarted for the next binary" test "$(grep -c 'dynalite is up' "$tmp/dynalite.out")" = 2
check "dynalite: the crash is shown in full" grep -q 'FAIL  fake_crash \[dynalite\].*signal 11' "$tmp/dynalite.out"
check "dynalite: stopped at the end" test -z "${SERVER_PID[dynalite]:-}"

# SIGTERM (CI cancelling a job) must take the server down with tools/test.
bash -c 'source "$1/tools/test"; SERVER_LOG_DIR=$2; trap "on_signal TERM 15" TERM
         server_start dynalite >/dev/null && echo "${SERVER_PID[dynalite]}" >"$2/pid"
         while :; do sleep 0.1; done' \
    _ "$DYNAQ_ROOT" "$tmp" &
runner=$!
for _ in $(seq 100); do [[ -s $tmp/pid ]] && break; sleep 0.1; done
kill -TERM "$runner"
wait "$runner"
check "SIGTERM: exit status 143" test $? = 143
check "SIGTERM: dynalite is gone" test ! -e "/proc/$(cat "$tmp/pid" 2>/dev/null || echo 0)/stat"

# A server that ignores SIGTERM, children and all (moto did), is killed after the grace period.
setsid bash -c 'trap "" TERM; while :; do sleep 0.2; done' &
stubborn=$!
SERVER_PID[stubborn]=$stubborn
for _ in $(seq 50); do group_alive "$stubborn" && break; sleep 0.1; done
check "a server ignoring SIGTERM: running before the stop" group_alive "$stubborn"
DYNAQ_SERVER_STOP_GRACE=1 server_stop stubborn 2>"$tmp/stubborn.err"
check "a server ignoring SIGTERM: its group is killed after the grace" bash -c \
    "source '$DYNAQ_ROOT/tools/test'; ! group_alive $stubborn"
check "a server ignoring SIGTERM: says so" grep -q 'ignored SIGTERM' "$tmp/stubborn.err"

if ((errors)); then
    printf '\n%d check(s) failed; outputs:\n' "$errors"
    cat "$tmp/moto.out" "$tmp/dynalite.out"
    exit 1
fi
echo "all checks passed"
