// A command joining the commander program a pipeline's wrapper runs with each command's name
// (dhg-mono's classify, document_types, presentations; trimmed from d24a0dfa): the wrapper's new branch
// runs the program with the new name, and `scenario add-pipeline-command --subcommand`, as a step runs
// it, makes the command's file a module of the program and adds it there, or changes nothing.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  addPipelineCommand,
  dispatchProgram,
} from "../../../../src/cli/commands/helpers/pipeline-wrapper.ts";
import { dhgMonoWrapper } from "../../../support/dhg-mono-wrappers.ts";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

const TRACK = `track_command() {
  local command_name="$1"
  shift
  local full_command="$@"
  eval "$full_command"
}`;

// document_types (a block per command, each running cli.ts with its name) and presentations (`[[ == ]]`
// and ${@:2}, no shift), shared with the wrapper-edit tests.
const documentTypes = dhgMonoWrapper("document-types");
const presentations = dhgMonoWrapper("presentations");

// classify/classify-cli.sh: the case branches call functions that track and run index.ts. Here the
// program is run with node (an ESM program, as in the example monorepo).
const classify = `#!/bin/bash
SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
PROJECT_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
${TRACK}
display_help() {
  echo -e "  * list                       List all subject classifications"
  echo -e "    get <id>                   Get a specific classification by ID"
}
list_command() {
  track_command "list" "cd $PROJECT_ROOT && node $SCRIPT_DIR/index.ts list $@"
}
get_command() {
  track_command "get" "cd $PROJECT_ROOT && node $SCRIPT_DIR/index.ts get $@"
}
case "$1" in
  "list")
    list_command "\${@:2}"
    ;;
  "get")
    get_command "\${@:2}"
    ;;
  "help"|"--help"|"-h"|"")
    display_help
    ;;
esac
`;

const googleSync = dhgMonoWrapper("google-sync");

const spec = { command: "hello", script: "cli.ts", summary: "Say hello", subcommand: true };

function edited(text: string, script: string): string {
  const edit = addPipelineCommand(text, { ...spec, script });
  if (!edit.ok) throw new Error(edit.reason);
  expect(edit.changed).toBe(true);
  expect(spawnSync("bash", ["-n"], { input: edit.text }).status).toBe(0);
  return edit.text;
}

describe("dispatchProgram", () => {
  it("names the program most tracked commands run with their own name", () => {
    expect(dispatchProgram(documentTypes)).toBe("cli.ts");
    expect(dispatchProgram(presentations)).toBe("index.ts");
    expect(dispatchProgram(classify)).toBe("index.ts");
  });

  it("names the program a wrapper with no dispatch of its own hands every command to", () => {
    const forward = 'SCRIPT_DIR="$(pwd)"\ncd "$SCRIPT_DIR"\nts-node deployment-cli.ts "$@"\n';
    expect(dispatchProgram(forward)).toBe("deployment-cli.ts");
    const viaVariable = 'CLI_SCRIPT="$SCRIPT_DIR/media-analytics-cli.ts"\nts-node "$CLI_SCRIPT" "$@"\n';
    expect(dispatchProgram(viaVariable)).toBe("media-analytics-cli.ts");
    expect(dispatchProgram('X="$SCRIPT_DIR/../up.ts"\nts-node "$X" "$@"\n')).toBeUndefined();
  });

  it("names none where most commands run a script of their own (google_sync runs index.ts for a few)", () => {
    expect(dispatchProgram(googleSync)).toBeUndefined();
    expect(dispatchProgram('track_command "a" "node $SCRIPT_DIR/a.ts $*"\n')).toBeUndefined();
  });
});

