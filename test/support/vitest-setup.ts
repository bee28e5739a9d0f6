// Loaded before every test file (vitest.config.ts `setupFiles`). A request the code under test sends to
// the GitHub fake that GitHub would refuse fails the test during which it was sent, even when the code
// swallowed the 4xx; one that arrives after the file's last test fails the file.
// GITHUB_FAKE_STATS=<file> appends each file's count of checked requests and violations to <file>.
import { appendFileSync } from "node:fs";
import { afterAll, afterEach } from "vitest";
import { drainViolations, formatViolations, violationTotals } from "./github-fake/violations.ts";

function failOnViolations(when: string): void {
  const found = drainViolations();
  if (found.length === 0) return;
  // Also to stderr: when the test has already failed (a timeout), vitest may show only its first error.
  const message = `${found.length} request(s) to the GitHub fake ${when} break GitHub's REST description:\n${formatViolations(found)}`;
  console.error(message);
  throw new Error(message);
}

afterEach(() => failOnViolations("during this test"));

afterAll(() => {
  const stats = process.env.GITHUB_FAKE_STATS;
  if (stats) appendFileSync(stats, `${JSON.stringify({ pid: process.pid, ...violationTotals() })}\n`);
  failOnViolations("after the last test");
});
