#!/usr/bin/env bash
# Installs what is missing, builds the app (release) and the API server, and serves both at
# http://127.0.0.1:8080 with benefits-api on the embedded SQLite database data/benefits.db.
#
# On the very first start it creates the demo workspace with a freshly generated password,
# kept in data/demo-password (readable by you only; data/ is not committed) and printed
# below, so you sign in at once as any demo user (gloria@contoso.example, …).
# PORT=9000 bash scripts/serve.sh serves on another port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

trunk build --release --locked
# The server's own profile (Cargo.toml): optimised for speed, not for the WebAssembly's size.
cargo build --profile server -p benefits-api --locked
api=target/server/benefits-api
database=sqlite://data/benefits.db

mkdir -p data
chmod 700 data
if [ ! -f data/demo-password ]; then
  # 24 random characters; written only once the demo workspace exists.
  umask 077
  password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  printf '%s\n' "$password" | "$api" demo --database "$database" --password-stdin
  printf '%s\n' "$password" > data/demo-password.new
  chmod 600 data/demo-password.new
  mv data/demo-password.new data/demo-password
fi
echo
echo "Sign in at http://127.0.0.1:${PORT:-8080} as gloria@contoso.example (or any demo user above)"
echo "with the demo password: $(cat data/demo-password)   (kept in data/demo-password)"
echo
exec "$api" serve --database "$database" --listen "127.0.0.1:${PORT:-8080}" --static dist
