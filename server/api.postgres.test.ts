import { after, before } from 'node:test';
import { openDatabase } from './db/db.js';
import { startPostgres, type TestPostgres } from './test/postgres.js';
import { apiSuite } from './test/suite.js';

let postgres: TestPostgres;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
});

apiSuite('PostgreSQL', async () => openDatabase({ databaseUrl: await postgres.createDatabase('pgo_api') }));
