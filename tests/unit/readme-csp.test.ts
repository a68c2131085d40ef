/**
 * The README's Content-Security-Policy samples (Deploy: nginx, Apache, Caddy, `_headers`) are the
 * policy the build writes into index.html (`CONTENT_SECURITY_POLICY`), so that a host configured
 * from the README sends the same policy as the build, not an older one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../vite.config';

const readme = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README Content-Security-Policy samples', () => {
  it('are the build policy, in every server sample', () => {
    // `Content-Security-Policy "…"` (nginx, Apache, Caddy) and `Content-Security-Policy: …` (_headers).
    const quoted = [...readme.matchAll(/Content-Security-Policy "([^"]+)"/g)].map((m) => m[1]);
    const colon = [...readme.matchAll(/^\s*Content-Security-Policy: (.+)$/gm)].map((m) => m[1].trim());
    expect(quoted.length).toBeGreaterThanOrEqual(3);
    expect(colon.length).toBeGreaterThanOrEqual(1);
    for (const policy of [...quoted, ...colon]) expect(policy).toBe(CONTENT_SECURITY_POLICY);
    expect(readme).toMatch(/add_header Content-Security-Policy "/);
    expect(readme).toMatch(/Header always set Content-Security-Policy "/);
  });
});
