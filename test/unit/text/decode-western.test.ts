import { describe, expect, it } from 'vitest';
import { InputErrorCode } from '../../../lib/errors.js';
import { decodeBytes, TextEncoding } from '../../../lib/text/decode.js';
import { decodeError, dropUnencodable, encode, seedTexts, traditionalText } from './decode-helpers.js';

/**
 * Windows-1252 bytes of `text`, from the code charts: ISO-8859-1 for U+0000–U+00FF, and the few
 * characters Windows-1252 puts at 0x80–0x9F that these tests use.
 */
function windows1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, œ: 0x9c };
  return Uint8Array.from([...text], (char) => {
    const byte = high[char] ?? char.codePointAt(0)!;
    if (byte > 0xff) throw new Error(`Windows-1252 has no ${char}`);
    return byte;
  });
}

const FRENCH =
  'Le café est prêt à être servi, élève, garçon.\n' +
  'J’ai reçu ta lettre où tu décris ta journée à la plage ; l’été était très chaud et « la mer, déjà tiède ».\n' +
  'Noël approche : les enfants sont impatients, et l’œuvre du cœur coûte 12 € à peine — c’est peu.\n';

/** A text without white space cut into pieces of `length` characters, those with some Chinese. */
function piecesOf(text: string, length: number): string[] {
  const characters = [...text.replace(/\s+/g, '')];
  return Array.from({ length: Math.floor(characters.length / length) }, (_, i) => characters.slice(length * i, length * (i + 1)).join('')).filter((piece) =>
    /[^\x00-\x7f]/.test(piece),
  );
}

describe('decoding a Western European text in Windows-1252 or ISO-8859-1', () => {
  it('reads French in ISO-8859-1 bytes as the same text its UTF-8 gives, not as broken GB18030', () => {
    // prepare: the first two lines with ASCII apostrophes, which ISO-8859-1 has all of
    const text = FRENCH.split('\n').slice(0, 2).join('\n').replaceAll('’', "'") + '\n';
    const bytes = Uint8Array.from(Buffer.from(text, 'latin1'));
    expect(new TextDecoder('iso-8859-1').decode(bytes)).toBe(text);
    // act
    const decoded = decodeBytes(bytes);
    // assert
    expect(decoded).toEqual({ text, encoding: 'windows-1252', bom: false });
  });

  it('reads the characters Windows-1252 has where ISO-8859-1 has controls (’ “ ” € œ —) as those characters', () => {
    // act
    const decoded = decodeBytes(windows1252(FRENCH));
    // assert
    expect(decoded.text).toBe(FRENCH);
  });

  it.each([
    ['German', 'Die Größe der Straße überrascht jeden Besucher. Müller sagte: „Das ist schön.“ Außerdem gab es Spaß für alle Gäste.'],
    ['Spanish', '¿Dónde está la estación? ¡Qué día más bonito! El niño comió una manzana y la canción habla del corazón.'],
    ['Portuguese', 'A educação é a base da nação. As informações estão disponíveis, e não há razão para preocupação.'],
    ['English with typographic quotes', 'It’s a “test” – really. We’re sure the report’s “figures” are right — mostly.'],
  ])('reads %s as itself', (_language, text) => {
    expect(decodeBytes(windows1252(text)).text).toBe(text);
  });

  it.each(['Noël était très agréable', 'Das Mädchen läuft über die Straße zur Schule.', 'São Paulo', 'Crème brûlée', 'Ça va très bien, merci.'])(
    'reads %j, whose few accents GB18030 also reads as a few Chinese characters glued into its words, as itself',
    (text) => {
      expect(decodeBytes(windows1252(text))).toEqual({ text, encoding: 'windows-1252', bom: false });
    },
  );

  it('refuses a file that mixes UTF-8 and Windows-1252 rather than show either part garbled', () => {
    // prepare
    const sentence = 'Le café est prêt à être servi, élève, garçon. ';
    const bytes = new Uint8Array([...new TextEncoder().encode(sentence.repeat(5)), ...windows1252(sentence.repeat(5))]);
    // act
    const error = decodeError(bytes);
    // assert
    expect(error.code).toBe(InputErrorCode.Undecodable);
  });
});

/** The encoding `bytes` are read in, or the code they are refused with. */
function readingOf(bytes: Uint8Array): string {
  try {
    return decodeBytes(bytes).encoding;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('decoding Chinese, with Western readings about', () => {
  it.each([
    [TextEncoding.Gb18030, 'the seeds', () => seedTexts().map(({ text }) => text)],
    [TextEncoding.Big5, 'the traditional fixture', () => [dropUnencodable(traditionalText(), TextEncoding.Big5)]],
  ])('never reads a piece of 3 or 4 characters of Chinese in %s (%s) as Windows-1252', (encoding, _texts, texts) => {
    // prepare: pieces of a character or two, where a Chinese reading is weakest
    const pieces = texts().flatMap((text) => [3, 4].flatMap((length) => piecesOf(text, length)));
    // act
    const western = pieces.filter((piece) => readingOf(encode(piece, encoding)) === 'windows-1252');
    // assert
    expect(pieces.length).toBeGreaterThan(1000);
    expect(western).toEqual([]);
  });

  it.each(['學(x', '轉(zhu', 'o)語', '進(j', '關(g', '長(z'])(
    'reads %j (traditional characters in GB18030 beside pinyin, as a real page has them) as GB18030, not as Western letters',
    (piece) => {
      // GB18030 gives these characters an ASCII second byte: 學 is 8C 57, which Windows-1252 reads `ŒW`
      expect(decodeBytes(encode(piece, TextEncoding.Gb18030))).toEqual({ text: piece, encoding: TextEncoding.Gb18030, bom: false });
    },
  );

  it.each([10, 20])('still reads every %i-character piece of the seeds in GB18030 and of the traditional fixture in Big5 as itself', (length) => {
    // prepare
    const gb18030 = seedTexts().flatMap(({ text }) => piecesOf(text, length)).map((piece) => [piece, encode(piece, TextEncoding.Gb18030)] as const);
    const big5 = piecesOf(dropUnencodable(traditionalText(), TextEncoding.Big5), length).map((piece) => [piece, encode(piece, TextEncoding.Big5)] as const);
    // act
    const misread = [...gb18030, ...big5].filter(([piece, bytes]) => decodeBytes(bytes).text !== piece).map(([piece]) => piece);
    // assert
    expect(misread).toEqual([]);
  });
});
