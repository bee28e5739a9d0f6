import { describe, expect, it } from "vitest";
import { loadCatalog, parameterFolder, parseScenarioOrThrow } from "../../src/scenario/index.ts";

const doc = (step: string) => `# Scenario: Add a widget

## Metadata
- **ID**: \`add-widget\`
- **Object Type**: ui
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none

## Parameters
- \`group\` (required): The widget's group. Pattern: \`^[a-z]+$\`. Example: \`forms\`
- \`name\` (required): The widget. Pattern: \`^[a-z]+$\`. Example: \`date\`

## Pre-Conditions
1. [ ] The group exists
   \`\`\`bash check
   test -d {layout_components}/{group}
   \`\`\`

## Steps
${step}

## Post-Validation
1. [ ] It is there
   \`\`\`bash check
   test -f {layout_components}/{group}/{name}.tsx
   \`\`\`

## Rollback
1. **Nothing to undo**
`;

describe("parameterFolder", () => {
  it("names the folder the document writes a parameter under most often, layout placeholders kept", () => {
    const s = parseScenarioOrThrow(
      doc(
        "1. **Write it** [automated]\n   ```tsx file=widgets/{group}/{name}.tsx\n   export {};\n   ```\n" +
          "2. **Export it** [automated]\n   ```bash\n   echo ok >> {layout_components}/{group}/index.ts\n   ```",
      ),
    );
    expect(parameterFolder(s, "group")).toBe("{layout_components}");
    // `{name}` is a file name here, never a folder's.
    expect(parameterFolder(s, "name")).toBeUndefined();
  });

  it("reads neither a filtered value, a relative folder nor a folder inside another value as the parameter's", () => {
    const s = parseScenarioOrThrow(
      doc(
        "1. **Write it** [automated]\n   ```bash\n   mkdir -p lib/{name|kebab} ./{name} x{group}/{name}\n   ```",
      ),
    );
    expect(parameterFolder(s, "name")).toBeUndefined();
  });

  it("finds the folders of the shipped scenarios' values", async () => {
    const catalog = await loadCatalog("scenarios");
    const found = catalog.scenarios.flatMap((s) =>
      s.parameters.flatMap((p) => {
        const folder = parameterFolder(s, p.name);
        return folder ? [`${s.id}.${p.name} ${folder}`] : [];
      }),
    );
    expect(found).toEqual([
      "add-app-page.app {layout_apps}",
      "add-cli-command.domain {layout_pipelines}",
      "add-service-tests.name {layout_services}",
      "create-cli-pipeline.domain {layout_pipelines}",
      "create-new-app.name {layout_apps}",
      "create-shared-component.folder {layout_components}",
      "create-shared-service.name {layout_services}",
      "migrate-script-to-pipeline.domain {layout_pipelines}",
      "refactor-to-shared-service.name {layout_services}",
    ]);
  });
});
