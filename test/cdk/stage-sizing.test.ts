import { describe, expect, it } from 'vitest';
import {
  maxInputBytesFor,
  RENDER_STAGE_FIGURES,
  renderStageMemoryNeededMb,
  renderStageSecondsNeeded,
  STAGE_SIZING,
  TEXT_STAGE_FIGURES,
  textStageMemoryMb,
  textStageTimeoutSeconds,
} from '../../cdk/stage-sizing.js';
import { MAX_PART_LINES } from '../../lib/model/report-parts.js';
import { StageName } from '../../lib/pipeline/stages.js';
import { DEFAULT_MAX_BYTES } from '../../lib/text/decode.js';

const MB = 1024 * 1024;
const TEXT_STAGES = [StageName.Clean, StageName.Split] as const;

describe('the sizing of the clean and split functions', () => {
  it.each(TEXT_STAGES)('gives %s the memory that an input at the size limit needs', (stage) => {
    const memoryMb = STAGE_SIZING[stage].memoryMb;

    expect(maxInputBytesFor(TEXT_STAGE_FIGURES[stage], memoryMb)).toBeGreaterThanOrEqual(DEFAULT_MAX_BYTES);
  });

  it.each(TEXT_STAGES)('gives %s the time that an input at the size limit needs at the CPU share of its memory', (stage) => {
    const { memoryMb, timeoutSeconds } = STAGE_SIZING[stage];
    const cpuSeconds = TEXT_STAGE_FIGURES[stage].cpuSecondsPerInputMb * (DEFAULT_MAX_BYTES / MB);

    expect(timeoutSeconds).toBeGreaterThanOrEqual(cpuSeconds / Math.min(1, memoryMb / 1769));
  });

  it('derives the limit a memory holds as the inverse of the memory a limit needs, to one 64 MB step', () => {
    const figures = TEXT_STAGE_FIGURES[StageName.Split];
    for (const limit of [1, 5, 20, 50, 100].map((n) => n * MB)) {
      const memoryMb = textStageMemoryMb(figures, limit);

      expect(memoryMb % 64).toBe(0);
      expect(maxInputBytesFor(figures, memoryMb)).toBeGreaterThanOrEqual(limit);
      expect(maxInputBytesFor(figures, memoryMb - 64)).toBeLessThan(limit);
    }
  });

  it('gives a larger limit more memory and, at the same memory, more time', () => {
    const figures = TEXT_STAGE_FIGURES[StageName.Clean];

    expect(textStageMemoryMb(figures, 40 * MB)).toBeGreaterThan(textStageMemoryMb(figures, 20 * MB));
    expect(textStageTimeoutSeconds(figures, 512, 200 * MB)).toBeGreaterThan(textStageTimeoutSeconds(figures, 512, 20 * MB));
  });
});

describe('the sizing of the render functions', () => {
  const RENDER_STAGES = [StageName.RenderDocx, StageName.RenderPdf] as const;

  it.each(RENDER_STAGES)('gives %s the memory and time that the largest document (a part of MAX_PART_LINES lines) needs', (stage) => {
    const { memoryMb, timeoutSeconds } = STAGE_SIZING[stage];
    const figures = RENDER_STAGE_FIGURES[stage];

    expect(memoryMb).toBeGreaterThanOrEqual(renderStageMemoryNeededMb(figures, MAX_PART_LINES));
    expect(memoryMb).toBeGreaterThanOrEqual(figures.runtimeMb + figures.firstRenderMb + figures.rssPerThousandLines * (MAX_PART_LINES / 1000));
    expect(timeoutSeconds).toBeGreaterThanOrEqual(renderStageSecondsNeeded(figures, memoryMb, MAX_PART_LINES));
  });

  it('needs more memory for longer documents, in steps of 64 MB', () => {
    const figures = RENDER_STAGE_FIGURES[StageName.RenderPdf];

    expect(renderStageMemoryNeededMb(figures, 200_000)).toBeGreaterThan(renderStageMemoryNeededMb(figures, MAX_PART_LINES));
    expect(renderStageMemoryNeededMb(figures, 200_000) % 64).toBe(0);
  });
});
