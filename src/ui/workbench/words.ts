/**
 * The workbench's words in Chinese and English (kept beside its tools, loaded with them). The
 * first block is the charts' and the district comparison's; the drawer's own strings follow in
 * their own block.
 */
import { fillTemplate, type Lang } from '../i18n';

/** Strings of the linked charts and of the district comparison. */
const CHART_WORDS = {
  chartsTitle: { zh: '图表', en: 'Charts' },
  chartsHint: {
    zh: '悬停或用方向键移动：在地图和结果表中突出显示；点击或回车：固定（再点一次或 Esc 取消）。',
    en: 'Hover or use the arrow keys to highlight on the map and in the table; click or Enter to pin (again or Esc to clear).',
  },
  matrixTitle: { zh: '方向 × 板块：匹配的记录数', en: 'Directions × districts: matching records' },
  matrixNote: {
    zh: '每格：带有该方向、计入该板块的匹配记录数。跨几个板块的记录在每个板块各计一次；“合计”中每条记录只计一次，所以合计可能小于各格之和。',
    en: 'Each cell: matching records that carry the direction and count in the district. A record spanning several districts counts in each; a total counts each record once, so it can be less than the sum of its cells.',
  },
  matrixCorner: { zh: '方向 \\ 板块', en: 'Direction \\ district' },
  total: { zh: '合计', en: 'Total' },
  columnTotal: { zh: '合计（每条记录计一次）', en: 'Total (each record once)' },
  unassigned: { zh: '无所列方向', en: 'None of these directions' },
  unassignedNote: {
    zh: '匹配、但不带有上列任何方向的记录（例如自身未标方向的记录）。',
    en: 'Matching records that carry none of the directions above (e.g. records with no direction of their own).',
  },
  cityParkMark: { zh: '★ 含城市级数字经济产业园', en: '★ holds a city digital-economy park' },
  scaleLabel: { zh: '颜色：记录数', en: 'Colour: records' },
  cellLabel: { zh: '{direction} · {district}：{n} 条记录', en: '{direction} · {district}: {n} records' },
  cellParks: { zh: '，其中城市级产业园 {n} 个', en: ', of which {n} city park(s)' },
  rowTotalLabel: { zh: '{direction} 合计：{n} 条记录', en: '{direction}, total: {n} records' },
  columnTotalLabel: { zh: '{district} 合计：{n} 条记录', en: '{district}, total: {n} records' },
  selectedColumn: { zh: '（地图上选中）', en: '(selected on the map)' },
  selectedRecordCell: { zh: '（含地图上选中的记录）', en: '(holds the record selected on the map)' },
  byDirection: { zh: '按方向', en: 'By direction' },
  byDirectionNote: {
    zh: '带有多个方向的记录在每个方向各计一次。',
    en: 'A record with several directions counts in each.',
  },
  byKind: { zh: '按类型', en: 'By kind' },
  barsAxis: { zh: '横轴：匹配的记录数。', en: 'Axis: matching records.' },
  // The visible label and count come first and in order (WCAG 2.5.3: the name contains the visible text).
  barLabel: { zh: '{name} {n} 条记录', en: '{name} {n} records' },
  barHighlighted: { zh: '，其中 {n} 条突出显示', en: ', {n} of them highlighted' },
  nothing: { zh: '当前筛选没有匹配的记录。', en: 'The filter matches no record.' },
  highlightNone: { zh: '未突出显示任何记录。', en: 'Nothing highlighted.' },
  highlightShown: { zh: '突出显示 {n} 条记录：{what}', en: '{n} records highlighted: {what}' },
  highlightIds: { zh: '{n} 条记录', en: '{n} records' },
  pinned: { zh: '已固定', en: 'pinned' },
  unpin: { zh: '取消固定', en: 'Clear' },
  legendHighlight: { zh: '突出显示（地图上为同色圆环）', en: 'Highlighted (the same ring on the map)' },
  legendSelected: { zh: '地图上选中', en: 'Selected on the map' },
  // The district comparison.
  compareTitle: { zh: '板块比较', en: 'Compare districts' },
  comparePick: {
    zh: '选择两个或更多板块（在地图上按住 Shift 点击也可加入）：',
    en: 'Choose two or more districts (or Shift-click them on the map):',
  },
  compareMore: { zh: '再选择至少一个板块即可并排比较。', en: 'Choose at least one more district to compare.' },
  compareNone: { zh: '尚未选择板块。', en: 'No district chosen yet.' },
  compareClear: { zh: '清除选择', en: 'Clear' },
  compareAspect: { zh: '项目', en: 'Aspect' },
  category: { zh: '类别', en: 'Category' },
  focus: { zh: '重点发展方向', en: 'Focus directions' },
  focusShared: { zh: '共有（所选板块都有）', en: 'Shared (in every district chosen)' },
  focusUnique: { zh: '独有（其他所选板块都没有）', en: 'Unique (in no other district chosen)' },
  focusSome: { zh: '与部分板块共有', en: 'Shared with some' },
  sharedTag: { zh: '共有', en: 'shared' },
  uniqueTag: { zh: '独有', en: 'unique' },
  cityParks: { zh: '城市级数字经济产业园', en: 'City digital-economy parks' },
  records: { zh: '匹配的记录', en: 'Matching records' },
  recordsDetail: {
    zh: '其中仅知所在板块 {unplaced}，跨板块 {spanning}',
    en: '{unplaced} known only by district, {spanning} spanning districts',
  },
  kinds: { zh: '按类型', en: 'By kind' },
  directions: { zh: '按方向（匹配的记录）', en: 'By direction (matching records)' },
  directionsHidden: {
    zh: '另有 {n} 个方向在这些板块都没有匹配的记录，未列出。',
    en: '{n} more directions have no matching record in these districts and are not listed.',
  },
  figures: { zh: '主要数字', en: 'Headline figures' },
  noFigures: { zh: '文件未给出该板块的数字。', en: 'The documents give no figure for this district.' },
  none: { zh: '（无）', en: '(none)' },
  followsFilter: {
    zh: '类别与重点方向出自一览表；其余计数随当前筛选变化，跨板块的记录在每个板块各计一次。',
    en: 'Category and focus come from the planning table; the counts follow the filter, and a record spanning several districts counts in each.',
  },
} as const;

export type ChartWord = keyof typeof CHART_WORDS;

/** A chart or comparison string in `lang`; `{name}` placeholders are replaced from `vars`. */
export function chartWord(lang: Lang, key: ChartWord, vars: Record<string, string | number> = {}): string {
  return fillTemplate(CHART_WORDS[key][lang], vars);
}
