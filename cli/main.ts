import { messages } from '../lib/messages/index.js';
import { cliLang } from './locale.js';
import { buildProgram } from './program.js';

// The one place the CLI reads the locale; everything below takes the language as an argument.
const lang = cliLang(process.argv.slice(2), process.env);

buildProgram({ lang })
  .parseAsync()
  .catch((error: unknown) => {
    // An unexpected failure is a bug, not bad input: say so in one line and how to get details.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`report-press: ${messages(lang)['cli.internalError']({ message })}\n`);
    if (process.env.REPORT_PRESS_DEBUG) console.error(error);
    process.exitCode = 3;
  });
