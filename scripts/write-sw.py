#!/usr/bin/env python3
"""Writes the build's id and file list into DIR/sw.js (the hand-written service worker,
public/sw.js, copied there by Trunk). Run by scripts/build-app.sh on Trunk's staging
directory; the update test runs it again on a copy of dist/ it has changed (a new build).

Precached: every file of the build (index.html, the stylesheet, the sample CSV, and every
WebAssembly module, JS glue and loader of app-<hash>/, each page's module included) but the
service worker itself and the files only a host page uses (embed.js, embed-example.html).
The id is the hash of those files' names and contents: any change to the build changes
sw.js, which is how a browser learns that a new version is there.
Usage: scripts/write-sw.py DIR
"""
import hashlib, json, os, re, sys

dist = sys.argv[1]
SKIP = {"sw.js", "embed.js", "embed-example.html"}

files = sorted(
    os.path.relpath(os.path.join(root, name), dist).replace(os.sep, "/")
    for root, _, names in os.walk(dist)
    for name in names
)
files = [f for f in files if f not in SKIP]
if "index.html" not in files or not any(re.match(r"app-[0-9a-f]+/.*\.wasm$", f) for f in files):
    sys.exit(f"write-sw.py: {dist} holds no built app (index.html, app-<hash>/*.wasm)")

digest = hashlib.sha256()
for f in files:
    digest.update(f.encode() + b"\0")
    with open(os.path.join(dist, f), "rb") as fh:
        digest.update(hashlib.sha256(fh.read()).digest())
build = digest.hexdigest()[:16]

path = os.path.join(dist, "sw.js")
js = open(path).read()
js, n_build = re.subn(r'^const BUILD = "[^"\n]*";', f'const BUILD = "{build}";', js, flags=re.M)
js, n_files = re.subn(r"^const FILES = \[[^\n]*\];", f"const FILES = {json.dumps(files)};", js, flags=re.M)
if (n_build, n_files) != (1, 1):
    sys.exit("write-sw.py: sw.js should hold one `const BUILD = …;` and one `const FILES = […];` line")
open(path, "w").write(js)
print(f"write-sw.py: sw.js build {build}, {len(files)} files precached")
