// Draws the add-in's icons (a white contact glyph on a rounded square in the brand blue)
// and writes them as PNG files to addin/assets/icon-<size>.png, using only Node built-ins.
//
//   node scripts/make-icons.mjs [outDir]
//
// The PNGs are committed; this script is kept so that they can be reproduced or restyled.
// Sizes: 16, 32 and 80 for the ribbon button, 64 for IconUrl, 128 for HighResolutionIconUrl,
// 192 for the unified manifest's colour icon; 25, 32 and 48 at scales 1, 2 and 3 (25, 50, 75, 32,
// 64, 96, 48, 96, 144 pixels) for the mobile button of Outlook on iOS and Android; and icon-outline-32.png, the unified manifest's
// outline icon (white strokes on transparency, as Microsoft 365 requires).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 25, 32, 48, 50, 64, 75, 80, 96, 128, 144, 192];
export const OUTLINE_SIZE = 32;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SUPERSAMPLE = 8; // samples per pixel along each axis, for smooth edges

// Colours: Fluent's brand blue (#0F6CBD) with a slightly lighter top edge.
const BLUE_TOP = [0x1f, 0x7f, 0xd4];
const BLUE_BOTTOM = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];

// Geometry in unit coordinates (0..1 across the icon, y pointing down).
const MARGIN = 0.0625;
const CORNER = 0.2;
const HEAD = { cx: 0.5, cy: 0.37, r: 0.15 };
const SHOULDERS = { cx: 0.5, cy: 0.84, rx: 0.29, ry: 0.27, bottom: 0.8 };

function inRoundedSquare(x, y) {
  const lo = MARGIN + CORNER;
  const hi = 1 - MARGIN - CORNER;
  if (x < MARGIN || x > 1 - MARGIN || y < MARGIN || y > 1 - MARGIN) return false;
  const dx = x < lo ? lo - x : x > hi ? x - hi : 0;
  const dy = y < lo ? lo - y : y > hi ? y - hi : 0;
  return dx * dx + dy * dy <= CORNER * CORNER;
}

function inContactGlyph(x, y) {
  const hx = x - HEAD.cx;
  const hy = y - HEAD.cy;
  if (hx * hx + hy * hy <= HEAD.r * HEAD.r) return true;
  if (y > SHOULDERS.bottom) return false;
  const sx = (x - SHOULDERS.cx) / SHOULDERS.rx;
  const sy = (y - SHOULDERS.cy) / SHOULDERS.ry;
  return sx * sx + sy * sy <= 1;
}

const OUTLINE_STROKE = 0.07; // width of the outline icon's square border, in unit coordinates

function inSquareBorder(x, y) {
  if (!inRoundedSquare(x, y)) return false;
  // A point is inside the inner square when, scaled out to the outer square's size, it falls in it.
  const scale = (1 - 2 * MARGIN) / (1 - 2 * MARGIN - 2 * OUTLINE_STROKE);
  const ix = 0.5 + (x - 0.5) * scale;
  const iy = 0.5 + (y - 0.5) * scale;
  return !inRoundedSquare(ix, iy);
}

/** Renders the outline icon: the square's border and the contact glyph in white, the rest transparent. */
export function renderOutline(size) {
  return render(size, (x, y) => (inSquareBorder(x, y) || inContactGlyph(x, y) ? WHITE : undefined));
}

/** Renders one icon as straight (non-premultiplied) RGBA rows. */
export function renderIcon(size) {
  return render(size, (x, y) => (inRoundedSquare(x, y) ? (inContactGlyph(x, y) ? WHITE : mix(BLUE_TOP, BLUE_BOTTOM, y)) : undefined));
}

/** Supersamples `colourAt` (an RGB triple, or undefined for transparent) into straight RGBA rows. */
function render(size, colourAt) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Accumulate premultiplied colour over the pixel's samples.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          const colour = colourAt(x, y);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((255 * a) / n);
    }
  }
  return rgba;
}

function mix(from, to, t) {
  return from.map((c, i) => c + (to[i] - c) * t);
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no interlace, filter 0 on every row). */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type "none"
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = resolve(process.argv[2] ?? join(root, 'addin', 'assets'));
  mkdirSync(outDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(outDir, `icon-${size}.png`);
    const png = encodePng(size, size, renderIcon(size));
    writeFileSync(file, png);
    console.log(`${file} (${size}×${size}, ${png.length} bytes)`);
  }
  const outline = join(outDir, `icon-outline-${OUTLINE_SIZE}.png`);
  const png = encodePng(OUTLINE_SIZE, OUTLINE_SIZE, renderOutline(OUTLINE_SIZE));
  writeFileSync(outline, png);
  console.log(`${outline} (${OUTLINE_SIZE}×${OUTLINE_SIZE} outline, ${png.length} bytes)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
