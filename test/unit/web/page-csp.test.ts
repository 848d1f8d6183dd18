import { describe, expect, it } from 'vitest';
import { CspDelivery, pageContentSecurityPolicy } from '../../../lib/web/page-csp.js';

const directives = (csp: string): Map<string, string[]> => new Map(csp.split('; ').map((d) => d.split(' ')).map(([name, ...sources]) => [name as string, sources]));

describe('the page’s Content-Security-Policy', () => {
  it('lets the page fetch from itself and the given origins only, and frame the given origins and blobs', () => {
    const csp = directives(pageContentSecurityPolicy({ connect: ['https://api.example', 'https://in.example'], frame: ['https://out.example'] }));

    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://api.example', 'https://in.example']);
    expect(csp.get('frame-src')).toEqual(["'self'", 'blob:', 'https://out.example']);
  });

  it('allows scripts and styles from the page’s own origin only, and no plugins, base or form targets', () => {
    const csp = directives(pageContentSecurityPolicy({ connect: [], frame: [] }));

    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect([csp.get('object-src'), csp.get('base-uri'), csp.get('form-action')]).toEqual([["'none'"], ["'none'"], ["'none'"]]);
  });

  it('forbids framing the page in the header, and leaves that directive out of a <meta>, where browsers ignore it', () => {
    const header = directives(pageContentSecurityPolicy({ connect: [], frame: [] }, CspDelivery.Header));
    const meta = directives(pageContentSecurityPolicy({ connect: [], frame: [] }, CspDelivery.Meta));

    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(meta.has('frame-ancestors')).toBe(false);
    expect([...meta.keys()]).toEqual([...header.keys()].filter((name) => name !== 'frame-ancestors'));
  });
});
