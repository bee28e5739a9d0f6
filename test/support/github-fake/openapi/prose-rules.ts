// Limits GitHub states only in the prose of its REST docs (or enforces without stating them), so the
// published description's schemas do not carry them. Each is a JSON Schema fragment checked together
// with the description's request body schema of that operation; everything else comes from the
// description itself.

type Fragment = Record<string, unknown>;

/** JSON Schema's `if`/`then`: when `condition` holds, `consequence` must too. */
function when(condition: Fragment, consequence: Fragment): Fragment {
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
  return { if: condition, then: consequence };
}

/** "Body is too long (maximum is 65536 characters)": comments, issues and pull requests. */
const textBody: Fragment = { properties: { body: { type: ["string", "null"], maxLength: 65_536 } } };

const checkRun: Fragment = {
  properties: {
    name: { minLength: 1 },
    output: {
      properties: {
        // "Maximum length: 65535 characters" (output.summary and output.text):
        // https://docs.github.com/rest/checks/runs#create-a-check-run
        summary: { maxLength: 65_535 },
        text: { maxLength: 65_535 },
        annotations: {
          items: {
            properties: {
              path: { minLength: 1 },
              start_line: { minimum: 1 },
              end_line: { minimum: 1 },
              // "The message ... can be up to 64 KB"; "The title ... maximum 255 characters".
              message: { minLength: 1, maxLength: 65_536 },
              title: { maxLength: 255 },
              raw_details: { maxLength: 65_536 },
            },
            // "Annotations only support start_column and end_column on the same line."
            ...when(
              { anyOf: [{ required: ["start_column"] }, { required: ["end_column"] }] },
              { properties: { end_line: { const: { $data: "1/start_line" } } } },
            ),
          },
        },
      },
    },
    // "A maximum of three actions"; label and identifier at most 20 characters, description 40.
    actions: {
      maxItems: 3,
      items: {
        properties: {
          description: { minLength: 1, maxLength: 40 },
          label: { minLength: 1, maxLength: 20 },
          identifier: { maxLength: 20 },
        },
      },
    },
  },
  // "conclusion: Required if you provide completed_at or a status of completed."
  allOf: [
    when(
      { required: ["status"], properties: { status: { const: "completed" } } },
      { required: ["conclusion"] },
    ),
    when({ required: ["completed_at"] }, { required: ["conclusion"] }),
  ],
};

export const PROSE_RULES: Record<string, Fragment> = {
  // "If it doesn't start with 'refs' and have at least two slashes, it will be rejected"; a sha is 40 hex.
  "git/create-ref": {
    properties: { ref: { pattern: "^refs/[^/]+/.+" }, sha: { pattern: "^[0-9a-f]{40}$" } },
  },
  // "The new file content, using Base64 encoding."
  "repos/create-or-update-file-contents": {
    properties: { content: { pattern: "^[A-Za-z0-9+/]*={0,2}$" }, message: { minLength: 1 } },
  },
  "checks/create": checkRun,
  "checks/update": checkRun,
  "issues/create-comment": textBody,
  "issues/update-comment": textBody,
  "issues/create": {
    ...textBody,
    properties: { ...(textBody.properties as Fragment), title: { minLength: 1 } },
  },
  "issues/update": textBody,
  "pulls/create": {
    properties: {
      ...(textBody.properties as Fragment),
      title: { minLength: 1 },
      head: { minLength: 1 },
      base: { minLength: 1 },
    },
  },
  "pulls/update": textBody,
  // Workflow inputs are strings, numbers or booleans; `ref` names a branch or tag.
  "actions/create-workflow-dispatch": {
    properties: {
      ref: { minLength: 1 },
      inputs: { additionalProperties: { type: ["string", "number", "boolean"] } },
    },
  },
};
