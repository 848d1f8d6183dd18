/**
 * Where the chain finds an upload's corrections and its user's rules in the input bucket. Kept apart
 * (no other imports) so the stage table can name them in the clean stage's permissions.
 */

/** What a corrections file's name ends with: `<path>.corrections.json`, beside `<path>.txt`. */
export const CORRECTIONS_SUFFIX = '.corrections.json';

/** The file name of a user's rules in their prefix: `users/<sub>/rules.json`. */
export const USER_RULES_NAME = 'rules.json';

/** The key of the corrections of the upload whose output folder is `documentPath`. */
export function correctionsKeyOf(documentPath: string): string {
  return `${documentPath}${CORRECTIONS_SUFFIX}`;
}

/** The key of a user's rules, for an upload under a user's prefix (`users/<sub>/…`); none otherwise. */
export function userRulesKeyOf(inputKey: string): string | undefined {
  const match = /^users\/([^/]+)\//.exec(inputKey);
  return match ? `users/${match[1]}/${USER_RULES_NAME}` : undefined;
}
