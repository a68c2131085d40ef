/**
 * The one URL codec: every field of the view written as short, readable query parameters, and read
 * back with each parameter validated on its own. A malformed or unknown parameter is dropped with a
 * notice; the rest applies.
 *
 * | parameter | value | example |
 * |---|---|---|
 * | `lang` | `en` (Chinese is the default) | `lang=en` |
 * | `dir` | direction keys | `dir=blockchain,artificial-intelligence` |
 * | `mode` | `all` (default `any`) | `mode=all` |
 * | `inherit` | `1`: include the district's focus | `inherit=1` |
 * | `district` | district ids (filter) | `district=sip,gusu` |
 * | `kind` | record kinds shown | `kind=lab,institute` |
 * | `hide` | layer groups switched off | `hide=focus` |
 * | `sel` | a record id, or district ids | `sel=sip-nano-sci-tech-park`, `sel=sip,wuzhong` |
 * | `panel` | `city` or `quality` | `panel=city` |
 * | `view` | lon,lat,zoom[,bearing[,pitch]] (degrees, zoom level) | `view=120.6200,31.3000,10.5` |
 * | `basemap` | an online basemap id (`map/basemaps.ts`; the embedded one is the default) | `basemap=osm` |
 * | `pitch` | presenter mode: the stops, `overview`, `closing`, `d:<district>`, `r:<record>` | `pitch=overview,d:sip,closing` |
 * | `stop` | the stop shown, counted from 1 (default 1) | `stop=2` |
 * | `tool` | the planner's tool open: `table`, `charts`, `compare`, `near`, `sites`, `download` | `tool=table` |
 * | `near` | proximity: `lon,lat,radius_km` or `r:<record>,radius_km` | `near=120.6200,31.3000,5` |
 * | `rank` | site finder on: `parks` (the parks) or `all` (every carrier); its directions are `dir` | `rank=parks` |
 * | `prefer` | site finder: preferred districts | `prefer=sip,wuzhong` |
 * | `rail`, `air`, `uni` | site finder: largest distance (km) to a high-speed-rail station, an airport, a university | `rail=20` |
 * | `density` | `1`: the density layer of placed records | `density=1` |
 * | `embed` | `1`: embed mode (map and cards only, for an iframe on another site) | `embed=1` |
 */
import { EMPTY_FILTER, type FilterState, type MatchMode } from '../analysis/filter';
import { parseStopToken, type StopRef, stopToken } from '../analysis/pitch';
import type { Lang } from '../domain/localized';
import {
  type Camera,
  DEFAULT_VIEW,
  LAYER_GROUPS,
  type LayerGroup,
  type Near,
  PANELS,
  type Panel,
  type Pitch,
  type Selection,
  type SiteNeeds,
  TOOLS,
  type Tool,
  type UrlNotice,
  type ViewState,
} from './store';

/** The values a link may name, from the loaded data. */
export interface KnownValues {
  directions: readonly string[];
  districts: readonly string[];
  kinds: readonly string[];
  /** Whether a record id exists. */
  isRecord: (id: string) => boolean;
  /** Basemap ids. */
  basemaps: readonly string[];
}

/** Parameter names in the order they are written. */
export const URL_PARAMS = [
  'lang',
  'dir',
  'mode',
  'inherit',
  'district',
  'kind',
  'hide',
  'sel',
  'panel',
  'view',
  'basemap',
  'pitch',
  'stop',
  'tool',
  'near',
  'rank',
  'prefer',
  'rail',
  'air',
  'uni',
  'density',
  'embed',
] as const;

/** Largest radius (km) of a proximity query or a site-finder distance a link may ask for. */
export const MAX_RADIUS_KM = 200;

/** A pitch longer than this many stops is cut (a link cannot grow without bound). */
export const MAX_STOPS = 60;

/** At most this many notices are kept from one URL, however long it is. */
export const MAX_NOTICES = 8;
/** A dropped value is kept to at most this many characters (UTF-16 code units). */
export const MAX_NOTICE_VALUE = 40;

/** Decimal places written for longitude/latitude (about 10 m) and zoom. */
const LONLAT_DECIMALS = 4;
const ZOOM_DECIMALS = 2;

const round = (v: number, decimals: number) => Number(v.toFixed(decimals));
const list = (values: readonly string[]) => values.map(encodeURIComponent).join(',');

