/**
 * Exports for slides and handouts: the current view, or each stop of a pitch, as a PNG slide
 * (`slide.ts`) around a map rendered off screen (`map/snapshot.ts`). Loaded on demand by the export
 * menu (a dynamic `import()`), so none of it is in the page's first script.
 */

import type { StyleSpecification } from 'maplibre-gl';
import type { StopRef } from '../../analysis/pitch';
import type { AppData } from '../../data/load';
import { readBasemapKeys } from '../../map/basemapKeys';
import type { LayerCatalogue } from '../../map/catalogue';
import { type MapData, mapStateOf } from '../../map/mapState';
import { renderSnapshot } from '../../map/snapshot';
import { LIGHT } from '../../map/theme';
import { stopView } from '../../state/pitch';
import type { AppState, Camera, CameraTarget } from '../../state/store';
import { fillTemplate, type Lang, nameIn, t } from '../i18n';
import { stopCaption } from '../presenter/caption';
import { composeSlide, type SlideContent, type SlideLegendItem, slideLayout } from './slide';

/** Slide sizes: the live map's size on screen, A4 landscape at 300 dpi, or a handout page's image. */
export type ExportSize = 'screen' | 'a4' | 'handout';

/** A4 landscape at 300 dpi: 297 × 210 mm = 3508 × 2480 px. */
export const A4_PX = { width: 3508, height: 2480 } as const;
/** The map image of a handout page (px). */
export const HANDOUT_PX = { width: 1600, height: 1000 } as const;
/**
 * A handout's image shows the map as a screen this many CSS px wide would (2 device px per CSS px):
 * printed 211 mm wide (7.6 px/mm), its labels (11–15 CSS px) print at 8–11 pt, its legend at ~7 pt.
 */
const HANDOUT_CSS_WIDTH = 800;

/** What an export reads: the data, the app's style, the app state, and the live map's size. */
export interface ExportContext {
  data: AppData;
  mapStyle: { style: StyleSpecification; catalogue: LayerCatalogue };
  /** The app state at the time of export (the view to export, its language and filter). */
  state: AppState;
  /** The live map container's size (CSS px) and the screen's device pixel ratio. */
  viewport: { width: number; height: number; devicePixelRatio: number };
}

/** An exported PNG. */
export interface ExportedImage {
  blob: Blob;
  fileName: string;
  width_px: number;
  height_px: number;
}

/** What a slide shows besides the map: its title, subtitle, and documents cited by its caption. */
interface SlideSpec {
  view: AppState;
  /** An exact camera (current view); otherwise `view.frame` places it. */
  camera: Camera | null;
  title: string;
  subtitle?: string;
  /** Document ids its caption cites. */
  cites: string[];
}

/** Slide size (device px) and pixel ratio (device px per CSS px) for an export size. */
function sizeOf(size: ExportSize, viewport: ExportContext['viewport']) {
  const dpr = viewport.devicePixelRatio || 1;
  const cssWidth = Math.max(1, viewport.width);
  if (size === 'screen')
    return {
      width_px: Math.round(viewport.width * dpr),
      height_px: Math.round(viewport.height * dpr),
      pixelRatio: dpr,
    };
  // The print slide shows the map as the screen does, at its own resolution.
  if (size === 'a4') return { width_px: A4_PX.width, height_px: A4_PX.height, pixelRatio: A4_PX.width / cssWidth };
  return { width_px: HANDOUT_PX.width, height_px: HANDOUT_PX.height, pixelRatio: HANDOUT_PX.width / HANDOUT_CSS_WIDTH };
}

const mapDataCache = new WeakMap<AppData, MapData>();
function mapDataOf(data: AppData): MapData {
  let m = mapDataCache.get(data);
  if (!m) {
    m = {
      carriers: data.carriers,
      districts: data.manifest.districts,
      directions: data.manifest.directions,
      parkIds: new Set(data.parkMarkers.features.map((f) => f.properties.id)),
    };
    mapDataCache.set(data, m);
  }
  return m;
}

/** HTML attribution (entities, links) as plain text. */
function plainText(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent?.trim() ?? html;
}

/** Today's date, local, as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Names of the directions in `lang`, joined. */
function directionNames(data: AppData, keys: readonly string[], lang: Lang): string[] {
  return keys.flatMap((k) => {
    const d = data.manifest.directions.find((x) => x.key === k);
    return d ? [lang === 'en' ? d.en : d.zh] : [];
  });
}

