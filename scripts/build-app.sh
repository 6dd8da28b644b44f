#!/usr/bin/env bash
# Builds the app's WebAssembly split per page, into Trunk's staging directory.
#
# Trunk runs this as its post_build hook (Trunk.toml): splitting needs a step between cargo
# and wasm-bindgen, which Trunk 0.21's own Rust pipeline cannot run
# (https://github.com/trunk-rs/trunk/issues/1022). Trunk still builds the CSS and copies files.
#
#   cargo build --release          relocations kept (.cargo/config.toml: --emit-relocs)
#   wasm-split-cli                 main module + one module per lazy page (src/lazy_pages.rs)
#                                  + chunks they share + the loader __wasm_split.js
#   wasm-bindgen (main module)     --keep-lld-exports: the chunks import the function table
#   terser                         the JS glue and the loader (npm terser)
#   wasm-opt -Oz                   every module (npm binaryen, scripts/wasm-opt-all.mjs)
#   app-<content hash>/            every file in one directory named by its content, so a
#                                  new release never mixes with cached files of an old one
#   index.html                     preloads and starts the main module, mounts the app on the
#                                  page's element, registers the service worker (LOADER below)
#   embed.js                       the build's file names, for host pages (docs/EMBEDDING.md)
#   sw.js                          the build's id and files, precached (scripts/write-sw.py)
#
# Run alone: TRUNK_STAGING_DIR=dir scripts/build-app.sh (dir must hold Trunk's index.html).
set -euo pipefail
cd "$(dirname "$0")/.."
STAGING=${TRUNK_STAGING_DIR:?run through trunk build or trunk serve, or set TRUNK_STAGING_DIR}
PUBLIC_URL=${TRUNK_PUBLIC_URL:-/}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
NAME=benefits_app
export PATH="$HOME/.cargo/bin:$PATH"
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
wasm-bindgen --version | grep -qxF "wasm-bindgen $want" ||
  { echo "build-app.sh: the wasm-bindgen CLI must be $want, as in Cargo.lock (scripts/setup.sh)"; exit 1; }

# The rustflags of .cargo/config.toml (erase_components, --emit-relocs) apply only when
# RUSTFLAGS is unset: without relocations the split cannot run.
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS
cargo build --release --locked --target wasm32-unknown-unknown --bin benefits-app

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/split" "$WORK/app"
wasm-split-cli "$TARGET_DIR/wasm32-unknown-unknown/release/benefits-app.wasm" "$WORK/split" \
  --target web --out-name "$NAME"
wasm-bindgen --target web --no-typescript --keep-lld-exports \
  --out-dir "$WORK/app" --out-name "$NAME" "$WORK/split/$NAME.wasm"
