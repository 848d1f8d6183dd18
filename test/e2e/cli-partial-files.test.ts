import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built command, run and killed as a user's Ctrl-\ or an OOM killer would (`npm test` builds it first).
const CLI = join(process.cwd(), 'bin', 'report-press.js');
const SAMPLE = join(process.cwd(), 'samples', 'compilation.txt');

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-partials-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const isPartial = (name: string) => /^\.\d+-\d+\.partial$/.test(name);

/**
 * Starts a conversion of the sample and kills it (SIGKILL) as soon as it has staged a document in
 * `folder` (a partial file named with its process id), before it can put any in place; fails if the
 * run ends before that.
 */
async function killMidWrite(out: string, folder: string): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'convert', SAMPLE, '--out', out, '--no-progress'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  let ended = false;
  void exited.then(() => (ended = true));
  for (;;) {
    if (readdirOr(folder).some((name) => name.startsWith(`.${child.pid}-`) && isPartial(name))) break;
    if (ended) throw new Error('the conversion ended before it staged a document: nothing to kill mid-write');
    await new Promise((resolveTick) => setTimeout(resolveTick, 2));
  }
  child.kill('SIGKILL');
  await exited;
}

function readdirOr(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

describe('report-press convert after earlier runs were killed mid-write', () => {
  it('sweeps the partial files the killed runs left in the output folder, and only those', async () => {
    // prepare: three runs killed while their documents were staged
    const out = join(work, 'killed');
    const folder = join(out, 'compilation');
    for (let kill = 0; kill < 3; kill++) await killMidWrite(out, folder);
    const left = readdirSync(folder).filter(isPartial);
    // a staged file of a run still going (this test's own process), and files the user named alike
    const running = `.${process.pid}-1.partial`;
    writeFileSync(join(folder, running), 'a document being written');
    writeFileSync(join(folder, 'draft.partial'), 'mine');
    writeFileSync(join(folder, '.12-1.partial.bak'), 'mine');
    mkdirSync(join(folder, '.13-1.partial'));
    // act
    const result = spawnSync(process.execPath, [CLI, 'convert', SAMPLE, '--out', out], { encoding: 'utf8' });
    // assert
    expect(result.status).toBe(0);
    expect(left.length).toBeGreaterThan(0);
    const names = readdirSync(folder);
    expect(names.filter((name) => name.startsWith('.')).sort()).toEqual(['.12-1.partial.bak', '.13-1.partial', running].sort());
    expect(names).toContain('draft.partial');
    expect(names.filter((name) => name.endsWith('.pdf'))).toHaveLength(5);
  });
});
