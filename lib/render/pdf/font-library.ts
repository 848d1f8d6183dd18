// CONTRACT PLACEHOLDER — replaced by the PDF work (issue 3).
/** Parsed fonts for every role plus fallbacks; parse once per process, reuse for every document. */
export interface FontLibrary {
  readonly files: readonly string[];
}
/** The font files (names under assets/fonts/) the library needs. */
export const FONT_FILES: readonly string[] = [];
/** Builds the library from font bytes the shell reads (`read(name)` for each of FONT_FILES). */
export function loadFontLibrary(read: (fileName: string) => Uint8Array): FontLibrary {
  FONT_FILES.forEach(read);
  return { files: FONT_FILES };
}
