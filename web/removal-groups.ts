/**
 * The removal log (removals.json) grouped for reading: one group per family, adverts first and
 * white space last, each cut with its line and the text exactly as it was removed.
 */

/** One cut as removals.json records it. */
export interface RemovalEntry {
  readonly family: string;
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  /** What the output has in place of `text`, for a normalisation (`,` → `，`); absent for a cut. */
  readonly replacement?: string;
}

export interface RemovalGroup {
  readonly family: string;
  /** Every cut of the family, in input order. */
  readonly removals: readonly RemovalEntry[];
  readonly characters: number;
}

/** The order a reader checks them in: what was taken for adverts first, white space last. */
const FAMILY_ORDER = ['bracketed-advert', 'advert-line', 'advert-block', 'paywall-marker', 'page-number', 'html-debris', 'markdown', 'viewer-layer', 'converter-pinyin', 'watermark', 'punctuation', 'whitespace'];

const rank = (family: string) => {
  const at = FAMILY_ORDER.indexOf(family);
  return at < 0 ? FAMILY_ORDER.length - 1 : at;
};

/** Groups cuts by family, in reading order. */
export function groupRemovals(removals: readonly RemovalEntry[]): RemovalGroup[] {
  const byFamily = new Map<string, RemovalEntry[]>();
  for (const removal of removals) {
    const list = byFamily.get(removal.family) ?? [];
    list.push(removal);
    byFamily.set(removal.family, list);
  }
  return [...byFamily.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(([family, list]) => ({
      family,
      removals: list.sort((x, y) => x.line - y.line || x.column - y.column),
      characters: list.reduce((sum, r) => sum + [...r.text].length, 0),
    }));
}

/**
 * A log entry as the page lists it: the removed text made visible, and for a normalisation what
 * took its place, its spaces shown too (`,␣ → ，`).
 */
export function shownChange(removal: Pick<RemovalEntry, 'text' | 'replacement'>): string {
  if (removal.replacement === undefined) return visibleText(removal.text);
  // An insertion (a line break a text layer lost) replaced nothing: shown as ∅.
  const shown = (text: string) => (text === '' ? '∅' : visibleText(text).replace(/[ \u3000\u00a0]/g, '␣'));
  return `${shown(removal.text)} → ${shown(removal.replacement)}`;
}

/** The removed text made visible: line breaks and tabs as symbols, and spaces too in a cut of nothing else. */
export function visibleText(text: string): string {
  const shown = text.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥');
  return shown.trim() === '' ? shown.replace(/[ \u3000\u00a0]/g, '␣') : shown;
}
