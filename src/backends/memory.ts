// The memory backend lives in ./memory/, one module per kind of data (see ./memory/index.ts); this path stays the one to import.
export * from './memory/index.js';
