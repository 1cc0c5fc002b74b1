import { Resvg } from '@resvg/resvg-js';
import { InvalidImageError } from './png';

/** A logo drawn 30 mm tall at 300 dpi needs about 350 pixels; 600 keeps it sharp at twice that. */
const targetHeightPx = 600;
const maxSvgBytes = 1024 * 1024;

/**
 * Renders an uploaded SVG logo to a PNG, once, at upload: the templates (and react-pdf) only ever see PNGs. The SVG
 * is refused when it is not an SVG document, when it would pull in anything from outside itself (an embedded or
 * linked <image>, a DOCTYPE with entities, a script), or when it draws nothing. System fonts are not loaded: text
 * in a trade mark's artwork is expected as outlines, and a logo must not change with the machine that renders it.
 */
export function svgToPng(svg: string | Buffer, label: string): Buffer {
  const text = Buffer.isBuffer(svg) ? svg.toString('utf8') : svg;
  if (Buffer.byteLength(text) > maxSvgBytes) throw new InvalidImageError(`${label} is larger than 1 MB of SVG`);
  if (!/<svg[\s>]/i.test(text)) throw new InvalidImageError(`${label} is not an SVG image (no <svg> element)`);
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new InvalidImageError(`${label} has a DOCTYPE or entities; export the SVG without them`);
  if (/<(image|script|foreignObject)[\s>/]/i.test(text))
    throw new InvalidImageError(`${label} embeds an image, a script or foreign content; upload plain vector artwork`);
  let rendered: { png: Buffer; width: number; height: number };
  try {
    const resvg = new Resvg(text, {
      fitTo: { mode: 'height', value: targetHeightPx },
      font: { loadSystemFonts: false },
      background: 'rgba(0,0,0,0)',
    });
    const image = resvg.render();
    rendered = { png: image.asPng(), width: image.width, height: image.height };
  } catch (err) {
    throw new InvalidImageError(`${label} is not a valid SVG image: ${err instanceof Error ? err.message : err}`);
  }
  if (!rendered.width || !rendered.height) throw new InvalidImageError(`${label} has no size to draw at`);
  return rendered.png;
}
