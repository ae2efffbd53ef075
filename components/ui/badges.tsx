import { Badge, type BadgeTone } from "./badge";

const NODE_STATE_TONE: Record<string, BadgeTone> = {
  idle: "good",
  running: "info",
  offline: "neutral",
  unusable: "bad",
  starttaskfailed: "bad",
  unknown: "bad",
  deallocated: "neutral",
  gone: "gone",
};

/** States carry their name, never colour alone (colour-blind operators, printed tickets). */
export function NodeStateBadge({ state }: { state: string }) {
  return <Badge tone={NODE_STATE_TONE[state] ?? "warn"}>{state}</Badge>;
}

const CATEGORY_TONE: Record<string, BadgeTone> = {
  Application: "orange",
  Node: "bad",
  PreProcessing: "violet",
  FileUpload: "fuchsia",
  Constraint: "warn",
  Terminated: "neutral",
  Container: "teal",
  Unknown: "quiet",
};

export function CategoryBadge({ category }: { category: string }) {
  return <Badge tone={CATEGORY_TONE[category] ?? "quiet"}>{category}</Badge>;
}

/** What a task's state badge says: the state, and for an ended task whether it failed or succeeded. */
export function taskStateText(state: string, outcome?: string): string {
  return outcome === "failed" || outcome === "succeeded" ? `${state}: ${outcome}` : state;
}

export function TaskStateBadge({ state, outcome }: { state: string; outcome?: string }) {
  const tone: BadgeTone = outcome === "failed" ? "bad" : outcome === "succeeded" ? "good" : "info";
  return <Badge tone={tone}>{taskStateText(state, outcome)}</Badge>;
}
