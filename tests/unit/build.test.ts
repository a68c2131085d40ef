/**
 * The data build rejects bad records with file, line, record and field; fails when data is lost
 * (record lock, inventory) or a note names a document by number; keeps the record files in
 * canonical form (`--check` / `--fix`); and stops clearly when the shared base geography is missing.
 *
 * Each case works on a copy of `geo/` in a temporary folder (removed afterwards). Problems the build
 * finds in one pass are planted together in one copy, one record each, and built once: each test
 * then asserts its own problem, and together they show that no problem hides another.
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { buildData } from '../../geo/build/build';
import { type BuildIssue, DataBuildError, formatIssue } from '../../geo/build/issues';
import { LOCK_FILE } from '../../geo/build/lock';
import { checkCanonical, fixCanonical } from '../../geo/build/tidy';
import { ROOT, realInputs } from './records';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of `geo/` in a fresh temporary folder (removed after the file's tests), and helpers on it. */
function copyGeo() {
  const tmp = mkdtempSync(join(tmpdir(), 'sde-geo-'));
  made.push(tmp);
  cpSync(join(ROOT, 'geo'), join(tmp, 'geo'), { recursive: true });
  const inputs = realInputs({ rootDir: tmp, geoDir: join(tmp, 'geo') });
  const path = (file: string) => join(tmp, 'geo', file);
  /** Applies `change` to one file. @returns the new text. */
  const edit = (file: string, change: (text: string) => string) => {
    const text = change(readFileSync(path(file), 'utf8'));
    writeFileSync(path(file), text);
    return text;
  };
  /** Runs the build. @returns the problems it reports (none when it builds). */
  const build = (): BuildIssue[] => {
    try {
      buildData(inputs, join(tmp, 'out'));
    } catch (e) {
      if (e instanceof DataBuildError) return e.issues;
      throw e;
    }
    return [];
  };
  return { tmp, inputs, path, edit, build, read: (file: string) => readFileSync(path(file), 'utf8') };
}

