// A write people look at but need not see at once (the run's check, the pull request's body). Asked for
// after each change, it waits, then writes once what is current by then: changes that come together
// share one write. GitHub's writes go one a second, so each one saved is a second of the run. Writes
// never overlap: one asked for while another is being made follows it.
export class LatestWrite {
  readonly #write: () => Promise<void>;
  readonly #waitMs: number;
  readonly #failed: (error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  /** `failed` hears a write made later that failed (the caller has moved on by then). */
  constructor(write: () => Promise<void>, waitMs: number, failed: (error: unknown) => void) {
    this.#write = write;
    this.#waitMs = waitMs;
    this.#failed = failed;
  }

  /** Writes now when the wait is 0; else once, `waitMs` after the first request since the last write. */
  async request(): Promise<void> {
    if (this.#waitMs <= 0) {
      await this.#writing;
      return this.#write();
    }
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#writing = this.#writing.then(() => this.#write()).catch(this.#failed);
    }, this.#waitMs);
    this.#timer.unref();
  }

  /** Before the final write: one still waiting is dropped, one being made ends first. */
  async settle(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#writing;
  }
}
