#!/usr/bin/env bash
# Validates docker-compose.yml offline, without a Docker engine: Debian's docker-compose (v1.29) checks the file
# against the Compose schema and interpolates every variable from an env file, as `docker compose up` would.
#   1. with the example settings (.env.example) and its empty secrets filled in, the file is valid;
#   2. with .env.example as it is (its secrets empty) it is refused: every secret is required (${VAR:?...}), none
#      has a silent default;
#   3. a copy with a misspelt key is refused, so the validator is known to be strict.
# Compose v2 accepts everything v1 does here; v1 is the stricter, older floor (it rejects a top-level `name:`).
set -euo pipefail
cd "$(dirname "$0")/../.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the empty settings of .env.example are the secrets: fill them as an operator would (the same names as
# deploy-checks' ConsistencyCheck and NoSecretsTest take for secrets: ...PASSWORD, ...SECRET, ...KEY)
sed -E 's/^([A-Z_]*(PASSWORD|SECRET|KEY))=$/\1=test-secret-\1-0123456789/' .env.example > "$tmp/example.env"
cp .env.example "$tmp/unfilled.env"
sed 's/^    healthcheck:/    healtcheck:/' docker-compose.yml > "$tmp/misspelt.yml"

# a clean environment: only the env file may supply the settings
compose() {
    env -i PATH="$PATH" HOME="$tmp" docker-compose --project-directory . "$@"
}

failed=0
passed=0
expect() { # outcome, pattern the output must contain (refusals: the reason), description, command...
    local outcome=$1 pattern=$2 what=$3
    shift 3
    if "$@" >"$tmp/out" 2>&1; then result=valid; else result=refused; fi
    if [ "$result" = "$outcome" ] && { [ -z "$pattern" ] || grep -q -e "$pattern" "$tmp/out"; }; then
        echo "ok   $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what (was $result; expected $outcome, with output matching: $pattern)"
        sed 's/^/       /' "$tmp/out"
        failed=$((failed + 1))
    fi
}

expect valid "" "docker-compose.yml is valid with .env.example and its secrets filled in" \
    compose --env-file "$tmp/example.env" -f docker-compose.yml config -q
expect refused "Missing mandatory value" "docker-compose.yml refuses to run with the secrets of .env.example empty" \
    compose --env-file "$tmp/unfilled.env" -f docker-compose.yml config -q
expect refused "Unsupported config option.*healtcheck" "a misspelt key (healtcheck) is refused" \
    compose --env-file "$tmp/example.env" -f "$tmp/misspelt.yml" config -q

echo "compose: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
