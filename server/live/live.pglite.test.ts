import { openDatabase } from '../db/db.js';
import { liveSuite } from '../test/live-suite.js';

liveSuite('PGlite', () => openDatabase({ dataDir: 'memory://' }));