/** Applies `change` to the block of record `id` only (its `- id:` line up to the next record). */
function inRecord(id: string, change: (block: string) => string) {
  return (text: string) => {
    const start = text.indexOf(`  - id: ${id}\n`);
    if (start < 0) throw new Error(`record ${id} not found`);
    const next = text.indexOf('\n  - id: ', start);
    const end = next < 0 ? text.length : next + 1;
    const block = text.slice(start, end);
    const changed = change(block);
    if (changed === block) throw new Error(`the edit of ${id} changed nothing`);
    return text.slice(0, start) + changed + text.slice(end);
  };
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

const geoFile = (file: string) => join('geo', file);
const SIP = 'records/carriers/sip.yaml';
const LOCK = geoFile(LOCK_FILE);

describe('a record that fails its schema stops the build at its field', () => {
  let copy: ReturnType<typeof copyGeo>;
  let issues: BuildIssue[] = [];
  beforeAll(() => {
    copy = copyGeo();
    copy.edit(
      SIP,
      inRecord('sip-international-science-park', (b) =>
        b.replace('name_en_status: official', 'name_en_status: officially'),
      ),
    );
    copy.edit(
      SIP,
      inRecord('sip-ai-industrial-park', (b) => b.replace(/\n {4}name_en: [^\n]*/, '')),
    );
    copy.edit(
      SIP,
      inRecord('sip-2-5-industrial-park', (b) => b.replace(/\n {4}reading_note_zh: [^\n]*/, '')),
    );
    copy.edit(
      'facts/001-districts.yaml',
      inRecord('f001-internet-penetration', (b) => b.replace(/\n {4}period_note: [^\n]*/, '')),
    );
    issues = copy.build();
  });

  it('reports each problem once, and nothing else', () => {
    expect(issues.map((i) => `${i.record} ${i.field}`).sort()).toEqual([
      'f001-internet-penetration period_note',
      'sip-2-5-industrial-park reading_note_zh',
      'sip-ai-industrial-park name_en',
      'sip-international-science-park name_en_status',
    ]);
  });
  it('a wrong value: the line of the field', () => {
    const issue = issues.find((i) => i.field === 'name_en_status');
    expect(issue).toMatchObject({ file: geoFile(SIP), line: lineOf(copy.read(SIP), 'name_en_status: officially') });
    expect(formatIssue(issue as BuildIssue)).toMatch(
      /^geo\/records\/carriers\/sip\.yaml:\d+ › sip-international-science-park › name_en_status: /,
    );
  });
  it('a missing field: the line of its record', () => {
    expect(issues.find((i) => i.field === 'name_en')?.line).toBe(lineOf(copy.read(SIP), 'id: sip-ai-industrial-park'));
  });
  it('a reading note with no Chinese form, and a fact with neither a year nor a period note', () => {
    expect(issues.find((i) => i.field === 'reading_note_zh')?.file).toBe(geoFile(SIP));
    expect(issues.find((i) => i.field === 'period_note')?.file).toBe(geoFile('facts/001-districts.yaml'));
  });
});

describe('problems with sound records are all reported, each at its file and line', () => {
  let copy: ReturnType<typeof copyGeo>;
  let issues: BuildIssue[] = [];
  const find = (record: string, field?: string) =>
    issues.filter((i) => i.record === record && (field === undefined || i.field === field));
  beforeAll(() => {
    copy = copyGeo();
    // Citations, directions, places, extents and district rows.
    copy.edit(
      SIP,
      inRecord('sip-international-science-park', (b) =>
        b.replace('quote: 国际科技园 }', 'quote: 国际科技园区不存在 }'),
      ),
    );
    copy.edit('records/carriers/xiangcheng.yaml', (t) => t.replace('term: 区块链', 'term: 量子'));
    copy.edit(
      'places/sip.yaml',
      inRecord('sip-jinji-lake', (b) => b.replace(/lon: 120\.\d+/, 'lon: 120.2')),
    );
    copy.edit('records/entities/001-text.yaml', (t) =>
      inRecord('city-yangcheng-lake-region', (b) =>
        b.replace('districts: [ xiangcheng, sip, kunshan ]', 'districts: [ xiangcheng, sip ]'),
      )(inRecord('city-taihu-sci-tech-innovation-circle', (b) => b.replace('along: [ 太湖 ]', 'along: [ 太湖湖 ]'))(t)),
    );
    copy.edit('districts.yaml', (t) => t.replace('direction_terms: [ 智能制造,', 'direction_terms: [ 量子计算,'));
    // Ids: a duplicate, a removed record, a changed id; a lost inventory name; files deleted and renamed.
    copy.edit(SIP, (t) => t.replace('id: sip-nano-sci-tech-park', 'id: sip-modern-service-industry-park'));
    copy.edit(
      SIP,
      inRecord('sip-ai-industrial-park', () => ''),
    );
    copy.edit(SIP, (t) => t.replace('id: sip-headquarters-park', 'id: sip-headquarters-park-2'));
    copy.edit(
      'records/entities/001-text.yaml',
      inRecord('cs-changshu-institute-of-technology', (b) =>
        b.replace('name_zh: 常熟理工学院', 'name_zh: 常熟理工大学'),
      ),
    );
    rmSync(copy.path('records/carriers/gusu.yaml'));
    renameSync(copy.path('records/carriers/snd.yaml'), copy.path('records/carriers/snd-2.yaml'));
    // Documents named by number or file name in notes users see.
    copy.edit(
      'records/carriers/kunshan.yaml',
      inRecord('ks-alibaba-film-base-zhouzhuang', (b) =>
        b
          .replace('reading_note: The AI Plan (line 97)', 'reading_note: Seed 003 line 97')
          .replace('reading_note_zh: 《人工智能试验区实施方案》第 97 行', 'reading_note_zh: 文件003第 97 行'),
      ),
    );
    copy.edit('records/entities/002-jiangsu.yaml', (t) =>
      t.replace('(the Jiangsu New Infrastructure Plan, line 31)', '(002_920cf910262248c4.txt, line 31)'),
    );
    issues = copy.build();
  });

  it('reports every planted problem, and the inventory name the deleted file took with it', () => {
    expect(issues.map((i) => i.record).sort()).toEqual(
      [
        '(file)',
        '(file)',
        '(file)',
        'city-taihu-sci-tech-innovation-circle',
        'city-yangcheng-lake-region',
        'ks-alibaba-film-base-zhouzhuang',
        'ks-alibaba-film-base-zhouzhuang',
        'ks-huaqiao-economic-development-zone',
        'sip-ai-industrial-park',
        'sip-headquarters-park',
        'sip-headquarters-park-2',
        'sip-international-science-park',
        'sip-jinji-lake',
        'sip-modern-service-industry-park',
        'sip-nano-sci-tech-park',
        'xc-yrd-blockchain-testing-lab',
        'zhangjiagang',
        '姑苏北部经济区数字经济产业园',
        '常熟理工学院',
      ].sort(),
    );
  });

  it('a quote that is not on its line: the line of the citation', () => {
    expect(find('sip-international-science-park')).toEqual([
      expect.objectContaining({
        file: geoFile(SIP),
        line: lineOf(copy.read(SIP), '国际科技园区不存在'),
        field: 'sources.0',
        message: expect.stringContaining('does not occur on line 737'),
      }),
    ]);
  });
  it('a from_name direction whose term is not in the name', () => {
    expect(issues.some((i) => i.field.endsWith('.term') && i.message.includes('量子'))).toBe(true);
  });
  it('a place outside its district polygon: the line of its longitude', () => {
    expect(find('sip-jinji-lake')).toEqual([
      expect.objectContaining({
        file: geoFile('places/sip.yaml'),
        line: lineOf(copy.read('places/sip.yaml'), 'lon: 120.2'),
        field: 'lon',
      }),
    ]);
  });
  it('a district set read along a lake that does not match the districts meeting the lake, or an unknown lake', () => {
    expect(find('city-yangcheng-lake-region', 'location.districts')[0]?.message).toMatch(/kunshan/);
    expect(find('city-taihu-sci-tech-innovation-circle', 'location.along.0')).toHaveLength(1);
  });
  it('a district direction wording the taxonomy does not map', () => {
    expect(find('zhangjiagang')).toEqual([
      expect.objectContaining({
        file: geoFile('districts.yaml'),
        line: lineOf(copy.read('districts.yaml'), '量子计算'),
        field: 'direction_terms.0',
      }),
    ]);
  });
  it('a duplicate id, naming where the first one is', () => {
    // The record renamed to a taken id comes first in table order, so the original is the duplicate.
    const text = copy.read(SIP);
    const duplicate = find('sip-modern-service-industry-park', 'id');
    expect(duplicate).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'id: sip-modern-service-industry-park\n    kind: carrier\n    seed_text: 现代服务业产业园'),
        message: `duplicate id (also in ${geoFile(SIP)}:${lineOf(text, 'id: sip-modern-service-industry-park')})`,
      }),
    ]);
    expect(find('sip-nano-sci-tech-park')[0]?.file).toBe(LOCK);
  });
  it('a removed record: its id is gone from the lock entry of its file', () => {
    expect(find('sip-ai-industrial-park')).toEqual([
      expect.objectContaining({
        file: LOCK,
        line: lineOf(copy.read(LOCK_FILE), '    - sip-ai-industrial-park\n'),
        field: SIP,
        message: expect.stringMatching(/^record sip-ai-industrial-park is gone from geo\/records\/carriers\/sip\.yaml/),
      }),
    ]);
  });
  it('a changed id: the old one is gone, the new one is not locked (and --fix would add it)', () => {
    expect(find('sip-headquarters-park')).toHaveLength(1);
    expect(find('sip-headquarters-park-2')).toEqual([
      expect.objectContaining({
        file: geoFile(SIP),
        line: lineOf(copy.read(SIP), 'id: sip-headquarters-park-2'),
        message:
          'record sip-headquarters-park-2 is not in geo/records.lock.yaml: run `npm run data -- --fix` to add it',
      }),
    ]);
  });
  it('a deleted record file', () => {
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: LOCK,
        line: lineOf(copy.read(LOCK_FILE), 'records/carriers/gusu.yaml:'),
        record: '(file)',
        field: 'records/carriers/gusu.yaml',
        message: expect.stringMatching(
          /^record file geo\/records\/carriers\/gusu\.yaml is gone \(deleted or renamed\)/,
        ),
      }),
    );
  });
  it('a renamed record file: the old name is gone, the new one is not locked', () => {
    expect(issues).toContainEqual(expect.objectContaining({ file: LOCK, field: 'records/carriers/snd.yaml' }));
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: geoFile('records/carriers/snd-2.yaml'),
        line: 1,
        message: expect.stringContaining('not in geo/records.lock.yaml: run `npm run data -- --fix`'),
      }),
    );
  });
  it('a record named in the inventory that loses its name: the line of the name in the inventory', () => {
    expect(find('常熟理工学院')).toEqual([
      expect.objectContaining({
        file: geoFile('inventory.yaml'),
        line: lineOf(copy.read('inventory.yaml'), '"常熟理工学院"'),
        message: expect.stringContaining('cites document 001 (the Digital Economy Plan)'),
      }),
    ]);
  });
  it('a seed number or file name in a note users see: the line of the note', () => {
    const text = copy.read('records/carriers/kunshan.yaml');
    expect(find('ks-alibaba-film-base-zhouzhuang')).toEqual([
      expect.objectContaining({ line: lineOf(text, 'reading_note: Seed 003'), field: 'reading_note' }),
      expect.objectContaining({ line: lineOf(text, 'reading_note_zh: 文件003'), field: 'reading_note_zh' }),
    ]);
    expect(find('ks-huaqiao-economic-development-zone', 'location.note')).toHaveLength(1);
  });
});

