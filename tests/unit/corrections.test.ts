/**
 * Issue 9, corrections: each correction asserted against the built data and the documents
 * themselves (nano is new materials, not integrated circuits; 苏台 is not 太仓; the blockchain
 * cluster zone is 相城 as seed 001 records; city-level and district-level connected-vehicle pilot
 * zones kept apart; 姑苏's 15 digital cultural-creative parks; 苏州自贸区 and 太湖生态岛 added).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CarrierProps, Manifest } from '../../src/domain/built';
import { TaxonomySchema } from '../../src/domain/schema';
import { buildRealCarriers, ROOT, seedLinesOf } from './records';

let manifest: Manifest;
let carriers: CarrierProps[];
beforeAll(() => {
  ({ manifest, carriers } = buildRealCarriers());
});

const seedLines = (doc: string) => seedLinesOf(manifest, doc);
const byId = (id: string) => {
  const c = carriers.find((x) => x.id === id);
  if (!c) throw new Error(`no record ${id}`);
  return c;
};
const ownKeys = (c: CarrierProps) => c.directions_own.map((d) => d.key);
/** Every source of the record quotes its line verbatim. */
const quotesAreReal = (c: CarrierProps) => {
  for (const s of c.sources) expect(seedLines(s.doc)[s.line - 1], `${c.id} ${s.doc}:${s.line}`).toContain(s.quote);
};
const notes = readFileSync(join(ROOT, 'geo', 'NOTES.md'), 'utf8');
const taxonomy = TaxonomySchema.parse(parse(readFileSync(join(ROOT, 'geo', 'directions.yaml'), 'utf8')));

describe('纳米 is new materials, not integrated circuits', () => {
  it('reads the nano cluster’s four fields from the New Infrastructure Action Plan (lines 524–528)', () => {
    const text = seedLines('000').slice(523, 528).join('');
    expect(text).toContain('围绕微纳制造、纳米新材料、能源与清洁技术和纳米生');
  });
  it('maps no nano record to integrated-circuits, and all five to new-materials', () => {
    const nano = carriers.filter((c) => c.name_zh.includes('纳米'));
    expect(nano.map((c) => c.id).sort()).toEqual([
      'sip-nano-sci-tech-park',
      'sip-nano-university-science-park',
      'sip-nano-vacuum-interconnected-station',
      'sip-nanotech-application-public-platform',
      'sip-national-nanotech-industrialisation-standardisation-zone',
    ]);
    expect(nano).toHaveLength(5);
    for (const c of nano) {
      expect(ownKeys(c), c.id).not.toContain('integrated-circuits');
      expect(ownKeys(c), c.id).toContain('new-materials');
    }
  });
  it('no longer reads 纳米 as an integrated-circuit name term, nor 生态城 as smart city', () => {
    const dir = (k: string) => taxonomy.directions.find((d) => d.key === k);
    expect(dir('integrated-circuits')?.name_terms).not.toContain('纳米');
    expect(dir('new-materials')?.name_terms).toContain('纳米');
    expect(dir('smart-city')?.name_terms).not.toContain('生态城');
    const eco = carriers.find((c) => c.name_zh === '中新生态城');
    expect(eco).toBeDefined();
    expect(ownKeys(eco as CarrierProps)).not.toContain('smart-city');
  });
});

describe('苏台智慧高速 (苏州–台州) is not placed in 太仓', () => {
  it('has no record in 太仓, and no record at all: the text names no district', () => {
    expect(seedLines('000')[408]).toContain('“苏台智慧高速”');
    const sutai = carriers.filter((c) => c.name_zh.includes('苏台'));
    expect(sutai.filter((c) => c.districts.includes('taicang'))).toEqual([]);
    expect(sutai).toEqual([]);
  });
  it('is listed in NOTES.md as left out, read as Suzhou–Taizhou', () => {
    expect(notes).toMatch(/000:409 苏台智慧高速[^\n]*Suzhou–Taizhou/);
  });
});

describe('the blockchain industry cluster zone is 相城 (Digital Economy Plan, lines 174, 238)', () => {
  it('cites seed 001 and lies in 相城 alone', () => {
    const zone = byId('xc-jiangsu-blockchain-industry-cluster-zone');
    expect(seedLines('001')[173]).toContain('相城区成为江苏省首个区块链产业发展集聚区');
    expect(zone.sources.some((s) => s.doc === '001' && s.line === 174)).toBe(true);
    expect(zone.sources.some((s) => s.doc === '001' && s.line === 238)).toBe(true);
    expect(zone.district).toBe('xiangcheng');
    expect(zone.districts).toEqual(['xiangcheng']);
    expect(zone.precision).not.toBe('district-set');
    expect(ownKeys(zone)).toContain('blockchain');
    quotesAreReal(zone);
  });
});

