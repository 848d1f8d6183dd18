/**
 * The page's Content-Security-Policy, one definition for every place that serves it: the deployed
 * site (a CloudFront response header bounded to the region's hosts, and a `<meta>` in index.html
 * naming the stack's exact API and buckets) and, if it chooses, `report-press dev`. Scripts and
 * styles come from the page's own origin only (esbuild bundles everything; no CDN, no inline code).
 */

/** Where a policy is delivered: some directives work only in a response header. */
export const CspDelivery = { Header: 'header', Meta: 'meta' } as const;
export type CspDelivery = (typeof CspDelivery)[keyof typeof CspDelivery];

export interface PageCspOptions {
  /** Origins the page may fetch from besides its own: the API, the buckets' endpoints, the sign-in service. */
  readonly connect: readonly string[];
  /** Origins the PDF preview may show in a frame besides the page's own and `blob:` URLs (the output bucket). */
  readonly frame: readonly string[];
}

/** The policy as one header or `<meta content>` value. */
export function pageContentSecurityPolicy(options: PageCspOptions, delivery: CspDelivery = CspDelivery.Header): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['connect-src', "'self'", ...options.connect],
    ['frame-src', "'self'", 'blob:', ...options.frame],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  // Browsers ignore frame-ancestors in a <meta> (and say so in the console); the header carries it.
  if (delivery === CspDelivery.Header) directives.push(['frame-ancestors', "'none'"]);
  return directives.map((d) => d.join(' ')).join('; ');
}
