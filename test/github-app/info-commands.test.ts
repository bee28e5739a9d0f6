// The read-only commands and the run controls that need no permission to read.
import { describe, expect, it } from "vitest";
import { useApp } from "../support/app-harness.ts";
import { seedRun } from "../support/seeded-runs.ts";
import { commentCreated } from "../support/webhook-payloads.ts";

const h = useApp("github_info");

/** Receives a comment; its replies (`count` of them), after the eyes reaction. */
async function read(body: string, count = 1): Promise<string[]> {
  h.environment();
  await h.receive("issue_comment", commentCreated(body));
  expect(h.reactions()[0]).toBe("eyes");
  const replies = h.replies();
  expect(replies).toHaveLength(count);
  return replies;
}

describe("read-only commands", () => {
  it("list, list <type>, and an unknown type", async () => {
    const replies = await read("/scenario list\n/scenario list database\n/scenario list spaceship", 3);
    expect(replies[0]).toMatch(/^> \/scenario list\n\n@Codertocat \d+ scenarios:/);
    expect(replies[0]).toContain("| `add-rls-policies` | Add RLS policies | database | 80% |");
    expect(replies[1]).toContain("of type `database`");
    expect(replies[1]).not.toContain("create-shared-service");
    expect(replies[2]).toContain("`spaceship` is not an object type. Types: `service`, `cli`");
  });

  it("help, and help <id> with parameters, rules and an example", async () => {
    const replies = await read("/scenario help\n/scenario help add-rls-policies", 2);
    expect(replies[0]).toContain("/scenario suggest <free text>");
    expect(replies[1]).toContain(
      "| `table` | yes | string | pattern `^[a-z][a-z0-9_]*$`; min 2; max 40 | `research_urls` |",
    );
    expect(replies[1]).toContain("Run: `/scenario add-rls-policies table=research_urls`");
    // The description is the document's own markdown: its lists stay lists, never escaped or entity-encoded.
    expect(replies[1]).toContain("\n- `owner`: each signed-in user");
    expect(replies[1]).not.toContain("&#xA;");
  });

  it("suggest ranks scenarios against free text", async () => {
    const replies = await read(
      "/scenario suggest protect a table with row level security\n/scenario suggest quantum flux",
      2,
    );
    expect(replies[0]).toMatch(/scenarios that match, best first:\n\n- `add-rls-policies`/);
    expect(replies[1]).toContain("no scenario matches that description");
  });

  it("status of this issue's latest run, of a named run, and of an unknown one", async () => {
    await seedRun(h.deps.store, "20251230-old001", "succeeded");
    await new Promise((r) => setTimeout(r, 5));
    await seedRun(h.deps.store, "20251231-new001", "waiting");
    const replies = await read(
      "/scenario status\n/scenario status 20251230-old001\n/scenario status 20991231-nope01",
      3,
    );
    expect(replies[0]).toContain("run `20251231-new001` of `add-rls-policies` is **waiting**");
    expect(replies[0]).toContain("| 6 | Review the policies with the data owner | manual | waiting |");
    expect(replies[1]).toContain("run `20251230-old001` of `add-rls-policies` is **succeeded**");
    expect(replies[2]).toContain("there is no run `20991231-nope01` in this repository");
  });

  // One rule for both hosts (application/dialogue/control-command.ts): a control is authorised against
  // the run's own scenario and object type, not only the repository's minimum role.
  it("a control is refused by the role the run's scenario needs, and nothing is dispatched", async () => {
    await seedRun(h.deps.store, "20251231-rls001", "waiting");
    h.role("write");
    h.environment({ config: "permissions:\n  scenarios:\n    add-rls-policies: admin\n" });
    await h.receive("issue_comment", commentCreated("/scenario rollback 20251231-rls001"));
    expect(h.dispatches()).toEqual([]);
    expect(h.replies()[0]).toMatch(/admin/);
    expect(h.replies()[0]).not.toContain("rolling back");
  });

  it("cancel dispatches for an active run; resume of a finished run says why not", async () => {
    await seedRun(h.deps.store, "20251231-wait01", "waiting");
    await seedRun(h.deps.store, "20251231-done01", "succeeded");
    h.role("write");
    const replies = await read("/scenario cancel 20251231-wait01\n/scenario resume 20251231-done01", 2);
    const dispatched = h.dispatches();
    expect(dispatched).toHaveLength(1);
    expect(h.reactions()).toEqual(["eyes", "rocket"]);
    expect(dispatched[0]?.inputs).toMatchObject({ command: "cancel", "run-id": "20251231-wait01" });
    expect(replies[0]).toContain("cancelling run `20251231-wait01`");
    expect(replies[1]).toContain(
      "run `20251231-done01` is succeeded: there is nothing left to resume. Start a new run with `/scenario add-rls-policies name=value ...`.",
    );
  });

  it("a run command on an issue with no run yet says how to start one", async () => {
    h.role("write");
    const replies = await read("/scenario rollback", 1);
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toContain("no scenario has run from this issue yet");
  });
});
