/**
 * Salutations as a speech or a letter opens (`同志们：`, `各位代表，同志们：`, `尊敬的各位领导：`):
 * recognised by the words they start with, so that one run into the text after it can be found
 * where the line break after it was lost.
 */

/** Words a salutation starts with. */
export const SALUTATION_OPENERS: readonly string[] = [
  '尊敬的', '敬爱的', '亲爱的', '各位', '同志们', '老师们', '同学们', '朋友们', '女士们', '先生们', '领导们', '大家好',
];

/** Longest salutation, colon included (`尊敬的各位领导、各位来宾，女士们、先生们：`). */
const MAX_SALUTATION = 30;

/** A salutation from its start to its colon: names and the marks between them, no sentence mark. */
const SALUTATION = new RegExp(`^(?:${SALUTATION_OPENERS.join('|')})[^。！？；;!?：:\\n]{0,${MAX_SALUTATION - 3}}[：:]`, 'u');

/** The length of the salutation that `text` starts with (its colon included), or 0 when it starts with none. */
export function salutationLength(text: string): number {
  return SALUTATION.exec(text.slice(0, MAX_SALUTATION + 1))?.[0].length ?? 0;
}
