// Parses repository documents in a worker thread, each within a time budget. A pull request's documents
// are anyone's text: remark takes minutes on some (nested `> - ` markers), and parsing them on the App's
// event loop held every other delivery. The worker is started on first use and kept (starting one loads
// remark and zod again: about 2 s here, not counted in a document's budget); a document over its budget
// ends the worker, which is started again for the next. Loads take turns document by document, so one pull request's documents never
// queue another repository's catalog behind all of them.
import { Worker } from "node:worker_threads";
import type { ParseOutcome } from "../../application/repository/catalog.ts";
import type { CatalogFile, ParseResult } from "../../scenario/index.ts";

/** How long one document may take to parse. */
export const PARSE_BUDGET_MS = 2_000;

export type { ParseOutcome };

interface Job {
  file: CatalogFile;
  budgetMs: number;
  resolve: (outcome: ParseOutcome) => void;
}

export class DocumentParser {
  #worker: { worker: Worker; ready: Promise<void> } | undefined;
  /** One queue per load, served in turn. */
  readonly #queues: Job[][] = [];
  #busy = false;
  #next = 0;
  #ids = 0;

  /** Parses `files` (one load); each outcome in the same order. */
  parseAll(files: readonly CatalogFile[], budgetMs = PARSE_BUDGET_MS): Promise<ParseOutcome[]> {
    if (files.length === 0) return Promise.resolve([]);
    const queue: Job[] = [];
    const outcomes = files.map(
      (file) => new Promise<ParseOutcome>((resolve) => queue.push({ file, budgetMs, resolve })),
    );
    this.#queues.push(queue);
    this.#pump();
    return Promise.all(outcomes);
  }

  /** Ends the worker (the App keeps it for its life; tests and scripts close it). */
  async close(): Promise<void> {
    const worker = this.#worker?.worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #take(): Job | undefined {
    while (this.#queues.length > 0) {
      this.#next %= this.#queues.length;
      const queue = this.#queues[this.#next] as Job[];
      const job = queue.shift();
      if (queue.length === 0) this.#queues.splice(this.#next, 1);
      else this.#next++;
      if (job) return job;
    }
    return undefined;
  }

  #pump(): void {
    if (this.#busy) return;
    const job = this.#take();
    if (!job) return;
    this.#busy = true;
    this.#run(job)
      .catch((error: unknown) => ({ failed: (error as Error).message }))
      .then((outcome) => {
        this.#busy = false;
        job.resolve(outcome);
        this.#pump();
      });
  }

  async #run(job: Job): Promise<ParseOutcome> {
    const { worker, ready } = this.#spawn();
    await ready;
    const id = ++this.#ids;
    return new Promise<ParseOutcome>((resolve) => {
      const done = (outcome: ParseOutcome) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        resolve(outcome);
      };
      const onMessage = (message: { id?: number; result?: ParseResult; error?: string }) => {
        if (message.id !== id) return;
        done(message.result ?? { failed: message.error ?? "the parser failed" });
      };
      const onError = (error: Error) => {
        this.#drop(worker);
        done({ failed: error.message });
      };
      const timer = setTimeout(() => {
        this.#drop(worker);
        done({ timedOut: true, budgetMs: job.budgetMs });
      }, job.budgetMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ id, path: job.file.path, text: job.file.text });
    });
  }

  #spawn(): { worker: Worker; ready: Promise<void> } {
    if (!this.#worker) {
      const worker = new Worker(new URL("./parse-worker.ts", import.meta.url));
      // The App's life is the server's; an idle parser never keeps a process alive.
      worker.unref();
      const ready = new Promise<void>((resolve, reject) => {
        const onMessage = (m: { ready?: boolean }) => {
          if (!m.ready) return;
          worker.off("message", onMessage);
          worker.off("error", reject);
          resolve();
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
      });
      ready.catch(() => this.#drop(worker));
      this.#worker = { worker, ready };
    }
    return this.#worker;
  }

  #drop(worker: Worker): void {
    if (this.#worker?.worker === worker) this.#worker = undefined;
    worker.terminate().catch(() => undefined);
  }
}
