import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE, profileText } from '../../../lib/text/text-profile.js';

describe('profileText', () => {
  it('counts a line of a report as common ideographs, punctuation and ASCII, and its white space as nothing', () => {
    const profile = profileText('一、2023年 工作总结：成绩显著。\n');

    expect(profile).toMatchObject({ characters: 17, commonHan: 10, punctuation: 3, ascii: 4, asciiAlphanumeric: 4, suspect: 0, foreign: 0 });
  });

  it('counts simplified and traditional forms alike as common', () => {
    expect(profileText('党黨书書').commonHan).toBe(4);
  });

  it('counts ideographs outside both common sets, from any plane, as other ideographs, one per character', () => {
    const profile = profileText('堃喆𠮷');

    expect(profile).toMatchObject({ characters: 3, otherHan: 3, commonHan: 0 });
  });

  it('counts controls, replacement, private-use and unassigned code points as suspect', () => {
    const profile = profileText('\u0001\u0085\ufffd\ue000\u{f0000}\u{50000}\ufdd0');

    expect(profile).toMatchObject({ characters: 7, suspect: 7, replacement: 1, letters: 0 });
  });

  it('counts a lone surrogate as suspect', () => {
    expect(profileText('\ud800a')).toMatchObject({ characters: 2, suspect: 1, ascii: 1 });
  });

  it('counts kana, bopomofo and the CJK symbols Chinese text does not use as foreign, not as punctuation', () => {
    const profile = profileText('ヘㄛ〆︵﹍');

    expect(profile).toMatchObject({ characters: 5, foreign: 5, punctuation: 0 });
  });

  it('profiles a slice of a text as that slice alone', () => {
    expect(profileText('abc中文', 3, 5)).toMatchObject({ characters: 2, commonHan: 2, ascii: 0 });
  });

  it('finds nothing in white space', () => {
    expect(profileText(' \t\n\u3000\u00a0')).toEqual(EMPTY_PROFILE);
  });
});
