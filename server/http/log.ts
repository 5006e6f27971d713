/**
 * The command line's log (one line per request): lines gathered and written once per turn of the event
 * loop (issue 25). Writing each line at once cost a system call per request, synchronous on a pipe or a
 * file: about a tenth of the server's CPU per vote in the profile. The lines and their order are the same.
 */
type Sink = (text: string) => void;

export interface LineLog {
  (line: string): void;
  /** Writes what is gathered now (before the process exits). */
  flush(): void;
}

/** Beyond this many characters gathered, they are written at once rather than at the end of the turn. */
const MAX_CHARS = 64 * 1024;

export function lineLog(write: Sink = (text) => process.stdout.write(text)): LineLog {
  let lines: string[] = [];
  let chars = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!lines.length) return;
    const text = `${lines.join('\n')}\n`;
    lines = [];
    chars = 0;
    write(text);
  };
  const log = (line: string) => {
    lines.push(line);
    chars += line.length + 1;
    if (chars >= MAX_CHARS) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return Object.assign(log, { flush });
}