/** The camera as the `view` parameter value: `lon,lat,zoom[,bearing[,pitch]]`. */
export function encodeCamera(c: Camera): string {
  const parts = [
    round(c.center[0], LONLAT_DECIMALS),
    round(c.center[1], LONLAT_DECIMALS),
    round(c.zoom, ZOOM_DECIMALS),
  ];
  const bearing = Math.round(c.bearing);
  const pitch = Math.round(c.pitch);
  if (bearing !== 0 || pitch !== 0) parts.push(bearing);
  if (pitch !== 0) parts.push(pitch);
  return parts.join(',');
}

/** The camera as it will read back from its URL form (rounded), so comparisons see what a link holds. */
export function roundCamera(c: Camera): Camera {
  return {
    center: [round(c.center[0], LONLAT_DECIMALS), round(c.center[1], LONLAT_DECIMALS)],
    zoom: round(c.zoom, ZOOM_DECIMALS),
    bearing: Math.round(c.bearing),
    pitch: Math.round(c.pitch),
  };
}

/**
 * Writes a view as a query string (no leading `?`), parameters in `URL_PARAMS` order, defaults
 * omitted, so equal views give equal strings.
 * @param withCamera whether to include `view` (false: compare views ignoring the camera).
 */
export function encodeView(v: ViewState, withCamera = true): string {
  const out: string[] = [];
  const put = (k: (typeof URL_PARAMS)[number], value: string) => out.push(`${k}=${value}`);
  if (v.lang !== DEFAULT_VIEW.lang) put('lang', v.lang);
  const f = v.filter;
  if (f.directions.length > 0) put('dir', list(f.directions));
  if (f.mode !== EMPTY_FILTER.mode) put('mode', f.mode);
  if (f.inherit) put('inherit', '1');
  if (f.districts.length > 0) put('district', list(f.districts));
  if (f.kinds.length > 0) put('kind', list(f.kinds));
  if (v.hidden.length > 0) put('hide', list(v.hidden));
  if (v.selection?.type === 'record') put('sel', encodeURIComponent(v.selection.id));
  if (v.selection?.type === 'districts') put('sel', list(v.selection.ids));
  if (v.panel) put('panel', v.panel);
  if (withCamera && v.camera) put('view', encodeCamera(v.camera));
  if (v.basemap !== DEFAULT_VIEW.basemap) put('basemap', encodeURIComponent(v.basemap));
  if (v.pitch) {
    put('pitch', v.pitch.stops.map(stopToken).join(','));
    if (v.pitch.index > 0) put('stop', String(v.pitch.index + 1));
  }
  if (v.tool) put('tool', v.tool);
  if (v.near) {
    const o = v.near.origin;
    const at =
      'record' in o
        ? `r:${encodeURIComponent(o.record)}`
        : `${round(o.point[0], LONLAT_DECIMALS)},${round(o.point[1], LONLAT_DECIMALS)}`;
    put('near', `${at},${round(v.near.radius_km, 1)}`);
  }
  if (v.needs) {
    put('rank', v.needs.carriers ? 'all' : 'parks');
    if (v.needs.districts.length > 0) put('prefer', list(v.needs.districts));
    if (v.needs.rail_km !== null) put('rail', String(round(v.needs.rail_km, 1)));
    if (v.needs.airport_km !== null) put('air', String(round(v.needs.airport_km, 1)));
    if (v.needs.university_km !== null) put('uni', String(round(v.needs.university_km, 1)));
  }
  if (v.density) put('density', '1');
  if (v.embed) put('embed', '1');
  return out.join('&');
}

/** A view read from a URL, and what was dropped. */
export interface DecodedView {
  view: ViewState;
  notices: UrlNotice[];
}

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/**
 * Reads a view from a query string. Never throws: each bad parameter is dropped with one notice
 * (its bad values joined and truncated to `MAX_NOTICE_VALUE`), at most `MAX_NOTICES` notices.
 * @param search `location.search` (with or without `?`) or parsed parameters.
 */
