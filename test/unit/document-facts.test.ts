import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_DATE, documentDate } from '../../lib/render/document-facts.js';

describe('the date documents carry', () => {
  it('is the input’s date to the whole second, as S3 keeps LastModified', () => {
    // act
    const date = documentDate(new Date('2024-03-05T06:07:08.999Z'));
    // assert
    expect(date.toISOString()).toBe('2024-03-05T06:07:08.000Z');
  });

  it.each([
    ['no date', undefined],
    ['an invalid date', new Date(Number.NaN)],
    ['a date before 1980, which a zip entry cannot hold', new Date('1970-01-01T00:00:00Z')],
    ['a date after 2099', new Date('2100-01-01T00:00:00Z')],
  ])('is the fixed default for %s', (_what, input) => {
    // act
    const date = documentDate(input);
    // assert
    expect(date).toBe(DEFAULT_DOCUMENT_DATE);
  });
});
