# shellcheck shell=bash
# Shared helpers for tools/quickstart, tools/test and tools/install-deps.
# Sourced, never executed: callers set -euo pipefail themselves.

DYNAQ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DYNAQ_JOBS=${DYNAQ_JOBS:-2}
DYNALITE_VERSION=4.0.0
DYNALITE_DIR="$DYNAQ_ROOT/.local/dynalite"
# shellcheck disable=SC2034 # used by servers.sh
DYNALITE_CLI="$DYNALITE_DIR/node_modules/dynalite/cli.js"
# The AWS SDK for JavaScript v3, for bench/compare only.
# shellcheck disable=SC2034 # used by tools/install-deps
JS_SDK_VERSION=3.1169.0
# shellcheck disable=SC2034 # used by bench/compare/run
JS_SDK_DIR="$DYNAQ_ROOT/.local/compare-js"

log() { printf '[dynaq] %s\n' "$*"; }
warn() { printf '[dynaq] WARNING: %s\n' "$*" >&2; }
die() {
    printf '[dynaq] ERROR: %s\n' "$*" >&2
    exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# Prints a script's leading comment block: the scripts document themselves there once.
usage_of() {
    awk 'NR == 1 || /^# shellcheck/ { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"
}

# Runs a command as root: directly when we are root, through sudo otherwise. CI has no
# stdin, so sudo must not wait for a password there.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif have sudo; then
        if [[ -t 0 ]]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "need root to run: $* (no sudo available)"
    fi
}

# "ii" is the only state in which a package's files are really there; dpkg -s also
# succeeds for removed packages whose config files remain.
deb_installed() {
    [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) == ii* ]]
}

# Installs the given Debian packages that are missing. apt-get update only runs when
# something is missing, so a re-run on a prepared machine costs a few dpkg queries.
ensure_debs() {
    if ! have dpkg-query || ! have apt-get; then
        warn "not a Debian/Ubuntu system; make sure these (or equivalents) are installed: $*"
        return 0
    fi
    local missing=() pkg
    for pkg in "$@"; do
        deb_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing missing packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
        die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" ||
        die "apt-get install failed for: ${missing[*]}"
}

# Node may come from Debian or from elsewhere (nodesource bundles npm into its nodejs
# package), so look for the commands rather than for Debian package names.
ensure_node() {
    if have node && have npm; then
        return 0
    fi
    ensure_debs nodejs npm
    if ! have node || ! have npm; then
        die "node/npm still missing after installing nodejs and npm"
    fi
}

# The version of npm package NAME installed under PREFIX, or nothing.
npm_installed_version() { # PREFIX NAME
    [[ -f $1/node_modules/$2/package.json ]] || return 0
    node -p "require('$1/node_modules/$2/package.json').version" 2>/dev/null || true
}

# npm packages live in project-local, gitignored prefixes so nothing global is touched and
# the pinned version is what every machine runs.
ensure_npm_package() { # PREFIX NAME VERSION
    local prefix=$1 name=$2 version=$3
    ensure_node
    if [[ $(npm_installed_version "$prefix" "$name") == "$version" ]]; then
        return 0
    fi
    log "installing $name $version into ${prefix#"$DYNAQ_ROOT"/} (npm)"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "$name@$version" ||
        die "npm install $name@$version failed"
    [[ $(npm_installed_version "$prefix" "$name") == "$version" ]] ||
        die "$name $version is not in $prefix after npm install"
}

ensure_dynalite() { ensure_npm_package "$DYNALITE_DIR" dynalite "$DYNALITE_VERSION"; }

