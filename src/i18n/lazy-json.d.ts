/** A strings file imported under a query, which Vite treats as a module of its own (a lazy chunk). */
declare module '*.json?lazy' {
  const strings: Record<string, unknown>;
  export default strings;
}