describe('a fact tagged with an unknown direction stops the build at its field', () => {
  it('reports the file, the line of the key, the record and the field, and nothing else', () => {
    const copy = copyGeo();
    const facts = 'facts/000-new-infrastructure.yaml';
    copy.edit(
      facts,
      inRecord('f000-blockchain-talent-2022', (b) =>
        b.replace('directions: [ blockchain ]', 'directions: [ blockchain, block-chain ]'),
      ),
    );
    expect(copy.build()).toEqual([
      {
        file: geoFile(facts),
        line: lineOf(copy.read(facts), 'block-chain'),
        record: 'f000-blockchain-talent-2022',
        field: 'directions.1',
        message: 'unknown direction block-chain',
      },
    ]);
  });
});

describe('geocoding in the build', () => {
  it('fails on a record whose words name a place outside its district until the record settles it', () => {
    const copy = copyGeo();
    const file = 'records/entities/001-text.yaml';
    copy.edit(
      file,
      inRecord('wz-dongshan-ecommerce-park', (b) => b.replace(/\n {6}geocode:[^\n]*(\n {8}[^\n]*)*/, '')),
    );
    const text = copy.read(file);
    const at = text.indexOf('  - id: wz-dongshan-ecommerce-park');
    const quoteLine = text.slice(0, text.indexOf('quote: 东山电商园、相城区渭塘珍珠电商产业园', at)).split('\n').length;
    expect(copy.build()).toEqual([
      expect.objectContaining({
        file: geoFile(file),
        line: quoteLine,
        record: 'wz-dongshan-ecommerce-park',
        field: 'sources.0.quote',
        message: expect.stringMatching(
          /names 渭塘镇 \(town-xiangcheng-weitang, xiangcheng\), outside .* location\.geocode/,
        ),
      }),
    ]);
  });
});

