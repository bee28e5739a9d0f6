// The wrapper edit on the other ways dhg-mono's wrappers dispatch (excerpts of d24a0dfa's and
// development's scripts/cli-pipeline, trimmed): `if [ "$1" = ... ]` blocks, an `if`/`elif` chain whose
// `else` runs a commander program, `case "${1:-help}"`, tracked names with a prefix or `"$COMMAND"`,
// starred help lines; and the refusals, which say what the wrapper lacks and how to go on.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  addPipelineCommand,
  type PipelineCommand,
  scriptsFolder,
} from "../../../../src/cli/commands/helpers/pipeline-wrapper.ts";
import { dhgMonoWrapper } from "../../../support/dhg-mono-wrappers.ts";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

const spec: PipelineCommand = { command: "hello", script: "hello.ts", summary: "Say hello" };

function edited(text: string, command: PipelineCommand = spec): string {
  const edit = addPipelineCommand(text, command);
  if (!edit.ok) throw new Error(edit.reason);
  expect(edit.changed).toBe(true);
  expect(spawnSync("bash", ["-n"], { input: edit.text }).status).toBe(0);
  expect(addPipelineCommand(edit.text, command)).toEqual({ ok: true, text: edit.text, changed: false });
  return edit.text;
}

// google_sync/google-sync-cli.sh: one block per command, the help block in the middle, and a line
// running index.ts for every command left (the blocks after it are never reached).
const googleSync = dhgMonoWrapper("google-sync");

// document_types/document-types-cli.sh: every block runs the commander program cli.ts with its name.
const documentTypes = dhgMonoWrapper("document-types");

// presentations/presentations-cli.sh: \`[[ ... == ... ]]\`, \`\${@:2}\`, help printed with echo -e, and
// options listed under their command.
const presentations = dhgMonoWrapper("presentations");

// tracking/tracking-cli.sh: every command but one goes to cli.ts; the header comment is the only
// list of commands in the wrapper.
const tracking = `#!/bin/bash
# Available commands:
#   list                List recent command executions
#   health-check        Check the health of the command tracking service

SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
ROOT_DIR="$(cd "$SCRIPT_DIR/../../.." && pwd)"

track_command() {
  local pipeline_name="tracking"
  local command_name="$1"
  shift
  local full_command="$@"
  eval "$full_command"
}

COMMAND="\${1:-main}"

# Handle health-check command specially
if [ "$COMMAND" = "health-check" ]; then
  track_command "$COMMAND" "$SCRIPT_DIR/health-check.sh"
else
  CMD="NODE_PATH=\\"$ROOT_DIR/node_modules\\" npx ts-node -P \\"$ROOT_DIR/tsconfig.json\\" \\"$SCRIPT_DIR/cli.ts\\" $*"
  track_command "$COMMAND" "$CMD"
fi`;

// experts/experts-cli.sh: the chain that runs experts-cli.ts sits in the \`else\` of another.
const experts = `SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
CLI_DIR="$SCRIPT_DIR"
track_command() {
  local command_name="$1"
  shift
  local full_command="$@"
  eval "$full_command"
}
COMMAND="\${1:-main}"

if [ "$COMMAND" = "add-expert" ]; then
  track_command "add-expert" "ts-node \\"$CLI_DIR/add-expert-direct.ts\\" $PARAMS"
else
  if [ "$COMMAND" = "help" ] || [ "$COMMAND" = "--help" ] || [ "$COMMAND" = "-h" ]; then
    echo "COMMANDS:"
    echo "  * list-experts            List all experts with their mnemonics (119 uses)"
    echo "    help                    Show this help message"
    exit 0
  fi

  if [ "$COMMAND" = "health-check" ]; then
    track_command "health-check" "cd \\"$ROOT_DIR\\" && node -e \\"process.exit(0)\\""
  else
    # Regular command execution for other commands
    track_command "$COMMAND" "ts-node $CLI_DIR/experts-cli.ts $*"
  fi
fi
`;

