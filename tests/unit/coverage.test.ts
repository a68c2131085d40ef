/**
 * Coverage of all five documents: the 十全十美 AI+ park list parsed from seed 003 itself, the
 * checked-in inventory (`geo/inventory.yaml`, enforced by the build) for everything else, both
 * languages on every record, notes that name documents by title, and headline figures whose quotes
 * hold their values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOC_ID_MENTION } from '../../geo/build/text';
import type { CarrierProps, Manifest } from '../../src/domain/built';
import { buildRealCarriers, ROOT, seedLinesOf } from './records';

let manifest: Manifest;
let carriers: CarrierProps[];
beforeAll(() => {
  ({ manifest, carriers } = buildRealCarriers());
});

const seedLines = (doc: string) => seedLinesOf(manifest, doc);
const named = (c: CarrierProps, name: string) => c.name_zh === name || c.aliases.includes(name);

describe('seed 003: the ten AI+ parks of 十全十美', () => {
  const aiPlusList = () => {
    const line = seedLines('003').find((l) => l.includes('十全十美') && l.includes('打造成“AI+”'));
    const m = line?.match(/将(.+?)等打造成“AI\+”/);
    if (!m) throw new Error('十全十美 list not found in seed 003');
    return m[1].split('、');
  };
  it('lists ten parks', () => {
    expect(aiPlusList()).toHaveLength(10);
  });
  it('has a record with the ai-plus-park role for each, and for no other', () => {
    const list = aiPlusList();
    for (const name of list) {
      const rec = carriers.find((c) => named(c, name));
      expect(rec, name).toBeDefined();
      expect(rec?.roles, name).toContain('ai-plus-park');
    }
    const tagged = carriers.filter((c) => c.roles.includes('ai-plus-park'));
    expect(tagged).toHaveLength(list.length);
  });
  it('differs from seed 001’s ten city parks in exactly two slots: 吴中 and 相城', () => {
    const onlyAiPlus = carriers.filter((c) => c.roles.includes('ai-plus-park') && !c.park);
    const onlyCity = carriers.filter((c) => c.park && !c.roles.includes('ai-plus-park'));
    expect(onlyAiPlus.map((c) => c.district).sort()).toEqual(['wuzhong', 'xiangcheng']);
    expect(onlyCity.map((c) => c.district).sort()).toEqual(['wuzhong', 'xiangcheng']);
  });
});

// That every name of the inventory keeps a record citing its document is checked by the build
// itself (geo/build/lock.ts; a lost name is tested in build.test.ts).
describe('the checked-in inventory', () => {
  const inventory = parse(readFileSync(join(ROOT, 'geo', 'inventory.yaml'), 'utf8')) as {
    documents: Record<string, string[]>;
  };
  it('names entities from every document', () => {
    for (const doc of ['000', '001', '002', '003', '004'])
      expect(inventory.documents[doc]?.length, doc).toBeGreaterThan(0);
  });
});

describe('every record in two languages, with a kind, district and source', () => {
  it('has an English name that is not the Chinese one', () => {
    for (const c of carriers) {
      expect(c.name_en, c.id).toMatch(/[A-Za-z]/);
      expect(c.name_en, c.id).not.toBe(c.name_zh);
    }
  });
  it('explains its reading and its location in both languages', () => {
    const cjk = /[\u4e00-\u9fff]/;
    for (const c of carriers) {
      if (c.reading_note) expect(c.reading_note_zh, c.id).toMatch(cjk);
      expect(c.basis_zh, c.id).toMatch(cjk);
    }
    for (const d of manifest.districts) if (d.reading_note) expect(d.reading_note_zh, d.id).toMatch(cjk);
  });
  it('names documents by their short titles in every note, never by seed number or file name', () => {
    for (const s of manifest.sources) {
      expect(s.short_zh, s.id).toMatch(/^《.+》$/);
      expect(s.short_en, s.id).toMatch(/^the [A-Z]/);
    }
    const mention = DOC_ID_MENTION;
    for (const c of carriers) {
      for (const text of [c.reading_note, c.reading_note_zh, c.basis, c.basis_zh])
        expect(text ?? '', c.id).not.toMatch(mention);
    }
    for (const f of manifest.facts) expect(f.period_note ?? '', f.id).not.toMatch(mention);
    for (const d of manifest.districts)
      expect(`${d.reading_note ?? ''} ${d.reading_note_zh ?? ''}`, d.id).not.toMatch(mention);
  });
  it('has English for every direction, category and district', () => {
    for (const x of [...manifest.directions, ...manifest.categories]) expect(x.en, x.key).toMatch(/[A-Za-z]/);
    for (const d of manifest.districts) expect(d.name_en, d.id).toMatch(/[A-Za-z]/);
  });
  it('has a kind, at least one district and one source', () => {
    const districts = new Set(manifest.districts.map((d) => d.id));
    for (const c of carriers) {
      expect(c.kind, c.id).toBeTruthy();
      expect(c.districts.length, c.id).toBeGreaterThan(0);
      for (const d of c.districts) expect(districts.has(d), `${c.id} ${d}`).toBe(true);
      expect(c.sources.length, c.id).toBeGreaterThan(0);
    }
  });
});

describe('aliases: variant names the documents use', () => {
  /** Text compared without spaces and quotation marks (a name is often quoted, or broken across lines). */
  const plain = (s: string) => s.replace(/[\s“”「」"]/g, '');
  it('finds every alias of a record in the seed lines that record cites (joined in line order)', () => {
    const missing: string[] = [];
    for (const c of carriers) {
      const docs = [...new Set(c.sources.map((s) => s.doc))];
      const cited = docs.map((doc) =>
        plain(
          [...new Set(c.sources.filter((s) => s.doc === doc).map((s) => s.line))]
            .sort((a, b) => a - b)
            .map((line) => seedLines(doc)[line - 1] ?? '')
            .join(''),
        ),
      );
      for (const alias of c.aliases)
        if (!cited.some((t) => t.includes(plain(alias)))) missing.push(`${c.id}: ${alias}`);
    }
    expect(missing).toEqual([]);
  });
  it('keeps the variants of merged records as aliases', () => {
    const expected: Array<[string, string]> = [
      ['tc-npu-yrd-institute-digital-tech-rd-project', '西北工业大学太仓长三角研究院'],
      ['tc-npu-yrd-institute-digital-tech-rd-project', '西工大长三角研究院'],
      ['sip-nus-research-institute', '新加坡国立大学苏州研究院'],
      ['sip-ai-core-pilot-zone', '新一代人工智能产业核心区'],
      ['wz-xinchuang-park', '苏州信创产业园'],
      ['wz-high-end-intelligent-manufacturing-center', '苏云工业互联网平台'],
      ['xc-yrd-digital-currency-institute', '苏州长三角数字货币研究院'],
      ['xc-yuanhetang-cultural-industry-park', '苏州元和塘国家级文化产业园区'],
      ['ks-smart-agriculture-tech-equipment-cluster', '昆山智慧农业技术和装备产业集群示范园'],
      ['wz-yrd-smart-agriculture-demonstration-park', '吴中长三角智慧农业产业示范园'],
      ['xc-yangcheng-international-esports-arena', '相城阳澄国际电竞馆'],
      ['ks-alibaba-film-base-zhouzhuang', '阿里文娱（周庄）影视外景地'],
      ['xc-yangchenghu-digital-creative-park', '阳澄湖数字文化创业产业园'],
    ];
    for (const [id, alias] of expected) expect(carriers.find((c) => c.id === id)?.aliases, id).toContain(alias);
  });
});

