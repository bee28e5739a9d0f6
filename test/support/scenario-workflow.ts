// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` here is workflow expression text.
// The scenario workflow's `run-name:`, as every copy of it has it (.github/workflows/scenario.yml and
// templates/ for both modes; test/action/workflows.test.ts and test/cli/init.test.ts hold them to it),
// and what GitHub makes of it for a `workflow_dispatch`: the name the fake gives a dispatched job's
// workflow run (`display_title`). https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#run-name

export const SCENARIO_RUN_NAME =
  "${{ github.event_name == 'workflow_dispatch' && format('scenario {0} {1}', inputs.command, inputs.run-id) || '' }}";

/** `format('scenario {0} {1}', inputs.command, inputs.run-id)`: a missing input is an empty string. */
export function dispatchedRunName(inputs: Record<string, string>): string {
  return `scenario ${inputs.command ?? ""} ${inputs["run-id"] ?? ""}`;
}