# moto cannot be installed here (no PyPI), so it is looked up, never installed. pyenv
# shims are often not on a CI job's PATH, hence the extra places.
find_moto_server() {
    local candidate
    for candidate in "$(command -v moto_server 2>/dev/null || true)" \
        "${PYENV_ROOT:-$HOME/.pyenv}/shims/moto_server" "$HOME/.local/bin/moto_server"; do
        if [[ -n $candidate && -x $candidate ]]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

# Both local servers accept any credentials, but the library's credential chain needs
# some; dummy ones, and empty shared config files, also keep a developer's real AWS
# profile (and any endpoint_url in it) out of the run. The files must be regular files:
# dynaq rejects /dev/null.
use_dummy_aws_env() {
    local aws_dir="$DYNAQ_ROOT/.local/aws"
    mkdir -p "$aws_dir"
    : >"$aws_dir/config"
    : >"$aws_dir/credentials"
    export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
    export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
    export AWS_EC2_METADATA_DISABLED=true
    export AWS_CONFIG_FILE="$aws_dir/config" AWS_SHARED_CREDENTIALS_FILE="$aws_dir/credentials"
    unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_DYNAMODB
    unset DYNAQ_TEST_ENDPOINT DYNAQ_TEST_SERVER
    # A developer's proxy or CA bundle must not reroute the local servers' traffic (dynaq and
    # curl both read these); the proxy tests configure their proxy themselves.
    unset https_proxy HTTPS_PROXY http_proxy HTTP_PROXY no_proxy NO_PROXY ALL_PROXY all_proxy
    unset AWS_CA_BUNDLE AWS_USE_FIPS_ENDPOINT AWS_USE_DUALSTACK_ENDPOINT AWS_ACCOUNT_ID
    unset AWS_ACCOUNT_ID_ENDPOINT_MODE AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
}

# meson_prepare DIR MESON_OPTION...
# Configures DIR once; later runs reconfigure only when the requested options (or the
# compiler) differ from the last successful configuration, so re-runs go straight to
# ninja. A compiler change cannot be done in place, hence --wipe.
meson_prepare() {
    local dir=$1
    shift
    local want stamp="$dir/.dynaq-setup"
    want=$(printf '%s\n' "CXX=${CXX:-}" "$@")
    if [[ ! -f $dir/meson-private/coredata.dat ]]; then
        log "configuring $dir: $*"
        meson setup "$dir" "$@" || return 1
    elif [[ ! -f $stamp ]] || [[ $(<"$stamp") != "$want" ]]; then
        local mode=--reconfigure
        [[ -f $stamp && $(head -n1 "$stamp") != "CXX=${CXX:-}" ]] && mode=--wipe
        log "reconfiguring $dir ($mode): $*"
        meson setup "$mode" "$dir" "$@" || return 1
    fi
    printf '%s\n' "$want" >"$stamp"
}

# meson_build DIR [TARGET...]
# Builds with at most DYNAQ_JOBS jobs. On a terminal ninja's own progress line is the
# best display. Elsewhere (CI) the output goes to a log, shown whole only on failure;
# every tenth step is echoed meanwhile so a long build does not look hung.
meson_build() {
    local dir=$1
    shift
    log "building in $dir${*:+ (targets: $*)} with -j $DYNAQ_JOBS"
    if [[ -t 1 ]]; then
        meson compile -C "$dir" -j "$DYNAQ_JOBS" "$@" && return 0
    else
        local out="$dir/dynaq-compile.log"
        meson compile -C "$dir" -j "$DYNAQ_JOBS" "$@" 2>&1 | tee "$out" |
            awk -F'[][/]' '/^\[[0-9]+\/[0-9]+\] / && $2 > 0 && ($2 % 10 == 0 || $2 == $3) {
                print "  " $0; fflush() }'
        ((PIPESTATUS[0] == 0)) && return 0
        cat "$out"
    fi
    printf '[dynaq] BUILD FAILED in %s (errors above)\n' "$dir" >&2
    return 1
}

# meson_executables DIR SUBDIR: absolute paths of the executables defined by
# meson.build files under SUBDIR of the source tree, one per line. Asking meson (rather
# than globbing the build dir) never picks up a stale binary whose target was removed.
meson_executables() {
    meson introspect --targets "$1" | python3 -c '
import json, os, sys
root = os.path.realpath(sys.argv[1]) + os.sep
for t in json.load(sys.stdin):
    if t["type"] == "executable" and os.path.realpath(t["defined_in"]).startswith(root):
        print(t["filename"][0])
' "$DYNAQ_ROOT/$2" | sort
}