describe('connected-vehicle pilot zones: district-level apart from city-level', () => {
  it('cites only 相城’s own designation for 相城’s pilot zone', () => {
    const zone = byId('xc-jiangsu-connected-vehicles-pilot-zone');
    const cited = zone.sources.map((s) => `${s.doc}:${s.line}`);
    expect(cited).not.toContain('000:415');
    expect(cited).not.toContain('002:147');
    expect(cited).toContain('001:238');
    expect(zone.sources.every((s) => s.doc === '001')).toBe(true);
    quotesAreReal(zone);
  });
  it('keeps one provincial pilot zone for each of 园区, 相城 and 常熟 (line 420)', () => {
    for (const id of [
      'sip-connected-vehicles-pilot-zone',
      'xc-jiangsu-connected-vehicles-pilot-zone',
      'cs-connected-vehicles-pilot-zone',
    ])
      expect(
        carriers.some((c) => c.id === id && c.sources.some((s) => s.doc === '001' && s.line === 420)),
        id,
      ).toBe(true);
  });
  it('explains the city-level statements in NOTES.md', () => {
    expect(notes).toContain('002:147 苏州车联网先导区');
    expect(notes).toContain('000:415');
  });
});

describe('姑苏: 等 15 个数字文创标杆产业园 scopes the whole list', () => {
  it('has 14 names before 等 15 个 in the cell', () => {
    const row = seedLines('001')[735];
    const cell = row.split('\t')[3] ?? '';
    const names = cell.replace(/等 15 个数字文创标杆产业园$/, '').split(/、|\s(?=虎丘)/);
    expect(names).toHaveLength(14);
  });
  it('gives every 姑苏 table carrier the stated 数字文创 direction', () => {
    const cell = carriers.filter((c) => c.sources.some((s) => s.doc === '001' && s.line === 736));
    expect(cell).toHaveLength(14);
    for (const c of cell) {
      const d = c.directions_own.find((x) => x.key === 'digital-culture-tourism');
      expect(d?.basis, c.id).toBe('stated');
      expect(d?.term, c.id).toBe('数字文创');
    }
  });
});

describe('records added', () => {
  it('has 苏州自贸区, tied to SIP’s task in the AI Plan (line 41)', () => {
    const ftz = carriers.find((c) => c.name_zh === '苏州自贸区');
    expect(ftz?.district).toBe('sip');
    expect(ftz?.sources.some((s) => s.doc === '003' && s.line === 41)).toBe(true);
    quotesAreReal(ftz as CarrierProps);
  });
  it('has 太湖生态岛 in 吴中, drawn at one place (the 金庭镇 seat), not over the lake’s districts', () => {
    const island = carriers.find((c) => c.name_zh === '太湖生态岛');
    expect(island?.district).toBe('wuzhong');
    expect(island?.districts).toEqual(['wuzhong']);
    expect(island?.precision).toBe('area');
    expect(island?.sources.some((s) => s.doc === '001' && s.line === 422)).toBe(true);
    expect(ownKeys(island as CarrierProps)).toContain('autonomous-driving');
    quotesAreReal(island as CarrierProps);
  });
  it('has the district-level pilots of seed 001 under the one rule (digital villages, digital RMB, metaverse)', () => {
    for (const id of [
      'zjg-national-digital-village-pilot',
      'city-provincial-digital-village-pilots',
      'xc-digital-rmb-pilot-area',
      'city-metaverse-application-innovation-pilots',
    ])
      quotesAreReal(byId(id));
    expect(byId('city-provincial-digital-village-pilots').districts).toEqual([
      'zhangjiagang',
      'kunshan',
      'changshu',
      'wujiang',
      'wuzhong',
    ]);
  });
});

describe('NOTES.md covers every document under one rule', () => {
  it('has a left-out section for each of the five documents and states the rule once', () => {
    for (const doc of ['000', '001', '002', '003', '004'])
      expect(notes).toMatch(new RegExp(`## Seed ${doc}: left out`));
    expect(notes).toContain('## The rule: what is a record');
  });
  it('no longer lists as left out what is now a record', () => {
    expect(notes).not.toMatch(/- 001:422 太湖生态岛: the text names no district/);
    expect(notes).not.toMatch(/- 001:492 元宇宙应用创新试点[^\n]*: programme/);
  });
});
