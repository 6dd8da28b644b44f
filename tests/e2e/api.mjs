// A real benefits-api for the end-to-end tests of shared mode (issue 14): the binary that
// scripts/test.sh builds (`cargo build -p benefits-api`), on a throw-away SQLite database
// holding the demo workspace, serving dist/ on a free port of 127.0.0.1. Stopped and its
// database deleted by `stop()`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The demo users' password in these tests (the server wants 12 characters or more). */
export const PASSWORD = 'correct horse battery staple';

export const USERS = {
  gloria: 'gloria@contoso.example', // Global admin
  mario: 'mario@contoso.example', // MPN partner admin
  uma: 'uma@contoso.example', // User admin
  andy: 'andy@contoso.example', // Admin agent
  nora: 'nora@contoso.example', // no role
};

function binary() {
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  return path.join(target, 'debug/benefits-api');
}

/**
 * Starts `benefits-api serve` on a new database with the demo workspace. Returns its
 * address, the workspace's id, what it logged so far, and `stop()`.
 */
export async function startApi({ dist = process.env.DIST_DIR ?? path.join(ROOT, 'dist'), workspaces = 1 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'benefits-e2e-'));
  const database = `sqlite://${path.join(dir, 'benefits.db')}`;
  // Each `demo` adds a workspace; with two, the demo users' email and password open both.
  const ids = [];
  for (let i = 0; i < workspaces; i++) {
    const created = execFileSync(binary(), ['demo', '--database', database, '--password-stdin'], {
      input: PASSWORD,
      encoding: 'utf8',
    });
    ids.push(created.trim().split('\n').pop().trim());
  }
  const workspace = ids[0];
  const logs = [];
  const serve = (listen) => {
    const server = spawn(binary(), ['serve', '--database', database, '--listen', listen, '--static', dist], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr.on('data', (d) => logs.push(String(d)));
    const address = new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`benefits-api did not start: ${out}${logs.join('')}`)), 20000);
      server.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/listening on (http:\/\/[0-9.]+:\d+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      server.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`benefits-api exited with ${code}: ${out}${logs.join('')}`));
      });
    });
    return { server, address };
  };
  const halt = async (server) => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
  };
  let running = serve('127.0.0.1:0');
  const base = await running.address;
  return {
    base,
    workspace,
    workspaces: ids,
    logs,
    /** Stops the server (the database stays): the app sees it gone. */
    async pause() {
      await halt(running.server);
    },
    /** Starts it again on the same address and database. */
    async resume() {
      running = serve(base.replace('http://', ''));
      await running.address;
    },
    async stop() {
      await halt(running.server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs `page`'s context in through the API (the cookie is the context's), without the form. */
export async function signInByApi(page, base, email) {
  const response = await page.context().request.post(`${base}/api/session`, {
    data: { email, password: PASSWORD },
  });
  if (response.status() !== 200) throw new Error(`sign-in of ${email}: ${response.status()} ${await response.text()}`);
  return response.json();
}

/** Signs in through the app's sign-in page (the page must show it). */
export async function signInWithForm(page, email, { lang = 'en' } = {}) {
  const [emailLabel, passwordLabel, button] = lang === 'fr'
    ? ['Adresse e-mail', 'Mot de passe', 'Se connecter']
    : ['Email', 'Password', 'Sign in'];
  await page.getByLabel(emailLabel, { exact: true }).fill(email);
  await page.getByLabel(passwordLabel, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: button, exact: true }).click();
}
