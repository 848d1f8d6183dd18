/**
 * The lexicon: the vocabulary the cleaner and the splitter test lines against, each class defined
 * once (punctuation by its GB/T 15834 names, numerals, heading and piece numbering, genre words,
 * dates, page and site furniture) and the line shapes built from them (titles, subtitles).
 */
export * from './dates.js';
export * from './furniture.js';
export * from './genres.js';
export * from './numbering.js';
export * from './numerals.js';
export * from './punctuation.js';
export * from './salutations.js';
export * from './title-shape.js';
