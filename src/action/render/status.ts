// How a step or run status is shown: an emoji for tables, a Mermaid class for the diagram.
import type { RunStatus, StepStatus } from "../../engine/ports.ts";

const STEP_ICONS: Record<StepStatus, string> = {
  pending: "⏳",
  running: "🔄",
  succeeded: "✅",
  failed: "❌",
  skipped: "⏭️",
  waiting: "✋",
};

const RUN_ICONS: Record<RunStatus, string> = {
  queued: "⏳",
  running: "🔄",
  waiting: "✋",
  succeeded: "✅",
  failed: "❌",
  rolled_back: "↩️",
  cancelled: "🚫",
};

export function stepIcon(status: StepStatus): string {
  return `${STEP_ICONS[status]} ${status}`;
}

export function runIcon(status: RunStatus): string {
  return `${RUN_ICONS[status]} ${status.replace("_", " ")}`;
}
