import { openDatabase } from './db/db.js';
import { NO_SHEDDING } from './test/helpers.js';
import { apiSuite } from './test/suite.js';

// The suite fires bursts (100 concurrent votes) and checks every answer: no shedding here (server/shed.test.ts tests it).
apiSuite('PGlite', () => openDatabase({ dataDir: 'memory://', bounds: NO_SHEDDING }));