/**
 * Renders one slide (map off screen, then the slide around it).
 * @throws Error from the snapshot (no WebGL, time-out) or when the PNG cannot be encoded.
 */
async function renderSlide(ctx: ExportContext, spec: SlideSpec, size: ExportSize): Promise<HTMLCanvasElement> {
  const { data, mapStyle } = ctx;
  const lang = spec.view.lang;
  const { width_px, height_px, pixelRatio } = sizeOf(size, ctx.viewport);
  const layout = slideLayout(width_px, height_px, pixelRatio, { header: size !== 'handout' });
  let camera = spec.camera;
  if (camera) {
    // The whole of the live view fits in the slide's map: zoom out by the ratio of the sizes.
    const fit = Math.min(
      layout.map.w / pixelRatio / Math.max(1, ctx.viewport.width),
      layout.map.h / pixelRatio / Math.max(1, ctx.viewport.height),
    );
    camera = { ...camera, zoom: camera.zoom + Math.log2(fit) };
  }
  const derived = mapStateOf(mapDataOf(data), { ...spec.view, panel: null, siting: null }, mapStyle.catalogue, {
    cardWidth_px: 0,
    captionWidth_px: 0,
    basemapKeys: readBasemapKeys(),
  });
  // A printed page is read at arm's length: the stage's room-sized labels would crowd it.
  const state = size === 'handout' ? { ...derived, labelScale: 1 } : derived;
  const shot = await renderSnapshot({
    style: mapStyle.style,
    catalogue: mapStyle.catalogue,
    state,
    camera,
    home: data.manifest.bbox,
    maxBounds: data.manifest.max_bounds,
    width_px: layout.map.w,
    height_px: layout.map.h,
    pixelRatio,
    // On stage the live map's district groups are larger (app.css `.app.on-stage`): so are the slide's.
    hostClass: spec.view.pitch ? 'app on-stage' : undefined,
  });

  const directions = spec.view.filter.directions;
  const legend: SlideLegendItem[] = shot.legend.map((e) => ({
    kind: 'swatch',
    swatch: e.swatch,
    label: lang === 'en' ? e.en : e.zh,
  }));
  if (shot.records.length > 0)
    for (const key of directions) {
      const d = data.manifest.directions.find((x) => x.key === key);
      if (d) legend.push({ kind: 'direction', colour: d.colour, label: lang === 'en' ? d.en : d.zh });
    }
  if (shot.groups > 0)
    legend.push({
      kind: 'group',
      colours: [LIGHT.carrierDefault, LIGHT.park, LIGHT.aiPlus],
      label: t(lang, 'exportGroupLegend'),
    });

  const cited = new Set(spec.cites);
  for (const id of shot.records) for (const s of data.carrierById.get(id)?.sources ?? []) cited.add(s.doc);
  for (const id of shot.districts) for (const s of data.districtById.get(id)?.sources ?? []) cited.add(s.doc);
  const documents = data.manifest.sources
    .filter((doc) => cited.has(doc.id))
    .map((doc) => {
      const title = lang === 'en' ? doc.title_en : doc.title_zh;
      return doc.date ? `${title}${lang === 'en' ? ', ' : '，'}${doc.date}` : title;
    });
  const attribution = [plainText(data.manifest.attribution), state.basemap ? plainText(state.basemap.attribution) : '']
    .filter((s) => s !== '')
    .join(' · ');
  const content: SlideContent = {
    title: spec.title,
    subtitle: spec.subtitle,
    legend,
    documents,
    attribution: `${t(lang, 'exportMapData')}: ${attribution} · MapLibre`,
    date: `${t(lang, 'exportDate')} ${today()}`,
    words: {
      legend: t(lang, 'exportLegend'),
      documents: t(lang, 'exportDocuments'),
      none: t(lang, 'none'),
      north: t(lang, 'exportNorth'),
    },
  };
  return composeSlide(layout, shot, content);
}

/**
 * A canvas as a PNG blob.
 * @throws Error when the browser cannot encode it.
 */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** The part of a file name naming the directions: their keys, or `overview` when none is chosen. */
function directionsSlug(directions: readonly string[]): string {
  const slug = directions.join('+').slice(0, 80);
  return slug === '' ? 'overview' : slug;
}

