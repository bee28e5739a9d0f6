// A child process's output kept within a bound: its first half and its last half, with a marker line
// where bytes were dropped. A CLI says what it set out to do first and why it ended last; both stay.
import { StringDecoder } from "node:string_decoder";

export class BoundedOutput {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;
  private dropped = 0;
  private readonly headMax: number;
  private readonly tailMax: number;

  constructor(maxBytes: number) {
    if (!Number.isInteger(maxBytes) || maxBytes < 2)
      throw new Error(
        `an output bound of ${maxBytes} bytes cannot keep anything: give an integer of at least 2`,
      );
    this.headMax = Math.floor(maxBytes / 2);
    this.tailMax = maxBytes - this.headMax;
  }

  add(chunk: Buffer): void {
    const toHead = Math.min(this.headMax - this.headBytes, chunk.length);
    if (toHead > 0) {
      this.head.push(chunk.subarray(0, toHead));
      this.headBytes += toHead;
    }
    if (toHead === chunk.length) return;
    this.tail.push(chunk.subarray(toHead));
    this.tailBytes += chunk.length - toHead;
    while (this.tailBytes > this.tailMax) {
      const first = this.tail[0] as Buffer;
      const excess = this.tailBytes - this.tailMax;
      if (first.length <= excess) this.tail.shift();
      else this.tail[0] = first.subarray(excess);
      const cut = Math.min(first.length, excess);
      this.tailBytes -= cut;
      this.dropped += cut;
    }
  }

  /** Bytes dropped from the middle. */
  get droppedBytes(): number {
    return this.dropped;
  }

  text(): string {
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    if (this.dropped === 0) return Buffer.concat([head, tail]).toString("utf8");
    // Cut at characters: a sequence split by the cut is left out rather than shown as U+FFFD.
    const headText = new StringDecoder("utf8").write(head);
    let start = 0;
    while (start < tail.length && start < 3 && ((tail[start] as number) & 0xc0) === 0x80) start++;
    return `${headText}\n[… ${this.dropped} bytes of output dropped …]\n${tail.subarray(start).toString("utf8")}`;
  }
}
