// Bundles the explorer into dist/: app.js and app.css by esbuild, the world map as TopoJSON keyed by ISO 3166 alpha-3.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = new URL('./dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist + 'assets', { recursive: true });

await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  outdir: dist + 'assets',
  legalComments: 'linked',
  logLevel: 'warning',
});
await build({ entryPoints: { app: 'src/style.css' }, bundle: true, minify: true, outdir: dist + 'assets', logLevel: 'warning' });

// Natural Earth 1:50m countries; ids are ISO 3166-1 numeric codes, which the results do not use.
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
const codes = JSON.parse(readFileSync(require.resolve('i18n-iso-countries/codes.json'), 'utf8'));
const alpha3 = new Map(codes.map(([, a3, num]) => [num, a3]));
for (const g of topology.objects.countries.geometries) {
  const iso = alpha3.get(g.id);
  g.properties = { name: iso ?? `_${g.properties.name}`, label: g.properties.name };
  delete g.id;
}
writeFileSync(dist + 'assets/world.json', JSON.stringify(topology));
copyFileSync('src/index.html', dist + 'index.html');
copyFileSync('src/favicon.svg', dist + 'favicon.svg');
