import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A QR code of the text as a greyscale PNG: the qrcode package computes the modules; the PNG is written here, since
 * qrcode's own PNG output goes through a stream and costs several times more per code. `scale` pixels a module and
 * the standard 4-module quiet zone keep it sharp when printed at 2-3 cm.
 */
export function qrCodePng(text: string, scale = 4, margin = 4): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const side = (size + 2 * margin) * scale;
  const row = side + 1; // each scanline starts with its filter byte (0: none)
  const pixels = Buffer.alloc(row * side, 0xff);
  for (let y = 0; y < side; y += 1) {
    pixels[y * row] = 0;
    const my = Math.floor(y / scale) - margin;
    if (my < 0 || my >= size) continue;
    for (let mx = 0; mx < size; mx += 1) {
      if (!modules.get(my, mx)) continue;
      const start = y * row + 1 + (mx + margin) * scale;
      pixels.fill(0, start, start + scale);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // colour type: greyscale
  return Buffer.concat([
    pngSignature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
