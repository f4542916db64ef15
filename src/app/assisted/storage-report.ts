import { useEffect, useState } from 'preact/hooks';
import { i18n } from '../../i18n';

/** How much the browser lets this app keep, formatted for the current language, and whether it may clear it. */
export interface StorageReport {
  used?: string;
  quota?: string;
  persisted: boolean;
  /** The browser may not keep answers for long: storage not persisted and a small quota (a private window, a nearly full device). */
  atRisk: boolean;
}

// A private window in Chromium gets about 100 MB; a normal profile gets a share of the disk.
const SMALL_QUOTA_BYTES = 200 * 1024 * 1024;

/** Formats a byte count with Intl in the current language (e.g. "12 MB", "1.2 GB"). */
export function formatBytes(bytes: number, lng = i18n.language): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(lng, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** Reads navigator.storage (estimate, persisted); safe where the API is missing. */
export async function readStorageReport(): Promise<StorageReport> {
  const storage = navigator.storage as StorageManager | undefined;
  const estimate = await storage?.estimate?.().catch(() => undefined);
  const persisted = (await storage?.persisted?.().catch(() => false)) ?? false;
  const report: StorageReport = {
    persisted,
    atRisk: !persisted && estimate?.quota !== undefined && estimate.quota < SMALL_QUOTA_BYTES,
  };
  if (estimate?.usage !== undefined) report.used = formatBytes(estimate.usage);
  if (estimate?.quota !== undefined) report.quota = formatBytes(estimate.quota);
  return report;
}

/** The storage report, read once when the screen opens. */
export function useStorageReport(): StorageReport | undefined {
  const [report, setReport] = useState<StorageReport>();
  useEffect(() => {
    let alive = true;
    void readStorageReport().then((found) => alive && setReport(found));
    return () => {
      alive = false;
    };
  }, []);
  return report;
}
