import { rollup } from 'rollup';
const { default: configs } = await import('../rollup.config.mjs');
const cfg = configs.find((c) => c.output?.dir === 'dist/cdn');
const build = await rollup({
  ...cfg,
  plugins: cfg.plugins.filter((p) => !['pgo-size-report', 'pgo-chunk-manifest', 'terser'].includes(p.name)),
});
const { output } = await build.generate({ ...cfg.output });
for (const chunk of output.filter((c) => c.type === 'chunk' && (process.argv[2] ? c.name === process.argv[2] : true))) {
  console.log(`== ${chunk.fileName}`);
  const mods = Object.entries(chunk.modules).sort((a, b) => b[1].renderedLength - a[1].renderedLength);
  for (const [id, m] of mods.slice(0, 40))
    if (m.renderedLength > 300) console.log(String(m.renderedLength).padStart(7), id.replace(/.*\/(node_modules|src)\//, '$1/'));
}
