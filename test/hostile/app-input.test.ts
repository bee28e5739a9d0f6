// The App under hostile comments, through probot.receive with GitHub's own payloads and the GitHub fake: corpus
// values that pass the rules travel only as workflow_dispatch input data (byte for byte); control
// characters, NUL, bidi overrides and oversized lines are refused with a reply saying why; look-alikes
// of /scenario make no request; the same delivery arriving five times at once is handled once.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { useApp } from "../support/app-harness.ts";
import { commentCreated } from "../support/webhook-payloads.ts";
import { BIG, canaries, LOOKALIKES, shellPayloads } from "./support/corpus.ts";

const h = useApp("hostile_app");
const ECHO = readFileSync("test/hostile/scenarios/echo-value.md", "utf8");
afterAll(() => expect(canaries()).toEqual([]));

/** A value written the way the comment grammar reads it back: double-quoted, `\` and `"` escaped. */
const quoted = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
/** Only values a person can type on one line: controls, newlines and bidi overrides are refused (tested below). */
const typable = (value: string) =>
  [...value].every((c) => {
    const code = c.codePointAt(0) ?? 0;
    return (code === 9 || (code >= 32 && code !== 127)) && !(code >= 0x202a && code <= 0x202e);
  });

describe("hostile comments", () => {
  it("corpus values are dispatched as input data, byte for byte, and nothing runs here", async () => {
    const payloads = shellPayloads().filter((p) => typable(p.value));
    expect(payloads.length).toBeGreaterThanOrEqual(10);
    h.environment({ files: { "scenarios/echo-value.md": ECHO } });
    h.role("write");
    for (const [i, { label, value }] of payloads.entries()) {
      const seen = {
        dispatches: h.dispatches().length,
        replies: h.replies().length,
        reactions: h.reactions().length,
      };
      await h.receive(
        "issue_comment",
        commentCreated(`/scenario echo-value name=p${i} value=${quoted(value)}`),
      );
      const dispatched = h.dispatches().slice(seen.dispatches);
      expect(
        dispatched.map((d) => d.inputs.params),
        label,
      ).toEqual([{ name: `p${i}`, value }]);
      expect(h.replies().slice(seen.replies), label).toHaveLength(1);
      expect(h.reactions().slice(seen.reactions), label).toEqual(["eyes", "rocket"]);
    }
    expect(canaries()).toEqual([]);
  });

  it.each([
    ["a newline inside quotes", `"a\nb"`, 'the quote " in `value="a` is never closed.'],
    [
      "a NUL",
      "a\u0000b",
      "the command contains a NUL character. Retype the command without invisible characters.",
    ],
    [
      "a right-to-left override",
      "a\u202eb",
      "the command contains a bidirectional text control character, which can make it read differently from what it does.",
    ],
    ["an escape character", "a\u001bb", "the command contains a control character."],
    ["8 KiB", BIG.slice(0, 8 * 1024), "the command is longer than 4096 bytes. Shorten the values"],
    [
      "64 KiB (a comment longer than GitHub allows)",
      BIG,
      "the comment is 65570 characters long, more than GitHub's 65536",
    ],
  ])(
    "a value with %s is refused with a reply saying why; nothing is recorded or dispatched",
    async (_label, value, why) => {
      h.environment({ files: { "scenarios/echo-value.md": ECHO } });
      await h.receive("issue_comment", commentCreated(`/scenario echo-value name=x value=${value}`));
      const replies = h.replies();
      expect(replies).toHaveLength(1);
      expect(h.dispatches()).toEqual([]);
      expect(replies[0]).toContain(`@Codertocat line 1: ${why}`);
      expect(await h.deps.store.listRuns({})).toEqual([]);
    },
  );

  it("look-alikes of /scenario make no request and record nothing", async () => {
    for (const text of LOOKALIKES) await h.receive("issue_comment", commentCreated(text));
    expect(h.requests()).toEqual([]);
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("the same delivery arriving five times at once is handled once", async () => {
    h.environment();
    h.role("write");
    const payload = commentCreated("/scenario add-rls-policies table=documents");
    await Promise.all(Array.from({ length: 5 }, () => h.receive("issue_comment", payload, "delivery-burst")));
    const dispatched = h.dispatches();
    expect(h.replies()).toHaveLength(1);
    expect(h.reactions()).toEqual(["eyes", "rocket"]);
    expect(dispatched).toHaveLength(1);
    expect((await h.deps.store.listRuns({})).map((r) => r.status)).toEqual(["queued"]);
    expect(h.logs.filter((l) => String(l.msg).startsWith("redelivery ignored"))).toHaveLength(4);
  });
});
