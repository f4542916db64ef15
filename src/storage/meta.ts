import { getDb } from './db';
import { writing } from './errors';

/** A small device setting or flag stored by key (display settings, "asked for persistence"). */
export async function getMeta<T>(key: string): Promise<T | undefined> {
  const db = await getDb();
  return (await db.get('meta', key)) as T | undefined;
}

/** Stores a small device setting or flag; the value must be structured-cloneable. */
export async function setMeta(key: string, value: unknown): Promise<void> {
  const db = await getDb();
  await writing(() => db.put('meta', value, key));
}
