import { isSealed, type SealedContribution } from '../../shared';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportFile } from '../../shared/events';
import { listNeedsAttention, listQueued, type OutboxEntry } from '../../storage';

/**
 * The file a tablet that can never get online hands to the organiser: every contribution not
 * yet confirmed, still sealed, one file per engagement. Importing a file twice stores nothing
 * twice, because each contribution keeps its own id.
 */

/** One file to download: its name and content. */
export interface ExportDownload {
  name: string;
  file: ExportFile;
}

/** Builds the export files for every sealed contribution still on the tablet. */
export async function buildExports(now = new Date()): Promise<ExportDownload[]> {
  const entries = [...(await listQueued()), ...(await listNeedsAttention())];
  const byEngagement = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    if (!isSealed(entry.payload)) continue;
    byEngagement.set(entry.engagement, [...(byEngagement.get(entry.engagement) ?? []), entry]);
  }
  const stamp = now.toISOString();
  return [...byEngagement].map(([engagement, list]) => {
    const events = new Set(list.map((entry) => entry.event));
    const event = events.size === 1 ? [...events][0] : undefined;
    const file: ExportFile = {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      engagement,
      exportedAt: stamp,
      items: list.map((entry) => entry.payload as SealedContribution),
      ...(event ? { event } : {}),
    };
    const name = ['heard', engagement, event, stamp.slice(0, 16).replace(/[:T]/g, '-')].filter(Boolean).join('-') + '.json';
    return { name, file };
  });
}

/** Hands each file to the browser as a download (a Blob behind an `<a download>`). */
export function download(downloads: ExportDownload[]): void {
  for (const { name, file } of downloads) {
    const url = URL.createObjectURL(new Blob([JSON.stringify(file)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked later: some browsers read the Blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