describe("addPipelineCommand with subcommand on a wrapper handing every command to its program", () => {
  const deployment = [
    'SCRIPT_DIR="$(pwd)"',
    'track_command "deployment" "$1"',
    "show_help() {",
    '    echo "  validate-all          Run all pre-deployment validations"',
    '    echo "  --help                Show this help message"',
    "}",
    'ts-node deployment-cli.ts "$@"',
    "",
  ].join("\n");
  const forward = { ...spec, script: "deployment-cli.ts", listed: ["validate-all"] };

  it("lists the command beside the program's own, and branches nothing", () => {
    const edit = addPipelineCommand(deployment, forward);
    expect(edit).toMatchObject({ ok: true, changed: true });
    if (edit.ok)
      expect(edit.text).toBe(
        deployment.replace('validations"\n', 'validations"\n    echo "  hello                 Say hello"\n'),
      );
  });

  it("leaves a wrapper whose help is the program's, and refuses without --subcommand as before", () => {
    const quiet = 'CLI_SCRIPT="$SCRIPT_DIR/x.ts"\nts-node "$CLI_SCRIPT" --help\nts-node "$CLI_SCRIPT" "$@"\n';
    expect(addPipelineCommand(quiet, { ...forward, script: "x.ts" })).toEqual({
      ok: true,
      text: quiet,
      changed: false,
    });
    expect(
      addPipelineCommand(deployment, { command: "hello", script: "hello.ts", summary: "Say hello" }),
    ).toMatchObject({
      ok: false,
    });
  });
});

describe("addPipelineCommand with subcommand: the branch runs the program with the new name", () => {
  it("copies an if block (document_types)", () => {
    expect(edited(documentTypes, "cli.ts")).toContain(
      'if [ "$1" = "hello" ]; then\n  shift\n  track_command "hello" "cd $PROJECT_ROOT && ts-node $SCRIPT_DIR/cli.ts hello $*"\n  exit $?\nfi\n\nif [ "$1" = "help" ]',
    );
  });

  it("keeps ${@:2} without a shift (presentations)", () => {
    expect(edited(presentations, "index.ts")).toContain(
      'if [[ "$1" == "hello" ]]; then\n  track_command "hello" "ts-node $SCRIPT_DIR/index.ts hello ${@:2}"\n  exit $?\nfi',
    );
  });

  it("writes a case branch from the functions' tracked line (classify)", () => {
    const text = edited(classify, "index.ts");
    expect(text).toContain(
      '  "hello")\n    shift\n    track_command "hello" "cd $PROJECT_ROOT && node $SCRIPT_DIR/index.ts hello $@"\n    ;;\n  "help"',
    );
    expect(text).toContain('  echo -e "    hello                      Say hello"\n}');
  });
});

// The ESM program beside classify's wrapper, with one command module of its own.
const PROGRAM = `import { Command } from "commander";
import list from "./commands/list.ts";

const program = new Command("classify");
program.addCommand(list);

program.parse(process.argv);
`;
const HELLO = `import { Command } from "commander";

const program = new Command();

program
  .name("hello")
  .action(() => console.log("hello"));

program.parse(process.argv);
`;

