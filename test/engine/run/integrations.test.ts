import { expect, it } from "vitest";
import { clip } from "../../../src/engine/run/integrations.ts";

it("cuts a long execution-log value with an ellipsis, so it never reads as if the value ended there", () => {
  expect(clip("Which digests each user receives and how often", 40)).toBe(
    "Which digests each user receives and ho…",
  );
  expect(clip("short", 40)).toBe("short");
  expect(clip("x".repeat(40), 40)).toBe("x".repeat(40));
});
