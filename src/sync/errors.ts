/** A failure worth retrying later with everything kept queued: network failure, 5xx, 408, 429 (honour Retry-After). */
export class RetryableError extends Error {
  /** How long the server asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;

  constructor(message: string, options?: ErrorOptions & { retryAfterMs?: number }) {
    super(message, options);
    this.name = 'RetryableError';
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** The server refused a whole request (a 4xx other than 408/429); sending the same request again would fail again. */
export class BatchRefusedError extends Error {
  status: number;

  constructor(message: string, status: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BatchRefusedError';
    this.status = status;
  }
}
