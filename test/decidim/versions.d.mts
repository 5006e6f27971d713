// Types of versions.mjs (shared by the Node stand-in and the browser tests).
export type DecidimVersion = '0.32' | 'dev';
export declare const VERSIONS: DecidimVersion[];
export declare const SDL_FILES: string[];
export declare function composeSdl(files: Record<string, string>, version?: DecidimVersion): string;
export declare function stagesOf(version: DecidimVersion): 'steps' | 'phases';
