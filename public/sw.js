// Partner Benefits Workspace: the service worker that opens the app without a network once
// it has been loaded (docs/BUILD.md, "Offline"). Hand-written; the two constants below are
// written at each build by scripts/write-sw.py (run by scripts/build-app.sh, Trunk's
// post_build hook): the build's id and every file of the build, each page's module included.
//
// - Install: every file of the build goes into a cache of its own (named by the build), in
//   the background. A new version waits: it is offered in the app ("A new version is ready —
//   Reload") and takes over only when the partner says so, or once every tab of the app is
//   closed. It is never swapped under the partner's feet.
// - Activate: the caches of older builds go, and the pages open now are taken over (on the
//   first visit, so that the next reload works offline).
// - Fetch: a file of the build comes from the cache; an address of the app (a navigation)
//   gets the build's index.html, so that every page reloads offline; /api/ always goes to
//   the network (shared mode's server), and so does anything else.

const BUILD = "dev"; // written by scripts/write-sw.py
const FILES = []; // written by scripts/write-sw.py: paths relative to this file

// Where dist/ is served: this file's directory (the service worker's scope).
const SCOPE = new URL("./", self.location.href);
const PREFIX = `partner-benefits ${SCOPE.pathname} `;
const CACHE = PREFIX + BUILD;
const PAGE = new URL("index.html", SCOPE).href;
const CACHED = new Set(FILES.map((file) => new URL(file, SCOPE).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // From the server, not from the browser's HTTP cache (it may hold an older index.html).
      cache.addAll([...CACHED].map((url) => new Request(url, { cache: "reload" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page's "Reload" (the app's update banner): the waiting version takes over.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // The server's API is never answered from a cache.
  if (url.pathname.startsWith("/api/") || url.pathname === "/api") return;
  url.hash = "";
  if (CACHED.has(url.href) && url.href !== PAGE) {
    event.respondWith(fromCache(url.href, request));
  } else if (request.mode === "navigate" && url.href.startsWith(SCOPE.href)) {
    // Every address of the app is the same page, which routes by itself.
    event.respondWith(fromCache(PAGE, request));
  }
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit ?? fetch(request);
}
