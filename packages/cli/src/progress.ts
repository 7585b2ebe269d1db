import type { OutStream } from './io.js';

/** A one-line progress bar on stderr; a no-op unless enabled (stderr is a TTY and the batch is long). */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: OutStream,
    private readonly total: number,
    private label: string,
    private readonly enabled: boolean,
  ) {}

  static readonly MIN_BATCH = 50;

  setLabel(label: string): void {
    this.label = label;
  }

  tick(n = 1): void {
    this.done += n;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 50 && this.done < this.total) return;
    this.lastDraw = now;
    this.draw();
  }

  private draw(): void {
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 40));
    const frac = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const full = Math.round(frac * width);
    const bar = `${'#'.repeat(full)}${'-'.repeat(width - full)}`;
    this.stream.write(`\r\x1b[2K[${bar}] ${this.done}/${this.total} ${this.label}`);
    this.drawn = true;
  }

  /** Clear the bar so diagnostics print on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
