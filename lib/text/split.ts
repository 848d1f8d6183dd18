// CONTRACT PLACEHOLDER — replaced by the text-core work (issue 2).
import type { Report } from '../model/report.js';
export interface SplitOptions {
  /** Title to use when the text has no recognisable title (e.g. the file name's stem). */
  readonly fallbackTitle?: string;
}
export function splitReports(text: string, options: SplitOptions = {}): Report[] {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return [];
  const [title = options.fallbackTitle ?? 'report', ...rest] = lines;
  return [{ title, blocks: rest.map((t) => ({ kind: 'paragraph' as const, text: t })) }];
}
