/** Where the bundled server is written: dist-server/main.js. */
export const SERVER_BUNDLE: string;
/** True when the bundle is missing or older than any server source. */
export function serverBundleIsStale(): boolean;
/** Builds dist-server/main.js with esbuild. */
export function buildServer(): Promise<void>;
