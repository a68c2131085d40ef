/**
 * The basemap configuration, in one place: the embedded offline basemap (default; loads nothing
 * from outside the app's origin) and online tile services for those who have a network. Each
 * online source states its datum: our data are WGS-84, so a GCJ-02 source (Chinese commercial web
 * maps) is shown with our data shifted to GCJ-02 while it is on (`datum.ts`, with gcoord).
 *
 * To add a source, add an entry; nothing else changes. A source that needs a key gets it from the
 * user (kept in this browser's localStorage, never in the URL). A Chinese basemap must show its
 * 审图号 (map approval number) as its terms require: fill `approval` from the provider's own page
 * before publishing; until then the app says that it is not configured rather than invent one.
 */

/** Datum of a tile source's coordinates. 天地图 uses CGCS2000, within a metre of WGS-84 here. */
export type BasemapDatum = 'wgs84' | 'gcj02';

/** One basemap. */
export interface BasemapConfig {
  id: string;
  name_zh: string;
  name_en: string;
  /**
   * Raster tile layers, bottom first, each a list of URL templates (`{z}/{x}/{y}`; `{key}` is
   * replaced by the user's key). Empty for the embedded basemap.
   */
  layers: string[][];
  datum: BasemapDatum;
  /** Attribution shown in the map's attribution control (HTML). */
  attribution: string;
  /** The provider's 审图号, shown with its attribution; `null` = not configured yet. */
  approval: string | null;
  /** Whether the user must supply a key (天地图's `tk`). */
  needsKey: boolean;
  /** Deepest zoom level the source serves. */
  maxzoom: number;
}

/** The embedded basemap's id (the default). */
export const EMBEDDED_BASEMAP = 'embedded';

const TIANDITU = (layer: string) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map(
    (n) =>
      `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}`,
  );

/** Every basemap the switch offers, the embedded one first. */
export const BASEMAPS: readonly BasemapConfig[] = [
  {
    id: EMBEDDED_BASEMAP,
    name_zh: '内置底图（离线）',
    name_en: 'Built-in basemap (offline)',
    layers: [],
    datum: 'wgs84',
    attribution: '',
    approval: null,
    needsKey: false,
    maxzoom: 15,
  },
  {
    id: 'tianditu',
    name_zh: '天地图（需密钥）',
    name_en: 'Tianditu (key required)',
    // Vector base map, then its Chinese annotation layer.
    layers: [TIANDITU('vec'), TIANDITU('cva')],
    datum: 'wgs84',
    attribution: '© 天地图 国家地理信息公共服务平台',
    approval: null,
    needsKey: true,
    maxzoom: 18,
  },
  {
    id: 'osm',
    name_zh: 'OpenStreetMap',
    name_en: 'OpenStreetMap',
    layers: [['https://tile.openstreetmap.org/{z}/{x}/{y}.png']],
    datum: 'wgs84',
    attribution: '© OpenStreetMap contributors',
    approval: null,
    needsKey: false,
    maxzoom: 19,
  },
  {
    id: 'amap',
    name_zh: '高德地图（GCJ-02）',
    name_en: 'AMap (GCJ-02)',
    layers: [
      [1, 2, 3, 4].map(
        (n) => `https://webrd0${n}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`,
      ),
    ],
    datum: 'gcj02',
    attribution: '© 高德地图 AutoNavi',
    approval: null,
    needsKey: false,
    maxzoom: 18,
  },
];

/** A basemap ready for the map: its tile URLs with the key filled in. */
export interface ResolvedBasemap {
  id: string;
  datum: BasemapDatum;
  layers: string[][];
  attribution: string;
  maxzoom: number;
}

/** Words added to a Chinese basemap's attribution when its 审图号 is not configured. */
const NO_APPROVAL = '审图号未配置';

/**
 * The basemap `id` ready to draw, or `null` for the embedded one (and for an unknown id, or one
 * whose key is missing).
 * @param keys the user's keys by basemap id.
 */
export function resolveBasemap(id: string, keys: Readonly<Record<string, string>>): ResolvedBasemap | null {
  const b = BASEMAPS.find((x) => x.id === id);
  if (!b || b.layers.length === 0) return null;
  const key = keys[b.id] ?? '';
  if (b.needsKey && key === '') return null;
  const chinese = b.id === 'tianditu' || b.id === 'amap';
  const approval = b.approval ?? (chinese ? NO_APPROVAL : '');
  return {
    id: b.id,
    datum: b.datum,
    layers: b.layers.map((tiles) => tiles.map((t) => t.replace('{key}', encodeURIComponent(key)))),
    attribution: [b.attribution, approval].filter(Boolean).join(' · '),
    maxzoom: b.maxzoom,
  };
}