describe("scenario add-pipeline-command --subcommand", { timeout: 120_000 }, () => {
  const files = () => ({
    "classify/classify-cli.sh": classify,
    "classify/index.ts": PROGRAM,
    "classify/commands/list.ts": "export default {};\n",
    "classify/commands/hello.ts": HELLO,
  });
  const args = [
    "--command",
    "hello",
    "--script",
    "commands/hello.ts",
    "--summary",
    "Say hello",
    "--subcommand",
  ];
  /** `scenario add-pipeline-command classify/classify-cli.sh <flags>` in `dir`. */
  const addToClassify = (dir: string, flags: readonly string[] = args) =>
    spawnCli(dir, ["add-pipeline-command", "classify/classify-cli.sh", ...flags]);

  it("makes the file a module of the program, adds it there, and branches to the program", async () => {
    const { dir, read } = tempFiles(files());
    expect(
      await spawnCli(dir, [
        "pipeline-scripts-folder",
        "classify/classify-cli.sh",
        "hello.ts",
        "--subcommand",
      ]),
    ).toMatchObject({
      code: 0,
      out: "classify/commands/hello.ts\n",
    });
    expect(await addToClassify(dir, [...args, "--check"])).toMatchObject({
      code: 0,
      out: "classify/classify-cli.sh: hello can be added (runs index.ts hello)\n",
    });
    expect(read("classify/index.ts")).toBe(PROGRAM);
    expect(await addToClassify(dir)).toMatchObject({
      code: 0,
      out: "classify/classify-cli.sh: added hello (runs index.ts hello); changed classify/commands/hello.ts and classify/index.ts\n",
    });
    expect(read("classify/commands/hello.ts")).toBe(
      HELLO.replace("program.parse(process.argv);", "export default program;"),
    );
    expect(read("classify/index.ts")).toContain(
      'import list from "./commands/list.ts";\nimport helloCommand from "./commands/hello.ts";\n',
    );
    expect(read("classify/index.ts")).toContain(
      "program.addCommand(list);\nprogram.addCommand(helloCommand);\n",
    );
    expect(read("classify/classify-cli.sh")).toContain('node $SCRIPT_DIR/index.ts hello $@"');
    const again = await addToClassify(dir, [...args, "--check"]);
    expect(again).toMatchObject({ code: 1, out: "" });
    expect(again.err).toContain("hello is already one of its commands");
  });

  it("says a command the program has already is one, though the wrapper has no branch for it", async () => {
    const inline = PROGRAM.replace(
      "program.addCommand(list);",
      'program.addCommand(list);\nprogram.command("hello").action(() => {});',
    );
    const { dir, read } = tempFiles({ ...files(), "classify/index.ts": inline });
    const taken = await addToClassify(dir, [...args, "--check"]);
    expect(taken).toMatchObject({ code: 1, out: "" });
    expect(taken.err).toContain("hello is already one of its commands; choose another name");
    expect(read("classify/classify-cli.sh")).toBe(classify);
  });

  it("writes nothing when any of the three cannot be edited", async () => {
    const broken = { ...files(), "classify/commands/hello.ts": "console.log('hello');\n" };
    const { dir, read } = tempFiles(broken);
    const refused = await addToClassify(dir);
    expect(refused).toMatchObject({ code: 1, out: "" });
    expect(refused.err).toContain(
      "add-pipeline-command: classify/classify-cli.sh: commands/hello.ts: it has no top-level `program.parse(process.argv)`",
    );
    expect(read("classify/index.ts")).toBe(PROGRAM);
    expect(read("classify/classify-cli.sh")).toBe(classify);
  });

  it("leaves the command to run its own file where the program cannot take it (none, or parsed in an if)", async () => {
    // prompt_service's manage-output-templates.ts parses inside \`if (require.main === module)\`.
    const guarded = PROGRAM.replace(
      "program.parse(process.argv);",
      "if (process.argv[1]) {\n  program.parse(process.argv);\n}",
    );
    for (const program of [undefined, guarded]) {
      const { dir, read } = tempFiles({ ...files(), "classify/index.ts": program ?? "" });
      if (program === undefined) rmSync(path.join(dir, "classify/index.ts"));
      const folder = ["pipeline-scripts-folder", "classify/classify-cli.sh", "hello.ts", "--subcommand"];
      expect(await spawnCli(dir, folder)).toMatchObject({ code: 0, out: "classify/hello.ts\n" });
      const plain = args.with(3, "hello.ts");
      expect(await addToClassify(dir, plain)).toMatchObject({
        code: 0,
        out: "classify/classify-cli.sh: added hello (runs hello.ts)\n",
      });
      expect(read("classify/classify-cli.sh")).toContain("$SCRIPT_DIR/hello.ts");
      if (program !== undefined) expect(read("classify/index.ts")).toBe(guarded);
    }
  });

  it("without --subcommand, runs the file itself as before", async () => {
    const { dir, read } = tempFiles(files());
    const plain = ["--command", "hello", "--script", "hello.ts", "--summary", "Say hello"];
    expect(await addToClassify(dir, plain)).toMatchObject({ code: 0 });
    expect(read("classify/classify-cli.sh")).toContain("$SCRIPT_DIR/hello.ts");
    expect(read("classify/index.ts")).toBe(PROGRAM);
  });
});