rm "$WORK/split/$NAME.wasm"
mv "$WORK/split"/* "$WORK/app/"

# The loader wasm-split-cli writes is patched in two places (each must match exactly once, so
# a new wasm-split-cli version fails here instead of shipping an unpatched loader):
# - a page whose module cannot be fetched (offline, server down) would make the Rust side
#   panic and stop the whole app. Instead the loader retries, every few seconds and as soon
#   as the browser is back online, and tells the app (window events) so it can say so;
# - prefetchPages() loads every page's module, so that pages open offline once the app has
#   loaded (index.html calls it when the browser is idle, after the first page is shown).
python3 - "$WORK/app/__wasm_split.js" <<'PY'
import sys
path = sys.argv[1]
js = open(path).read()
start = js.index("function wrapAsyncCb(callee) {")
end = js.index("function makeLoad(fetcher, deps) {")
if js.count("function wrapAsyncCb(callee) {") != 1 or end < start:
    sys.exit("build-app.sh: __wasm_split.js has changed shape; check the loader patch")
retrying = '''function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
        for (let attempt = 0; ; attempt++) {
            try {
                await callee();
                break;
            } catch (e) {
                console.error(e);
                window.dispatchEvent(new CustomEvent("benefits:page-load-failed"));
                await new Promise((retry) => {
                    const timer = setTimeout(retry, Math.min(30000, 2000 * 2 ** attempt));
                    window.addEventListener("online", () => { clearTimeout(timer); retry(); }, { once: true });
                });
            }
        }
        window.dispatchEvent(new CustomEvent("benefits:page-loaded"));
        getSharedImports().__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, true);
    }
}
const pageLoads = [];
function pageLoader(load) {
    pageLoads.push(load);
    return wrapAsyncCb(load);
}
export function prefetchPages() {
    return Promise.allSettled(pageLoads.map((load) => load()));
}
'''
js = js[:start] + retrying + js[end:]
n = js.count("= wrapAsyncCb(makeLoad(")
if n == 0:
    sys.exit("build-app.sh: no page loaders found in __wasm_split.js")
js = js.replace("= wrapAsyncCb(makeLoad(", "= pageLoader(makeLoad(")
open(path, "w").write(js)
PY

# The JS glue and the loader are minified (terser, pinned in package.json): 13.8 KB gzip as
# written, both loaded before the first page. Exports and property names are kept (the
# WebAssembly imports its functions from the glue by name).
for js in "$WORK/app/$NAME.js" "$WORK/app/__wasm_split.js"; do
  node node_modules/terser/bin/terser "$js" --module --compress --mangle --output "$js"
done

# JOBS processes, each optimising its share of the modules (scripts/wasm-opt-all.mjs).
find "$WORK/app" -name '*.wasm' -print0 | sort -z |
  xargs -0 -n "$(( $(find "$WORK/app" -name '*.wasm' | wc -l) / ${JOBS:-2} + 1 ))" -P "${JOBS:-2}" \
    node scripts/wasm-opt-all.mjs

HASH=$(cd "$WORK/app" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
DIR="app-$HASH"
rm -rf "$STAGING"/app-*
mv "$WORK/app" "$STAGING/$DIR"
URL="${PUBLIC_URL%/}/$DIR"

# STYLES: the stylesheets Trunk wrote (minified in release: Trunk.toml) become one file, in
# the order index.html links them, so that gzip compresses them together (measured: 11.1 KB
# as seven files, 7.6 KB as one). None of them uses url(), so moving them changes nothing.
# LOADER: preload the main module and the loader, start the app, then fetch the other pages
# when the browser is idle.
python3 - "$STAGING" "$URL" "$NAME" "${PUBLIC_URL%/}" <<'PY'
import hashlib, os, re, sys
staging, url, name, public = sys.argv[1:]
path = os.path.join(staging, "index.html")
html = open(path).read()

links = list(re.finditer(r'<link\b[^>]*\brel="?stylesheet"?[^>]*>\s*', html))
if not links:
    sys.exit("build-app.sh: index.html links no stylesheet")
css = []
for link in links:
    href = re.search(r'\bhref="?([^"\s>]+)', link.group(0)).group(1)
    file = os.path.join(staging, href[len(public):].lstrip("/"))
    css.append(open(file).read())
    os.remove(file)
css = "\n".join(css)
styles = f"styles-{hashlib.sha256(css.encode()).hexdigest()[:16]}.css"
open(os.path.join(staging, styles), "w").write(css)
first, last = links[0], links[-1]
html = html[:first.start()] + f'<link rel="stylesheet" href="{public}/{styles}" />' + "".join(
    html[a.end():b.start()] for a, b in zip(links, links[1:])) + html[last.end():]

# The app is mounted on the page's own element (#app), under the site's public URL. Then
# the service worker (sw.js, written below by write-sw.py) is registered: the app opens
# offline after one visit, and a new version installed in the background is offered to the
# app ("benefits:update-ready"), which says "Reload" ("benefits:update-accept") when the
# partner chooses; only then does it take over, and the page reloads.
loader = f'''<link rel="modulepreload" href="{url}/{name}.js" />
    <link rel="modulepreload" href="{url}/__wasm_split.js" />
    <link rel="preload" href="{url}/{name}_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" />
    <script type="module">
      import init, {{ mount }} from "{url}/{name}.js";
      import {{ prefetchPages }} from "{url}/__wasm_split.js";
      await init({{ module_or_path: "{url}/{name}_bg.wasm" }});
      mount(document.getElementById("app"), {{ base: "{public}", files: "{public}/" }});
      (window.requestIdleCallback ?? ((then) => setTimeout(then, 2000)))(() => prefetchPages());
      const workers = navigator.serviceWorker;
      if (workers) {{
        let accepted = false;
        const offer = (worker) => {{
          window.__benefitsUpdateReady = true;
          addEventListener("benefits:update-accept", () => {{
            accepted = true;
            if (worker.state === "activated") location.reload();
            else worker.postMessage("skip-waiting");
          }});
          dispatchEvent(new Event("benefits:update-ready"));
        }};
        workers.addEventListener("controllerchange", () => accepted && location.reload());
        const watch = (worker) => worker?.addEventListener("statechange", () => {{
          if (worker.state === "installed" && workers.controller) offer(worker);
        }});
        workers.register("{public}/sw.js", {{ updateViaCache: "none" }}).then((registration) => {{
          if (!registration) return; // service workers blocked (a browser's setting)
          if (registration.waiting && workers.controller) offer(registration.waiting);
          watch(registration.installing);
          registration.addEventListener("updatefound", () => watch(registration.installing));
          // The workspace may stay open for days: look for a new version every hour, and
          // when the connection comes back.
          const check = () => registration.update().catch(() => {{}});
          setInterval(check, 3600000);
          addEventListener("online", check);
        }}, (error) => console.warn("The app will not open offline:", error));
      }}
    </script>
  </head>'''
if html.count("</head>") != 1:
    sys.exit("build-app.sh: index.html needs exactly one </head>")
# Trunk leaves the skipped Rust link (and the comment above it, unless it minified the page)
# in the page: drop both.
html = re.sub(r'\s*<!-- Trunk skips its own Rust build.*?-->', "", html, flags=re.S)
html, n = re.subn(r'\s*<link\b[^>]*\brel="?rust"?[^>]*>', "", html)
if n != 1:
    sys.exit("build-app.sh: index.html should hold one skipped Rust link")
open(path, "w").write(html.replace("</head>", loader))

# embed.js (public/embed.js, copied by Trunk) loads the same files for a host page.
path = os.path.join(staging, "embed.js")
js = open(path).read()
js, n = re.subn(r'^const APP_DIR = "[^"]*";', f'const APP_DIR = "{os.path.basename(url)}/";', js, flags=re.M)
js, m = re.subn(r'^const STYLES = "[^"]*";', f'const STYLES = "{styles}";', js, flags=re.M)
if (n, m) != (1, 1):
    sys.exit("build-app.sh: embed.js should hold one `const APP_DIR` and one `const STYLES` line")
open(path, "w").write(js)
PY
node node_modules/terser/bin/terser "$STAGING/embed.js" --module --compress --mangle --output "$STAGING/embed.js"

# The service worker's list of the build's files (the last step: every file is in place).
python3 scripts/write-sw.py "$STAGING"
echo "build-app.sh: $DIR ($(find "$STAGING/$DIR" -name '*.wasm' | wc -l) WASM modules)"
