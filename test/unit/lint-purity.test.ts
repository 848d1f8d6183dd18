/**
 * lib/ is pure: the lint refuses an import of a shell (functions/, cli/, cdk/) from any depth of
 * lib/, and lets lib/ import itself. Run through ESLint's API with the project's own config, on
 * source given as if it stood at a path in lib/.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The purity rule's complaints about `source` placed at `path` (relative to the project). */
async function purityErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(process.cwd(), path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the purity lint of lib/', () => {
  it.each([
    ['lib/probe.ts', '../cli/fonts.js'],
    ['lib/text/probe.ts', '../../functions/fonts.js'],
    ['lib/render/pdf/probe.ts', '../../../functions/fonts.js'],
    ['lib/render/pdf/probe.ts', '../../../cli/program.js'],
    ['lib/text/lexicon/probe.ts', '../../../cdk/stage-sizing.js'],
  ])('refuses, in %s, an import of %s', async (path, specifier) => {
    const errors = await purityErrors(path, `import { x } from '${specifier}';\nexport const y = x;\n`);

    expect(errors).toEqual([expect.stringContaining('lib/ never imports from the shells')]);
  });

  it('lets lib/ import lib/ at any depth', async () => {
    const errors = await purityErrors('lib/render/pdf/probe.ts', "import { x } from '../../text/clean.js';\nexport const y = x;\n");

    expect(errors).toEqual([]);
  });

  it('leaves the shells free to import what they need', async () => {
    const errors = await purityErrors('cli/probe.ts', "import { x } from '../functions/fonts.js';\nexport const y = x;\n");

    expect(errors).toEqual([]);
  });
});
