/**
 * Consultations as JSON files (the server/config format), from a terminal, through the API of a running
 * server (the automation token; PGlite lets one process open its folder, so commands never open it):
 *
 *   npm run consultations -- export plan-action-2017 > plan.json
 *   npm run consultations -- import plan.json          (creates it, or replaces the settings of that id)
 *
 * Options: --url (PGO_URL, default http://127.0.0.1:8080), --token (ADMIN_TOKEN).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `Usage:
  consultations export <consultation id>     (prints the JSON file)
  consultations import <file.json>
Options: --url <server> (PGO_URL, default http://127.0.0.1:8080)  --token <admin token> (ADMIN_TOKEN)`;

export async function consultationsCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: (text: string) => void = (t) => process.stdout.write(`${t}\n`),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' } },
  });
  const base = `${(values.url ?? env.PGO_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')}/api/v1/admin/consultations`;
  const token = values.token ?? env.ADMIN_TOKEN;
  const [command, arg] = positionals;
  if (!arg || (command !== 'export' && command !== 'import')) {
    out(USAGE);
    return 2;
  }
  if (!token) {
    out('No admin token: pass --token or set ADMIN_TOKEN.');
    return 2;
  }
  try {
    const res =
      command === 'export'
        ? await fetch(`${base}/${encodeURIComponent(arg)}/export`, { headers: { authorization: `Bearer ${token}` } })
        : await fetch(`${base}/import`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: readFileSync(arg, 'utf8'),
          });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const fields = (body?.fieldErrors ?? []).map((f: { message: string }) => `\n  ${f.message}`).join('');
      out(`${res.status} ${body?.title ?? res.statusText}${body?.detail ? `: ${body.detail}` : ''}${fields}`);
      return 1;
    }
    out(
      command === 'export'
        ? JSON.stringify(body, null, 2)
        : `${res.status === 201 ? 'Created' : 'Replaced'}: ${body.consultation.id} (revision ${body.revision})`,
    );
    return 0;
  } catch (error) {
    out(`Cannot reach ${base}: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await consultationsCli(process.argv.slice(2));
}
