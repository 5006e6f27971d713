// The data shapes live in ./schemas/, one module per kind (see ./schemas/index.ts); this path stays the one to import.
export * from './schemas/index.js';
