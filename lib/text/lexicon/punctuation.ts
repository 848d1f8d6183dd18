/**
 * Punctuation by its GB/T 15834-2011 names (标点符号用法): the 点号 that end or divide sentences and
 * the 标号 that mark words, each written once, with the ASCII marks copy-pasted text puts in their
 * place. Every class the cleaner and the splitter test lines against is composed here from these
 * names, so that "a sentence mark" means one set of characters wherever it is asked.
 */

/** The marks by name, as Chinese text sets them (full width). */
export const Mark = {
  /** 句号. */
  FullStop: '。',
  /** 问号. */
  QuestionMark: '？',
  /** 叹号. */
  ExclamationMark: '！',
  /** 逗号. */
  Comma: '，',
  /** 顿号: separates the items of a list inside a sentence (`党建、业务`). */
  EnumerationComma: '、',
  /** 分号. */
  Semicolon: '；',
  /** 冒号. */
  Colon: '：',
  /** 引号 (double and single), and in their corner forms (直角引号). */
  OpeningDoubleQuote: '“',
  ClosingDoubleQuote: '”',
  OpeningSingleQuote: '‘',
  ClosingSingleQuote: '’',
  OpeningCornerQuote: '「',
  ClosingCornerQuote: '」',
  OpeningWhiteCornerQuote: '『',
  ClosingWhiteCornerQuote: '』',
  /** 括号: round (圆括号), square (方头括号), hollow square (空心方头括号), tortoise-shell (六角括号). */
  OpeningParenthesis: '（',
  ClosingParenthesis: '）',
  OpeningSquareBracket: '【',
  ClosingSquareBracket: '】',
  OpeningHollowBracket: '〖',
  ClosingHollowBracket: '〗',
  OpeningTortoiseShell: '〔',
  ClosingTortoiseShell: '〕',
  /** 书名号, double (`《》`) and single (`〈〉`). */
  OpeningTitleMark: '《',
  ClosingTitleMark: '》',
  OpeningSingleTitleMark: '〈',
  ClosingSingleTitleMark: '〉',
  /** 破折号 (written twice: `——`). */
  Dash: '—',
  /** 省略号 (written twice: `……`). */
  Ellipsis: '…',
} as const;

/** The ASCII stand-ins of the marks, as text typed on a Western keyboard or copied from a PDF has them. */
export const AsciiMark = {
  FullStop: '.',
  QuestionMark: '?',
  ExclamationMark: '!',
  Comma: ',',
  Semicolon: ';',
  Colon: ':',
  OpeningParenthesis: '(',
  ClosingParenthesis: ')',
  DoubleQuote: '"',
} as const;

/** A regex character class (`[…]`) of `chars`, with the characters that are syntax there escaped. */
export function charClass(chars: string): string {
  return `[${chars.replace(/[\\\]^-]/g, (c) => `\\${c}`)}]`;
}

/** 句末点号 (sentence-final marks): 。？！. */
export const SENTENCE_FINAL = Mark.FullStop + Mark.QuestionMark + Mark.ExclamationMark;
/** The sentence-final marks with the ASCII `?` and `!` (never `.`: decimals and abbreviations use it). */
export const SENTENCE_FINAL_WITH_ASCII = SENTENCE_FINAL + AsciiMark.QuestionMark + AsciiMark.ExclamationMark;

/**
 * Marks that make a line a statement (a sentence or a clause of one): the sentence-final marks and
 * 分号, full width and ASCII. A title or a table-of-contents entry holds none of them.
 */
export const STATEMENT_MARKS = SENTENCE_FINAL_WITH_ASCII + Mark.Semicolon + AsciiMark.Semicolon;

/** Marks after which a paragraph may be cut: the statement marks and 省略号 (a sentence is over after each). */
export const CUTTABLE_AFTER_MARKS = STATEMENT_MARKS + Mark.Ellipsis;

/**
 * Marks a line ends its sentence with: the statement marks, 冒号 (a list or a quotation starts on
 * the next line) and 省略号 (the sentence trails off).
 */
export const LINE_END_MARKS = STATEMENT_MARKS + Mark.Colon + AsciiMark.Colon + Mark.Ellipsis;

/** Closing quotes and brackets, which may stand after a sentence's last mark (`。”`, `！）`). */
export const TRAILING_CLOSERS =
  Mark.ClosingDoubleQuote + Mark.ClosingSingleQuote + Mark.ClosingCornerQuote + Mark.ClosingWhiteCornerQuote + Mark.ClosingParenthesis +
  AsciiMark.ClosingParenthesis + Mark.ClosingTitleMark + Mark.ClosingSingleTitleMark;

/**
 * Marks that end or divide a sentence, full width: a title's wrapped tail holds none of them.
 * 顿号 is not among them: it lists words inside a title (`党建、业务工作总结`).
 */
export const SENTENCE_OR_CLAUSE_MARKS = SENTENCE_FINAL + Mark.Comma + Mark.Semicolon + Mark.Colon;

/** Marks that divide a title into clauses (逗号, 顿号, ASCII comma): the halves of one wrapped title hold none. */
export const TITLE_CLAUSE_MARKS = Mark.Comma + Mark.EnumerationComma + AsciiMark.Comma;

