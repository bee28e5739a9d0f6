// The wrapper edit copies the pipeline's own branch style (dhg-mono's worktree and dev_tasks wrappers,
// trimmed), lists the command in the help text, and changes nothing the second time.
import { describe, expect, it } from "vitest";
import { addPipelineCommand, scriptsFolder } from "../../../../src/cli/commands/helpers/pipeline-wrapper.ts";
import { dhgMonoWrapper } from "../../../support/dhg-mono-wrappers.ts";

const worktree = `#!/bin/bash
show_help() {
    cat << EOF
Commands:
    copy-env [--app <name>]         Copy .env.development files
    health-check                    Run health check for worktree pipeline
    help                            Show this help message
EOF
}

case "$1" in
    copy-env)
        shift
        track_command "worktree" "copy-env" "$@"
        ts-node "$SCRIPT_DIR/copy-env.ts" "$@"
        ;;
        
    health-check)
        track_command "worktree" "health-check"
        "$SCRIPT_DIR/health-check.sh"
        ;;
        
    help|--help|-h|"")
        show_help
        ;;
    *)
        echo "Unknown command: $1"
        exit 1
        ;;
esac
`;

const devTasks = `if [ "$1" = "help" ]; then
  echo "Commands:"
  echo "  create       Create a new development task"
  echo "  health-check Run health check for dev tasks pipeline"
  echo ""
  exit 0
fi
case "$1" in
  "create")
    track_command "dev-tasks" "create"
    shift
    ts-node "$SCRIPT_DIR/create-task.ts" "$@"
    ;;
  "health-check")
    "$SCRIPT_DIR/health-check.sh"
    ;;
  *)
    echo "Unknown command: $1"
    ;;
esac
`;

const spec = { command: "prune-merged", script: "prune-merged.ts", summary: "Remove merged worktrees" };

describe("addPipelineCommand", () => {
  it("copies a tracked branch before the help branch and lists the command before help", () => {
    const edit = addPipelineCommand(worktree, spec);
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.text).toContain(
      [
        "    prune-merged)",
        "        shift",
        '        track_command "worktree" "prune-merged" "$@"',
        '        ts-node "$SCRIPT_DIR/prune-merged.ts" "$@"',
        "        ;;",
        "        ",
        '    help|--help|-h|"")',
      ].join("\n"),
    );
    expect(edit.text).toContain(
      "    prune-merged                    Remove merged worktrees\n    help                            Show",
    );
  });

  it("keeps quoted labels, and lists the command after the last one when help has no line", () => {
    const edit = addPipelineCommand(devTasks, { ...spec, script: "prune.sh" });
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.text).toContain(
      '  "prune-merged")\n    track_command "dev-tasks" "prune-merged"\n    shift\n    bash "$SCRIPT_DIR/prune.sh" "$@"\n    ;;\n  *)',
    );
    expect(edit.text).toContain(
      '  echo "  health-check Run health check for dev tasks pipeline"\n  echo "  prune-merged Remove',
    );
  });

  it("changes nothing when the command is already there", () => {
    const once = addPipelineCommand(worktree, spec);
    if (!once.ok) throw new Error(once.reason);
    expect(addPipelineCommand(once.text, spec)).toEqual({ ok: true, text: once.text, changed: false });
  });

  it("writes a branch in the wrapper's layout when its branches call functions (tracker runs the command)", () => {
    const mime = [
      'SCRIPT_DIR="$(pwd)"',
      "track_command() {",
      '  local full_command="$2"',
      '  eval "$full_command"',
      "}",
      "show_help() {",
      '  echo "  sync                      Synchronize"',
      '  echo "  help                      Show this help message"',
      "}",
      'case "$1" in',
      '  "sync")',
      '    sync_mime_types "${@:2}"',
      "    ;;",
      '  "help" | "-h")',
      "    show_help",
      "    ;;",
      "esac",
      "",
    ].join("\n");
    const edit = addPipelineCommand(mime, spec);
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.text).toContain(
      '  "prune-merged")\n    shift\n    track_command "prune-merged" "ts-node $SCRIPT_DIR/prune-merged.ts $*"\n    ;;\n  "help" | "-h")',
    );
  });

  it("leaves option-parsing and sub-command cases alone, and refuses a wrapper it cannot track with", () => {
    const options =
      'while [ "$#" -gt 0 ]; do\n  case "$1" in\n    --name)\n      shift 2\n      ;;\n  esac\ndone\n';
    expect(addPipelineCommand(options, spec)).toMatchObject({ ok: false });
    expect(addPipelineCommand('case "$1" in\n  a)\n    run_a\n    ;;\nesac\n', spec)).toEqual({
      ok: false,
      reason:
        "it calls no track_command (or defines no SCRIPT_DIR) to track the new command with; add the command by hand: a branch of the wrapper's dispatch that runs prune-merged.ts through track_command, and a line in its help text",
    });
  });
});

