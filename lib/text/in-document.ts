/**
 * The cleaning steps inside a document (not its page furniture), in the order they run: each
 * family's logic and vocabulary live in its own module; clean.ts runs the list.
 */
import type { CleanStep } from './clean-rules.js';
import { CONVERTER_PINYIN_STEP } from './converter-pinyin.js';
import { HTML_DEBRIS_STEP } from './html-debris.js';
import { PUNCTUATION_WIDTH_STEP } from './punctuation-width.js';
import { FLATTENED_PARAGRAPHS_STEP, VIEWER_CHUNKS_STEP } from './viewer-layer.js';
import { WATERMARK_STEP } from './watermark.js';

export const IN_DOCUMENT_STEPS: readonly CleanStep[] = [HTML_DEBRIS_STEP, VIEWER_CHUNKS_STEP, FLATTENED_PARAGRAPHS_STEP, CONVERTER_PINYIN_STEP, WATERMARK_STEP, PUNCTUATION_WIDTH_STEP];
