// The Decidim versions the backend is pinned to and tested against, and how each one's schema is composed
// from the SDL files in src/backends/decidim/ (shared by the Node stand-in and the browser tests).
//   0.32: schema.graphql + meetings.graphql + comments.graphql (the process's stages are `steps`);
//   dev:  the development line after 0.32, where `steps` became `phases` (renames.graphql).

export const VERSIONS = ['0.32', 'dev'];
export const SDL_FILES = ['schema.graphql', 'meetings.graphql', 'comments.graphql', 'renames.graphql'];

/** The SDL of one version, from the files' texts ({ 'schema.graphql': text, ... }). */
export function composeSdl(files, version = '0.32') {
  const base = ['schema.graphql', 'meetings.graphql', 'comments.graphql'].map((name) => files[name]).join('\n');
  if (version === '0.32') return base;
  if (version === 'dev') return `${base.replace(/^\s*steps: .*$/m, '')}\n${files['renames.graphql']}`;
  throw new Error(`No pinned Decidim schema for version ${version}`);
}

/** `steps` or `phases`: what a version calls a process's stages. */
export const stagesOf = (version) => (version === 'dev' ? 'phases' : 'steps');
