/** One Server-Sent Events message as a client sees it. */
export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/**
 * A minimal SSE client over fetch, for tests: collects messages and comments, and can be closed
 * at any moment like a consumer that drops its connection.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  status = 0;
  private readonly abort = new AbortController();
  private done?: Promise<void>;

  constructor(private readonly url: string, private readonly headers: Record<string, string> = {}) {}

  /** Connects and resolves once the response headers have arrived. */
  async open(): Promise<this> {
    const response = await fetch(this.url, { headers: { Accept: 'text/event-stream', ...this.headers }, signal: this.abort.signal });
    this.status = response.status;
    if (!response.body) return this;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    this.done = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            this.parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // Closed by us or by the server.
      }
    })();
    return this;
  }

  /** Resolves when `predicate` holds, polling; rejects after `timeoutMs`. */
  async until(predicate: (client: SseClient) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`SSE condition not met within ${timeoutMs} ms (${this.messages.length} messages)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Resolves when the server ends the stream. */
  ended(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  close(): void {
    this.abort.abort();
  }

  private parse(frame: string): void {
    const message: SseMessage = { data: '' };
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') message.id = value;
      else if (field === 'event') message.event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length || message.id !== undefined) this.messages.push({ ...message, data: data.join('\n') });
  }
}
