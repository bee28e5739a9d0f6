// The PR body, the diagram and the tables carry values people typed: they must stay inside their
// cell, label or marker whatever the value.
import { describe, expect, it } from "vitest";
import { repoLinks } from "../../../src/action/render/links.ts";
import { runDiagram } from "../../../src/action/render/mermaid.ts";
import {
  markerFor,
  parseMarker,
  prBody,
  renderMarker,
  withRunSection,
} from "../../../src/action/render/pr-body.ts";
import { stepsTable } from "../../../src/action/render/run-report.ts";
import type { RunRecord, StepRecord } from "../../../src/engine/ports.ts";
import { render } from "../../../src/markdown/index.ts";

const hostile = 'x"] --> evil[";<script>`|`\n<!-- -->';
const run: RunRecord = {
  id: "20261124-abcdef",
  scenarioId: "create-shared-service",
  params: { name: hostile, port: 8080, with_tests: true },
  status: "waiting",
  repository: "acme/mono",
  target: "billing",
  branch: "scenario/create-shared-service/20261124-abcdef",
  baseBranch: "main",
  baseSha: "a".repeat(40),
  issueNumber: 7,
  createdAt: new Date("2026-11-24T01:02:03Z"),
  updatedAt: new Date("2026-11-24T01:02:03Z"),
};
const step = (index: number, status: StepRecord["status"], name = `step ${index}`): StepRecord => ({
  runId: run.id,
  index,
  scenarioId: index === 0 ? "create-database-table" : run.scenarioId,
  number: index + 1,
  name,
  kind: "automated",
  status,
  commitSha: `${index}`.repeat(40),
  checkRunId: 100 + index,
  startedAt: new Date(0),
  finishedAt: new Date(1500),
});
const links = repoLinks("https://ghe.example", "acme", "mono");

describe("the run's state marker", () => {
  it("round-trips any parameter value and cannot be closed from inside", () => {
    const text = renderMarker(markerFor(run));
    expect(text).toMatch(/^<!-- scenario-run-state: [A-Za-z0-9+/=]+ -->$/);
    expect(parseMarker(`before\n${text}\nafter`)).toEqual({
      runId: run.id,
      scenarioId: run.scenarioId,
      params: run.params,
      baseBranch: "main",
      baseSha: run.baseSha,
      issueNumber: 7,
      createdAt: "2026-11-24T01:02:03.000Z",
    });
    expect(parseMarker("<!-- scenario-run-state: bm90IGpzb24= -->")).toBeUndefined();
  });
});

describe("withRunSection", () => {
  it("appends the section to a description once, then replaces only the section", () => {
    const once = withRunSection("My change.", "section 1");
    expect(once).toBe("My change.\n\n<!-- scenario-run:start -->\nsection 1\n<!-- scenario-run:end -->");
    const edited = once.replace("My change.", "My change, edited.");
    expect(withRunSection(edited, "section 2")).toBe(
      "My change, edited.\n\n<!-- scenario-run:start -->\nsection 2\n<!-- scenario-run:end -->",
    );
    expect(withRunSection("", "s")).toBe("<!-- scenario-run:start -->\ns\n<!-- scenario-run:end -->");
  });
});

describe("runDiagram", () => {
  it("groups steps by scenario, dependencies first, coloured by status, with labels that cannot break out", () => {
    const diagram = runDiagram({
      scenarioId: run.scenarioId,
      steps: [step(1, "waiting", hostile), step(0, "succeeded")],
    });
    expect(diagram.split("\n")).toEqual([
      "```mermaid",
      "flowchart TD",
      '  subgraph g0["create-database-table (dependency)"]',
      "    direction TB",
      '    s0["1. step 0<br/>automated · succeeded"]:::succeeded',
      "  end",
      '  subgraph g1["create-shared-service"]',
      "    direction TB",
      '    s1["2. x#quot; -- evil #quot;; script !-- --<br/>automated · waiting"]:::waiting',
      "  end",
      "  s0 --> s1",
      "  classDef pending fill:#f6f8fa,stroke:#8c959f,color:#24292f",
      "  classDef running fill:#ddf4ff,stroke:#0969da,color:#0a3069",
      "  classDef succeeded fill:#dafbe1,stroke:#1a7f37,color:#0f5323",
      "  classDef failed fill:#ffebe9,stroke:#cf222e,color:#82071e",
      "  classDef skipped fill:#eaeef2,stroke:#6e7781,color:#57606a,stroke-dasharray:4",
      "  classDef waiting fill:#fff8c5,stroke:#9a6700,color:#4d2d00",
      "```",
    ]);
  });
});

describe("stepsTable", () => {
  it("keeps hostile names in their cell and links commits and checks on the configured server", () => {
    const table = render([stepsTable([step(1, "failed", hostile)], links)]);
    const row = table.split("\n")[2] as string;
    expect(row.split(/(?<!\\)\|/).length).toBe(9);
    expect(row).toContain(
      "[`1111111`](https://ghe.example/acme/mono/commit/1111111111111111111111111111111111111111)",
    );
    expect(row).toContain("[check](https://ghe.example/acme/mono/runs/101)");
    expect(row).toContain("1.5 s");
    // Escaped, so GitHub shows the text and never reads it as HTML.
    expect(row).not.toMatch(/(?<!\\)<script>/);
    expect(row).not.toContain("<!--");
  });

  it("puts the whole report in the PR body", () => {
    const body = prBody({ run, steps: [step(0, "succeeded")], links });
    expect(body).toContain("**Status:** ✋ waiting");
    expect(body).toContain("from [#7](https://ghe.example/acme/mono/issues/7)");
    // Shown as typed (a code span shows `<` as `<`), in its cell, and never able to open a hidden marker.
    expect(body).toContain('| `name` | ``x"] --> evil[";<script>`\\|` <!\u200b-- -->`` |');
    expect(body.match(/<!--/g)).toEqual(["<!--"]); // the state marker alone
  });
});
