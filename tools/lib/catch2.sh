# shellcheck shell=bash
# Turns one Catch2 (v2) console run into "PASSED FAILED REASON": test cases, not
# assertions, because a test case is what a reader can name and re-run.
#
# Catch2 ends a run with one of
#   All tests passed (12 assertions in 3 test cases)
#   test cases:  7 |  5 passed | 1 failed | 1 failed as expected
#   test cases: 1 | 1 passed          (a test case without assertions)
#   No tests ran
# "failed as expected" ([!shouldfail]) is a pass. A run can also end without a summary
# (exit(), a signal Catch2 does not catch, our timeout), and a clean-looking summary can
# still come with a non-zero exit status (a crash in a destructor after the run): both
# are failures, since the run as a whole went wrong.

catch2_summary() { # LOGFILE EXIT_STATUS
    awk -v rc="$2" '
        /^All tests passed \(/ {
            line = $0
            sub(/ test cases?\).*$/, "", line)
            n = split(line, w, " ")
            total = w[n] + 0; passed = total; failed = 0; seen = 1
        }
        /^test cases:/ {
            total = 0; passed = 0; failed = 0; seen = 1
            n = split($0, col, "|")
            sub(/^test cases:[ ]*/, "", col[1]); total = col[1] + 0
            for (i = 2; i <= n; i++) {
                if (col[i] ~ /failed as expected/) passed += col[i] + 0
                else if (col[i] ~ /passed/) passed += col[i] + 0
                else if (col[i] ~ /failed/) failed += col[i] + 0
            }
        }
        /^No tests ran/ { total = 0; passed = 0; failed = 0; seen = 1 }
        END {
            reason = ""
            if (!seen) {
                passed = 0; failed = 1
                if (rc == 124) reason = "timed out (no Catch2 summary)"
                else if (rc > 128 && rc <= 192) reason = "killed by signal " (rc - 128) " before its summary"
                else reason = "ended without a Catch2 summary (exit status " rc ")"
            } else if (total == 0) {
                failed += 1; reason = "ran no test cases"
            } else if (rc != 0 && failed == 0) {
                failed = 1
                if (rc > 128 && rc <= 192) reason = "killed by signal " (rc - 128) " after its summary"
                else reason = "exit status " rc " although every test case passed"
            } else if (rc > 128 && rc <= 192) {
                reason = "crashed (signal " (rc - 128) ")"
            }
            printf "%d %d %s\n", passed, failed, reason
        }' "$1"
}

# Checks catch2_summary against Catch2 2.13 output captured from real runs, so a change in
# the parser cannot quietly miscount. Prints the first mismatch and returns 1.
catch2_selftest() {
    local tmp rc=0
    tmp=$(mktemp -d)
    _c2_case() { # EXIT_STATUS EXPECTED TEXT
        printf '%b' "$3" >"$tmp/log"
        local got
        got=$(catch2_summary "$tmp/log" "$1")
        if [[ $got != "$2" ]]; then
            printf 'catch2_summary self-test: rc=%s on %q gave "%s", expected "%s"\n' \
                "$1" "$3" "$got" "$2" >&2
            rc=1
        fi
    }
    _c2_case 0 '3 0 ' '====\nAll tests passed (12 assertions in 3 test cases)\n\n'
    _c2_case 0 '1 0 ' 'All tests passed (1 assertion in 1 test case)\n'
    _c2_case 0 '7 0 ' 'test cases:  7 |  6 passed | 1 failed as expected\nassertions: 16 | 15 passed | 1 failed as expected\n'
    _c2_case 1 '6 1 ' 'test cases:  7 |  5 passed | 1 failed | 1 failed as expected\nassertions: 16 | 14 passed | 1 failed | 1 failed as expected\n'
    _c2_case 1 '6 1 ' 'test cases:  7 |  6 passed | 1 failed\nassertions: 16 | 16 passed\n'
    _c2_case 2 '10 12 ' 'test cases: 22 | 10 passed | 12 failed\nassertions: 40 | 28 passed | 12 failed\n'
    _c2_case 1 '0 1 ' 'test cases: 1 | 1 failed\nassertions: 1 | 1 failed\n'
    _c2_case 0 '1 0 ' 'test cases: 1 | 1 passed\nassertions: - none -\n'
    _c2_case 139 '5 1 crashed (signal 11)' 'test cases:  6 |  4 passed | 1 failed | 1 failed as expected\nassertions: 16 | 14 passed | 1 failed | 1 failed as expected\n'
    _c2_case 0 '0 1 ran no test cases' 'No test cases matched '"'"'x'"'"'\n====\nNo tests ran\n\n'
    _c2_case 3 '0 1 ended without a Catch2 summary (exit status 3)' 'some output\n'
    _c2_case 255 '0 1 ended without a Catch2 summary (exit status 255)' 'DYNAQ_TEST_ENDPOINT is not set\n'
    _c2_case 124 '0 1 timed out (no Catch2 summary)' '-----\nslow test\n'
    _c2_case 134 '0 1 killed by signal 6 before its summary' ''
    _c2_case 137 '0 1 killed by signal 9 before its summary' 'test case still running\n'
    _c2_case 0 '0 1 ended without a Catch2 summary (exit status 0)' 'not a Catch2 program\n'
    _c2_case 1 '2 1 exit status 1 although every test case passed' 'All tests passed (4 assertions in 2 test cases)\n'
    # A test that prints a summary-like line must not hide the real summary after it.
    _c2_case 1 '1 1 ' 'test cases: 9 | 9 passed\n...\ntest cases: 2 | 1 passed | 1 failed\n'
    rm -rf "$tmp"
    unset -f _c2_case
    return "$rc"
}
