/**
 * The workbench's words in Chinese and English: the drawer, the results table, proximity, the site
 * finder and downloads (the charts and the comparison keep theirs in `words.ts`).
 */
import { fillTemplate, type Lang } from '../i18n';

const WORDS = {
  open: { zh: '分析', en: 'Analyse' },
  drawer: { zh: '规划分析', en: "Planner's workbench" },
  tool_table: { zh: '结果表', en: 'Results' },
  tool_charts: { zh: '图表', en: 'Charts' },
  tool_compare: { zh: '板块比较', en: 'Compare' },
  tool_near: { zh: '周边', en: 'Nearby' },
  tool_sites: { zh: '选址', en: 'Site finder' },
  tool_download: { zh: '下载', en: 'Download' },
  close: { zh: '关闭', en: 'Close' },
  density: { zh: '密度', en: 'Density' },
  resultsCount: { zh: '符合筛选的记录 {n} 条', en: '{n} records match the filter' },
  resultsCaption: {
    zh: '符合筛选的记录：名称、板块、类型、方向、位置精度、出处文件。点击名称在地图上查看。',
    en: 'Records matching the filter: name, district, kind, directions, location precision, document. Choose a name to see it on the map.',
  },
  col_name: { zh: '名称', en: 'Name' },
  col_district: { zh: '板块', en: 'District' },
  col_kind: { zh: '类型', en: 'Kind' },
  col_directions: { zh: '方向', en: 'Directions' },
  col_precision: { zh: '位置精度', en: 'Precision' },
  col_document: { zh: '文件', en: 'Document' },
  nearHelp: {
    zh: '点击地图上任意一点，或在记录卡片上选“以此为中心”，查看半径内的记录与各方向最近的记录。',
    en: 'Click anywhere on the map, or choose "search around" on a record\'s card, to list what lies within the radius and the nearest record of each direction.',
  },
  pickOnMap: { zh: '在地图上点选中心', en: 'Pick a centre on the map' },
  picking: { zh: '请点击地图…', en: 'Click the map…' },
  radius: { zh: '半径（公里）', en: 'Radius (km)' },
  clear: { zh: '清除', en: 'Clear' },
  from: { zh: '中心：', en: 'From: ' },
  fromPoint: { zh: '地图上的点 {lon}, {lat}', en: 'map point {lon}, {lat}' },
  within: { zh: '{r} 公里内的记录（{n}）', en: 'Within {r} km ({n})' },
  noneWithin: { zh: '半径内没有已定位的记录。', en: 'No placed record within the radius.' },
  unknownHere: {
    zh: '所在板块与圆相交、但位置未知的记录（{n}）：不计距离',
    en: 'Records in a district the circle reaches, location unknown ({n}): no distance given',
  },
  reachBoxes: {
    zh: '（板块范围按外接矩形判断，区划边界加载后更准确）',
    en: '(districts tested by their boxes until their outlines load)',
  },
  nearest: { zh: '各方向最近的记录', en: 'Nearest of each chosen direction' },
  nearestNone: { zh: '没有已定位的记录', en: 'no placed record' },
  contenders: { zh: '（误差范围内，{names} 也可能同样近）', en: '(within the uncertainty, {names} may be as near)' },
  originUnplaced: {
    zh: '该记录仅知所在板块，没有可测量距离的位置。',
    en: 'This record is known only by district: there is no point to measure distances from.',
  },
  searchAround: { zh: '以此为中心查周边', en: 'Search around this' },
  sitesHelp: {
    zh: '按企业需求为产业园排序，并逐条说明得分。企业的产业方向即当前筛选的方向。',
    en: "Ranks the parks against what the company needs and explains every score. The company's directions are the filter's.",
  },
  prefer: { zh: '优先板块', en: 'Preferred districts' },
  railMax: { zh: '距火车站（高铁、城际）不超过（公里）', en: 'Rail station (HSR, intercity) within (km)' },
  airMax: { zh: '距机场不超过（公里）', en: 'Airport within (km)' },
  uniNear: { zh: '附近有大学（公里内）', en: 'A university within (km)' },
  includeCarriers: { zh: '也为其他载体排序', en: 'Rank other carriers too' },
  rank: { zh: '排序', en: 'Rank' },
  stopRanking: { zh: '清除排序', en: 'Clear ranking' },
  weights: {
    zh: '计分：每个符合的方向 +{direction}；在优先板块 +{district}；火车站、机场、大学在距离内各 +{rail}。火车站与机场的距离是硬性条件：超出（计入位置误差后仍超出）即排除；大学只加分。仅知板块的地点无法测距：不排除、距离项计 0。',
    en: 'Points: +{direction} per matching direction; +{district} in a preferred district; +{rail} each for a rail station, airport and university within the distance. Rail and airport distances are limits: a place beyond one (even allowing for its location uncertainty) is excluded; the university only adds points. A place known only by district cannot be measured: it is never excluded and scores 0 on distances.',
  },
  stationsKnown: {
    zh: '测量到的车站：{names}。地图的地名库没有其他车站（如苏州北站），这些距离可能偏大。',
    en: "Stations measured to: {names}. The map's gazetteer has no other station (e.g. Suzhou North), so these distances may be too long.",
  },
  loadingPlaces: { zh: '正在加载车站、机场与大学…', en: 'Loading stations, airports and universities…' },
  excluded: { zh: '已排除', en: 'Excluded' },
  score: { zh: '得分', en: 'Score' },
  sitesError: { zh: '无法排序：', en: 'Cannot rank: ' },
  downloadHelp: {
    zh: '下载符合当前筛选的记录（{n} 条），或方向 × 板块矩阵。',
    en: 'Download the records matching the filter ({n}), or the direction × district matrix.',
  },
  downloadGeojson: { zh: 'GeoJSON（RFC 7946）', en: 'GeoJSON (RFC 7946)' },
  downloadCsv: { zh: 'CSV（UTF-8，可用 Excel 打开）', en: 'CSV (UTF-8, opens in spreadsheets)' },
  downloadMatrix: { zh: '方向 × 板块矩阵 CSV', en: 'Direction × district matrix (CSV)' },
  downloadNote: {
    zh: '仅知板块的记录在 GeoJSON 中没有几何（null），在 CSV 中经纬度为空；坐标为 WGS-84。',
    en: 'Records known only by district have no geometry (null) in GeoJSON and empty longitude/latitude in CSV; coordinates are WGS-84.',
  },
} as const;

/** A workbench string; `{name}` placeholders are replaced from `vars`. */
export function toolWord(lang: Lang, key: keyof typeof WORDS, vars: Record<string, string | number> = {}): string {
  return fillTemplate(WORDS[key][lang], vars);
}
export type ToolWord = keyof typeof WORDS;
