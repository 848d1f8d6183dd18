/**
 * WordprocessingML measures. Word stores lengths in twentieths of a point (twips) and font sizes
 * in half-points; everything in the style profile is in millimetres or points.
 */
import { mmToPt } from '../style.js';

export const TWIPS_PER_PT = 20;

/** Points → twips, rounded to the whole twip Word stores. */
export const ptToTwips = (pt: number): number => Math.round(pt * TWIPS_PER_PT);

/** Millimetres → twips (A4's 210 mm is 11906 twips, as Word writes it). */
export const mmToTwips = (mm: number): number => ptToTwips(mmToPt(mm));

/** Points → the half-points of `w:sz`. */
export const ptToHalfPoints = (pt: number): number => Math.round(pt * 2);
