/** Lines of a text as the splitter and the page reading walk them: blank lines stand between content. */

/** The index of the first non-blank line of `lines[from, to)`, or -1 when there is none. */
export function nextContentLine(lines: readonly string[], from: number, to: number = lines.length): number {
  for (let i = from; i < to; i++) if ((lines[i] ?? '') !== '') return i;
  return -1;
}