export function decodeView(search: string | URLSearchParams, known: KnownValues): DecodedView {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const notices: UrlNotice[] = [];
  const note = (param: string, value: string, reason: UrlNotice['reason']) => {
    if (notices.length < MAX_NOTICES)
      notices.push({ param: param.slice(0, 24), value: value.slice(0, MAX_NOTICE_VALUE), reason });
  };
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (!(URL_PARAMS as readonly string[]).includes(name)) note(name, params.get(name) ?? '', 'unknown-param');
  }
  const get = (name: (typeof URL_PARAMS)[number]) => params.get(name);
  /** The known values of a list parameter, deduplicated in order; the unknown ones make one notice. */
  const pick = <T extends string>(name: (typeof URL_PARAMS)[number], valid: readonly T[]): T[] => {
    const raw = get(name);
    if (raw === null) return [];
    const good: T[] = [];
    const bad: string[] = [];
    for (const v of splitList(raw)) {
      if ((valid as readonly string[]).includes(v)) {
        if (!good.includes(v as T)) good.push(v as T);
      } else bad.push(v);
    }
    if (bad.length > 0 || (good.length === 0 && raw.length > 0)) note(name, bad.join(',') || raw, 'unknown-value');
    return good;
  };
  /** A parameter with a fixed set of values; anything else is dropped. */
  const oneOf = <T extends string>(name: (typeof URL_PARAMS)[number], valid: readonly T[], fallback: T): T => {
    const raw = get(name);
    if (raw === null) return fallback;
    if ((valid as readonly string[]).includes(raw)) return raw as T;
    note(name, raw, 'unknown-value');
    return fallback;
  };

  const lang = oneOf<Lang>('lang', ['zh', 'en'], DEFAULT_VIEW.lang);
  const filter: FilterState = {
    directions: pick('dir', known.directions),
    mode: oneOf<MatchMode>('mode', ['any', 'all'], EMPTY_FILTER.mode),
    inherit: oneOf('inherit', ['1', '0'], '0') === '1',
    districts: pick('district', known.districts),
    kinds: pick('kind', known.kinds),
  };
  const hidden = pick<LayerGroup>('hide', LAYER_GROUPS);
  const panelOrNone = oneOf<Panel | 'none'>('panel', PANELS, 'none');
  const panel = panelOrNone === 'none' ? null : panelOrNone;
  return {
    view: {
      lang,
      filter,
      hidden,
      selection: decodeSelection(get('sel'), known, note),
      panel,
      camera: decodeCamera(get('view'), note),
      basemap: oneOf('basemap', known.basemaps, DEFAULT_VIEW.basemap),
      pitch: decodePitch(get('pitch'), get('stop'), known, note),
      tool: oneOf<Tool | 'none'>('tool', TOOLS, 'none') === 'none' ? null : (get('tool') as Tool),
      near: decodeNear(get('near'), known, note),
      needs: decodeNeeds(params, known, note),
      density: oneOf('density', ['1', '0'], '0') === '1',
      embed: oneOf('embed', ['1', '0'], '0') === '1',
    },
    notices,
  };
}

/** A distance in km from a link: a finite number in (0, MAX_RADIUS_KM]; anything else is `undefined`. */
function km(raw: string): number | undefined {
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n > 0 && n <= MAX_RADIUS_KM ? n : undefined;
}

/** Reads `near`: `lon,lat,radius_km` (within the camera's ranges) or `r:<record>,radius_km`. */
function decodeNear(
  raw: string | null,
  known: KnownValues,
  note: (param: string, value: string, reason: UrlNotice['reason']) => void,
): Near | null {
  if (raw === null) return null;
  const parts = raw.split(',');
  const radius = km(parts.at(-1) ?? '');
  if (parts.length === 2 && parts[0].startsWith('r:') && known.isRecord(parts[0].slice(2)) && radius !== undefined)
    return { origin: { record: parts[0].slice(2) }, radius_km: radius };
  if (parts.length === 3 && radius !== undefined) {
    const [lon, lat] = parts.slice(0, 2).map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
    if (Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 85.06)
      return { origin: { point: [lon, lat] }, radius_km: radius };
  }
  note('near', raw, 'malformed');
  return null;
}

