import { Help, type Command, type Option } from 'commander';
import { Lang, type Catalogue } from '../lib/messages/index.js';

/** Characters a terminal draws two columns wide (CJK, full-width forms, Hangul). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** Never at the start of a line: closing punctuation sticks to what it closes. */
const NO_LINE_START = /^[，。、；：？！）」』》】〉…—”’,.;:?!)\]]/;
/** Never at the end of a line: opening punctuation sticks to what it opens. */
const NO_LINE_END = /[（「『《【〈“‘([]$/;

/** Terminal columns of a string: CJK counts two, ANSI colour codes nothing. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(/\x1b\[[0-9;]*m/g, '')) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/**
 * Wraps help text to `width` columns. Commander breaks only at spaces, which Chinese does not
 * have, so a Chinese description would run off the terminal; here any CJK character is a break
 * opportunity, except before closing and after opening punctuation.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split(/\r\n|\n/)
    .map((line) => {
      const chunks: string[] = [];
      for (const chunk of line.match(/\s*(?:[^\s\u2e80-\u9fff\uff00-\uffef]+|[\u2e80-\u9fff\uff00-\uffef])/g) ?? []) {
        const previous = chunks.at(-1);
        if (previous !== undefined && (NO_LINE_START.test(chunk) || NO_LINE_END.test(previous))) chunks[chunks.length - 1] = previous + chunk;
        else chunks.push(chunk);
      }
      const lines: string[] = [];
      let current = '';
      for (const chunk of chunks) {
        if (current !== '' && displayWidth(current) + displayWidth(chunk) > width) {
          lines.push(current);
          current = chunk.trimStart();
        } else current += chunk;
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

/**
 * Help in the chosen language: section titles, the `(default: …)` note, and line wrapping that
 * measures CJK as two columns. Descriptions themselves are passed in already translated.
 */
export function localiseHelp(program: Command, m: Catalogue): void {
  const titles: Readonly<Record<string, string>> = {
    'Usage:': m['help.usage'](),
    'Arguments:': m['help.arguments'](),
    'Options:': m['help.options'](),
    'Global Options:': m['help.globalOptions'](),
    'Commands:': m['help.commands'](),
  };
  program.configureHelp({
    showGlobalOptions: true,
    styleTitle: (title: string) => titles[title] ?? title,
    formatHelp(this: Help, cmd: Command, helper: Help) {
      // Commander puts a space after the usage title; a full-width colon already spaces itself.
      return Help.prototype.formatHelp.call(this, cmd, helper).replace(/^(\S*：) /, '$1');
    },
    // The commands list as the usage lines read (each command's usage() is in the help's language).
    subcommandTerm: (cmd: Command) => `${cmd.name()} ${cmd.usage()}`.trimEnd(),
    displayWidth,
    boxWrap(this: Help, text: string, width: number) {
      return width < this.minWidthToWrap ? text : wrapText(text, width);
    },
    optionDescription(option: Option) {
      // As commander's own, without its `choices:` list (our descriptions name the choices).
      const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean' && !option.negate);
      if (option.defaultValue === undefined || !showDefault) return option.description;
      const value = option.defaultValueDescription ?? (typeof option.defaultValue === 'string' ? option.defaultValue : JSON.stringify(option.defaultValue));
      return `${option.description}${m['help.default']({ value })}`;
    },
  });
}

/** Commander's English usage errors, as patterns with the parts the catalogue needs. */
function translateUsageError(text: string, m: Catalogue): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const suggestion = rest.join('\n').match(/^\(Did you mean (one of )?(.+)\?\)$/);
  const hint = suggestion ? `\n${m['usage.didYouMean']({ suggestions: suggestion[2]!, several: suggestion[1] !== undefined })}` : rest.length > 0 ? `\n${rest.join('\n')}` : '';
  let match: RegExpMatchArray | null;
  let line: string;
  if ((match = first.match(/^error: unknown option '(.*)'$/))) line = m['usage.unknownOption']({ option: match[1]! });
  else if ((match = first.match(/^error: unknown command '(.*)'$/))) line = m['usage.unknownCommand']({ command: match[1]! });
  else if ((match = first.match(/^error: missing required argument '(.*)'$/))) line = m['usage.missingArgument']({ name: match[1]! });
  else if ((match = first.match(/^error: option '(.*)' argument missing$/))) line = m['usage.optionMissingArgument']({ option: match[1]! });
  else if ((match = first.match(/^error: too many arguments(?: for '.*')?\. Expected (\d+) arguments? but got (\d+)\.$/)))
    line = m['usage.excessArguments']({ expected: Number(match[1]), got: Number(match[2]) });
  else if ((match = first.match(/^error: option '(.*)' argument '(.*)' is invalid\. ?(.*)$/)))
    line = m['usage.invalidOptionArgument']({ option: match[1]!, value: match[2]!, reason: match[3]! });
  else line = m['usage.other']({ message: first });
  return `${line}${hint}\n`;
}

/**
 * Usage errors in the chosen language. English passes commander's own text through untouched;
 * other languages translate the messages commander is known to produce, and pass any other text
 * through as it is rather than lose it.
 */
export function localiseUsageErrors(program: Command, lang: Lang, m: Catalogue): void {
  if (lang === Lang.En) return;
  program.configureOutput({ outputError: (text, write) => write(translateUsageError(text, m)) });
}
