// ECharts, with only the parts the explorer uses, and the world map registered from the bundled TopoJSON.
import * as echarts from 'echarts/core';
import { MapChart, BarChart, LineChart, ScatterChart, HeatmapChart } from 'echarts/charts';
import { TooltipComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';

echarts.use([MapChart, BarChart, LineChart, ScatterChart, HeatmapChart, TooltipComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

let world;
/** Loads and registers the world map once; resolves to iso3 → country name. */
export function worldMap() {
  world ??= fetch('/assets/world.json')
    .then((r) => r.json())
    .then((topology) => {
      const geo = feature(topology, topology.objects.countries);
      geo.features = geo.features.filter((f) => f.properties.label !== 'Antarctica');
      for (const f of geo.features) planar(f.geometry);
      echarts.registerMap('world', geo);
      return new Map(geo.features.map((f) => [f.properties.name, f.properties.label]));
    });
  return world;
}

// The atlas is stitched on the sphere, so some rings cross the antimeridian (Russia, Fiji, the Aleutians); drawn on a
// plane they would streak across the map. Unwrap each ring, move it back into range, and clamp at ±180°.
function planar(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const d = ring[i][0] - ring[i - 1][0];
        if (d > 180) ring[i][0] -= 360 * Math.round(d / 360);
        else if (d < -180) ring[i][0] += 360 * Math.round(-d / 360);
      }
      const mean = ring.reduce((a, p) => a + p[0], 0) / ring.length;
      const shift = mean > 180 ? -360 : mean < -180 ? 360 : 0;
      for (const p of ring) p[0] = Math.max(-180, Math.min(180, p[0] + shift));
    }
  }
}

/** Creates a chart in el and keeps it sized to its box. */
export function chart(el) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  new ResizeObserver(() => c.resize()).observe(el);
  return c;
}

const NEG = [178, 24, 43];
const MID = [247, 247, 247];
const POS = [33, 102, 172];

function mix(a, b, t) {
  return `rgb(${a.map((x, i) => Math.round(x + (b[i] - x) * t)).join(',')})`;
}

/**
 * A diverging colour scale centred on zero for signed outcomes (losses red, gains blue), or a sequential one for
 * non-negative outcomes; the range is the 2nd–98th percentile so one outlier does not wash out the map.
 */
export function colourScale(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { colour: () => '#ddd', min: 0, max: 0, diverging: false };
  const q = (p) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))];
  const lo = q(0.02);
  const hi = q(0.98);
  if (lo < 0) {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return {
      min: -m, max: m, diverging: true,
      colour: (x) => (Number.isFinite(x) ? (x < 0 ? mix(MID, NEG, Math.min(1, -x / m)) : mix(MID, POS, Math.min(1, x / m))) : '#d9dde3'),
      stops: [mix(MID, NEG, 1), mix(MID, NEG, 0.5), mix(MID, MID, 0), mix(MID, POS, 0.5), mix(MID, POS, 1)],
    };
  }
  const m = hi || 1;
  return {
    min: 0, max: m, diverging: false,
    colour: (x) => (Number.isFinite(x) ? mix(MID, POS, Math.min(1, x / m)) : '#d9dde3'),
    stops: [mix(MID, POS, 0), mix(MID, POS, 0.5), mix(MID, POS, 1)],
  };
}
