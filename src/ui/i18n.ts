/**
 * UI strings in Chinese and English. Record names come from the data (`name_zh` / `name_en`).
 */
export type Lang = 'zh' | 'en';

const STRINGS = {
  title: { zh: '苏州数字经济产业地图', en: 'Suzhou Digital-Economy Industrial Map' },
  subtitle: {
    zh: '十大数字经济产业园 · 各板块重点发展方向 · 主要产业载体',
    en: 'Ten city digital-economy parks · district focus areas · key carriers',
  },
  directions: { zh: '重点发展方向', en: 'Industry directions' },
  matchAny: { zh: '任一方向', en: 'Any chosen' },
  matchAll: { zh: '全部方向', en: 'All chosen' },
  inherit: { zh: '含所在板块的重点方向', en: "Include the district's focus directions" },
  districts: { zh: '板块', en: 'Districts' },
  reset: { zh: '清除筛选', en: 'Clear filter' },
  parks: { zh: '园区', en: 'Parks' },
  carriers: { zh: '载体', en: 'Carriers' },
  districtLevel: { zh: '其中仅知所在板块', en: 'of which located only by district' },
  legend: { zh: '图例', en: 'Legend' },
  layerFocus: { zh: '板块重点方向', en: 'District focus' },
  layerParks: { zh: '十大数字经济产业园', en: 'Ten city parks' },
  layerCarriers: { zh: '主要产业载体', en: 'Key carriers' },
  parkLocated: { zh: '产业园（片区位置）', en: 'Park (area location)' },
  parkAnchored: {
    zh: '产业园（仅知板块，画在板块标注处）',
    en: 'Park (district known only; drawn at the district label)',
  },
  carrierPoint: { zh: '载体（片区中心，颜色=方向）', en: 'Carrier (area centre; colour = direction)' },
  areaHalo: { zh: '片区范围（位置不确定半径）', en: 'Area (uncertainty radius)' },
  districtLevelNote: {
    zh: '仅知所在板块的载体不画成点：其数目以“+N”标在板块标注旁，并列在板块卡片中。',
    en: 'Carriers known only by district are not drawn as points: their number is shown as “+N” beside the district marker, and they are listed in its card.',
  },
  focusRamp: { zh: '板块重点方向中含所选方向数', en: 'Chosen directions among the district focus' },
  kind: { zh: '类型', en: 'Kind' },
  kindDistrict: { zh: '板块（区/县级市）', en: 'District' },
  district: { zh: '所在板块', en: 'District' },
  ownDirections: { zh: '自身方向', en: 'Own directions' },
  inheritedDirections: { zh: '所在板块的重点方向', en: "District's focus directions" },
  fromName: { zh: '据名称', en: 'from its name' },
  stated: { zh: '文件所述', en: 'stated' },
  none: { zh: '（无）', en: '(none)' },
  asWritten: { zh: '原文', en: 'As written' },
  reading: { zh: '释读', en: 'Reading' },
  location: { zh: '位置', en: 'Location' },
  precision_site: { zh: '具体地点', en: 'site' },
  precision_area: { zh: '片区', en: 'area' },
  precision_district: { zh: '仅知板块', en: 'district only' },
  'precision_district-set': { zh: '跨多个板块', en: 'several districts' },
  schematic: { zh: '示意', en: 'schematic' },
  schematicList: { zh: '示意范围（板块由名称推断）', en: 'Schematic extents (districts read from the name)' },
  undatedFacts: { zh: '未注明年份的数据', en: 'Figures with no year in the text' },
  outlineStated: {
    zh: '所选板块；或跨板块记录的板块（文件列明）',
    en: 'Selected district; or the districts a record spans (listed in the documents)',
  },
  outlineSchematic: {
    zh: '跨板块记录的板块，由名称推断（示意）',
    en: 'Districts a record spans, read from its name (schematic)',
  },
  schematicNote: {
    zh: '所含板块由名称推断（文件未列明），地图上以虚线示意',
    en: 'Districts read from the name (the documents do not list them); dashed on the map',
  },
  sources: { zh: '出处', en: 'Sources' },
  line: { zh: '行', en: 'line' },
  category: { zh: '类别', en: 'Category' },
  focusTerms: { zh: '重点发展方向/领域（原文）', en: 'Focus directions (as written)' },
  carrierList: { zh: '主要产业载体', en: 'Key carriers' },
  flyTo: { zh: '定位', en: 'Show on map' },
  close: { zh: '关闭', en: 'Close' },
  sameSpot: { zh: '同一位置的其他载体', en: 'Other carriers at this spot' },
  translation: { zh: '英文为本项目译名', en: 'our translation' },
  official: { zh: '官方英文名', en: 'official name' },
  loading: { zh: '正在加载地图…', en: 'Loading map…' },
  dataError: { zh: '数据加载失败', en: 'The map data could not be loaded' },
  mapError: { zh: '地图无法显示', en: 'The map could not be shown' },
  urlNotice: { zh: '已忽略无效的链接参数', en: 'Ignored invalid link parameters' },
  all: { zh: '全部', en: 'All' },
  kinds: { zh: '类型图层', en: 'Layers by kind' },
  kind_carrier: { zh: '产业载体', en: 'Industrial carrier' },
  kind_institute: { zh: '研究院所', en: 'Research institute' },
  kind_lab: { zh: '实验室', en: 'Laboratory' },
  'kind_computing-centre': { zh: '数据与算力中心', en: 'Data / computing centre' },
  kind_platform: { zh: '创新平台', en: 'Innovation platform' },
  kind_zone: { zh: '示范区与片区', en: 'Zone' },
  kind_corridor: { zh: '走廊与产业带', en: 'Corridor / belt' },
  aiPlusPark: { zh: '“AI+”特色产业园（十全十美，文件003）', en: '"AI+" park (十全十美, document 003)' },
  aiPlusOnly: {
    zh: '“AI+”产业园，非十大数字经济产业园（两份文件在此板块所列园区不同）',
    en: '"AI+" park that is not a city park (the two documents name different parks here)',
  },
  roleCity: { zh: '十大数字经济产业园（文件001）', en: 'City digital-economy park (document 001)' },
  roleAiPlus: { zh: '“AI+”融合应用特色产业园（文件003）', en: '"AI+" application park (document 003)' },
  roleKey: { zh: '主要产业载体（文件001一览表）', en: 'Key carrier (document 001 table)' },
  roles: { zh: '身份', en: 'Roles' },
  aliases: { zh: '别称', en: 'Also written' },
  spans: { zh: '涉及板块', en: 'Spans' },
  facts: { zh: '关键数据', en: 'Key figures' },
  factTarget: { zh: '目标', en: 'target' },
  searchLabel: { zh: '搜索载体、园区或板块', en: 'Search carriers, parks or districts' },
  searchPlaceholder: { zh: '搜索名称…', en: 'Search by name…' },
  searchNone: { zh: '没有匹配的名称', en: 'No matching name' },
  undated: { zh: '未注明年份', en: 'undated' },
  factBaseline: { zh: '基数', en: 'baseline' },
  city: { zh: '苏州全市', en: 'Suzhou (city)' },
  cityOverview: { zh: '全市概览', en: 'City overview' },
  quality: { zh: '数据质量', en: 'Data quality' },
  byDocument: { zh: '按文件', en: 'By document' },
  byKind: { zh: '按类型', en: 'By kind' },
  byDistrict: { zh: '按板块', en: 'By district' },
  byPrecision: { zh: '按位置精度', en: 'By location precision' },
  notPoints: {
    zh: '未画成点的记录（仅知板块或跨板块）',
    en: 'Records not drawn as points (district-level or several districts)',
  },
  ambiguities: { zh: '已处理的歧义（拆分、释读、别称）', en: 'Resolved ambiguities (split cells, readings, aliases)' },
  records: { zh: '条记录', en: 'records' },
  badge: { zh: '个匹配的载体仅知所在板块', en: 'matching carriers known only by district' },
} as const;

export type StringKey = keyof typeof STRINGS;

/** The string `key` in `lang`. */
export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}

/** A record's or district's name in the interface language (`name_en` in English, else `name_zh`). */
export function nameIn(r: { name_zh: string; name_en: string }, lang: Lang): string {
  return lang === 'en' ? r.name_en : r.name_zh;
}
