/**
 * The web page of `report-press dev` and the same API the deployed site has, on
 * `http://127.0.0.1:<port>/`: the page built by web/build.ts, `/config.json` (auth kind `local`
 * with a bearer token made at start), and `/api/*` answered by the pure core for the one local
 * user. The page uploads to and downloads from the embedded S3 server through presigned URLs, as
 * on AWS. Nothing listens beyond 127.0.0.1, and requests naming another host are refused, so a
 * web page elsewhere cannot read the token through DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CORRECTIONS_LIMITS } from '../lib/corrections/corrections-document.js';
import { LOCAL_USER_ID, type WebConfig } from '../lib/web/api-contract.js';
import { pageContentSecurityPolicy } from '../lib/web/page-csp.js';
import { handleWebApiRequest, type WebApiOptions } from '../lib/web/web-api.js';
import { WEB_PAGE_FILES } from '../web/build.js';

export interface WebServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** The built page (see `buildWebPage`). */
  readonly pageDir: string;
}

/** What the API needs once the S3 server runs (it starts after the page's server, which it must know for CORS). */
export interface WebApiBinding {
  readonly api: WebApiOptions;
  /** Origins the page fetches from besides its own (the S3 endpoint), for its Content-Security-Policy. */
  readonly connectSources: readonly string[];
}

export interface WebServer {
  /** e.g. `http://127.0.0.1:4569/`. */
  readonly url: string;
  /** The page's origins, `http://127.0.0.1:4569` and `http://localhost:4569` (for the buckets' CORS rules). */
  readonly origins: readonly string[];
  /** The bearer token the API accepts, also served to the page in `/config.json`. */
  readonly token: string;
  /** Starts answering `/api/*` (until then API requests wait). */
  serveApi(binding: WebApiBinding): void;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * API request bodies are small JSON (the largest, a job's corrections, is at most
 * CORRECTIONS_LIMITS.bytes); a larger body is not kept, only counted, so the API can say how large.
 */
const MAX_BODY_BYTES = CORRECTIONS_LIMITS.bytes + 1024;

function readBody(req: IncomingMessage): Promise<{ readonly body: string | undefined; readonly bytes: number }> {
  return new Promise((resolveBody, reject) => {
    const pieces: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) pieces.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => resolveBody({ body: size > MAX_BODY_BYTES ? undefined : Buffer.concat(pieces).toString('utf8'), bytes: size }));
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

/** Starts the page's server on 127.0.0.1. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const files = new Map(WEB_PAGE_FILES.map((name) => [`/${name}`, readFileSync(join(options.pageDir, name))]));
  let ready: (binding: WebApiBinding) => void = () => {};
  const binding = new Promise<WebApiBinding>((resolveBinding) => (ready = resolveBinding));
  let hosts: readonly string[] = [];
  let config = '';
  // The deployed site's policy (lib/web/page-csp.ts), so the browser test would catch a page that breaks it.
  const csp = (connectSources: readonly string[]) => pageContentSecurityPolicy({ connect: connectSources, frame: connectSources });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.includes(req.headers.host ?? '')) {
      send(res, 403, 'text/plain; charset=utf-8', `report-press dev answers only as ${hosts.join(' or ')}\n`);
      return;
    }
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (path.startsWith('/api/')) {
      const authorization = Buffer.from(req.headers.authorization ?? '');
      const signedIn = authorization.length === expected.length && timingSafeEqual(authorization, expected);
      const { body, bytes } = await readBody(req);
      const response = await handleWebApiRequest({ method: req.method ?? 'GET', path, userId: signedIn ? LOCAL_USER_ID : undefined, body, bodyBytes: bytes }, (await binding).api);
      send(res, response.status, 'application/json; charset=utf-8', JSON.stringify(response.body));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'the page is read with GET\n', { allow: 'GET, HEAD' });
      return;
    }
    if (path === '/config.json') {
      send(res, 200, 'application/json; charset=utf-8', config);
      return;
    }
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      return;
    }
    const { connectSources } = await binding;
    send(res, 200, TYPES[path.slice(path.lastIndexOf('.'))] ?? TYPES['.html']!, file, { 'content-security-policy': csp(connectSources), 'referrer-policy': 'no-referrer' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${error instanceof Error ? error.message : String(error)}\n`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const webConfig: WebConfig = { api: '', auth: { kind: 'local', token } };
  config = JSON.stringify(webConfig);
  return {
    url: `http://127.0.0.1:${port}/`,
    origins: hosts.map((host) => `http://${host}`),
    token,
    serveApi: (webApi) => ready(webApi),
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
