/**
 * Presenter mode's words in Chinese and English (kept beside the stage, loaded with it on demand).
 */
import { fillTemplate, type Lang } from '../i18n';

const WORDS = {
  present: { zh: '演示', en: 'Present' },
  builderTitle: { zh: '为来访企业生成演示路线', en: 'Build a pitch for a visiting company' },
  builtIn: { zh: '现成的演示', en: 'Ready-made pitches' },
  profile: { zh: '按企业的产业方向生成', en: "From the company's industry" },
  chooseDirections: { zh: '企业的产业方向', en: "The company's industry directions" },
  includeDistricts: { zh: '板块：只看 / 不看', en: 'Districts: only / leave out' },
  only: { zh: '只看', en: 'only' },
  leaveOut: { zh: '不看', en: 'leave out' },
  generate: { zh: '生成路线', en: 'Generate route' },
  routeRule: {
    zh: '路线规则：先看全市概况；再按匹配的城市级产业园数、匹配记录数、重点方向匹配数（从多到少）依次访问各板块，每个板块后接其匹配的城市级产业园；最后并列比较匹配的产业园。',
    en: 'Route rule: Suzhou at a glance first; then each district in order of matching city parks, matching records and matching focus directions (most first), each followed by its matching city parks; last, the matching parks side by side.',
  },
  stops: { zh: '站点', en: 'Stops' },
  startPitch: { zh: '开始演示', en: 'Start presenting' },
  stopCount: { zh: '{n} 站', en: '{n} stops' },
  pitchLanguage: { zh: '演示语言：中文 · 切换为', en: 'Language: English · switch to' },
  moveUp: { zh: '上移', en: 'Move up' },
  moveDown: { zh: '下移', en: 'Move down' },
  remove: { zh: '删除', en: 'Remove' },
  addSelection: { zh: '把当前选中的加为下一站', en: 'Add the current selection as the next stop' },
  next: { zh: '下一站', en: 'Next' },
  prev: { zh: '上一站', en: 'Back' },
  resume: { zh: '回到本站', en: 'Back to the stop' },
  leave: { zh: '退出演示', en: 'Leave' },
  editStops: { zh: '编辑站点', en: 'Edit stops' },
  progress: { zh: '第 {n} / {total} 站', en: 'Stop {n} of {total}' },
  keys: {
    zh: '→ 空格 PageDown 下一站 · ← PageUp 上一站 · Home/End 首末站 · R 回到本站 · Esc 退出',
    en: '→ Space PageDown next · ← PageUp back · Home/End first/last · R back to the stop · Esc leave',
  },
  allDirections: { zh: '全部方向', en: 'All directions' },
  overviewTitle: { zh: '苏州概览', en: 'Suzhou at a glance' },
  overviewLine: {
    zh: '苏州市十大数字经济产业园与各板块的重点发展方向（据《苏州市数字经济“十四五”发展规划》等五份文件）。',
    en: "Suzhou's ten city digital-economy parks and each district's focus, from five public policy documents.",
  },
  countParks: { zh: '城市级产业园', en: 'City parks' },
  countRecords: { zh: '匹配的载体与园区', en: 'Matching carriers and parks' },
  countFocusDistricts: { zh: '重点方向匹配的板块', en: 'Districts whose focus matches' },
  countUnplaced: { zh: '其中仅知所在板块', en: 'of which located only by district' },
  focusIs: { zh: '重点发展方向：', en: 'Focus: ' },
  focusNames: { zh: '与本次方向相关：', en: 'Relevant here: ' },
  focusNamesNone: {
    zh: '该板块的重点方向未直接列出本次方向；这里有匹配的载体。',
    en: "The district's focus does not name these directions; it holds matching carriers.",
  },
  itsDirections: { zh: '方向：', en: 'Directions: ' },
  location: { zh: '位置：', en: 'Location: ' },
  closingTitle: { zh: '匹配的产业园一览', en: 'The matching parks side by side' },
  closingLine: {
    zh: '与本次方向相关的城市级数字经济产业园。',
    en: 'The city digital-economy parks for these directions.',
  },
  closingNone: {
    zh: '文件所列十大产业园中没有与本次方向直接相关的。',
    en: 'None of the ten city parks the documents list names these directions.',
  },
  figures: { zh: '相关数字', en: 'Figures' },
  noFigures: {
    zh: '文件未给出这些方向的全市数字。',
    en: 'The documents give no city-wide figure for these directions.',
  },
  sources: { zh: '出处', en: 'Sources' },
  line: { zh: '第 {n} 行', en: 'line {n}' },
  more: { zh: '另有 {n} 项', en: '{n} more' },
  emptyStops: { zh: '没有站点。', en: 'No stops.' },
  stageLegend: { zh: '本站图例', en: 'On this map' },
  exploring: { zh: '您已离开本站视图', en: 'You have moved away from the stop' },
  legendParks: { zh: '城市级数字经济产业园', en: 'City digital-economy park' },
  legendFocus: { zh: '重点方向含本次方向的板块', en: 'District whose focus names these directions' },
  legendSelected: { zh: '本站板块', en: 'This stop’s district' },
  legendUnplaced: { zh: '仅知所在板块（示意，不代表位置）', en: 'Known only by district (schematic, not a location)' },
  swipeHint: { zh: '左右滑动切换', en: 'Swipe to move between stops' },
} as const;

/** A presenter string; `{name}` placeholders are replaced from `vars`. */
export function presenterWord(lang: Lang, key: keyof typeof WORDS, vars: Record<string, string | number> = {}): string {
  return fillTemplate(WORDS[key][lang], vars);
}
export type PresenterWord = keyof typeof WORDS;
