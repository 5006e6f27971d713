/**
 * Moderation from a terminal, through the admin API of a running server (so it works the same with
 * PGlite, whose folder only one process may open, and with PostgreSQL):
 *
 *   node --import tsx server/admin-cli.ts queue plan-action-2017
 *   node --import tsx server/admin-cli.ts approve event ar-rennes-propose
 *   node --import tsx server/admin-cli.ts hide proposal p-xyz      (or restore)
 *
 * Options: --url (default PGO_URL or http://127.0.0.1:8080), --token (default ADMIN_TOKEN), --json.
 */
import { parseArgs } from 'node:util';
import type { ModeratedEvent, ModeratedProposal } from './api-schemas.js';

const USAGE = `Usage:
  admin-cli queue <consultationId>
  admin-cli approve|hide|restore proposal|event <id>
Options: --url <server> (PGO_URL, default http://127.0.0.1:8080)  --token <admin token> (ADMIN_TOKEN)  --json`;

export async function adminCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: (line: string) => void = console.log,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' } },
  });
  const base = (values.url ?? env.PGO_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const token = values.token ?? env.ADMIN_TOKEN;
  const [command, kind, id] = positionals;
  let path: string;
  let method = 'POST';
  if (command === 'queue' && kind && !id) {
    path = `/admin/consultations/${encodeURIComponent(kind)}/moderation`;
    method = 'GET';
  } else if (['approve', 'hide', 'restore'].includes(command ?? '') && (kind === 'proposal' || kind === 'event') && id) {
    path = `/admin/${kind}s/${encodeURIComponent(id)}/${command}`;
  } else {
    out(USAGE);
    return 2;
  }
  if (!token) {
    out('No admin token: pass --token or set ADMIN_TOKEN (the server prints one at start when it generates it).');
    return 2;
  }
  const res = await fetch(`${base}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` } }).catch(
    (error: Error) => error,
  );
  if (res instanceof Error) {
    out(`Cannot reach ${base}: ${res.message}`);
    return 1;
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    out(`${res.status} ${body?.title ?? res.statusText}${body?.detail ? `: ${body.detail}` : ''}`);
    return 1;
  }
  if (values.json) out(JSON.stringify(body, null, 2));
  else if (method === 'GET') printQueue(body as { proposals: ModeratedProposal[]; events: ModeratedEvent[] }, out);
  else out(`${kind} ${id}: ${kind === 'event' ? (body as ModeratedEvent).moderation : (body as ModeratedProposal).status}`);
  return 0;
}

function printQueue(queue: { proposals: ModeratedProposal[]; events: ModeratedEvent[] }, out: (line: string) => void): void {
  out(`Proposals (${queue.proposals.length})`);
  for (const p of queue.proposals) {
    out(`  ${p.id}  [${p.status}]${p.reports ? ` ${p.reports} report(s)` : ''}  ${p.title}`);
    for (const reason of p.reportReasons) out(`      report: ${reason}`);
  }
  out(`Events (${queue.events.length})`);
  for (const e of queue.events)
    out(`  ${e.id}  [${e.moderation}]  ${e.startsAt}  ${e.title}${e.address ? ` (${e.address.locality})` : ''}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await adminCli(process.argv.slice(2));
}
