/**
 * What the signatures panel says of its sample (docs/architecture.md, "Failure signatures"): how many failed
 * tasks the stderr read covers, and how many that leaves "not sampled" and why. Pure, so the words are tested.
 */
const n = (x: number) => x.toLocaleString("en-US");

/**
 * A signature's line as the list shows it. A "not sampled" group's line stays "not sampled" in its id (ids
 * are stable, docs/architecture.md), but the list says what it is: nothing of its stderr was read.
 */
export function signatureLabel(s: { source: string; line: string }): string {
  return s.source === "unsampled" ? "not sampled: no stderr read for their node, job and exit code" : s.line;
}

export function sampleNote(d: { failed: number; sampled: number; sampleLimit: number; signatures: readonly { source: string; count: number }[] }): string {
  const head = `Signatures from ${n(d.sampled)} of ${n(d.failed)} failed tasks`;
  if (d.sampled >= d.failed) return `${head}.`;
  const how = ` (stderr of at most ${n(d.sampleLimit)} read, newest first, from every node, job and exit code; a task not read takes the signature read for its node, job and exit code, or counts as "not sampled").`;
  // At scale (the `scale` scenario: 5,000 failures over thousands of node, job and exit-code groups) most
  // failures can be "not sampled": said with its count and its cause, not left to a bare label.
  const unsampled = d.signatures.find((s) => s.source === "unsampled")?.count ?? 0;
  if (unsampled === 0) return head + how;
  return `${head + how} ${n(unsampled)} of them are "not sampled": no task of their node, job and exit code was among the ${n(d.sampleLimit)} read, so their signature is unknown.`;
}