/**
 * Marks a name never holds (a signature, an author line, a unit): the 点号 but 顿号 and 冒号, full
 * width and ASCII, 省略号 and double quotes. A line with one of them says something; it does not
 * name someone. (冒号 is judged apart: `述职人：张三` names the author after a label.)
 */
export const NAME_BREAKING_MARKS =
  SENTENCE_FINAL_WITH_ASCII + Mark.Comma + AsciiMark.Comma + Mark.Semicolon + AsciiMark.Semicolon + Mark.Ellipsis + Mark.OpeningDoubleQuote +
  Mark.ClosingDoubleQuote + AsciiMark.DoubleQuote;

/**
 * Marks after which the words run on into the next line: 逗号, 顿号, 冒号, 分号, an opening
 * parenthesis, quote, title mark or 【, 破折号. A line ending in one is not a title, and no title can
 * follow it.
 */
export const RUNS_ON_MARKS =
  Mark.Comma + Mark.EnumerationComma + Mark.Colon + AsciiMark.Colon + AsciiMark.Comma + Mark.Semicolon + AsciiMark.Semicolon +
  Mark.OpeningParenthesis + AsciiMark.OpeningParenthesis + Mark.OpeningDoubleQuote + Mark.OpeningSingleQuote + Mark.OpeningTitleMark +
  Mark.OpeningSingleTitleMark + Mark.OpeningSquareBracket + Mark.Dash;

/**
 * Marks no line may start with (the kinsoku rule: 点号 and closing 标号): under a full line, one is
 * that line's end, pushed over by a wrap that counted characters.
 */
export const LINE_START_FORBIDDEN =
  SENTENCE_FINAL + Mark.Comma + Mark.EnumerationComma + Mark.Semicolon + Mark.Colon + Mark.ClosingParenthesis + Mark.ClosingCornerQuote +
  Mark.ClosingWhiteCornerQuote + Mark.ClosingTitleMark + Mark.ClosingSquareBracket + Mark.ClosingDoubleQuote + Mark.ClosingSingleQuote +
  AsciiMark.FullStop + AsciiMark.Comma + AsciiMark.Semicolon + AsciiMark.Colon + AsciiMark.QuestionMark + AsciiMark.ExclamationMark +
  AsciiMark.ClosingParenthesis;

/**
 * Full-width punctuation beside which a space is a copy-paste artefact (`综合评定 “优秀”`): the
 * 点号 and the quotes, brackets, title marks, 省略号 and 破折号.
 */
export const FULL_WIDTH_PUNCTUATION =
  Mark.Comma + Mark.FullStop + Mark.EnumerationComma + Mark.Semicolon + Mark.Colon + Mark.QuestionMark + Mark.ExclamationMark +
  Mark.OpeningDoubleQuote + Mark.ClosingDoubleQuote + Mark.OpeningSingleQuote + Mark.ClosingSingleQuote + Mark.OpeningParenthesis +
  Mark.ClosingParenthesis + Mark.OpeningTitleMark + Mark.ClosingTitleMark + Mark.OpeningSquareBracket + Mark.ClosingSquareBracket +
  Mark.OpeningTortoiseShell + Mark.ClosingTortoiseShell + Mark.OpeningCornerQuote + Mark.ClosingCornerQuote + Mark.OpeningWhiteCornerQuote +
  Mark.ClosingWhiteCornerQuote + Mark.Ellipsis + Mark.Dash;

/** A line ending in a sentence-final mark, perhaps followed by closing quotes and brackets. */
const TRAILING_CLOSERS_RUN = new RegExp(`${charClass(TRAILING_CLOSERS)}{1,4}$`);
const LINE_END = new RegExp(`${charClass(LINE_END_MARKS)}$`);

/** True when `line` ends its sentence: a {@link LINE_END_MARKS} mark, perhaps inside closing quotes or brackets. */
export function endsSentence(line: string): boolean {
  return LINE_END.test(line.replace(TRAILING_CLOSERS_RUN, ''));
}

const STATEMENT = new RegExp(charClass(STATEMENT_MARKS));

/** True when `text` holds a statement mark anywhere: it is a sentence, not a title. */
export function holdsStatementMark(text: string): boolean {
  return STATEMENT.test(text);
}

/**
 * The stray full stop that copy-pasted titles and their wrapped tails sometimes carry (`…述职报告。`,
 * `讲稿。`): 句号 or an ASCII full stop, last on the line.
 */
const STRAY_FULL_STOP = /[。.]$/;

/** True when `line` ends in a stray full stop. */
export function hasStrayFullStop(line: string): boolean {
  return STRAY_FULL_STOP.test(line);
}

/** `line` without a stray full stop at its end. */
export function withoutStrayFullStop(line: string): string {
  return line.replace(STRAY_FULL_STOP, '');
}

/** Marks copied titles and table-of-contents entries carry at their end by mistake (`…述职报告。`, `…总结，`). */
export const STRAY_END_MARKS = Mark.FullStop + AsciiMark.FullStop + Mark.Comma + AsciiMark.Comma + Mark.Semicolon + AsciiMark.Semicolon;
