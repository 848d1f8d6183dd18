import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../lib/errors.js';
import { decodeBytes, TextEncoding, type DecodedText } from '../../../lib/text/decode.js';
import { encode, isReplacementOrPrivateUse, seedTexts, traditionalText } from './decode-helpers.js';

// Seeded, so that a failure can be replayed; the runs are few because each builds a real text.
const RUNS = { numRuns: 60, seed: 20_240_613 };

const simplified = [...seedTexts().map((seed) => seed.text).join('\n')];
const traditional = [...traditionalText()];

/** Legitimate odd characters: replacement, private-use in the BMP and in plane 15, encodable in UTF-8, UTF-16 and GB18030. */
const ODD = ['\ufffd', '\ue000', '\ue4c6', '\uf8ff', '\u{f0000}', '\u{10fffd}'];

/** Passages of real report text, `minLength` characters or more, joined by line breaks. */
function passages(source: readonly string[], minLength: number): fc.Arbitrary<string> {
  const passage = fc
    .tuple(fc.nat({ max: source.length - 1 }), fc.integer({ min: 8, max: 400 }))
    .map(([start, length]) => source.slice(start, start + length).join(''));
  return fc
    .array(passage, { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join('\n'))
    .filter((text) => [...text].filter((c) => c.charCodeAt(0) >= 0x80).length >= minLength);
}

/** A text with a few odd characters put in, at most one in 150 (a report with a handful of them). */
const withOddCharacters = passages(simplified, 150).chain((text) => {
  const characters = [...text];
  const room = Math.floor(characters.length / 150);
  return fc
    .array(fc.tuple(fc.nat({ max: characters.length }), fc.constantFrom(...ODD)), { maxLength: room })
    .map((insertions) => {
      const result = [...characters];
      for (const [at, odd] of insertions.sort((a, b) => b[0] - a[0])) result.splice(at, 0, odd);
      return result.join('');
    });
});

const normalise = (text: string) => text.replace(/\r\n?/g, '\n');

/** True when every replacement or private-use character of a decoding came from the bytes themselves. */
function oddCharactersAreInTheBytes(bytes: Uint8Array, decoded: DecodedText): boolean {
  if (![...decoded.text].some(isReplacementOrPrivateUse)) return true;
  const body = decoded.bom ? bytes.subarray(decoded.encoding === TextEncoding.Utf8 ? 3 : 2) : bytes;
  return normalise(new TextDecoder(decoded.encoding, { fatal: true, ignoreBOM: true }).decode(body)) === decoded.text;
}

function decodeOrRefuse(bytes: Uint8Array): DecodedText | InputError {
  try {
    return decodeBytes(bytes);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

describe('decoding, for any real text in any supported encoding', () => {
  it.each([TextEncoding.Utf8, TextEncoding.Gb18030, TextEncoding.Utf16le, TextEncoding.Utf16be])(
    'gives back the text written in %s without a BOM, its replacement and private-use characters included',
    (encoding) => {
      fc.assert(
        fc.property(withOddCharacters, (text) => {
          // act
          const decoded = decodeBytes(encode(text, encoding));
          // assert
          expect(decoded.text).toBe(normalise(text));
          expect(decoded.encoding).toBe(encoding);
        }),
        RUNS,
      );
    },
  );

  it('gives back traditional text written in Big5', () => {
    fc.assert(
      fc.property(passages(traditional, 20), (text) => {
        const decoded = decodeBytes(encode(text, TextEncoding.Big5));

        expect(decoded).toMatchObject({ text: normalise(text), encoding: TextEncoding.Big5 });
      }),
      RUNS,
    );
  });
});

describe('decoding, for any bytes', () => {
  it('refuses random bytes, or returns text with no replacement or private-use character the bytes do not encode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4000 }), (bytes) => {
        const decoded = decodeOrRefuse(bytes);

        if (!(decoded instanceof InputError)) expect(oddCharactersAreInTheBytes(bytes, decoded)).toBe(true);
      }),
      { ...RUNS, numRuns: 300 },
    );
  });

  it('refuses a real text with random bytes spliced in, or returns only characters its bytes encode', () => {
    const spliced = fc
      .tuple(
        passages(simplified, 50),
        fc.constantFrom(TextEncoding.Utf8, TextEncoding.Gb18030, TextEncoding.Utf16le),
        fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 5 }),
      )
      .map(([text, encoding, splices]) => {
        const bytes = [...encode(text, encoding)];
        for (const [at, junk] of splices) bytes.splice(at % (bytes.length + 1), 0, ...junk);
        return new Uint8Array(bytes);
      });

    fc.assert(
      fc.property(spliced, (bytes) => {
        const decoded = decodeOrRefuse(bytes);

        if (!(decoded instanceof InputError)) expect(oddCharactersAreInTheBytes(bytes, decoded)).toBe(true);
      }),
      RUNS,
    );
  });

  it('gives back any UTF-8 text with eight or more non-ASCII characters unchanged, or refuses it as a whole', () => {
    const utf8Text = fc
      .string({ unit: 'binary', minLength: 8, maxLength: 300 })
      .filter((text) => new TextDecoder().decode(new TextEncoder().encode(text)) === text)
      .filter((text) => !text.startsWith('\ufeff') && [...text].filter((c) => c.charCodeAt(0) >= 0x80).length >= 8);

    fc.assert(
      fc.property(utf8Text, (text) => {
        const decoded = decodeOrRefuse(new TextEncoder().encode(text));

        if (!(decoded instanceof InputError)) expect(decoded).toMatchObject({ text: normalise(text), encoding: TextEncoding.Utf8 });
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});