// refactor_tracking/refactor-tracking-cli.sh: tracked as \`refactor-<name>\`, help lines with arguments.
const refactorTracking = `SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
if [ $# -eq 0 ] || [ "$1" = "help" ]; then
  echo "Commands:"
  echo "  show <name>              Show details for a command"
  echo "  add-note <name>          Add a note to a command"
  echo ""
  exit 0
fi

case "$1" in
  "show")
    shift
    track_command "refactor-show" "ts-node $SCRIPT_DIR/show-command.ts $*"
    ;;
    
  "add-note")
    shift
    track_command "refactor-add-note" "ts-node $SCRIPT_DIR/add-note.ts $*"
    ;;
    
  *)
    echo "Unknown command: $1"
    exit 1
    ;;
esac
`;

// media-processing/media-processing-cli.sh: the branches track \`"$COMMAND"\` and run files in commands/.
const mediaProcessing = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
function display_help() {
  echo "MAINTENANCE & CHECKS:"
  echo "  * health-check                 Check the health of media processing infrastructure (26 uses)"
  echo "    check-media-files            Check for missing/orphaned MP4 and M4A files"
  echo ""
}
COMMAND="$1"
shift

case "$COMMAND" in
  # Core commands
  convert)
    track_command "$COMMAND" "ts-node $SCRIPT_DIR/commands/convert-mp4.ts $*"
    ;;
  check-media-files)
    track_command "$COMMAND" "ts-node $SCRIPT_DIR/commands/check-media-files.ts $*"
    ;;
  # Help commands
  help|--help|-h)
    display_help
    ;;
esac`;

// archive/archive-cli.sh: the help is a here-document with starred commands.
const archive = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
show_help() {
    cat << EOF
SEARCH & ANALYSIS:
  * search              Search in archived files
  * recent              Show recently archived files

OPTIONS:
  --dry-run            Show what would be done without doing it
EOF
}

case "$1" in
    "search")
        track_command "search" "\${@:2}"
        ts-node "$SCRIPT_DIR/search-archives.ts" "\${@:2}"
        ;;
    
    "recent")
        track_command "recent" "\${@:2}"
        ts-node "$SCRIPT_DIR/recent-archives.ts" "\${@:2}"
        ;;
    
    "--help"|"-h"|"")
        show_help
        ;;
esac
`;

// development's registry/registry-cli.sh: \`case "\${1:-help}"\`, branches calling functions.
const registry = `SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
track_command() {
  local command="$1"
  echo "$command" > /dev/null
}
show_help() {
  cat << EOF
COMMANDS:
    scan-services     Scan and register all shared services
    help              Show this help message
EOF
}

case "\${1:-help}" in
    scan-services)
        shift
        track_command "scan-services"
        cd "$SCRIPT_DIR" && npx ts-node scan-services.ts "$@"
        ;;
        
    help|--help|-h)
        show_help
        ;;
esac
`;