describe('headline figures', () => {
  it('has city-wide figures from several documents', () => {
    expect(new Set(manifest.facts.map((f) => f.source.doc)).size).toBeGreaterThanOrEqual(2);
    expect(manifest.facts.some((f) => f.scope === 'city')).toBe(true);
  });
  it('quotes each figure: the value (or its 万 / 亿 / % form) is in the cited text', () => {
    for (const f of manifest.facts) {
      const forms = [f.value, f.value / 1e4, f.value / 1e8, f.value * 100].map((v) => String(Number(v.toFixed(6))));
      // Round thousands are sometimes written in Chinese numerals (三千余家, seed 001 line 234).
      if (f.value % 1000 === 0 && f.value < 10000) forms.push(`${'一二三四五六七八九'[f.value / 1000 - 1]}千`);
      expect(
        forms.some((v) => f.source.quote.includes(v)),
        `${f.id}: ${f.value} in "${f.source.quote}"`,
      ).toBe(true);
      expect(seedLines(f.source.doc)[f.source.line - 1]).toContain(f.source.quote);
    }
  });

  it('has the figures of each district paragraph of seed 001’s 专栏3, undated since the text gives no year', () => {
    const lines = seedLines('001');
    const start = lines.findIndex((l) => l.startsWith('专栏 3'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('二、'));
    expect(start).toBeGreaterThan(0);
    const paragraphs = lines
      .map((text, i) => ({ text, line: i + 1 }))
      .slice(start + 1, end)
      .filter((p) => /^\S+?：/.test(p.text));
    expect(paragraphs).toHaveLength(10);
    for (const p of paragraphs) {
      const prefix = p.text.slice(0, p.text.indexOf('：'));
      const district = manifest.districts.find((d) => d.name_zh.includes(prefix));
      expect(district, prefix).toBeDefined();
      const facts = manifest.facts.filter((f) => f.scope === district?.id);
      // A paragraph with a count in Arabic numerals has figures worth quoting.
      if (/\d+ ?(家|个|亿元)/.test(p.text)) expect(facts.length, prefix).toBeGreaterThan(0);
      for (const f of facts.filter((x) => x.source.doc === '001' && x.source.line === p.line)) {
        expect(f.year, f.id).toBeUndefined();
        expect(f.period_note, f.id).toBeTruthy();
      }
    }
  });
});
