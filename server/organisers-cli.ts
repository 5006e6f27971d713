/**
 * Organiser accounts from a terminal, through the API of a running server (PGlite lets one process
 * open its folder, so commands never open the database themselves):
 *
 *   npm run organisers -- create-admin --setup-token T --email you@ville.fr --name "Your name"   (first admin)
 *   npm run organisers -- reset-password --email someone@ville.fr      (ADMIN_TOKEN; ends their sessions)
 *   npm run organisers -- rotate-token                                 (ADMIN_TOKEN; prints the new one)
 *
 * Passwords are asked on the terminal (not echoed) or read from the first line of stdin when piped.
 * Options: --url (PGO_URL, default http://127.0.0.1:8080), --token (ADMIN_TOKEN).
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';

const USAGE = `Usage:
  organisers create-admin --setup-token <token> --email <e-mail> --name <display name>
  organisers reset-password --email <e-mail>
  organisers rotate-token
Options: --url <server> (PGO_URL, default http://127.0.0.1:8080)  --token <admin token> (ADMIN_TOKEN)`;

export function setupMessage(url: string, setupToken: string): string {
  return `No organiser yet. Create the first admin (the password is asked for):\n  npm run organisers -- create-admin --url ${url} --setup-token ${setupToken} --email you@example.fr --name "Your name"\nthen sign in at ${url}/admin/`;
}

/** One line from stdin; on a terminal, typed without echo. */
export async function readPassword(
  prompt: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<string> {
  const tty = (input as { isTTY?: boolean }).isTTY;
  if (tty) output.write(prompt);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input, output: tty ? muted : undefined, terminal: Boolean(tty) });
  try {
    return await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  } finally {
    rl.close();
    if (tty) output.write('\n');
  }
}

interface Io {
  out: (line: string) => void;
  password: () => Promise<string>;
}

export async function organisersCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: Io = { out: console.log, password: () => readPassword('Password (12 characters or more): ') },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      'setup-token': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const base = `${(values.url ?? env.PGO_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')}/api/v1/admin`;
  const token = values.token ?? env.ADMIN_TOKEN;
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token && !path.endsWith('/setup')) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const parsed = await res.json().catch(() => null);
    if (!res.ok) {
      const fields = (parsed?.fieldErrors ?? []).map((f: { message: string }) => `\n  ${f.message}`).join('');
      throw new Error(`${res.status} ${parsed?.title ?? res.statusText}${parsed?.detail ? `: ${parsed.detail}` : ''}${fields}`);
    }
    return parsed;
  };
  const [command] = positionals;
  try {
    if (command === 'create-admin' && values['setup-token'] && values.email && values.name) {
      const created = await call('POST', '/setup', {
        setupToken: values['setup-token'],
        email: values.email,
        displayName: values.name,
        password: await io.password(),
      });
      io.out(`First admin created: ${created.email}. Sign in at ${base.replace(/\/api\/v1\/admin$/, '/admin/')}`);
      return 0;
    }
    if ((command === 'reset-password' && values.email) || command === 'rotate-token') {
      if (!token) {
        io.out('No admin token: pass --token or set ADMIN_TOKEN (the server prints one at start when it generates it).');
        return 2;
      }
      if (command === 'rotate-token') {
        io.out(`New admin token (the old one no longer works): ${(await call('POST', '/token')).token}`);
        return 0;
      }
      const { organisers } = (await call('GET', '/organisers')) as { organisers: { id: string; email: string }[] };
      const found = organisers.find((o) => o.email === values.email!.trim().toLowerCase());
      if (!found) {
        io.out(`No organiser with the e-mail ${values.email}`);
        return 1;
      }
      await call('PUT', `/organisers/${encodeURIComponent(found.id)}/password`, { password: await io.password() });
      io.out(`Password reset for ${found.email}; their sessions have ended.`);
      return 0;
    }
  } catch (error) {
    io.out((error as Error).cause ? `Cannot reach ${base}: ${(error as Error).message}` : (error as Error).message);
    return 1;
  }
  io.out(USAGE);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await organisersCli(process.argv.slice(2));
}
