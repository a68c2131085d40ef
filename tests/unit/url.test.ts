/** Filter state in the URL: round trip, and bad values ignored with a notice. */
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../src/analysis/filter';
import { parseUrlState, writeUrlState } from '../../src/analysis/url';

const known = {
  directions: ['blockchain', 'artificial-intelligence'],
  districts: ['sip', 'gusu'],
  kinds: ['lab', 'carrier'],
};

describe('URL state', () => {
  it('round-trips a filter', () => {
    const f = {
      directions: ['blockchain', 'artificial-intelligence'],
      mode: 'all' as const,
      districts: ['sip'],
      inherit: true,
      kinds: ['lab'],
    };
    expect(parseUrlState(writeUrlState(new URLSearchParams('lang=en'), f), known)).toEqual({ filter: f, notices: [] });
  });
  it('ignores unknown values with a notice and keeps the good ones', () => {
    const r = parseUrlState(new URLSearchParams('dir=blockchain,nope&mode=some&district=mars&inherit=yes'), known);
    expect(r.filter).toEqual({ ...EMPTY_FILTER, directions: ['blockchain'] });
    expect(r.notices).toHaveLength(4);
    expect(r.notices.join(' ')).toContain('dir=nope');
  });
  it('writes nothing for the empty filter', () => {
    expect(writeUrlState(new URLSearchParams(), EMPTY_FILTER).toString()).toBe('');
  });
});
