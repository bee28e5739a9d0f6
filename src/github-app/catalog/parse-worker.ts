// Worker thread entry: parses scenario documents sent by DocumentParser, one message each, so a document
// that takes long to parse holds this thread, never the App's event loop.
import { parentPort } from "node:worker_threads";
import { parseCatalogFile } from "../../scenario/catalog.ts";

parentPort?.on("message", (message: { id: number; path: string; text: string }) => {
  try {
    const result = parseCatalogFile({ path: message.path, text: message.text });
    parentPort?.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: (error as Error).message });
  }
});
// Loaded and listening: the parent starts a document's clock from here, not from the worker's start.
parentPort?.postMessage({ ready: true });
