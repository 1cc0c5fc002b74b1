const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export class InvalidImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidImageError';
  }
}

/**
 * The most pixels an image may declare. A PNG's header states its size and a decoder allocates for it before reading a
 * byte of pixels: a few hundred bytes can declare 40,000 x 40,000 pixels (6.4 GB decoded). 25 megapixels is far more
 * than a logo, signature or A4 background at print resolution needs.
 */
export const maxImagePixels = 25_000_000;

/**
 * Checks that bytes are a whole PNG: signature, IHDR first, every chunk inside the buffer, IEND last.
 * react-pdf silently drops an image it cannot decode, which would print a credential without its logo.
 */
export function assertPng(bytes: Buffer, label: string): { width: number; height: number } {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature)) {
    throw new InvalidImageError(`${label} is not a PNG image`);
  }
  let offset = 8;
  let first = true;
  let size: { width: number; height: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length)
      throw new InvalidImageError(`${label} is a truncated PNG (chunk ${type} runs past the end)`);
    if (first) {
      if (type !== 'IHDR') throw new InvalidImageError(`${label} is not a valid PNG (no IHDR header)`);
      size = { width: bytes.readUInt32BE(offset + 8), height: bytes.readUInt32BE(offset + 12) };
      if (size.width === 0 || size.height === 0)
        throw new InvalidImageError(`${label} declares no pixels (0 wide or high)`);
      if (size.width * size.height > maxImagePixels) {
        throw new InvalidImageError(
          `${label} declares ${size.width} x ${size.height} pixels, more than the ${maxImagePixels / 1_000_000} megapixels allowed: scale it down`,
        );
      }
      first = false;
    }
    if (type === 'IEND') return size as { width: number; height: number };
    offset = end;
  }
  throw new InvalidImageError(`${label} is a truncated PNG (no IEND chunk)`);
}
