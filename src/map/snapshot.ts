/**
 * Map images for slides and handouts, rendered off screen in a temporary map that never touches
 * the live one. The temporary map is a `MapController` in snapshot mode (the same code path that
 * applies a `MapState` to the live map), in a hidden container sized so that its canvas has the
 * requested pixel size; it keeps its drawing buffer (the live map does not: that would slow every
 * frame), is read once at its first `idle`, and is removed with its container, also on error.
 */
import type { MapGeoJSONFeature, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { Camera } from '../state/store';
import type { LayerCatalogue, LegendEntry } from './catalogue';
import { MapController } from './controller';
import { DISTRICT_HIT_LAYER, SOURCE } from './layers';
import type { MapState } from './mapState';

/** What to render. */
export interface SnapshotRequest {
  /** The app's style (`mapStyleFor(…).style`, src/map/live.ts). */
  style: StyleSpecification;
  /** Its layer catalogue: the legend entries and clickable layers. */
  catalogue: LayerCatalogue;
  /** The map state to show (from `mapStateOf`); its `frame` places the camera unless `camera` is given. */
  state: MapState;
  /** An exact camera (the current view); `null` to apply `state.frame` (a stop's target). */
  camera: Camera | null;
  /** [w, s, e, n] degrees: the default framing (`{ home: true }` targets) and the bounds the camera may show. */
  home: [number, number, number, number];
  maxBounds: [number, number, number, number];
  /** Size of the image in device pixels. */
  width_px: number;
  height_px: number;
  /** Device pixels per CSS pixel: the map's labels and lines are drawn this many times their CSS size. */
  pixelRatio: number;
  /**
   * CSS classes of an element wrapped around the map's container, so that styles the live map gets
   * from its page apply to the district groups too (e.g. the presenter stage's larger groups).
   */
  hostClass?: string;
  /** Longest wait for the map to load and settle (ms); default `SNAPSHOT_TIMEOUT_MS`. */
  timeout_ms?: number;
}

/** A rendered map image and what a slide composer needs to describe it. */
export interface Snapshot {
  /** A 2D canvas of `width_px` × `height_px`: the map with the shown district groups drawn on it. */
  canvas: HTMLCanvasElement;
  /** The camera the image shows. */
  camera: Camera;
  /** Degrees clockwise from north of the image's up direction (the camera's bearing). */
  bearing: number;
  /** Ground metres per device pixel of the image at its centre. */
  metresPerPixel: number;
  pixelRatio: number;
  /** Legend entries of the layers that draw something in the image (catalogue order: topmost first). */
  legend: Array<LegendEntry & { layer: string }>;
  /** Number of district groups drawn. */
  groups: number;
  /** Ids of the records drawn: points, park markers, and marks in the district groups shown. */
  records: string[];
  /** Ids of the districts drawn highlighted: the focus colour, or outlined as selected. */
  districts: string[];
}

/** Default longest wait (ms) for a snapshot. */
export const SNAPSHOT_TIMEOUT_MS = 30_000;

/** Earth's equatorial circumference (m) in Web Mercator (EPSG:3857's sphere, radius 6 378 137 m). */
const EQUATOR_M = 40_075_016.686;
/** MapLibre's tiles are 512 CSS px wide at their own zoom level. */
const TILE_PX = 512;

/**
 * Ground metres per CSS pixel at a latitude and zoom in MapLibre's Web Mercator:
 * 40075016.686 × cos(lat) / (512 × 2^zoom).
 */
export function metresPerCssPixel(lat_deg: number, zoom: number): number {
  return (EQUATOR_M * Math.cos((lat_deg * Math.PI) / 180)) / (TILE_PX * 2 ** zoom);
}

/** Whether a rendered feature is shown: features the filter hides stay in the tiles, drawn transparent. */
const matching = (f: MapGeoJSONFeature) => f.state.match !== false;

/**
 * When a legend entry's layer draws a feature, beyond matching the filter. Mirrors the paint and
 * filter expressions of `layers.ts` for the layers whose features are in the tiles but drawn only
 * by feature state (the focus fill, the selection outlines), and for layers with one legend entry
 * per kind of feature (parks, transport), so the slide's legend lists only what is drawn.
 */
const DRAWN_BY: Readonly<Record<string, (f: MapGeoJSONFeature, entry: number) => boolean>> = {
  'districts-focus': (f) => Number(f.state.focus ?? -1) >= 1,
  'districts-selected-line': (f) => f.state.selected === true && f.state.schematic !== true,
  'districts-schematic-line': (f) => f.state.selected === true && f.state.schematic === true,
  // Entries: a located city park, a city park at its district's label, an AI+ park that is not a city park.
  'parks-symbol': (f, entry) =>
    entry === 0
      ? f.properties.city === true && f.properties.anchored !== true
      : entry === 1
        ? f.properties.city === true && f.properties.anchored === true
        : f.properties.city !== true,
  // Entries: a railway station, an airport.
  'gazetteer-transport-circle': (f, entry) => (f.properties.layer === 'airport') === (entry === 1),
};

/** What the map draws, read at its `idle`: legend entries, records and districts. */
function drawnOf(map: MapLibreMap, req: SnapshotRequest): Pick<Snapshot, 'legend' | 'records' | 'districts'> {
  const hidden = new Set(req.state.hiddenLayers);
  const byLayer = new Map<string, MapGeoJSONFeature[]>();
  const rendered = (layer: string) => {
    let feats = byLayer.get(layer);
    if (!feats) {
      feats = hidden.has(layer) || !map.getLayer(layer) ? [] : map.queryRenderedFeatures({ layers: [layer] });
      byLayer.set(layer, feats.filter(matching));
    }
    return byLayer.get(layer) ?? [];
  };
  const entryIndex = new Map<string, number>();
  const legend = req.catalogue.legend.filter((e) => {
    const i = entryIndex.get(e.layer) ?? 0;
    entryIndex.set(e.layer, i + 1);
    const drawn = DRAWN_BY[e.layer];
    return rendered(e.layer).some((f) => (drawn ? drawn(f, i) : true));
  });
  const records = new Set(
    req.catalogue.interactive
      .filter((l) => l !== DISTRICT_HIT_LAYER)
      .flatMap((l) => rendered(l).map((f) => String(f.properties.id))),
  );
  // The district fill covers each district's whole area, so a district filling the image counts too.
  const districts = new Set(
    (map.getLayer(DISTRICT_HIT_LAYER) ? map.queryRenderedFeatures({ layers: [DISTRICT_HIT_LAYER] }) : [])
      .filter((f) => f.source === SOURCE.districts)
      .filter((f) => Number(f.state.focus ?? -1) >= 1 || f.state.selected === true)
      .map((f) => String(f.properties.id)),
  );
  return { legend, records: [...records], districts: [...districts] };
}

/** A CSS box of an element relative to the container, in device px. */
function boxIn(el: Element, origin: DOMRect, ratio: number) {
  const r = el.getBoundingClientRect();
  return {
    x: (r.left - origin.left) * ratio,
    y: (r.top - origin.top) * ratio,
    w: r.width * ratio,
    h: r.height * ratio,
  };
}

/**
 * Draws the district groups shown (HTML markers on the live map, so not in the map's canvas) onto
 * the image where the controller placed them: the dashed, captioned frame and its coloured marks,
 * with the sizes and colours their CSS gives them, scaled by the pixel ratio.
 * @returns the number of groups drawn and the record ids of their marks.
 */
function drawGroups(
  ctx: CanvasRenderingContext2D,
  container: HTMLElement,
  ratio: number,
): { groups: number; records: string[] } {
  const origin = container.getBoundingClientRect();
  const records: string[] = [];
  let groups = 0;
  for (const el of container.querySelectorAll<HTMLElement>('.district-group')) {
    if (el.hidden) continue;
    const frame = boxIn(el, origin, ratio);
    if (frame.w === 0 || frame.h === 0) continue;
    if (frame.x + frame.w < 0 || frame.y + frame.h < 0 || frame.x > ctx.canvas.width || frame.y > ctx.canvas.height)
      continue;
    groups += 1;
    const style = getComputedStyle(el);
    ctx.save();
    ctx.beginPath();
    ctx.roundRect(frame.x, frame.y, frame.w, frame.h, (Number.parseFloat(style.borderTopLeftRadius) || 4) * ratio);
    ctx.fillStyle = style.backgroundColor || 'rgb(255 255 255 / 88%)';
    ctx.fill();
    ctx.setLineDash([3 * ratio, 2 * ratio]);
    ctx.lineWidth = Math.max(1, Number.parseFloat(style.borderTopWidth) || 1) * ratio;
    ctx.strokeStyle = style.borderTopColor || '#7d8593';
    ctx.stroke();
    ctx.restore();
    const caption = el.querySelector<HTMLElement>('.group-caption');
    if (caption) {
      const c = boxIn(caption, origin, ratio);
      const cs = getComputedStyle(caption);
      ctx.save();
      ctx.font = `${cs.fontWeight} ${Number.parseFloat(cs.fontSize) * ratio}px ${cs.fontFamily}`;
      ctx.fillStyle = cs.color;
      ctx.textBaseline = 'middle';
      ctx.fillText(caption.textContent ?? '', c.x, c.y + c.h / 2);
      ctx.restore();
    }
    for (const mark of el.querySelectorAll<HTMLElement>('.group-mark')) {
      const m = boxIn(mark, origin, ratio);
      if (m.w === 0) continue;
      if (mark.dataset.record) records.push(mark.dataset.record);
      ctx.beginPath();
      ctx.arc(m.x + m.w / 2, m.y + m.h / 2, m.w / 2, 0, 2 * Math.PI);
      ctx.fillStyle = mark.style.background || getComputedStyle(mark).backgroundColor;
      ctx.fill();
      ctx.lineWidth = 0.5 * ratio;
      ctx.strokeStyle = 'rgb(29 39 51 / 55%)';
      ctx.stroke();
    }
  }
  return { groups, records };
}

/**
 * Renders a map image off screen.
 * @returns the image and what it shows.
 * @throws Error if WebGL is unavailable or the style fails to load (MapLibre's message), or if the
 *   map has not settled within `timeout_ms` ("map snapshot timed out after … ms").
 */
export async function renderSnapshot(req: SnapshotRequest): Promise<Snapshot> {
  const ratio = req.pixelRatio;
  const cssWidth = Math.max(1, Math.round(req.width_px / ratio));
  const cssHeight = Math.max(1, Math.round(req.height_px / ratio));
  const container = document.createElement('div');
  // The class gives the district groups the live map's CSS (`.map .district-group…`).
  container.className = 'map snapshot-map';
  const size = { width: `${cssWidth}px`, height: `${cssHeight}px` };
  Object.assign(container.style, { position: 'relative', inset: 'auto', ...size });
  const host = req.hostClass ? document.createElement('div') : container;
  if (host !== container) {
    host.className = req.hostClass ?? '';
    host.append(container);
  }
  host.setAttribute('aria-hidden', 'true');
  // Off screen, out of the layout and of the pointer's way; still drawn (WebGL needs no visibility).
  Object.assign(host.style, {
    position: 'fixed',
    inset: 'auto',
    left: '-100000px',
    top: '0',
    display: 'block',
    pointerEvents: 'none',
    ...size,
  });
  document.body.append(host);
  let controller: MapController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout_ms = req.timeout_ms ?? SNAPSHOT_TIMEOUT_MS;
  try {
    const map = await new Promise<MapLibreMap>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`map snapshot timed out after ${timeout_ms} ms`)), timeout_ms);
      const noop = () => {};
      controller = new MapController(
        container,
        req.style,
        { ...req.state, frame: req.camera ? null : req.state.frame, site: null },
        {
          initial: { camera: req.camera, bbox: req.home, maxBounds: req.maxBounds },
          interactive: [],
          onClick: noop,
          onGroup: noop,
          onMark: noop,
          onCamera: noop,
          onBasemapFailed: noop,
          onLoad: (error) => {
            if (error) reject(error);
          },
          snapshot: { pixelRatio: ratio, onIdle: resolve },
        },
      );
    });
    const live = controller as MapController | null;
    if (!live) throw new Error('map snapshot: no map');
    const source = map.getCanvas();
    const canvas = document.createElement('canvas');
    canvas.width = req.width_px;
    canvas.height = req.height_px;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('map snapshot: no 2D canvas context');
    ctx.drawImage(source, 0, 0, req.width_px, req.height_px);
    // The map's canvas may be a pixel or two off the requested size (its CSS size is whole pixels).
    const scale = req.width_px / (cssWidth * ratio);
    const g = drawGroups(ctx, container, ratio * scale);
    const camera = live.camera();
    const drawn = drawnOf(map, req);
    return {
      canvas,
      camera,
      bearing: camera.bearing,
      metresPerPixel: metresPerCssPixel(camera.center[1], camera.zoom) / (ratio * scale),
      pixelRatio: ratio,
      legend: drawn.legend,
      groups: g.groups,
      records: [...new Set([...drawn.records, ...g.records])],
      districts: drawn.districts,
    };
  } finally {
    clearTimeout(timer);
    (controller as MapController | null)?.destroy();
    host.remove();
  }
}
