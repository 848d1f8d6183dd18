import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitStaged, discardStaged, makeFolder, OutputError, PARTIAL_MAX_AGE_MS, stageFile, sweepPartials, writeFilesAtomically } from '../../../cli/write-files.js';

let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'report-press-write-'));
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The OutputError a promise rejects with (fails the test if it resolves or rejects otherwise). */
async function refusal(promise: Promise<unknown>): Promise<OutputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputError);
  return error as OutputError;
}

const hasProc = existsSync('/proc/self');

describe('makeFolder', () => {
  it('makes a folder and all its missing parents', async () => {
    // prepare
    const target = join(work, 'a', 'b', 'c');
    // act
    await makeFolder(target);
    // assert
    expect(statSync(target).isDirectory()).toBe(true);
  });

  it('accepts a folder that is already there, and a link to one', async () => {
    // prepare
    mkdirSync(join(work, 'real'));
    symlinkSync(join(work, 'real'), join(work, 'link'));
    // act
    await makeFolder(join(work, 'real'));
    await makeFolder(join(work, 'link', 'inside'));
    // assert
    expect(statSync(join(work, 'real', 'inside')).isDirectory()).toBe(true);
  });

  // Node's own recursive mkdir never returns here (it retries ENOENT forever): the test would time out.
  it.runIf(hasProc)('refuses a folder under /proc at once, naming /proc as the parent that refused', async () => {
    // act
    const error = await refusal(makeFolder('/proc/report-press-test/out'));
    // assert
    expect(error).toMatchObject({ action: 'create', path: '/proc/report-press-test/out', errno: 'ENOENT', at: '/proc' });
  });

  it('refuses a folder whose missing parent would have to go inside a file, naming the file', async () => {
    // prepare
    writeFileSync(join(work, 'notes.txt'), 'mine');
    // act
    const error = await refusal(makeFolder(join(work, 'notes.txt', '2024', 'out')));
    // assert
    expect(error).toMatchObject({ errno: 'ENOTDIR', at: join(work, 'notes.txt') });
    expect(readFileSync(join(work, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a folder behind a broken link, naming the link', async () => {
    // prepare
    symlinkSync(join(work, 'gone'), join(work, 'dangling'));
    // act
    const error = await refusal(makeFolder(join(work, 'dangling', 'out')));
    // assert
    expect(error).toMatchObject({ errno: 'ENOENT', at: join(work, 'dangling') });
  });

  it('refuses a device in place of the folder', async () => {
    // act
    const error = await refusal(makeFolder('/dev/null'));
    // assert
    expect(error).toMatchObject({ errno: 'ENOTDIR', at: '/dev/null' });
  });
});

describe('writeFilesAtomically', () => {
  it('writes every file and leaves no temporary file behind', async () => {
    // prepare
    const folder = join(work, 'out');
    // act
    await writeFilesAtomically(folder, [
      { path: '01-a.docx', bytes: new Uint8Array([1]) },
      { path: 'manifest.json', bytes: new Uint8Array([2]) },
    ]);
    // assert
    expect(readFileSync(join(folder, '01-a.docx'))).toEqual(Buffer.from([1]));
    expect(readFileSync(join(folder, 'manifest.json'))).toEqual(Buffer.from([2]));
    expect(readdirSync(folder).sort()).toEqual(['01-a.docx', 'manifest.json']);
  });

  it('names the file it could not put in place and why', async () => {
    // prepare: a folder where the document should go
    const folder = join(work, 'out');
    mkdirSync(join(folder, '01-a.pdf'), { recursive: true });
    writeFileSync(join(folder, '01-a.pdf', 'keep'), 'x');
    // act
    const error = await refusal(writeFilesAtomically(folder, [{ path: '01-a.pdf', bytes: new Uint8Array([1]) }]));
    // assert
    expect(error.action).toBe('write');
    expect(error.path).toBe(join(folder, '01-a.pdf'));
    expect(['EISDIR', 'ENOTEMPTY', 'EEXIST']).toContain(error.errno);
  });
});

describe('staged files', () => {
  it('stay out of sight under temporary names until committed, then replace what was there', async () => {
    // prepare
    const folder = join(work, 'out');
    mkdirSync(folder);
    writeFileSync(join(folder, '01-a.pdf'), 'old');
    // act
    const staged = [await stageFile(folder, { path: '01-a.pdf', bytes: new TextEncoder().encode('new') }), await stageFile(folder, { path: '02-b.pdf', bytes: new Uint8Array([2]) })];
    const before = readdirSync(folder).filter((name) => !name.startsWith('.')).sort();
    const oldContent = readFileSync(join(folder, '01-a.pdf'), 'utf8');
    await commitStaged(staged);
    // assert
    expect(before).toEqual(['01-a.pdf']);
    expect(oldContent).toBe('old');
    expect(readdirSync(folder).sort()).toEqual(['01-a.pdf', '02-b.pdf']);
    expect(readFileSync(join(folder, '01-a.pdf'), 'utf8')).toBe('new');
  });

  it('leave nothing behind when discarded, and the files they would have replaced untouched', async () => {
    // prepare
    const folder = join(work, 'out');
    mkdirSync(folder);
    writeFileSync(join(folder, '01-a.pdf'), 'old');
    const staged = [await stageFile(folder, { path: '01-a.pdf', bytes: new Uint8Array([1]) })];
    // act
    await discardStaged(staged);
    // assert
    expect(readdirSync(folder)).toEqual(['01-a.pdf']);
    expect(readFileSync(join(folder, '01-a.pdf'), 'utf8')).toBe('old');
  });
});

/** The id of a process that has run and exited. */
function exitedPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('could not start a process');
  return pid;
}

describe('sweepPartials', () => {
  it('removes the partial files of processes that no longer run, and keeps those of a process that does', async () => {
    // prepare
    const folder = join(work, 'out');
    mkdirSync(folder);
    const dead = exitedPid();
    writeFileSync(join(folder, `.${dead}-1.partial`), 'half a document');
    writeFileSync(join(folder, `.${dead}-2.partial`), 'half a document');
    writeFileSync(join(folder, `.${process.pid}-7.partial`), 'a document being written');
    // act
    const removed = await sweepPartials(folder);
    // assert
    expect(removed.sort()).toEqual([`.${dead}-1.partial`, `.${dead}-2.partial`]);
    expect(readdirSync(folder)).toEqual([`.${process.pid}-7.partial`]);
  });

  it('removes a partial file older than a day even when a process with its id runs (ids are reused)', async () => {
    // prepare
    const folder = join(work, 'out');
    mkdirSync(folder);
    const old = join(folder, `.${process.pid}-1.partial`);
    writeFileSync(old, 'left by an earlier process with the same id');
    const then = new Date(Date.now() - PARTIAL_MAX_AGE_MS - 60_000);
    utimesSync(old, then, then);
    // act
    await sweepPartials(folder);
    // assert
    expect(readdirSync(folder)).toEqual([]);
  });

  it('leaves alone every file or folder not named as a partial file, however alike', async () => {
    // prepare
    const folder = join(work, 'out');
    mkdirSync(folder);
    const dead = exitedPid();
    const alike = ['draft.partial', `${dead}-1.partial`, `.${dead}-1.partial.bak`, `.${dead}.partial`, `.x${dead}-1.partial`, '01-a.pdf'];
    for (const name of alike) writeFileSync(join(folder, name), 'mine');
    mkdirSync(join(folder, `.${dead}-2.partial`));
    // act
    const removed = await sweepPartials(folder);
    // assert
    expect(removed).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual([...alike, `.${dead}-2.partial`].sort());
  });

  it('runs when a run first stages a file in a folder', async () => {
    // prepare
    const folder = join(work, 'out');
    mkdirSync(folder);
    const left = `.${exitedPid()}-3.partial`;
    writeFileSync(join(folder, left), 'half a document');
    // act
    const staged = await stageFile(folder, { path: '01-a.pdf', bytes: new Uint8Array([1]) });
    await commitStaged([staged]);
    // assert
    expect(readdirSync(folder)).toEqual(['01-a.pdf']);
  });
});
