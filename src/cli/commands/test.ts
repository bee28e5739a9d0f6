// `scenario test <id> [k=v...]`: the scenario run, checked and rolled back in a throwaway copy of the
// repository (a clone with its own embedded store); the user's checkout, branches and store are never
// touched. Exit 0 only when every phase passed: run, post-validation, rollback, tree restored.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import type { TestFlags } from "./test/run-test.ts";

export function registerTest(program: Command, ctx: CommandContext): void {
  program
    .command("test")
    .description(
      "Self-test a scenario in a throwaway copy: run it with its Example: values (manual steps ticked), check post-validation, roll back, check the tree is the base.",
    )
    .argument("<scenario>", "scenario id, e.g. create-shared-service")
    .argument("[params...]", "parameters as name=value, in place of their Example: values")
    .option("--repo <dir>", "the repository to copy (default: the one around the current folder)")
    .option(
      "--scenarios <dir>",
      "folder of scenario documents, read as they are on disk (default: `scenarios:` of .github/scenarios.yml, else <repo>/scenarios, else the shipped ones)",
    )
    .option("--base <branch>", "branch or commit the test starts from (default: the current HEAD)")
    .option("--timeout <seconds>", "time limit of a block without its own (default 600)")
    .option("--json", "print the report as JSON (progress goes to stderr)")
    .option("--keep", "keep the throwaway copy and print where it is")
    .action(async (scenarioId: string, params: string[], flags: TestFlags) => {
      const { runTest } = await import("./test/run-test.ts");
      await runTest(ctx, scenarioId, params, flags);
    });
}
