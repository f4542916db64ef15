/**
 * Latent semantic vectors for the suggest-themes aid: short answers share few words ("bus"
 * and "journey" never meet in one answer), so comparing raw word vectors splits one topic
 * into many. Projecting every answer onto the few directions along which words co-occur
 * most across all answers (a truncated SVD, as in latent semantic analysis) brings together
 * answers whose words keep the same company. Subspace iteration from a fixed-seed start keeps
 * it deterministic; only the span of the directions matters, since cosine similarity does
 * not change when the space is rotated.
 */

/** A sparse vector: term ids ascending, with their weights. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

/** Small deterministic pseudo-random numbers (mulberry32), in [-0.5, 0.5). */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** Makes the columns of `m` (rows × cols, row-major) orthonormal, in place (modified Gram–Schmidt). */
function orthonormalise(m: Float64Array, rows: number, cols: number): void {
  for (let c = 0; c < cols; c++) {
    for (let p = 0; p < c; p++) {
      let d = 0;
      for (let r = 0; r < rows; r++) d += m[r * cols + c] * m[r * cols + p];
      for (let r = 0; r < rows; r++) m[r * cols + c] -= d * m[r * cols + p];
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += m[r * cols + c] ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < rows; r++) m[r * cols + c] = norm > 1e-12 ? m[r * cols + c] / norm : 0;
  }
}

/** Rows of the sparse matrix `docs` times the dense `q` (terms × dims): one dense row per document. */
function project(docs: readonly SparseVector[], q: Float64Array, dims: number): Float64Array[] {
  return docs.map((v) => {
    const row = new Float64Array(dims);
    for (let k = 0; k < v.ids.length; k++) {
      const base = v.ids[k] * dims;
      for (let d = 0; d < dims; d++) row[d] += v.weights[k] * q[base + d];
    }
    return row;
  });
}

/**
 * Each document (a unit-length sparse vector over `termCount` terms) projected onto the
 * `dims` strongest latent directions of the whole set. A row's length is the share of the
 * document the directions explain (0…1): answers about nothing the others talk of come out short.
 */
export function latentVectors(docs: readonly SparseVector[], termCount: number, dims: number, rounds = 8): Float64Array[] {
  const size = Math.max(1, Math.min(dims, docs.length, termCount));
  const next = noise(0x5eed);
  let q = Float64Array.from({ length: termCount * size }, next);
  orthonormalise(q, termCount, size);
  for (let round = 0; round < rounds; round++) {
    const z = project(docs, q, size);
    // q ← docsᵀ z, then orthonormal again.
    q = new Float64Array(termCount * size);
    docs.forEach((v, i) => {
      for (let k = 0; k < v.ids.length; k++) {
        const base = v.ids[k] * size;
        for (let d = 0; d < size; d++) q[base + d] += v.weights[k] * z[i][d];
      }
    });
    orthonormalise(q, termCount, size);
  }
  return project(docs, q, size);
}
