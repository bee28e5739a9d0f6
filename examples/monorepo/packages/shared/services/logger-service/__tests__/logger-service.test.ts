import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as services from "../../index.ts";
import { LoggerService } from "../logger-service.ts";

function capture(level: "debug" | "info" | "warn" | "error" = "info") {
  const lines: string[] = [];
  return { lines, logger: new LoggerService({ level, write: (line) => lines.push(line) }) };
}

describe("LoggerService", () => {
  it("is exported from the shared services index", () => {
    assert.equal(services.LoggerService, LoggerService);
  });

  it("writes one JSON line per entry, data before the message", () => {
    const { lines, logger } = capture();
    logger.info({ user: "u1" }, "signed in");
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0] ?? "");
    assert.equal(entry.level, "info");
    assert.equal(entry.user, "u1");
    assert.equal(entry.msg, "signed in");
    assert.deepEqual(Object.keys(entry).slice(-1), ["msg"]);
  });

  it("drops entries below its level", () => {
    const { lines, logger } = capture("error");
    logger.info({}, "ignored");
    logger.error({}, "kept");
    assert.deepEqual(
      lines.map((line) => JSON.parse(line).msg),
      ["kept"],
    );
  });

  it("child loggers add their bindings to every line", () => {
    const { lines, logger } = capture();
    logger.child({ requestId: "r-1" }).info({}, "handled");
    assert.equal(JSON.parse(lines[0] ?? "").requestId, "r-1");
  });

  it("reports healthy", async () => {
    assert.deepEqual(await new LoggerService().healthCheck(), { ok: true, service: "logger-service" });
  });
});