describe('the record lock under --fix', () => {
  it('adds new ids but never removes one', () => {
    const copy = copyGeo();
    copy.edit(SIP, (t) => t.replace('id: sip-ai-industrial-park', 'id: sip-ai-industrial-park-2'));
    expect(fixCanonical(copy.inputs)).toEqual([LOCK]);
    const locked = parse(copy.read(LOCK_FILE)).files[SIP] as string[];
    expect(locked).toContain('sip-ai-industrial-park-2');
    expect(locked).toContain('sip-ai-industrial-park');
    expect(copy.build().map((i) => `${i.file} ${i.record}`)).toEqual([`${LOCK} sip-ai-industrial-park`]);
  });
});

describe('canonical form', () => {
  it('holds for every record file and the lock', () => {
    expect(checkCanonical(realInputs())).toEqual([]);
  });

  it('is reported with the first differing line, and restored by --fix without changing data', () => {
    const copy = copyGeo();
    const original = (file: string) => readFileSync(join(ROOT, 'geo', file), 'utf8');
    // Keys out of schema order, a quoted scalar, a short map written as a block, two records swapped.
    copy.edit(SIP, (t) =>
      t
        .replace('    kind: carrier\n    seed_text: 国际科技园\n', '    seed_text: 国际科技园\n    kind: carrier\n')
        .replace('term: 人工智能 }', 'term: "人工智能" }')
        .replace('location: { precision: district }', 'location:\n      precision: district'),
    );
    const facts = 'facts/001-plan.yaml';
    copy.edit(facts, (t) => {
      const records = t.split(/(?=\n {2}- id: )/);
      [records[1], records[2]] = [records[2], records[1]];
      return records.join('');
    });
    const found = checkCanonical(copy.inputs);
    expect(found.map((n) => n.file).sort()).toEqual([geoFile(facts), geoFile(SIP)]);
    expect(found.find((n) => n.file === geoFile(SIP))).toMatchObject({
      line: lineOf(original(SIP), '    kind: carrier'),
      expected: '    kind: carrier',
      actual: '    seed_text: 国际科技园',
    });
    expect(fixCanonical(copy.inputs).sort()).toEqual([geoFile(facts), geoFile(SIP)]);
    expect(copy.read(SIP)).toBe(original(SIP));
    expect(copy.read(facts)).toBe(original(facts));
    expect(checkCanonical(copy.inputs)).toEqual([]);
  });
});

describe('inputs', () => {
  it('stops with a clear message when the base geography is missing', () => {
    expect(() =>
      buildData(realInputs({ sharedGeoDir: join(tmpdir(), 'no-such-shared-geo') }), join(tmpdir(), 'sde-never')),
    ).toThrow(/base geography folder not found.*\n.*SUZHOU_SHARED_GEO/);
  });
  it('builds the real data with no problem (the unit run builds it once, in its global setup)', () => {
    expect(inject('realDataError')).toBe('');
  });
});