describe("addPipelineCommand on dhg-mono's if blocks", () => {
  it("copies the plainest tracked block before the help block, not after the line running index.ts", () => {
    const text = edited(googleSync);
    expect(text).toContain(
      [
        "fi",
        "",
        'if [ "$1" = "hello" ]; then',
        "  shift",
        '  track_command "hello" "ts-node $SCRIPT_DIR/hello.ts $*"',
        "  exit $?",
        "fi",
        "",
        'if [ "$1" = "help" ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then',
      ].join("\n"),
    );
    expect(text).toContain(
      '  echo "    hello                        Say hello"\n  echo "    help                         Show this help message"',
    );
  });

  it("puts the block before a line running every command when no help block comes first", () => {
    const noHelp = googleSync.replace(/if \[ "\$1" = "help" \][\s\S]*?\nfi\n/, "");
    const edit = addPipelineCommand(
      noHelp.replace("# Handle", 'echo "    help                         Show this help message"\n# Handle'),
      spec,
    );
    if (!edit.ok) throw new Error(edit.reason);
    const lines = edit.text.split("\n");
    expect(lines.indexOf('if [ "$1" = "hello" ]; then')).toBeLessThan(
      lines.indexOf('track_command "$COMMAND" "ts-node $SCRIPT_DIR/index.ts $*"'),
    );
  });

  it("runs the new file, not the commander program with the template's name, and drops the star", () => {
    const text = edited(documentTypes);
    expect(text).toContain(
      '  track_command "hello" "cd $PROJECT_ROOT && ts-node $SCRIPT_DIR/hello.ts $*"\n  exit $?\nfi\n\nif [ "$1" = "help" ]',
    );
    expect(text).toContain('  echo "    hello                        Say hello"\n  echo "    help   ');
  });

  it("puts the block after the last command's when the help block leads them, parted like them", () => {
    const text = edited(presentations);
    expect(text.indexOf('if [[ "$1" == "--help"')).toBeLessThan(text.indexOf('if [[ "$1" == "health-check"'));
    expect(text).toContain(
      [
        'if [[ "$1" == "show-missing-content" ]]; then',
        '  track_command "show-missing-content" "ts-node $SCRIPT_DIR/index.ts show-missing-content ${@:2}"',
        "  exit $?",
        "fi",
        "",
        'if [[ "$1" == "hello" ]]; then',
      ].join("\n"),
    );
    // The blocks after the help block, and the lines that end the dispatch after them (presentations'
    // own wrapper runs index.ts for every other command there): the new block comes before those lines.
    const catchAll = `${presentations}\n# Otherwise\ntrack_command "$1" "ts-node $SCRIPT_DIR/index.ts $*"\n`;
    const lines = edited(catchAll).split("\n");
    expect(lines.indexOf('if [[ "$1" == "hello" ]]; then')).toBeGreaterThan(
      lines.indexOf('if [[ "$1" == "show-missing-content" ]]; then'),
    );
    expect(lines.indexOf('if [[ "$1" == "hello" ]]; then')).toBeLessThan(lines.indexOf("# Otherwise"));
    expect(lines[lines.indexOf("# Otherwise") - 1]).toBe("");
  });

  it("keeps [[ == ]] and ${@:2}, and lists the command after the last one's options", () => {
    const text = edited(presentations);
    expect(text).toContain(
      'if [[ "$1" == "hello" ]]; then\n  track_command "hello" "ts-node $SCRIPT_DIR/hello.ts ${@:2}"\n  exit $?\nfi',
    );
    expect(text).toContain(
      '      Show verbose output"\n  echo -e "    hello                      Say hello"\n  echo ""',
    );
  });
});

describe("addPipelineCommand on an if/elif chain whose else runs the commander program", () => {
  it("adds an elif before the else, and lists the command in the header comment", () => {
    const text = edited(tracking);
    expect(text).toContain(
      [
        '  track_command "$COMMAND" "$SCRIPT_DIR/health-check.sh"',
        'elif [ "$COMMAND" = "hello" ]; then',
        "  shift",
        '  track_command "hello" "npx ts-node $SCRIPT_DIR/hello.ts $*"',
        "else",
      ].join("\n"),
    );
    expect(text).toContain(
      "#   health-check        Check the health of the command tracking service\n#   hello               Say hello\n",
    );
  });

  it("takes the innermost chain (experts)", () => {
    const text = edited(experts);
    expect(text).toContain(
      '  elif [ "$COMMAND" = "hello" ]; then\n    shift\n    track_command "hello" "ts-node $SCRIPT_DIR/hello.ts $*"\n  else\n    # Regular',
    );
    expect(text).toContain('    echo "    hello                   Say hello"\n    echo "    help ');
  });
});

describe("addPipelineCommand on case branches in dhg-mono's other styles", () => {
  it("keeps the tracked name's prefix, and aligns the help line past the arguments", () => {
    const text = edited(refactorTracking);
    expect(text).toContain(
      '  "hello")\n    shift\n    track_command "refactor-hello" "ts-node $SCRIPT_DIR/hello.ts $*"\n    ;;\n    \n  *)',
    );
    expect(text).toContain(
      '  echo "  add-note <name>          Add a note to a command"\n  echo "  hello                    Say hello"',
    );
  });

  it('writes the name where the branch tracks "$COMMAND", so the tracking can be found', () => {
    const text = edited(mediaProcessing);
    expect(text).toContain(
      '  hello)\n    track_command "hello" "ts-node $SCRIPT_DIR/hello.ts $*"\n    ;;\n  # Help commands',
    );
    expect(text).toContain('  echo "    hello                        Say hello"\n  echo ""');
  });

  it("lists the command in a here-document with starred commands, without a star", () => {
    const text = edited(archive);
    expect(text).toContain(
      "  * recent              Show recently archived files\n    hello               Say hello\n",
    );
    expect(text).toContain(
      '        track_command "hello" "${@:2}"\n        ts-node "$SCRIPT_DIR/hello.ts" "${@:2}"',
    );
  });

  it('reads case "${1:-help}" as the dispatch', () => {
    const text = edited(registry);
    expect(text).toContain(
      '    hello)\n        shift\n        track_command "hello"\n        npx ts-node "$SCRIPT_DIR/hello.ts" "$@"\n        ;;',
    );
    expect(text).toContain("    hello             Say hello\n    help  ");
  });
});

