// CPU time read from /proc (issue 25): rates measured on a loaded 2-core machine are noise, CPU
// consumed per vote much less so. `cpuOfTrees` sums, over a process and its live descendants, user +
// system time plus the time of the children each has reaped (PostgreSQL backends are the postmaster's
// children and are reaped by it when their connection ends; `--workers N` servers are the primary's), so
// a process that ended between two readings still counts, once.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stats() {
  const all = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command may hold spaces and parentheses: fields start after the last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const own = Number(fields[11]) + Number(fields[12]);
      const reaped = Number(fields[13]) + Number(fields[14]);
      all.set(Number(name), { ppid: Number(fields[1]), ticks: own + reaped });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** CPU ms of each tree (name -> root pid) since it started: live processes and the children they reaped. */
export function cpuOfTrees(roots) {
  const all = stats();
  const children = new Map();
  for (const [pid, { ppid }] of all) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out = {};
  for (const [name, root] of Object.entries(roots)) {
    let ticks = 0;
    const stack = [root];
    while (stack.length) {
      const pid = stack.pop();
      ticks += all.get(pid)?.ticks ?? 0;
      stack.push(...(children.get(pid) ?? []));
    }
    out[name] = ticks * TICK_MS;
  }
  return out;
}

/** This process's own CPU ms (the load generator's). */
export const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The postmaster of the PostgreSQL listening on `port` (started with `-p <port>`), or undefined. */
export function postmasterOf(port) {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const at = args.indexOf('-p');
      if (/postgres$/.test(args[0]) && at > 0 && args[at + 1] === String(port)) return Number(name);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/**
 * A reading of the CPU of the processes of a run: `server` and `postgres` trees (root pids; either may be
 * undefined) and this process, the load generator. `since(before, n)`: ms per unit (vote) of each.
 */
export function cpuReading(roots) {
  const trees = cpuOfTrees(Object.fromEntries(Object.entries(roots).filter(([, pid]) => pid)));
  return { ...trees, generator: ownCpu() };
}

export function cpuPer(before, after, n) {
  const out = {};
  for (const key of Object.keys(after)) if (key in before) out[key] = n ? (after[key] - before[key]) / n : NaN;
  return out;
}
