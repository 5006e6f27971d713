/** LISTEN on PostgreSQL (issue 23) for `Db.listen` (db.ts): one dedicated connection, opened again when lost. */
/** One connection that only listens, opened again (every 0.5-5 s) whenever it is lost. */
export async function listenPostgres(
  Client: typeof import('pg').Client,
  databaseUrl: string,
  channel: string,
  onNotify: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
  let client: import('pg').Client | null = null;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = async (): Promise<void> => {
    const next = new Client({ connectionString: databaseUrl });
    next.on('error', () => {});
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    next.on('end', () => {
      if (!stopped) again(0);
    });
    client = next;
  };
  const again = (attempt: number) => {
    client = null;
    retry = setTimeout(
      () => {
        open().then(
          () => onReconnect?.(),
          () => again(attempt + 1),
        );
      },
      Math.min(5000, 500 * 2 ** attempt),
    );
    retry.unref?.();
  };
  await open();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
