/**
 * An independent reader of seed 001's two tables, used by the data tests to check the records
 * against the document itself (so a record dropped or renamed by mistake fails a test).
 *
 * - 苏州市十大数字经济产业园: `district<TAB>park` lines after the title line.
 * - 苏州市各板块数字经济发展空间布局一览表: `district<TAB>类别<TAB>方向<TAB>载体` rows; a row whose
 *   district cell is empty continues the previous row across a page break (cells are joined as
 *   written, so a name split by the break is joined back); repeated header rows are skipped.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SEED_001 = resolve(
  process.env.SUZHOU_SEEDS ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds'),
  '001_6931804451433cfe.txt',
);

export interface ParkRow {
  district: string;
  park: string;
  line: number;
}
export interface LayoutRow {
  district: string;
  categories: string[];
  directions: string[];
  carriers: string[];
  lines: number[];
}

const split = (cell: string) =>
  cell
    .split('、')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Reads both tables from the seed text. @throws Error when a table title is not found. */
export function readSeedTables(path = SEED_001): { parks: ParkRow[]; layout: LayoutRow[] } {
  const lines = readFileSync(path, 'utf8').split('\n');
  const parkTitle = lines.findIndex((l) => l.trim() === '苏州市十大数字经济产业园');
  const layoutTitle = lines.findIndex((l) => l.trim() === '苏州市各板块数字经济发展空间布局一览表');
  if (parkTitle < 0 || layoutTitle < 0) throw new Error(`table titles not found in ${path}`);

  const parks: ParkRow[] = [];
  for (let i = parkTitle + 1; i < layoutTitle; i++) {
    const cells = lines[i].split('\t');
    if (cells.length === 2 && cells[0].trim() && cells[1].trim()) {
      parks.push({ district: cells[0].trim(), park: cells[1].trim(), line: i + 1 });
    }
  }

  const raw: Array<{ cells: string[]; lines: number[] }> = [];
  for (let i = layoutTitle + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('第四章')) break;
    const cells = l.split('\t');
    if (cells.length !== 4) continue;
    if (cells[0].startsWith('区（市）')) continue;
    if (cells[0].trim() === '') {
      const prev = raw[raw.length - 1];
      prev.cells = prev.cells.map((c, k) => (k === 0 ? c : c + cells[k]));
      prev.lines.push(i + 1);
    } else raw.push({ cells, lines: [i + 1] });
  }
  const layout = raw.map(({ cells, lines: ls }) => ({
    district: cells[0].trim(),
    categories: split(cells[1]),
    directions: split(cells[2]),
    carriers: split(cells[3]),
    lines: ls,
  }));
  return { parks, layout };
}
