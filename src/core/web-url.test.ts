import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { isWebUrl } from './web-url.js';

const schemaRule = z.url({ protocol: /^https?$/, hostname: z.regexes.domain });
const corpus = [
  'https://consultation.example.fr',
  'http://example.org/path?q=1#x',
  'https://sub.domain.example.co.uk:8443/a',
  '  https://trimmed.example.fr  ',
  'https://visio.example.fr/atelier',
  'https://xn--mairie-v1a.fr/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox',
  'ftp://example.org/file',
  'https://localhost/',
  'http://127.0.0.1:8080/',
  'https://[::1]/',
  'https://exa mple.org',
  'example.org',
  '//example.org',
  'https://',
  'https://-bad.example.org',
  'https://a..b.org',
  'https://example.c',
  'mailto:a@example.org',
  'https://user:pass@example.org/',
  'HTTPS://EXAMPLE.ORG',
  'https://exa\nmple.org',
  'https://ｊavascript.example.org',
  'ｊavascript:alert(1)',
  'https://example.org\u0000',
  '',
  ' ',
  'http:example.org',
  'https://例え.jp',
  'https://example.org/<script>',
  'https://a.b.c.d.e.f.example.org',
];

describe('isWebUrl', () => {
  it('agrees with the schema’s WebUrl rule on every address of the corpus', () => {
    const disagreements = corpus.filter((url) => isWebUrl(url) !== schemaRule.safeParse(url).success);
    expect(disagreements).to.deep.equal([]);
    expect(isWebUrl('https://consultation.example.fr')).to.equal(true);
    expect(isWebUrl('javascript:alert(1)')).to.equal(false);
  });
});