describe("scriptsFolder", () => {
  const tracked = (...scripts: string[]) =>
    scripts.map((f, i) => `  track_command "c${i}" node "$SCRIPT_DIR/${f}" "\${@:2}"`).join("\n");

  it("names the folder most tracked commands run their scripts from", () => {
    expect(scriptsFolder(tracked("commands/a.ts", "commands/b.ts", "c.ts"))).toBe("commands");
    expect(scriptsFolder(tracked("a.ts", "index.ts", "commands/c.ts"))).toBe(".");
    expect(scriptsFolder(tracked("tools/sub/a.ts", "tools/sub/b.sh"))).toBe("tools/sub");
  });

  it("reads the framework's track_and_execute, whose file is on the line it continues onto (5e9e240a's git)", () => {
    expect(scriptsFolder(dhgMonoWrapper("git-framework"))).toBe("commands");
  });

  it("says . on a tie, when nothing is tracked, and for folders that climb out or are not plain names", () => {
    expect(scriptsFolder(tracked("commands/a.ts", "b.ts"))).toBe(".");
    expect(scriptsFolder('case "$1" in\n  a) ts-node "$SCRIPT_DIR/commands/a.ts" ;;\nesac\n')).toBe(".");
    expect(scriptsFolder(tracked("../other/a.ts", "../other/b.ts"))).toBe(".");
    expect(scriptsFolder(tracked("./commands/a.ts", "./commands/b.ts"))).toBe(".");
  });
});

describe("a branch whose runner takes options (git's node --loader ts-node/esm)", () => {
  const git = [
    "show_help() {",
    '    echo "  list-worktrees                List all git worktrees"',
    '    echo "  help                         Show this help message"',
    "}",
    'case "$1" in',
    '    "list-worktrees")',
    '        track_command "list-worktrees" node --loader ts-node/esm "$SCRIPT_DIR/commands/list-worktrees.ts" "${@:2}"',
    "        ;;",
    '    "help"|"")',
    "        show_help",
    "        ;;",
    "esac",
    "",
  ].join("\n");
  const line = (script: string) => {
    const edit = addPipelineCommand(git, { command: "hello", script, summary: "Say hello" });
    if (!edit.ok) throw new Error(edit.reason);
    return edit.text.split("\n").find((l) => l.includes('track_command "hello"'));
  };

  it("keeps the runner and its options for a file of the same kind", () => {
    expect(line("commands/hello.ts")).toBe(
      '        track_command "hello" node --loader ts-node/esm "$SCRIPT_DIR/commands/hello.ts" "${@:2}"',
    );
  });

  it("replaces the runner with its options for a file of another kind, outside the quotes", () => {
    expect(line("commands/hello.sh")).toBe(
      '        track_command "hello" bash "$SCRIPT_DIR/commands/hello.sh" "${@:2}"',
    );
    expect(line("hello.js")).toBe('        track_command "hello" node "$SCRIPT_DIR/hello.js" "${@:2}"');
  });
});
