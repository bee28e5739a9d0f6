import { describe, expect, it } from "vitest";
import {
  diffChecklists,
  parseChecklist,
  renderChecklist,
  setItems,
  stepDone,
} from "../../src/command/index.ts";

const run = {
  runId: "r-1",
  scenarioId: "add-rls-policies",
  steps: [
    {
      index: 2,
      name: "Review with the owner",
      items: [
        { text: "Policies match", done: false },
        { text: "Index <!-- x -->\nok", done: false },
      ],
    },
    { index: 5, name: "Sign off", items: [{ text: "Signed", done: true }] },
  ],
};

describe("checklist comment", () => {
  it("renders markers per item and a header, and parses back what it rendered", () => {
    const body = renderChecklist(run);
    expect(body).toMatchInlineSnapshot(`
      "<!-- scenario-checklist run:r-1 scenario:add-rls-policies -->
      ### Manual steps of \`add-rls-policies\` (run \`r-1\`)

      **Review with the owner**

      - [ ] Policies match <!-- scenario-run:r-1 step:2 item:0 -->
      - [ ] Index &lt;!-- x --&gt; ok <!-- scenario-run:r-1 step:2 item:1 -->

      **Sign off**

      - [x] Signed <!-- scenario-run:r-1 step:5 item:0 -->

      Tick every item of a step to resume the run (you need write access), or comment \`/scenario resume\`."
    `);
    expect(parseChecklist(body)).toEqual({
      runId: "r-1",
      scenarioId: "add-rls-policies",
      entries: [
        { step: 2, item: 0, text: "Policies match", done: false },
        { step: 2, item: 1, text: "Index &lt;!-- x --&gt; ok", done: false },
        { step: 5, item: 0, text: "Signed", done: true },
      ],
    });
  });

  it("is undefined for a comment without the header marker", () => {
    expect(parseChecklist("- [x] hello <!-- scenario-run:r-1 step:0 item:0 -->")).toBeUndefined();
  });

  it("diffs two bodies by marker and says when a step is complete", () => {
    const before = renderChecklist(run);
    const after = setItems(
      before,
      [
        { step: 2, item: 0 },
        { step: 2, item: 1 },
      ],
      true,
    ).replace("- [x] Signed", "- [ ] Signed");
    const diff = diffChecklists(before, after);
    expect(diff.ticked.map((e) => [e.step, e.item])).toEqual([
      [2, 0],
      [2, 1],
    ]);
    expect(diff.unticked.map((e) => [e.step, e.item])).toEqual([[5, 0]]);
    const parsed = parseChecklist(after);
    expect(parsed && stepDone(parsed, 2)).toBe(true);
    expect(parsed && stepDone(parsed, 5)).toBe(false);
    expect(parsed && stepDone(parsed, 9)).toBe(false);
  });

  it("setItems changes only the boxes asked for and keeps the rest byte for byte", () => {
    const before = `${renderChecklist(run)}\r\n- [ ] a note someone added\r\n`;
    const after = setItems(setItems(before, [{ step: 2, item: 1 }], true), [{ step: 2, item: 1 }], false);
    expect(after).toBe(before);
  });

  it("ignores markers of another run and forged markers inside item text", () => {
    const body = `${renderChecklist(run)}\n- [x] sneaky <!-- scenario-run:other step:2 item:0 -->`;
    expect(parseChecklist(body)?.entries).toHaveLength(3);
  });
});
