// Draws Heard's app icons (a white speech bubble on blue) as PNG files without any image
// library, so a fresh clone can regenerate them: `node scripts/make-icons.mjs`.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const BLUE = [29, 112, 184];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const byte of buf) {
    c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Inside the bubble: a rounded rectangle plus a tail, in a box scaled by `inset` (maskable icons keep a safe zone). */
function inBubble(x, y, size, inset) {
  const u = (v) => (v - inset * size) / (size * (1 - 2 * inset));
  const px = u(x), py = u(y);
  const left = 0.18, right = 0.82, top = 0.2, bottom = 0.66, r = 0.12;
  const cx = Math.min(Math.max(px, left + r), right - r);
  const cy = Math.min(Math.max(py, top + r), bottom - r);
  const inRect = px >= left && px <= right && py >= top && py <= bottom && (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
  const inTail = py >= bottom - 0.01 && py <= 0.82 && px >= 0.3 && px <= 0.3 + (0.82 - py) * 1.2 && px <= 0.48;
  return inRect || inTail;
}

function png(size, inset) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const [r, g, b] = inBubble(x + 0.5, y + 0.5, size, inset) ? WHITE : BLUE;
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', png(192, 0));
writeFileSync('public/icons/icon-512.png', png(512, 0));
writeFileSync('public/icons/maskable-512.png', png(512, 0.1));
writeFileSync('public/icons/maskable-192.png', png(192, 0.1));
writeFileSync('public/icons/apple-touch-icon.png', png(180, 0.05));
console.log('icons written to public/icons');