/** The file name of an export: `suzhou-digital-economy-<directions|overview>[-stop-NN]-<screen|a4|handout>.png`. */
export function exportFileName(directions: readonly string[], size: ExportSize, stop?: number): string {
  const part = stop === undefined ? '' : `-stop-${String(stop).padStart(2, '0')}`;
  return `suzhou-digital-economy-${directionsSlug(directions)}${part}-${size}.png`;
}

/** The title and subtitle of the current view: the map's title; the selection and the chosen directions. */
function viewTitle(data: AppData, state: AppState): { title: string; subtitle: string } {
  const lang = state.lang;
  const sel = state.selection;
  const selected =
    sel?.type === 'record'
      ? [data.carrierById.get(sel.id)].flatMap((r) => (r ? [nameIn(r, lang)] : []))
      : sel?.type === 'districts'
        ? sel.ids.flatMap((id) => {
            const d = data.districtById.get(id);
            return d ? [nameIn(d, lang)] : [];
          })
        : [];
  const names = directionNames(data, state.filter.directions, lang);
  const sep = lang === 'en' ? ', ' : '、';
  const parts = [selected.join(sep), names.length > 0 ? names.join(sep) : t(lang, 'exportAllDirections')];
  return { title: t(lang, 'title'), subtitle: parts.filter((p) => p !== '').join(' · ') };
}

/**
 * Exports the current view as a PNG slide: the live camera (or the default framing when the map
 * has not moved), fitted so that all of the live map's view is in the slide's map.
 * @param size `screen`: the live map's size × devicePixelRatio; `a4`: 3508 × 2480 px.
 * @throws Error when the map cannot be rendered (no WebGL, time-out after 30 s) or encoded.
 */
export async function exportCurrentView(ctx: ExportContext, size: 'screen' | 'a4'): Promise<ExportedImage> {
  const s = ctx.state;
  const home: CameraTarget = { home: true };
  const { title, subtitle } = viewTitle(ctx.data, s);
  const canvas = await renderSlide(
    ctx,
    {
      view: { ...s, frame: s.camera ? null : { seq: 1, target: home, animate: false } },
      camera: s.camera,
      title,
      subtitle,
      cites: [],
    },
    size,
  );
  return {
    blob: await canvasToPng(canvas),
    fileName: exportFileName(s.filter.directions, size),
    width_px: canvas.width,
    height_px: canvas.height,
  };
}

/** One stop's slide, with its caption (for the handout's page). */
export interface ExportedStop extends ExportedImage {
  stop: StopRef;
  caption: ReturnType<typeof stopCaption>;
}

/**
 * Exports each stop of a pitch as a PNG slide, one after the other (one temporary map at a time),
 * each as the stage shows it: the stop's selection and camera target under the pitch's directions
 * (the filter's), with the stage's larger labels; titled by the stop's caption.
 * @param onProgress called before each stop with (stops done, total).
 * @throws Error as `exportCurrentView`; stops already rendered are lost.
 */
export async function exportStops(
  ctx: ExportContext,
  stops: readonly StopRef[],
  size: ExportSize,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportedStop[]> {
  const s = ctx.state;
  const lang = s.lang;
  const directions = s.filter.directions;
  const out: ExportedStop[] = [];
  for (const [i, stop] of stops.entries()) {
    onProgress?.(i, stops.length);
    const sv = stopView(ctx.data, stop, directions);
    const caption = stopCaption(ctx.data, stop, [...directions], lang);
    const view: AppState = {
      ...s,
      pitch: { stops: [...stops], index: i },
      selection: sv.selection,
      frame: { seq: 1, target: sv.target, animate: false },
    };
    const stopOf = fillTemplate(t(lang, 'exportStopOf'), { n: i + 1, total: stops.length });
    const canvas = await renderSlide(
      ctx,
      {
        view,
        camera: null,
        title: caption.title,
        subtitle: [caption.subtitle, stopOf].filter((x) => x).join(' · '),
        cites: caption.sources.map((c) => c.doc),
      },
      size,
    );
    out.push({
      stop,
      caption,
      blob: await canvasToPng(canvas),
      fileName: exportFileName(directions, size, i + 1),
      width_px: canvas.width,
      height_px: canvas.height,
    });
  }
  onProgress?.(stops.length, stops.length);
  return out;
}