// database/database-cli.sh: every branch prints its own message, the first checks its arguments.
const database = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$SCRIPT_DIR/../../.." && pwd)"
show_help() {
  echo "CLI REGISTRY:"
  echo "    scan-cli-pipelines   Scan and import all CLI pipelines into command registry"
  echo ""
}
case "$1" in
  "rename-table")
    if [ -z "$2" ] || [ -z "$3" ]; then
      echo "Error: Missing required arguments"
      echo "Usage: $0 rename-table <old-name> <new-name> [options]"
      exit 1
    fi
    echo "🔄 Renaming table..."
    track_command "rename-table" "cd $PROJECT_ROOT && ts-node $SCRIPT_DIR/commands/rename-table.ts \${@:2}"
    ;;
  "list-migrations")
    echo "📋 Listing table migration history..."
    track_command "list-migrations" "cd $PROJECT_ROOT && ts-node $SCRIPT_DIR/commands/table-migrations.ts list \${@:2}"
    ;;
  "scan-cli-pipelines")
    echo "🔍 Scanning CLI pipelines for command registry..."
    track_command "scan-cli-pipelines" "cd $PROJECT_ROOT && ts-node $SCRIPT_DIR/scan-cli-pipelines.ts \${@:2}"
    ;;
  "help"|"--help"|"-h")
    show_help
    ;;
esac
`;

describe("addPipelineCommand copies the plainest branch, less what belongs to its own command", () => {
  it("takes no argument checks, messages or sub-command of another command (database)", () => {
    const text = edited(database);
    expect(text).toContain(
      '    ;;\n  "hello")\n    track_command "hello" "cd $PROJECT_ROOT && ts-node $SCRIPT_DIR/hello.ts ${@:2}"\n    ;;\n  "help"',
    );
  });
});

describe("addPipelineCommand refuses, saying what the wrapper lacks and how to go on", () => {
  it("a wrapper handing every command to its commander program (development's deployment)", () => {
    const deployment = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
track_command "deployment" "$1"
if [ $# -eq 0 ] || [ "$1" == "--help" ] || [ "$1" == "help" ]; then
    show_help
    exit 0
fi
cd "$SCRIPT_DIR"
ts-node deployment-cli.ts "$@"
`;
    expect(addPipelineCommand(deployment, spec)).toEqual({
      ok: false,
      reason:
        "it has no dispatch of its own: it hands every command to the commander program deployment-cli.ts (\"$@\"), so its commands are that program's: add `program.command('hello')` to it by hand (the wrapper has no branch to add)",
    });
  });

  it("a wrapper that tracks nothing (work_summaries)", () => {
    const workSummaries = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
case "$1" in
  add)
    shift
    ts-node "$SCRIPT_DIR/add-summary.ts" "$@"
    ;;
  help|--help|-h|"")
    echo "  add          Add a work summary"
    ;;
