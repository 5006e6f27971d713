import { after, before } from 'node:test';
import { openDatabase } from './db/db.js';
import { organiserSuite } from './test/organiser-suite.js';
import { startPostgres, type TestPostgres } from './test/postgres.js';

let postgres: TestPostgres;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
});

organiserSuite('PostgreSQL', async () => openDatabase({ databaseUrl: await postgres.createDatabase('pgo_organisers') }));
