// Draws the marketplace icon (media/icon.png, 256×256 RGBA) without any image library: a shield
// with a rising-bar mark, anti-aliased by 4×4 supersampling, encoded with node:zlib.
// Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const SS = 4;

/** The shield outline in unit coordinates (0..1), top edge to the bottom point. */
function shield(inset) {
  const pts = [];
  const top = 0.08 + inset;
  const left = 0.14 + inset;
  const right = 0.86 - inset;
  const shoulder = 0.5;
  const bottom = 0.94 - inset * 1.4;
  pts.push([0.5, top]);
  for (let i = 0; i <= 16; i++) {
    const a = i / 16;
    pts.push([0.5 + (right - 0.5) * a, top + 0.05 * a * a]);
  }
  pts.push([right, shoulder]);
  for (let i = 1; i <= 24; i++) {
    const a = i / 24;
    pts.push([
      right + (0.5 - right) * a,
      shoulder + (bottom - shoulder) * Math.sin((a * Math.PI) / 2),
    ]);
  }
  for (let i = 1; i <= 24; i++) {
    const a = 1 - i / 24;
    pts.push([
      left + (0.5 - left) * a,
      shoulder + (bottom - shoulder) * Math.sin((a * Math.PI) / 2),
    ]);
  }
  pts.push([left, shoulder]);
  for (let i = 0; i <= 16; i++) {
    const a = 1 - i / 16;
    pts.push([0.5 + (left - 0.5) * a, top + 0.05 * a * a]);
  }
  return pts;
}

function inside(pts, x, y) {
  let hit = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

const outer = shield(0);
const inner = shield(0.045);
// Three bars rising left to right: the score over time.
const bars = [
  [0.3, 0.56, 0.4, 0.72],
  [0.45, 0.46, 0.55, 0.72],
  [0.6, 0.34, 0.7, 0.72],
];

function sample(x, y) {
  if (!inside(outer, x, y)) return null;
  if (!inside(inner, x, y)) return [230, 237, 243];
  if (bars.some(([x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1))
    return [255, 255, 255];
  const g = y; // vertical gradient, blue to deep blue
  return [Math.round(31 - 20 * g), Math.round(111 - 50 * g), Math.round(235 - 90 * g)];
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = sample((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE);
        if (c) {
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('../media/icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`media/icon.png ${SIZE}×${SIZE}, ${png.length} bytes`);
