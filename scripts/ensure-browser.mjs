// `pretest` step: make sure a Chromium is there before Web Test Runner starts.
import { ensureChrome } from './browsers.mjs';

const path = ensureChrome();
if (process.argv.includes('--print')) console.log(path);
