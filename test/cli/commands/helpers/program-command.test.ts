// A command module joining a pipeline's commander program, on programs shaped like dhg-mono's
// (d24a0dfa, trimmed): classify's index.ts (inline commands, imports of ./commands/ functions),
// document_types' cli.ts (`program.addCommand` of default-exported commands) and an ESM program whose
// relative imports carry their extension.
import { describe, expect, it } from "vitest";
import {
  asCommandModule,
  commandsFolder,
  registerInProgram,
} from "../../../../src/cli/commands/helpers/program-command.ts";

const classify = `#!/usr/bin/env ts-node
import { Command } from 'commander';
import { Logger } from '../../../packages/shared/utils/logger';
import { healthCheckCommand } from './commands/health-check';
import {
  classifySubjectsCommand,
} from './commands/classify-subjects';
import { classifyService } from '../../../packages/shared/services/classify-service';

// Create the main program
const program = new Command()
  .name('classify-cli')
  .version('1.0.0');

// Add health-check command
program
  .command('health-check')
  .action(async (options: any) => {
    await healthCheckCommand(options);
  });

// Handle if no command is provided
program.parse(process.argv);

// Show help if no command is provided
if (process.argv.length === 2) {
  program.help();
}
`;

const documentTypes = `import { Command } from 'commander';
import { Logger } from '../../../packages/shared/utils/logger';
import cheatsheetCommand from './commands/cheatsheet';
import reviewAndReclassifyCommand from './commands/review-and-reclassify';

// Create commander instance
const program = new Command();

program
  .command('list')
  .action(async () => {});

// Add the cheatsheet command
program.addCommand(cheatsheetCommand);

// Add the review-and-reclassify command
program.addCommand(reviewAndReclassifyCommand);

// Parse arguments and execute commands
program.parse(process.argv);`;

const esm = `import { Command } from "commander"
import hello from "./commands/hello.ts"

const cli = new Command("content")
cli.addCommand(hello)
await cli.parseAsync(process.argv)
`;

const spec = { command: "prune-stale", specifier: "./commands/prune-stale" };

function registered(text: string): string {
  const edit = registerInProgram(text, spec);
  if (!edit.ok) throw new Error(edit.reason);
  expect(edit.changed).toBe(true);
  expect(registerInProgram(edit.text, spec)).toEqual({ ok: true, text: edit.text, changed: false });
  return edit.text;
}

describe("registerInProgram", () => {
  it("imports after the program's own commands and adds the command before the comment above its parse", () => {
    const text = registered(classify);
    expect(text).toContain(
      "} from './commands/classify-subjects';\nimport pruneStaleCommand from './commands/prune-stale';\nimport { classifyService }",
    );
    expect(text).toContain(
      "  });\n\nprogram.addCommand(pruneStaleCommand);\n\n// Handle if no command is provided\nprogram.parse(process.argv);",
    );
  });

  it("adds the command after the program's last addCommand", () => {
    const text = registered(documentTypes);
    expect(text).toContain(
      "import reviewAndReclassifyCommand from './commands/review-and-reclassify';\nimport pruneStaleCommand from './commands/prune-stale';\n",
    );
    expect(text).toContain(
      "program.addCommand(reviewAndReclassifyCommand);\nprogram.addCommand(pruneStaleCommand);\n\n// Parse arguments",
    );
  });

  it("keeps an ESM program's quotes, missing semicolons, extension and variable name", () => {
    const text = registered(esm);
    expect(text).toBe(`import { Command } from "commander"
import hello from "./commands/hello.ts"
import pruneStaleCommand from "./commands/prune-stale.ts"

const cli = new Command("content")
cli.addCommand(hello)
cli.addCommand(pruneStaleCommand)
await cli.parseAsync(process.argv)
`);
  });

  it("changes nothing when the program has the command, and refuses what it cannot read", () => {
    const taken = registerInProgram(classify, {
      command: "health-check",
      specifier: "./commands/health-check",
    });
    expect(taken).toEqual({ ok: true, text: classify, changed: false });
    const inline = registerInProgram(classify, { command: "health-check", specifier: "./commands/other" });
    expect(inline).toEqual({ ok: true, text: classify, changed: false });
    expect(registerInProgram("console.log('no program')\n", spec)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no commander program"),
    });
    expect(
      registerInProgram("const program = new Command();\nexport default program;\n", spec),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining("never calls program.parse"),
    });
    const clash =
      "const program = new Command();\nconst pruneStaleCommand = 1;\nprogram.parse(process.argv);\n";
    expect(registerInProgram(clash, spec)).toMatchObject({
      ok: false,
      reason: "it already uses the name pruneStaleCommand for something else",
    });
  });
});

describe("commandsFolder", () => {
  it("names the folder most of the program's relative imports come from, else .", () => {
    expect(commandsFolder(classify)).toBe("commands");
    expect(
      commandsFolder(
        `import a from './services/a';\nimport b from './commands/b';\nimport c from './commands/c';\n`,
      ),
    ).toBe("commands");
    expect(commandsFolder("import { Command } from 'commander';\n")).toBe(".");
  });
});

describe("asCommandModule", () => {
  it("turns the program's top-level parse into its default export, once", () => {
    const script = "const program = new Command();\nprogram\n  .name('x');\n\nprogram.parse(process.argv);\n";
    const edit = asCommandModule(script);
    expect(edit).toEqual({
      ok: true,
      changed: true,
      text: "const program = new Command();\nprogram\n  .name('x');\n\nexport default program;\n",
    });
    if (edit.ok) expect(asCommandModule(edit.text)).toEqual({ ok: true, text: edit.text, changed: false });
    expect(asCommandModule("console.log(1);\n")).toMatchObject({ ok: false });
  });
});
