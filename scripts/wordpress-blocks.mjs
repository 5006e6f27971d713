// Writes wordpress/pgo-widgets/blocks/<name>/block.json (block API version 3) for every element of the
// plugin's one list (includes/elements.php), read through PHP so the list stays the single source.
// The WordPress suite checks that the registered blocks match it. Run: node scripts/wordpress-blocks.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PLUGIN = 'wordpress/pgo-widgets';
const php = `define('ABSPATH', '/'); function __($t) { return $t; } require '${PLUGIN}/includes/elements.php'; require '${PLUGIN}/includes/block-attributes.php';
$out = array(); foreach (pgo_widgets_elements() as $tag => $own) { $out[$tag] = array('title' => pgo_widgets_element_labels()[$tag], 'description' => pgo_widgets_element_descriptions()[$tag], 'attributes' => pgo_widgets_block_attributes($own)); }
echo json_encode($out);`;
const elements = JSON.parse(execFileSync('php', ['-r', php], { encoding: 'utf8' }));
for (const [tag, element] of Object.entries(elements)) {
  if (tag === 'pgo-consultation') continue; // each block carries its consultation; the wrapper is for shortcodes and HTML
  const name = tag.slice(4);
  const block = {
    $schema: 'https://schemas.wp.org/trunk/block.json',
    apiVersion: 3,
    name: `pgo-widgets/${name}`,
    version: '0.1.0',
    title: element.title,
    category: 'widgets',
    icon: 'groups',
    description: element.description,
    keywords: ['consultation', 'participation'],
    textdomain: 'pgo-widgets',
    attributes: element.attributes,
    supports: { html: false },
    editorScript: 'pgo-widgets-blocks',
  };
  mkdirSync(join(PLUGIN, 'blocks', name), { recursive: true });
  writeFileSync(join(PLUGIN, 'blocks', name, 'block.json'), `${JSON.stringify(block, null, '\t')}\n`);
}
console.log(`block.json written for ${Object.keys(elements).length - 1} blocks`);
