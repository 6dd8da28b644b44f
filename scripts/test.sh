#!/usr/bin/env bash
# Runs every test: formatting, clippy (native and wasm32), the workspace's native tests
# (engine rules and property tests, app view-model tests, the API server's tests on SQLite),
# the API server's tests again on PostgreSQL (a throw-away cluster from pg_virtualenv), a
# release Trunk build, and the end-to-end tests in headless Debian Chromium against dist/
# served on 127.0.0.1 (by a plain static server, and by benefits-api for shared mode).
# Installs what is missing first (scripts/setup.sh --test). The last line is the count:
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true CARGO_TERM_COLOR=never

logs=$(mktemp -d)
passed=0 failed=0 broken=()
step() { # step NAME COMMAND...: runs a step, remembers it if it fails
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then return 0; fi
  broken+=("$name"); return 1
}

step fmt cargo fmt --all --check
step clippy cargo clippy --workspace --all-targets --locked -- -D warnings
step clippy-wasm cargo clippy -p benefits-app -p benefits-protocol --target wasm32-unknown-unknown --locked -- -D warnings
step cargo-test cargo test --workspace --all-targets --locked
# The API server's suite (crates/api/tests/api) once more against a real PostgreSQL: a
# throw-away cluster that pg_virtualenv creates and drops (as root too, no Docker). Without
# PostgreSQL this step fails; it is never skipped.
step api-postgres pg_virtualenv -- env BENEFITS_TEST_DATABASE=postgres \
  cargo test -p benefits-api --test api --locked
# Benches are built by --all-targets (so they compile) but run only in test mode: one pass each.
for n in $(grep -ho 'test result: [a-z]*\. [0-9]* passed; [0-9]* failed' "$logs/cargo-test.log" "$logs/api-postgres.log" | awk '{print $4 "," $6}'); do
  passed=$((passed + ${n%,*})); failed=$((failed + ${n#*,}))
done

# The end-to-end tests ask the native engine for expected answers and for a large
# workspace document (tests/e2e/harness.mjs).
step engine-cli cargo build -p benefits-core --example plan --example large_workspace --locked
# Shared mode's end-to-end tests run the real server (tests/e2e/api.mjs): demo workspace on a
# throw-away SQLite database, serving dist/ on a free port.
step api-binary cargo build -p benefits-api --locked
if step trunk-build trunk build --release --locked; then
  # The first load's budget (issue 15: at most 350 KB gzip, standalone and embedded) fails the run when exceeded.
  step size-budget python3 scripts/size-report.py dist
  step e2e node --test --test-concurrency=1 --test-reporter=tap tests/e2e/
  p=$(grep -oE '^# pass [0-9]+' "$logs/e2e.log" | awk '{print $3}'); f=$(grep -oE '^# fail [0-9]+' "$logs/e2e.log" | awk '{print $3}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
fi

echo
if [ ${#broken[@]} -gt 0 ]; then
  echo "failed steps: ${broken[*]} (logs in $logs)"
  [ "$failed" -eq 0 ] && failed=${#broken[@]}
  echo "$passed passed, $failed failed"
  exit 1
fi
echo "$passed passed, $failed failed"
