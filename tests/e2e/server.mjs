// A static server for dist/ with the single-page-app fallback (unknown paths get index.html,
// so deep links like /plan?seats=100 work) and the MIME types a browser needs for .wasm;
// and a host site that embeds the app, dist/ served under another path than the app's base.
// Run alone: node tests/e2e/server.mjs [dir] [port]
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8', '.ics': 'text/calendar; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

export function startServer(root, port = 0) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.resolve(base, '.' + urlPath);
    const inside = file === base || file.startsWith(base + path.sep);
    try {
      if (!inside || urlPath.endsWith('/')) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      if (path.extname(urlPath)) { res.writeHead(404); res.end('not found'); return; }
      try {
        const index = await readFile(path.join(base, 'index.html'));
        res.writeHead(200, { 'content-type': TYPES['.html'] });
        res.end(index);
      } catch {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`no index.html in ${base}: build the app first (trunk build --release)`);
      }
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Stops a server at once, open keep-alive connections included (a server that went down). */
export function stopServer(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
}

/**
 * A host site that embeds the app (docs/EMBEDDING.md): dist/ served under `distPath`
 * (`/benefits-app/`), the host page `page(path)` for `base` and every path under it (the
 * app's addresses), `pages[path]` for the host's other pages, 404 for anything else. On a
 * random port.
 */
export function startHostServer({ dist, distPath, base, page, pages = {} }) {
  const root = path.resolve(dist);
  const server = http.createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const html = (body) => { res.writeHead(200, { 'content-type': TYPES['.html'] }); res.end(body); };
    if (urlPath.startsWith(distPath)) {
      const file = path.resolve(root, '.' + urlPath.slice(distPath.length - 1));
      try {
        if (!file.startsWith(root + path.sep)) throw new Error('outside');
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404); res.end('not found');
      }
    } else if (urlPath === base || urlPath.startsWith(base + '/')) {
      html(page(urlPath));
    } else if (pages[urlPath]) {
      html(pages[urlPath]);
    } else {
      res.writeHead(404); res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 8080));
  console.log(`serving on http://127.0.0.1:${server.address().port}/`);
}
