import QRCode from 'qrcode';
import type { HeardEvent } from '../../shared/events';

/**
 * The printable A4 poster of an event, as SVG: the engagement title, the event's name, place
 * and date, a QR code that opens the engagement tagged with the event, the link written out
 * and the event code. SVG with presentation attributes only (no script, no style attribute),
 * so it passes the strict CSP and prints sharply at any size.
 */

/** What the poster shows besides the event itself. */
export interface PosterContent {
  event: HeardEvent;
  /** The engagement title, as a heading. */
  title: string;
  /** The full URL the QR code opens: `<origin>/e/<slug>?event=<CODE>`. */
  url: string;
}

// A4 in millimetres; the viewBox uses the same units so sizes read as print sizes.
const WIDTH = 210;
const HEIGHT = 297;
const MARGIN = 15;
const QR_SIZE = 100;
// Four modules of light margin around the code is what the QR standard asks for.
const QUIET_MODULES = 4;
const FONT = "'Atkinson Hyperlegible', Arial, Helvetica, sans-serif";

/** Id of the group holding the QR modules, so tests (and anyone) can find the code in the poster. */
export const QR_GROUP_ID = 'qr';

/** Renders the poster. */
export function eventPosterSvg({ event, title, url }: PosterContent): string {
  const lines: string[] = [];
  let y = MARGIN + 12;
  for (const line of wrap(title, 30, 3)) {
    lines.push(text(line, y, 10, 'bold'));
    y += 12;
  }
  y += 4;
  lines.push(text(event.name, y, 8, 'bold'));
  y += 10;
  lines.push(text(event.place, y, 6));
  y += 8;
  lines.push(text(longDate(event.date), y, 6));
  y += 8;

  const qrTop = Math.max(y, 100);
  const qr = qrGroup(url, (WIDTH - QR_SIZE) / 2, qrTop);
  let below = qrTop + QR_SIZE + 10;
  lines.push(text('Scan the code with your phone camera, or go to:', below, 5));
  below += 8;
  for (const part of linkLines(url.replace(/^https?:\/\//, ''))) {
    lines.push(text(part, below, 5, 'bold'));
    below += 7;
  }
  below += 3;
  lines.push(text(`Event code: ${event.code}`, below, 7, 'bold'));

  const label = `Poster for ${event.name}, ${event.place}, ${longDate(event.date)}. Event code ${event.code}.`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}mm" height="${HEIGHT}mm" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="poster-title">`,
    `<title id="poster-title">${escapeXml(label)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...lines,
    qr,
    '</svg>',
    '',
  ].join('\n');
}

/** The QR code as one path of dark runs, on a white square that includes the quiet zone. */
function qrGroup(url: string, x: number, y: number): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const scale = QR_SIZE / (size + 2 * QUIET_MODULES);
  let d = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      d += `M${start} ${row}h${col - start}v1h-${col - start}z`;
    }
  }
  const inset = QUIET_MODULES * scale;
  return [
    `<rect x="${x}" y="${y}" width="${QR_SIZE}" height="${QR_SIZE}" fill="#ffffff"/>`,
    `<g id="${QR_GROUP_ID}" transform="translate(${round(x + inset)} ${round(y + inset)}) scale(${round(scale)})" shape-rendering="crispEdges">`,
    `<path fill="#000000" d="${d}"/>`,
    '</g>',
  ].join('\n');
}

function text(content: string, y: number, size: number, weight?: 'bold'): string {
  const bold = weight ? ` font-weight="${weight}"` : '';
  return `<text x="${WIDTH / 2}" y="${round(y)}" font-family="${FONT}" font-size="${size}"${bold} text-anchor="middle" fill="#0b0c0c">${escapeXml(content)}</text>`;
}

// About this many characters of the link fit across the page at its font size.
const LINK_WIDTH = 56;

/** The link on one line when it fits, else broken before the `?` (never inside the event code), then by length. */
function linkLines(link: string): string[] {
  if (link.length <= LINK_WIDTH) return [link];
  const at = link.indexOf('?');
  const parts = at > 0 ? [link.slice(0, at), link.slice(at)] : [link];
  return parts.flatMap((part) => {
    const chunks: string[] = [];
    for (let i = 0; i < part.length; i += LINK_WIDTH) chunks.push(part.slice(i, i + LINK_WIDTH));
    return chunks;
  });
}

/** Splits text at spaces into at most `maxLines` lines of about `width` characters. */
function wrap(content: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of content.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

/** `2026-03-14` as `Saturday 14 March 2026`. */
export function longDate(date: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    new Date(`${date}T00:00:00Z`),
  );
  // GOV.UK style writes dates without commas: "Saturday 14 March 2026".
  return parts
    .filter((part) => part.type !== 'literal')
    .map((part) => part.value)
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Escapes the five XML special characters. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