esac
`;
    const edit = addPipelineCommand(workSummaries, spec);
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.reason).toMatch(/^it calls no track_command .*; add the command by hand: /);
  });
});

// 5e9e240a's wrappers on the CLI Pipeline Framework (scripts/cli-pipeline/base-classes, trimmed): each
// command runs in a `command_<name>` function, tracked with the framework's `track_and_execute`.
describe("wrappers on the CLI Pipeline Framework", () => {
  const merged: PipelineCommand = { command: "prune-merged", script: "prune-merged.ts", summary: "Prune" };

  it("git: a copy of a function that tracks and runs its file, and a branch calling it", () => {
    const text = edited(dhgMonoWrapper("git-framework"), { ...merged, script: "commands/prune-merged.ts" });
    expect(text).toContain(
      [
        "# Command: prune-merged - Prune",
        "command_prune_merged() {",
        '    local description="Prune"',
        "    ",
        '    track_and_execute "prune_merged" "$description" \\',
        '        node --loader ts-node/esm "$SCRIPT_DIR/commands/prune-merged.ts" "$@"',
        "}",
        "",
        "# Override show_help",
      ].join("\n"),
    );
    expect(text).toContain(
      '    prune-merged)\n        shift\n        command_prune_merged "$@"\n        ;;\n    *)',
    );
    expect(text).toContain('    echo "  prune-merged                 Prune"\n    echo "  help ');
  });

  it("registry: a function alone where route_command calls command_<name> as typed", () => {
    const registry = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
source "$SCRIPT_DIR/../base-classes/ServiceCLIPipeline.sh"

command_scan-services() {
    log_info "Scanning shared services..."
    
    track_and_execute "scan-services" "Scan packages/shared/services directory" \\
        npx ts-node "$SCRIPT_DIR/scan-services.ts" "$@"
}

command_scan-apps() {
    log_info "Scanning applications directory..."
    
    track_and_execute "scan-apps" "Scan apps directory for applications" \\
        npx ts-node "$SCRIPT_DIR/scan-apps.ts" "$@"
}

show_help() {
    cat << EOF
COMMANDS:
  scan-services         Scan packages/shared/services directory
  scan-apps            Scan apps directory for applications
  help               Show this help message
EOF
}

case "$1" in
    "help"|"--help"|"-h")
        show_help
        exit 0
        ;;
    *)
        route_command "$@"
        ;;
esac
`;
    const text = edited(registry, merged);
    expect(text).toContain(
      [
        "}",
        "",
        "command_prune-merged() {",
        '    track_and_execute "prune-merged" "Prune" \\',
        '        npx ts-node "$SCRIPT_DIR/prune-merged.ts" "$@"',
        "}",
        "",
        "show_help() {",
      ].join("\n"),
    );
    expect(text).not.toContain("prune-merged)");
    expect(text).toContain("  prune-merged       Prune\n  help ");
  });

  it("work_summaries: the function runs the file and the branch tracks it, as theirs do", () => {
    const workSummaries = `SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
source "$SCRIPT_DIR/../base-classes/SimpleCLIPipeline.sh"

command_add() {
    print_info "Adding new work summary..."
    npx ts-node "$SCRIPT_DIR/add-summary.ts" "$@"
}

command_link_tasks() {
    npx ts-node "$SCRIPT_DIR/commands/link-dev-tasks.ts" "$@"
}

show_help() {
    echo "  add          Add a new work summary (manual)"
    echo "  link-tasks   Link work summaries to dev tasks using git history"
}

case "$1" in
    add)
        shift
        track_and_execute "add" command_add "$@"
        ;;
    link-tasks)
        shift
        track_and_execute "link-tasks" command_link_tasks "$@"
        ;;
    *)
        show_help
        exit 1
        ;;
esac
`;
    const text = edited(workSummaries, merged);
    expect(text).toContain(
      'command_link_tasks() {\n    npx ts-node "$SCRIPT_DIR/commands/link-dev-tasks.ts" "$@"\n}\n\ncommand_prune_merged() {\n    npx ts-node "$SCRIPT_DIR/prune-merged.ts" "$@"\n}\n',
    );
    expect(text).toContain(
      '    prune-merged)\n        shift\n        track_and_execute "prune-merged" command_prune_merged "$@"\n        ;;\n    *)',
    );
  });

  it("continuous_docs: a function that checks its file is there, and an entry in the commands array the help prints", () => {
    const continuousDocs = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
source "$SCRIPT_DIR/../base-classes/ServiceCLIPipeline.sh"
declare -a CONTINUOUS_DOCS_COMMANDS=(
    "check-updates:Check for documentation updates"
    "sync-status:Show sync status"
)

command_check_updates() {
    if [ -f "$SCRIPT_DIR/commands/check-updates.ts" ]; then
        run_ts "$SCRIPT_DIR/commands/check-updates.ts" "$@"
    else
        print_error "check-updates.ts not found"
        return 1
    fi
}

command_sync_status() {
    if [ -f "$SCRIPT_DIR/commands/sync-status.ts" ]; then
        run_ts "$SCRIPT_DIR/commands/sync-status.ts" "$@"
    else
        print_error "sync-status.ts not found"
        return 1
    fi
}

show_help() {
    for cmd_desc in "\${CONTINUOUS_DOCS_COMMANDS[@]}"; do
        IFS=':' read -r cmd desc <<< "$cmd_desc"
        printf "  %-20s %s\\n" "$cmd" "$desc"
    done
}

case "$1" in
    check-updates)
        shift
        track_and_execute "check-updates" command_check_updates "$@"
        ;;
    sync-status)
        shift
        track_and_execute "sync-status" command_sync_status "$@"
        ;;
    *)
        show_help
        ;;
