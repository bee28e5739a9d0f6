// A hint suggests a command to paste, repeating the flags that picked the repository, catalog and
// store. Every flag it repeats must be one the suggested command accepts, or the paste fails.
import { describe, expect, it } from "vitest";
import { cliHint } from "../../src/cli/commands/run-hints.ts";
import { cliHintSentence } from "../../src/cli/errors.ts";
import { carriedFlags, carryFor, cliProgram } from "../../src/cli/main.ts";
import type { Hint } from "../../src/errors/index.ts";
import { cli } from "./support/read-commands.ts";

/** One hint of every kind: a new kind fails to compile here until it has a sample. */
const SAMPLES: { [K in Hint["do"]]: Extract<Hint, { do: K }>[] } = {
  run: (["status", "resume", "rollback", "cancel", "logs", "tick"] as const).map((action) => ({
    do: "run",
    action,
    runId: "20261129-abc123",
    step: "2",
  })),
  start: [{ do: "start", scenarioId: "add-cli-command" }],
  wait: [{ do: "wait" }],
  "list-runs": [{ do: "list-runs" }],
  "list-scenarios": [{ do: "list-scenarios" }],
  "show-scenario": [{ do: "show-scenario", scenarioId: "add-cli-command" }],
  validate: [{ do: "validate" }],
  migrate: [{ do: "migrate" }],
  set: [{ do: "set", setting: "repo" }],
  say: [{ do: "say", text: "Start the server." }],
};

const TYPED = ["--repo", "/tmp/r", "--scenarios", "docs/recipes", "--database-url", "postgres://h:5432/db"];
const program = cliProgram(
  { stdout: () => {}, stderr: () => {}, cwd: process.cwd(), env: {}, isTTY: false },
  () => {},
);
const carry = carryFor(program, carriedFlags(TYPED));

/** The `scenario ...` commands a sentence suggests. */
function suggested(sentence: string): string[][] {
  return [...sentence.matchAll(/`(scenario [^`]*)`/g)].map((m) => (m[1] as string).split(" "));
}

describe("a hint's suggested command", () => {
  const hints = Object.values(SAMPLES).flat();

  it.each(hints.map((hint) => [cliHintSentence(hint, carry), hint] as const))(
    "%s: carries only flags its command lists in --help",
    async (sentence) => {
      for (const [, command, ...rest] of suggested(sentence)) {
        const help = await cli(process.cwd(), command as string, "--help");
        expect(help.code).toBe(0);
        for (const flag of rest.filter((word) => word.startsWith("--"))) {
          expect(help.stdout, `${command} --help lists ${flag}`).toMatch(new RegExp(`${flag}[ ,]`));
        }
        // Every command a hint names reads the repository: it must stay on the one that was typed.
        expect(rest.join(" ")).toContain("--repo /tmp/r");
      }
    },
  );

  it("leaves out the flags the command has not: show takes no --database-url", () => {
    expect(cliHintSentence({ do: "show-scenario", scenarioId: "x" }, carry)).toBe(
      "`scenario show x --repo /tmp/r --scenarios docs/recipes` lists its parameters and their rules.",
    );
    expect(cliHintSentence({ do: "migrate" }, carry)).toBe(
      "Run `scenario migrate --repo /tmp/r --database-url postgres://h:5432/db` first.",
    );
  });

  // The engine's reporter words run hints with cliHint (src/cli/commands/run-hints.ts), unfiltered.
  it.each([...SAMPLES.run, ...SAMPLES.start])("$do $action: the reporter's wording too", async (hint) => {
    const [, command, ...rest] = cliHint(carriedFlags(TYPED))(hint).split(" ");
    const help = await cli(process.cwd(), command as string, "--help");
    for (const flag of rest.filter((word) => word.startsWith("--")))
      expect(help.stdout, `${command} --help lists ${flag}`).toMatch(new RegExp(`${flag}[ ,]`));
  });

  it("names a command for every kind but wait, set and say", () => {
    const bare = hints.filter((hint) => suggested(cliHintSentence(hint, carry)).length === 0);
    expect(bare.map((hint) => hint.do)).toEqual(["wait", "set", "say"]);
  });
});
