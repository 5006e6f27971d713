import { openDatabase } from './db/db.js';
import { apiSuite } from './test/suite.js';

apiSuite('PGlite', () => openDatabase({ dataDir: 'memory://' }));