esac
`;
    expect(scriptsFolder(continuousDocs)).toBe("commands");
    const text = edited(continuousDocs, { ...merged, script: "commands/prune-merged.ts" });
    expect(text).toContain('    "sync-status:Show sync status"\n    "prune-merged:Prune"\n)');
    expect(text).toContain(
      [
        "command_prune_merged() {",
        '    if [ -f "$SCRIPT_DIR/commands/prune-merged.ts" ]; then',
        '        run_ts "$SCRIPT_DIR/commands/prune-merged.ts" "$@"',
        "    else",
        '        print_error "prune-merged.ts not found"',
        "        return 1",
        "    fi",
        "}",
      ].join("\n"),
    );
    expect(text).toContain('        track_and_execute "prune-merged" command_prune_merged "$@"');
  });

  it("git_workflow: functions running inline code give nothing to copy, and the refusal says how to go on", () => {
    const gitWorkflow = `SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
PROJECT_ROOT="$( cd "$SCRIPT_DIR/../../.." && pwd )"
source "$SCRIPT_DIR/../base-classes/ManagementCLIPipeline.sh"
command_status() {
    git status
}
command_lint() {
    cd "$PROJECT_ROOT" && pnpm lint
}
case "$1" in
    status)
        shift
        track_and_execute "status" command_status "$@"
        ;;
    lint)
        shift
        track_and_execute "lint" command_lint "$@"
        ;;
esac
`;
    expect(addPipelineCommand(gitWorkflow, merged)).toEqual({
      ok: false,
      reason:
        'it runs its commands in functions (command_<name>, tracked with track_and_execute) of which none runs a file of the pipeline and passes on its arguments, to copy for the new command; add the command by hand: a command_prune_merged function running prune-merged.ts with "$@", a branch of the wrapper\'s case calling it through track_and_execute, and a line in its help text',
    });
  });
});

describe("scenario add-pipeline-command --check", { timeout: 120_000 }, () => {
  it("says whether the command can be added and changes nothing either way", async () => {
    const { dir, read } = tempFiles({ "ok-cli.sh": googleSync, "no-cli.sh": 'ts-node cli.ts "$@"\n' });
    const args = ["--command", "hello", "--script", "hello.ts", "--summary", "Say hello", "--check"];
    expect(await spawnCli(dir, ["add-pipeline-command", "ok-cli.sh", ...args])).toMatchObject({
      code: 0,
      out: "ok-cli.sh: hello can be added (runs hello.ts)\n",
    });
    const refused = await spawnCli(dir, ["add-pipeline-command", "no-cli.sh", ...args]);
    expect(refused).toMatchObject({ code: 1, out: "" });
    expect(refused.err).toContain("add-pipeline-command: no-cli.sh: it has no dispatch of its own");
    const taken = await spawnCli(dir, ["add-pipeline-command", "ok-cli.sh", ...args.with(1, "count-mp4")]);
    expect(taken).toMatchObject({ code: 1, out: "" });
    expect(taken.err).toBe(
      "add-pipeline-command: ok-cli.sh: count-mp4 is already one of its commands; choose another name.\n",
    );
    expect(read("ok-cli.sh")).toBe(googleSync);
    expect(read("no-cli.sh")).toBe('ts-node cli.ts "$@"\n');
  });
});
