// The run as a Mermaid flowchart (GitHub renders it in PR bodies and job summaries): one subgraph per
// scenario (required dependencies first), the steps in order, each coloured by its status.
import type { StepRecord, StepStatus } from "../../engine/ports.ts";

const CLASSES: Record<StepStatus, string> = {
  pending: "fill:#f6f8fa,stroke:#8c959f,color:#24292f",
  running: "fill:#ddf4ff,stroke:#0969da,color:#0a3069",
  succeeded: "fill:#dafbe1,stroke:#1a7f37,color:#0f5323",
  failed: "fill:#ffebe9,stroke:#cf222e,color:#82071e",
  skipped: "fill:#eaeef2,stroke:#6e7781,color:#57606a,stroke-dasharray:4",
  waiting: "fill:#fff8c5,stroke:#9a6700,color:#4d2d00",
};

/** Mermaid label text: no quotes, brackets or markup that could end the label or the diagram. */
function label(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/"/g, "#quot;")
    .replace(/[<>[\]{}()|`]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export interface DiagramInput {
  /** The run's own scenario; its steps are drawn last. */
  scenarioId: string;
  steps: StepRecord[];
}

export function runDiagram(input: DiagramInput): string {
  const lines = ["```mermaid", "flowchart TD"];
  const groups = new Map<string, StepRecord[]>();
  for (const step of [...input.steps].sort((a, b) => a.index - b.index)) {
    const group = groups.get(step.scenarioId) ?? [];
    group.push(step);
    groups.set(step.scenarioId, group);
  }
  let g = 0;
  for (const [scenarioId, steps] of groups) {
    const role = scenarioId === input.scenarioId ? "" : " (dependency)";
    lines.push(`  subgraph g${g}["${label(scenarioId)}${role}"]`, "    direction TB");
    for (const step of steps) {
      lines.push(
        `    s${step.index}["${step.number}. ${label(step.name)}<br/>${step.kind} · ${step.status}"]:::${step.status}`,
      );
    }
    lines.push("  end");
    g++;
  }
  const ordered = [...input.steps].sort((a, b) => a.index - b.index);
  for (let i = 1; i < ordered.length; i++) {
    lines.push(`  s${(ordered[i - 1] as StepRecord).index} --> s${(ordered[i] as StepRecord).index}`);
  }
  for (const [status, style] of Object.entries(CLASSES)) lines.push(`  classDef ${status} ${style}`);
  lines.push("```");
  return lines.join("\n");
}
