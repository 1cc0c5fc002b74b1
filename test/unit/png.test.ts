import { assertPng, InvalidImageError } from '../../domain/images/png';

const signature = Buffer.from('89504e470d0a1a0a', 'hex');
const ihdr = Buffer.from('0000000d49484452000000020000000308060000001f15c489', 'hex');
/** An IHDR chunk declaring any size (the CRC is not checked). */
const ihdrOf = (width: number, height: number) => {
  const chunk = Buffer.from(ihdr);
  chunk.writeUInt32BE(width, 8);
  chunk.writeUInt32BE(height, 12);
  return chunk;
};
const iend = Buffer.from('0000000049454e44ae426082', 'hex');

describe('assertPng', () => {
  it('accepts a whole PNG and reads its size', () => {
    expect(assertPng(Buffer.concat([signature, ihdr, iend]), 'logo')).toEqual({ width: 2, height: 3 });
    expect(assertPng(Buffer.concat([signature, ihdrOf(5000, 5000), iend]), 'logo')).toEqual({
      width: 5000,
      height: 5000,
    });
  });

  it.each([
    ['not a PNG', Buffer.from('GIF89a, definitely not a png image at all'), 'logo is not a PNG image'],
    [
      'truncated',
      Buffer.concat([signature, ihdr, Buffer.from('0000006449444154789c', 'hex')]),
      'logo is a truncated PNG (chunk IDAT runs past the end)',
    ],
    ['without IEND', Buffer.concat([signature, ihdr]), 'logo is a truncated PNG (no IEND chunk)'],
    ['without IHDR first', Buffer.concat([signature, iend, ihdr]), 'logo is not a valid PNG (no IHDR header)'],
    [
      'declaring 40,000 x 40,000 pixels (a few bytes that would decode to gigabytes)',
      Buffer.concat([signature, ihdrOf(40_000, 40_000), iend]),
      'logo declares 40000 x 40000 pixels, more than the 25 megapixels allowed: scale it down',
    ],
  ])('refuses %s, saying why', (_, bytes, message) => {
    expect(() => assertPng(bytes, 'logo')).toThrow(new InvalidImageError(message));
  });
});
