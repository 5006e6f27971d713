// Translations of the WordPress plugin's own texts (GNU gettext, from Debian's `gettext`):
// languages/pgo-widgets.pot from the PHP and the editor script, the French .po brought up to date with it
// (translate new entries by hand), its .mo, and the editor script's JSON (wp_set_script_translations).
// Run: node scripts/wordpress-i18n.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const DIR = 'wordpress/pgo-widgets';
const run = (cmd, args) => execFileSync(cmd, args, { cwd: DIR, stdio: ['ignore', 'inherit', 'inherit'] });
const KEYWORDS = ['__:1', '_e:1', 'esc_html__:1', 'esc_html_e:1', 'esc_attr__:1', 'esc_attr_e:1', '_x:1,2c', '_n:1,2'].map(
  (k) => `--keyword=${k}`,
);
const php = ['pgo-widgets.php', 'uninstall.php', ...readdirSync(`${DIR}/includes`).map((f) => `includes/${f}`)];
run('xgettext', [
  '--language=PHP',
  '--from-code=UTF-8',
  ...KEYWORDS,
  '--package-name=pgo-widgets',
  '--package-version=0.1.0',
  '--add-comments=translators',
  '-o',
  'languages/pgo-widgets.pot',
  ...php,
]);
run('xgettext', [
  '--join-existing',
  '--language=JavaScript',
  '--from-code=UTF-8',
  '--keyword=__:1',
  '-o',
  'languages/pgo-widgets.pot',
  'blocks/editor.js',
]);
run('msgmerge', ['--quiet', '--update', '--backup=none', 'languages/pgo-widgets-fr_FR.po', 'languages/pgo-widgets.pot']);
run('msgfmt', ['--check', '-o', 'languages/pgo-widgets-fr_FR.mo', 'languages/pgo-widgets-fr_FR.po']);

// The editor script's strings as Jed JSON, named after the md5 of its path in the plugin.
const po = readFileSync(`${DIR}/languages/pgo-widgets-fr_FR.po`, 'utf8');
const messages = {};
for (const entry of po.split(/\n\n/)) {
  if (!/^#:.*blocks\/editor\.js/m.test(entry)) continue;
  const field = (name) =>
    [...entry.matchAll(new RegExp(`^${name} ((?:".*"\\n?)+)`, 'gm'))].map((m) =>
      JSON.parse(`[${m[1].trim().split('\n').join(',')}]`).join(''),
    )[0];
  messages[field('msgid')] = [field('msgstr')];
}
const json = {
  domain: 'messages',
  locale_data: { messages: { '': { domain: 'messages', lang: 'fr_FR', 'plural-forms': 'nplurals=2; plural=(n > 1);' }, ...messages } },
};
const hash = createHash('md5').update('blocks/editor.js').digest('hex');
writeFileSync(`${DIR}/languages/pgo-widgets-fr_FR-${hash}.json`, `${JSON.stringify(json)}\n`);
console.log(`pgo-widgets plugin: .pot, fr_FR .po/.mo and editor JSON (${Object.keys(messages).length} editor strings)`);
