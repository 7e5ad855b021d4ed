// A small PNG reader for tests (8-bit RGB or RGBA, non-interlaced, as
// Chromium's screenshots are): the pixels, to check what a rendering shows.
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  rgba: Uint8Array;
}

export function readPng(buf: Buffer): Image {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8, width = 0, height = 0, depth = 0, type = 0, interlace = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const kind = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]!; type = data[9]!; interlace = data[12]!;
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    off += 12 + len;
  }
  if (depth !== 8 || (type !== 2 && type !== 6) || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, type ${type}, interlace ${interlace})`);
  const bpp = type === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp]! : 0;
      let v = row[x]!;
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + x] = v & 255;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = px[i * bpp]!; rgba[i * 4 + 1] = px[i * bpp + 1]!; rgba[i * 4 + 2] = px[i * bpp + 2]!;
    rgba[i * 4 + 3] = bpp === 4 ? px[i * bpp + 3]! : 255;
  }
  return { width, height, rgba };
}

/** Pixels within `tol` of colour `#rrggbb` in every channel, optionally only in columns [x0, x1). */
export function countColor(img: Image, hex: string, tol = 6, x0 = 0, x1 = img.width): number {
  const r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      if (Math.abs(img.rgba[i]! - r) <= tol && Math.abs(img.rgba[i + 1]! - g) <= tol && Math.abs(img.rgba[i + 2]! - b) <= tol) n++;
    }
  }
  return n;
}

/** Pixels that are not (near) white. */
export function countInk(img: Image): number {
  let n = 0;
  for (let i = 0; i < img.width * img.height; i++) if (img.rgba[i * 4]! < 240 || img.rgba[i * 4 + 1]! < 240 || img.rgba[i * 4 + 2]! < 240) n++;
  return n;
}
