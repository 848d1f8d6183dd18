import { langFromLocale, parseLang, type Lang, type LocaleVariables } from '../lib/messages/index.js';

/**
 * The language for this run: `--lang` when it is given and valid, else the locale. Read before
 * commander parses anything, because the help and commander's own errors are built in it; an
 * invalid `--lang` value falls back to the locale and commander then reports it in that language.
 */
export function cliLang(argv: readonly string[], env: LocaleVariables): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    const lang = value === undefined ? undefined : parseLang(value);
    if (lang) return lang;
  }
  return langFromLocale(env);
}
