/**
 * The data build rejects bad records with file, record and field, and stops clearly when the
 * shared base geography is missing. Each case copies `geo/` to a temporary folder and breaks one thing.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../geo/build/build';
import { type BuildIssue, DataBuildError } from '../../geo/build/issues';
import { ROOT, realInputs } from './records';

/** Copies geo/ to a temp folder, applies `edit` to one file's text, and runs the build there. */
function buildWith(file: string, edit: (text: string) => string): BuildIssue[] {
  const tmp = mkdtempSync(join(tmpdir(), 'sde-geo-'));
  cpSync(join(ROOT, 'geo'), join(tmp, 'geo'), { recursive: true });
  const path = join(tmp, 'geo', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  try {
    buildData(realInputs({ rootDir: tmp, geoDir: join(tmp, 'geo') }), join(tmp, 'out'));
  } catch (e) {
    if (e instanceof DataBuildError) return e.issues;
    throw e;
  }
  return [];
}

const SIP = 'records/carriers/sip.yaml';

describe('a malformed record fails the build with its location', () => {
  it('names file, record and field for a quote that is not on its line', () => {
    const issues = buildWith(SIP, (t) => t.replace('quote: "国际科技园"', 'quote: "国际科技园区不存在"'));
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: join('geo', SIP),
        record: 'sip-international-science-park',
        field: expect.stringMatching(/^sources\.\d+$/),
      }),
    );
  });

  it('names the field for a missing English name', () => {
    const issues = buildWith(SIP, (t) => t.replace(/\n {4}name_en: [^\n]*\n/, '\n'));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file: join('geo', SIP), field: 'name_en' });
  });

  it('names the field for a reading note with no Chinese form', () => {
    const issues = buildWith(SIP, (t) => t.replace(/\n {4}reading_note_zh: [^\n]*\n/, '\n'));
    expect(issues).toContainEqual(expect.objectContaining({ file: join('geo', SIP), field: 'reading_note_zh' }));
  });

  it('rejects a from_name direction whose term is not in the name', () => {
    const issues = buildWith('records/carriers/xiangcheng.yaml', (t) => t.replace(/term: "?区块链"?/, 'term: 量子'));
    expect(issues.some((i) => i.field.endsWith('.term') && i.message.includes('量子'))).toBe(true);
  });

  it('rejects a place outside its district polygon', () => {
    const issues = buildWith('places/sip.yaml', (t) => t.replace(/lon: 120\.\d+/, 'lon: 120.2'));
    expect(issues).toContainEqual(expect.objectContaining({ record: 'sip-jinji-lake', field: 'lon' }));
  });

  it('rejects a duplicate id', () => {
    const issues = buildWith(SIP, (t) => t.replace('id: sip-nano-sci-tech-park', 'id: sip-international-science-park'));
    expect(issues.some((i) => i.field === 'id' && i.message.startsWith('duplicate id'))).toBe(true);
  });

  it('rejects a fact with neither a year nor a note saying why there is none', () => {
    const issues = buildWith('facts/001-districts.yaml', (t) => t.replace(/\n {4}period_note: [^\n]*\n/, '\n'));
    expect(issues).toContainEqual(
      expect.objectContaining({ file: join('geo', 'facts', '001-districts.yaml'), field: 'period_note' }),
    );
  });

  it('rejects a district set read along a lake that does not match the districts meeting the lake', () => {
    const file = 'records/entities/001-text.yaml';
    const wrong = buildWith(file, (t) =>
      t.replace('districts: [xiangcheng, sip, kunshan]', 'districts: [xiangcheng, sip]'),
    );
    expect(wrong).toContainEqual(
      expect.objectContaining({ record: 'city-yangcheng-lake-region', field: 'location.districts' }),
    );
    expect(wrong.find((i) => i.record === 'city-yangcheng-lake-region')?.message).toMatch(/kunshan/);
    const unknown = buildWith(file, (t) => t.replace('along: [阳澄湖]', 'along: [阳澄湖湖]'));
    expect(unknown).toContainEqual(
      expect.objectContaining({ record: 'city-yangcheng-lake-region', field: 'location.along.0' }),
    );
  });

  it('rejects a district direction wording the taxonomy does not map', () => {
    const issues = buildWith('districts.yaml', (t) =>
      t.replace('direction_terms: [智能制造,', 'direction_terms: [量子计算,'),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: join('geo', 'districts.yaml'),
        record: 'zhangjiagang',
        field: 'direction_terms.0',
      }),
    );
  });
});

describe('inputs', () => {
  it('stops with a clear message when the base geography is missing', () => {
    expect(() =>
      buildData(realInputs({ sharedGeoDir: join(tmpdir(), 'no-such-shared-geo') }), join(tmpdir(), 'sde-never')),
    ).toThrow(/base geography folder not found.*\n.*SUZHOU_SHARED_GEO/);
  });
  it('builds the real data with no problem', () => {
    expect(buildWith(SIP, (t) => t)).toEqual([]);
  });
});
