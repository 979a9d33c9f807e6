// The size of a picture in public/, so that every <img> says how big it is: the
// browser keeps its space before it loads, and text does not jump down the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PictureSize {
  width: number;
  height: number;
}

// The build runs from the project folder; this module is bundled elsewhere, so its own path says nothing.
const publicDir = join(process.cwd(), 'public');

/** The width and height an SVG declares (its width and height attributes, else its viewBox). */
export function svgSize(svg: string): PictureSize | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) return undefined;
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(root)?.[1];
  const width = Number.parseFloat(attribute('width') ?? '');
  const height = Number.parseFloat(attribute('height') ?? '');
  if (width > 0 && height > 0) return { width, height };
  const [, , boxWidth = 0, boxHeight = 0] = (attribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  return boxWidth > 0 && boxHeight > 0 ? { width: boxWidth, height: boxHeight } : undefined;
}

/** The size of a picture on this site, e.g. "/images/easy-read/home.svg"; undefined when it cannot be read. */
export function pictureSize(src: string): PictureSize | undefined {
  if (!src.startsWith('/') || !/\.svg$/i.test(src)) return undefined;
  try {
    return svgSize(readFileSync(join(publicDir, decodeURI(src)), 'utf8'));
  } catch {
    return undefined; // `npm run check:content` reports a missing picture.
  }
}
