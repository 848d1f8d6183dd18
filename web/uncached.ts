/**
 * Options for the page's fetches: never answered from the browser's HTTP cache, never stored there.
 * A document downloaded by its link (a navigation, sent without an Origin) is cached without CORS
 * headers, and S3 adds no `Vary: Origin` to such a response; a later cross-origin fetch of the same
 * URL (the ZIP, the removal log) would be handed that copy and refused. API answers and presigned
 * URLs must be fresh anyway.
 */
// Asserted: the unit tests type-check the page's modules against Node's RequestInit, which has `cache`
// only from @types/node 22 (undici-types 7) on.
export const UNCACHED = { cache: 'no-store' } as RequestInit;