/** Reads the site finder's question (`rank`, `prefer`, `rail`, `air`, `uni`); without `rank` there is none. */
function decodeNeeds(
  params: URLSearchParams,
  known: KnownValues,
  note: (param: string, value: string, reason: UrlNotice['reason']) => void,
): SiteNeeds | null {
  const rank = params.get('rank');
  // Without `rank` the site finder asks nothing: its other parameters are dropped, each with a notice.
  if (rank === null) {
    for (const p of ['prefer', 'rail', 'air', 'uni']) if (params.has(p)) note(p, params.get(p) ?? '', 'unknown-param');
    return null;
  }
  if (rank !== 'parks' && rank !== 'all') {
    note('rank', rank, 'unknown-value');
    return null;
  }
  const distance = (name: 'rail' | 'air' | 'uni'): number | null => {
    const raw = params.get(name);
    if (raw === null) return null;
    const v = km(raw);
    if (v === undefined) note(name, raw, 'malformed');
    return v ?? null;
  };
  const prefer = params.get('prefer');
  const districts = prefer === null ? [] : splitList(prefer).filter((d) => known.districts.includes(d));
  if (prefer !== null && districts.length !== splitList(prefer).length) note('prefer', prefer, 'unknown-value');
  const needs = {
    districts: [...new Set(districts)],
    rail_km: distance('rail'),
    airport_km: distance('air'),
    university_km: distance('uni'),
  };
  return { ...needs, carriers: rank === 'all' };
}

/**
 * Reads `pitch` and `stop`: stops naming an unknown district or record, and repeated stops, are
 * dropped (one notice), at
 * most `MAX_STOPS` are kept; a bad or out-of-range `stop` shows the first stop (one notice).
 */
function decodePitch(
  raw: string | null,
  rawStop: string | null,
  known: KnownValues,
  note: (param: string, value: string, reason: UrlNotice['reason']) => void,
): Pitch | null {
  if (raw === null) {
    if (rawStop !== null) note('stop', rawStop, 'unknown-param');
    return null;
  }
  const stops: StopRef[] = [];
  const bad: string[] = [];
  for (const token of splitList(raw)) {
    const s = parseStopToken(token);
    const ok =
      s !== null &&
      (s.type === 'district' ? known.districts.includes(s.id) : s.type === 'record' ? known.isRecord(s.id) : true);
    // A stop appears once in a pitch (the stage keys its progress bar by stop).
    if (ok && stops.length < MAX_STOPS && !stops.some((x) => stopToken(x) === token)) stops.push(s);
    else bad.push(token);
  }
  if (bad.length > 0) note('pitch', bad.join(','), 'unknown-value');
  if (stops.length === 0) return null;
  let index = 0;
  if (rawStop !== null) {
    const n = Number(rawStop);
    if (Number.isInteger(n) && n >= 1 && n <= stops.length) index = n - 1;
    else note('stop', rawStop, 'malformed');
  }
  return { stops, index };
}

function decodeSelection(
  raw: string | null,
  known: KnownValues,
  note: (param: string, value: string, reason: UrlNotice['reason']) => void,
): Selection {
  if (raw === null) return null;
  const ids = splitList(raw);
  if (ids.length === 1 && known.isRecord(ids[0])) return { type: 'record', id: ids[0] };
  const districts = ids.filter((id) => known.districts.includes(id));
  const bad = ids.filter((id) => !known.districts.includes(id));
  if (bad.length > 0 || ids.length === 0) note('sel', bad.join(',') || raw, 'unknown-value');
  return districts.length > 0 ? { type: 'districts', ids: [...new Set(districts)] } : null;
}

/** Valid ranges of the `view` parameter's numbers (MapLibre's own limits). */
const CAMERA_RANGES: Array<[number, number]> = [
  [-180, 180],
  [-85.06, 85.06],
  [0, 24],
  [-360, 360],
  [0, 85],
];

function decodeCamera(
  raw: string | null,
  note: (param: string, value: string, reason: UrlNotice['reason']) => void,
): Camera | null {
  if (raw === null) return null;
  const parts = raw.split(',');
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const ok =
    nums.length >= 3 &&
    nums.length <= 5 &&
    nums.every((n, i) => Number.isFinite(n) && n >= CAMERA_RANGES[i][0] && n <= CAMERA_RANGES[i][1]);
  if (!ok) {
    note('view', raw, 'malformed');
    return null;
  }
  return { center: [nums[0], nums[1]], zoom: nums[2], bearing: nums[3] ?? 0, pitch: nums[4] ?? 0 };
}
