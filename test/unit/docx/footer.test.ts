import { describe, expect, it } from 'vitest';
import { ReportPressError } from '../../../lib/errors.js';
import { pageNumberAffixes } from '../../../lib/render/docx/footer.js';
import { GBT9704, type StyleProfile } from '../../../lib/render/style.js';

describe('pageNumberAffixes', () => {
  it('splits the GB/T 9704 format around the number', () => {
    expect(pageNumberAffixes(GBT9704)).toEqual({ prefix: '— ', suffix: ' —' });
  });

  it('reads any format that writes the number once, such as 第 N 页', () => {
    const profile: StyleProfile = { ...GBT9704, pageNumber: { ...GBT9704.pageNumber, format: (n) => `第 ${n} 页` } };

    expect(pageNumberAffixes(profile)).toEqual({ prefix: '第 ', suffix: ' 页' });
  });

  it('rejects a format without the number in digits, saying which setting to fix', () => {
    const profile: StyleProfile = { ...GBT9704, pageNumber: { ...GBT9704.pageNumber, format: () => '— 页 —' } };

    expect(() => pageNumberAffixes(profile)).toThrow(ReportPressError);
    expect(() => pageNumberAffixes(profile)).toThrow(/pageNumber\.format/);
  });
});
