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
  kindPark: { zh: '市级数字经济产业园 · 主要产业载体', en: 'City digital-economy park · key carrier' },
  kindCarrier: { zh: '主要产业载体', en: 'Key carrier' },
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
  badge: { zh: '个匹配的载体仅知所在板块', en: 'matching carriers known only by district' },
} as const;

export type StringKey = keyof typeof STRINGS;

/** The string `key` in `lang`. */
export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}
