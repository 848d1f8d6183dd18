import { describe, expect, it } from 'vitest';
import { withFastSubrUsage } from '../../../lib/render/pdf/cff-subset.js';
import { vendoredFonts } from './font-library-fixture.js';

describe('CFF subsets without outline building', () => {
  it('encodes every vendored face to the same bytes as fontkit’s own subsetter', () => {
    // prepare
    const text = '关于2023年度党建工作的述职报告：坚持“两个维护”，（一）强化理论武装。堃喆';
    const fonts = vendoredFonts();
    // The desubroutinized Noto fallback too, read only when a character needs it.
    const faces = new Set([...fonts.faces, fonts.fallback]);
    for (const face of faces) {
      const glyphIds = [...new Set(Array.from(text, (char) => face.glyphId(char.codePointAt(0)!)))];
      const plain = face.font.createSubset();
      const fast = withFastSubrUsage(face.font.createSubset());
      // act
      for (const id of glyphIds) {
        plain.includeGlyph(id);
        fast.includeGlyph(id);
      }
      // assert
      expect(Buffer.from(fast.encode()).equals(Buffer.from(plain.encode())), face.file).toBe(true);
    }
  });
});
