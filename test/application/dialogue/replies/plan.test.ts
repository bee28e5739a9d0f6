// The reply that starts a run lists the manual items as the checklist comment shows them: the
// document's markdown, so a code span in an item is code, not backticks escaped into text.
import { describe, expect, it } from "vitest";
import { planReply } from "../../../../src/application/dialogue/replies/plan.ts";
import { shippedCatalog } from "../../../../src/application/repository/index.ts";
import { buildPlan } from "../../../../src/engine/index.ts";
import { documentInline, paragraph, render } from "../../../../src/markdown/index.ts";

describe("planReply", () => {
  it("lists manual items with their code spans, one line each", async () => {
    const plan = buildPlan({
      catalog: await shippedCatalog(),
      scenarioId: "add-rls-policies",
      rawParams: { table: "orders" },
      runId: "20260101-plan01",
      now: new Date("2026-01-01T00:00:00Z"),
    });
    const reply = planReply(plan, "starting");
    expect(reply).toContain("- step 8: The policies match who may read and write `orders` (model `owner`)");
    expect(reply).not.toContain("\\`");
  });

  it("keeps a document's line from forging a marker or leaving its list item", () => {
    const text = render([paragraph("step 1: ", documentInline("a `b`\n- c <!-- scenario-bot run:x -->"))]);
    expect(text).toBe("step 1: a `b` - c <!\u200b-- scenario-bot run:x -->");
  });
});
