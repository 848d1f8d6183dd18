// CONTRACT PLACEHOLDER — replaced by the text-core work (issue 2).
export interface Removal {
  readonly ruleId: string;
  readonly family: string;
  /** 1-based line and column in the text given to cleanText. */
  readonly line: number;
  readonly column: number;
  readonly text: string;
}
export interface CleanResult {
  readonly text: string;
  readonly removals: readonly Removal[];
}
export interface CleanOptions {
  readonly disable?: readonly string[];
}
export function cleanText(text: string, _options: CleanOptions = {}): CleanResult {
  return { text, removals: [] };
}
