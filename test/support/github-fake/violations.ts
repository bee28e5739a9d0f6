// Requests GitHub would refuse (or answers GitHub would not send), as the fakes of this process found
// them. Each fake adds here; a test that sends a bad request on purpose takes its own with
// `fake.takeViolations()`, and the suite's setup (test/support/vitest-setup.ts) fails the test during
// which any other one was found. No vitest import: the bench runs the fake outside vitest.

export interface Violation {
  method: string;
  /** As sent, without the query. */
  path: string;
  /** The operation of GitHub's REST description it was matched to, if any. */
  operation?: string;
  problems: string[];
  /** Which side broke the description: the code under test (request) or the fake (response). */
  side: "request" | "response";
}

const pending: Violation[] = [];
const totals = { requests: 0, violations: 0 };

export function reportViolation(violation: Violation): void {
  pending.push(violation);
  totals.violations++;
}

export function countRequest(): void {
  totals.requests++;
}

/** Withdraws `taken` (already handed to the test that sent them) from what is still to be reported. */
export function withdrawViolations(taken: readonly Violation[]): void {
  for (const v of taken) {
    const i = pending.indexOf(v);
    if (i >= 0) pending.splice(i, 1);
  }
}

/** The violations nobody took yet, removed from the list. */
export function drainViolations(): Violation[] {
  return pending.splice(0);
}

/** Requests checked and violations found in this process so far. */
export function violationTotals(): { requests: number; violations: number } {
  return { ...totals };
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => {
      const who = v.side === "request" ? "GitHub would refuse" : "GitHub would never answer";
      const op = v.operation ? ` (${v.operation})` : "";
      return `${who} ${v.method} ${v.path}${op}:\n${v.problems.map((p) => `  - ${p}`).join("\n")}`;
    })
    .join("\n");
}
