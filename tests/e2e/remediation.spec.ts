import { expect, test, type Locator, type Page } from "../support/browser-test";
import { INCIDENT_BAD_NODES } from "@/lib/emulator/scenarios/incident";
import { shortId } from "@/lib/format";
import { ACCOUNT, JOB, POOL, poolNodeIds, selectBadNodes, seriousViolations } from "../support/incident-pool";
import { all } from "../support/sdk-paging";
import { stackPerFile, type Stack } from "../support/stack";

/**
 * The clock nearly stands still (speed 0.001), so the tasks on the bad nodes, which fail within seconds of
 * simulated time, are still running when the operator acts; `advance` moves time where the test needs it.
 * Every slot of the pool is filled first, so the bad nodes do run tasks and requeued tasks stay queued.
 */
async function fillThePool(env: Stack): Promise<void> {
  const tasks = Array.from({ length: 400 }, (_, i) => ({ id: `e2e-hold-${String(i).padStart(3, "0")}`, commandLine: "/bin/sh -c 'sleep 3600'" }));
  for (let i = 0; i < tasks.length; i += 100) await env.client.task.addCollection(JOB, tasks.slice(i, i + 100));
  await env.advance(1);
}

async function runningOn(env: Stack, nodeIds: string[]): Promise<string[]> {
  const client = env.client;
  const running = await all(client.task.list(JOB, { taskListOptions: { filter: "state eq 'running'", select: "id,nodeInfo" } }), (link) =>
    client.task.listNext(link),
  );
  return running.filter((t) => nodeIds.includes(t.nodeInfo?.nodeId ?? "")).map((t) => t.id!);
}

/** Step: the bad nodes are the heatmap's top three rows; a click and a shift-click select them. Returns the action bar. */
async function selectBadNodesOnHeatmap(page: Page, url: string, bad: string[]): Promise<Locator> {
  await selectBadNodes(page, url, bad);
  await expect(page.getByTestId("identity")).toHaveText("Local operator — no sign-in configured");

  // Beside the selection: what is impossible is disabled with the reason as text.
  const bar = page.getByTestId("heatmap-actions");
  await expect(bar.getByRole("button", { name: "Enable scheduling" })).toBeDisabled();
  await expect(bar.getByTestId("action-note-enableScheduling")).toHaveText("Scheduling is already enabled on this node.");
  // API 2025-06-01 (the default): reimage and deallocate exist for these VM nodes; start only for deallocated ones.
  await expect(bar.getByRole("button", { name: "Reimage" })).toBeEnabled();
  await expect(bar.getByRole("button", { name: "Deallocate" })).toBeEnabled();
  await expect(bar.getByRole("button", { name: "Start", exact: true })).toBeDisabled();
  await expect(bar.getByTestId("action-note-start")).toContainText("Only a deallocated node can be started");
  // The node table shares the selection (the URL's sel).
  for (const id of bad) await expect(page.getByTestId("node-table").getByRole("checkbox", { name: `Select node ${id}` })).toBeChecked();
  return bar;
}

/** Step: the dialog lists the running tasks and what each option does to them; submitted with requeue, a reason and a ticket. */
async function disableSchedulingWithRequeue(page: Page, bar: Locator, running: string[]): Promise<void> {
  await bar.getByRole("button", { name: "Disable scheduling" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "Disable scheduling: 3 nodes" })).toBeVisible();
  await expect(dialog.getByRole("radio", { name: /^requeue/ })).toBeChecked();
  await expect(dialog.getByRole("radio")).toHaveCount(3);
  const listed = dialog.getByTestId("running-tasks").getByRole("listitem");
  await expect(listed).toHaveCount(running.length);
  for (const id of running) await expect(dialog.getByTestId("running-tasks")).toContainText(`${JOB}/${id}`);
  await expect(listed.first()).toContainText("requeued");
  await dialog.getByRole("radio", { name: /^terminate/ }).check();
  await expect(listed.first()).toContainText("will not run again");
  await dialog.getByRole("radio", { name: /^requeue/ }).check();

  expect(await seriousViolations(page, "[role=dialog]")).toEqual([]);

  const submit = dialog.getByTestId("action-submit");
  await expect(submit).toBeDisabled();
  await dialog.getByLabel("Reason (required)").fill("ENOSPC on three ingest nodes, taking them out");
  await dialog.getByLabel("Ticket reference (optional)").fill("INC-4242");
  await expect(submit).toBeEnabled();
  await expect(submit).toHaveText("Disable scheduling 3 nodes");
  await submit.click();
  await expect(dialog).toBeHidden();
}

/** Step: every node accepted and settled offline, as the SDK confirms; a requeued task's page says so. Returns Batch's request ids. */
async function checkNodesOfflineAndTasksRequeued(page: Page, env: Stack, bad: string[], running: string[]): Promise<string[]> {
  const result = page.getByTestId("action-result");
  await expect(result.getByTestId("action-result-node")).toHaveCount(3);
  for (const r of await result.getByTestId("action-result-node").all()) await expect(r).toHaveAttribute("data-outcome", "accepted");
  await expect(page.getByTestId("follow-status")).toHaveText("Settled: 3 offline");
  const requestIds = await result.getByTestId("result-request-id").allTextContents();
  expect(requestIds).toHaveLength(3);
  expect(requestIds.every((id) => /^[\w-]{8,}$/.test(id))).toBe(true);

  // The truth, through the SDK: disabled and offline, and every task that ran there requeued once.
  for (const id of bad) {
    const n = await env.client.computeNode.get(POOL, id);
    expect([n.schedulingState, n.state]).toEqual(["disabled", "offline"]);
  }
  for (const id of running) expect((await env.client.task.get(JOB, id)).executionInfo?.requeueCount).toBe(1);

  // Where an operator looks: the task page of one of them says it was requeued.
  await result.getByText(/Tasks that were running on them/).click();
  await result
    .getByTestId("affected-tasks")
    .getByRole("link", { name: `${JOB}/${running[0]}` })
    .click();
  await expect(page.getByTestId("requeue-count")).toContainText("1 time");
  return requestIds;
}

/** Step: the audit log has one record per node, with the reason, the ticket and Batch's request id, and filters by node. */
async function checkAuditRecords(page: Page, bad: string[], requestIds: string[]): Promise<void> {
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ACCOUNT}/audit$`));
  const auditRows = page.getByTestId("audit-row");
  await expect(auditRows).toHaveCount(3);
  for (const id of bad) {
    const row = page.locator(`[data-testid=audit-row][data-node-id="${id}"]`);
    await expect(row).toContainText("Disable scheduling (requeue)");
    await expect(row).toContainText("ENOSPC on three ingest nodes, taking them out");
    await expect(row).toContainText("INC-4242");
    await expect(row).toContainText("accepted");
  }
  for (const rid of requestIds) await expect(page.getByTestId("audit-table")).toContainText(rid);

  expect(await seriousViolations(page)).toEqual([]);
  // Filtered by node, in the URL.
  await page.getByLabel("Node id").fill(bad[1]!);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`node=${bad[1]}`));
  await expect(auditRows).toHaveCount(1);
  await expect(auditRows.first()).toHaveAttribute("data-node-id", bad[1]!);
}

/** Step: remove one node from its page, the confirmation demanding its exact id; accepted and followed. */
async function removeNodeConfirmingItsId(page: Page, url: string, node: string): Promise<void> {
  await page.goto(`${url}/${ACCOUNT}/pools/${POOL}/nodes/${node}`);
  const bar = page.getByTestId("action-bar");
  await bar.getByRole("button", { name: "Remove from pool" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Remove from pool: node ${node}` })).toBeVisible();
  await expect(dialog.getByRole("radio")).toHaveCount(4);
  await dialog.getByLabel("Reason (required)").fill("Disk full for 90 minutes; replacing the node");
  const submit = dialog.getByTestId("action-submit");
  const confirm = dialog.getByLabel(`Type the node id ${node} to confirm.`);
  await confirm.fill("not-the-node");
  await expect(submit).toBeDisabled();
  await confirm.fill(node);
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(dialog).toBeHidden();
  const result = page.getByTestId("action-result");
  await expect(result.getByTestId("action-result-node")).toHaveAttribute("data-outcome", "accepted");
  await expect(page.getByTestId("follow-status")).toContainText(`Following node ${node} until it settles`);
}

/** Step: the removed node's history is still there, and its record shows what the node looked like before removal. */
async function checkRecordKeepsEvidence(page: Page): Promise<void> {
  const history = page.getByTestId("audit-table");
  await expect(history.getByTestId("audit-row")).toHaveCount(2);
  await history.getByRole("link", { name: /^Record of remove from pool/ }).click();
  await expect(page.getByTestId("record-reason")).toHaveText("Disk full for 90 minutes; replacing the node");
  await expect(page.getByTestId("record-outcome")).toContainText("accepted");
  await expect(page.getByTestId("record-request-id")).not.toHaveText("—");
  const evidence = page.getByTestId("evidence");
  await expect(evidence).toBeVisible();
  // Among the tails of its recently failed tasks, the full disk's own words.
  const enospc = () => page.getByTestId("evidence").getByTestId("evidence-stderr").filter({ hasText: "No space left on device" });
  await expect(enospc().first()).toBeAttached();
  // The node's snapshot, taken just before the removal, is linked from the record (docs/snapshots.md).
  const snapshot = page.getByTestId("record-snapshot").getByRole("link", { name: "The node as it was just before" });
  await expect(snapshot).toHaveAttribute("href", /^\/[A-Za-z0-9-]+\/snapshots\/[A-Za-z0-9_-]{22}$/);

  expect(await seriousViolations(page)).toEqual([]);
  // A reload reads it from the audit log again, long after the node's files were wiped.
  await page.reload();
  await expect(enospc().first()).toBeAttached();
  await expect(page.getByTestId("record-reason")).toHaveText("Disk full for 90 minutes; replacing the node");
}

/**
 * Step: a failed task that ran on the removed node says its logs are unreachable and links to the stderr the
 * removal's record saved; the link opens that record's stderr.
 */
async function checkTaskLinksToSavedStderr(page: Page, env: Stack, node: string): Promise<void> {
  const api = `${env.dashboard.url}/api/accounts/${ACCOUNT}/audit`;
  const { records } = (await (await fetch(`${api}?node=${node}&action=remove`)).json()) as { records: { id: string; hasEvidence: boolean }[] };
  const record = records.find((r) => r.hasEvidence)!;
  expect(record).toBeDefined();
  const { evidence } = (await (await fetch(`${api}/${record.id}`)).json()) as { evidence: { stderr: { jobId: string; taskId: string; text: string }[] } };
  // A task whose last run was on the node (one retried elsewhere since has its files on the other node).
  let task: { jobId: string; taskId: string } | undefined;
  for (const s of evidence.stderr.filter((x) => x.text))
    if ((await env.client.task.get(s.jobId, s.taskId)).nodeInfo?.nodeId === node) {
      task = s;
      break;
    }
  expect(task, "a failed task of the removed node still names it").toBeDefined();
  await page.goto(`${env.dashboard.url}/${ACCOUNT}/jobs/${task!.jobId}/tasks/${task!.taskId}`);
  await expect(page.getByTestId("files-gone")).toBeVisible();
  const saved = page.getByTestId("saved-stderr");
  await expect(saved).toContainText("This task's stderr.txt was saved with the removal");
  const link = saved.getByRole("link", { name: "Open the saved stderr.txt" });
  await expect(link).toHaveAttribute("href", `/${ACCOUNT}/audit/${record.id}#evidence-stderr-heading`);
  await link.click();
  await expect(page.getByTestId("evidence-stderr").filter({ hasText: task!.taskId }).first()).toBeAttached();
  // The file's own page, opened from an old link, says the same and links to the same record.
  await page.goto(`${env.dashboard.url}/${ACCOUNT}/jobs/${task!.jobId}/tasks/${task!.taskId}/files/stderr.txt`);
  await expect(page.getByTestId("file-gone")).toContainText("cannot be read");
  await expect(page.getByTestId("file-gone").getByRole("link", { name: "Open the saved stderr.txt" })).toHaveAttribute(
    "href",
    `/${ACCOUNT}/audit/${record.id}#evidence-stderr-heading`,
  );
}

/**
 * Step: the first POST reaches the server (which acts) but its answer never reaches the browser, as when a
 * connection drops: the outcome is unknown to the page. Returns the bodies of every POST the page sent.
 */
async function enableSchedulingLosingTheFirstAnswer(page: Page, url: string, node: string): Promise<{ operationId: string }[]> {
  const bodies: { operationId: string }[] = [];
  await page.route("**/actions", async (route) => {
    bodies.push(route.request().postDataJSON() as { operationId: string });
    if (bodies.length === 1) {
      await route.fetch();
      await route.abort("connectionreset");
    } else await route.continue();
  });
  await page.goto(`${url}/${ACCOUNT}/pools/${POOL}/nodes/${node}`);
  await page.getByTestId("action-bar").getByRole("button", { name: "Enable scheduling" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("radio")).toHaveCount(0);
  await dialog.getByLabel("Reason (required)").fill("Disk cleaned, back into service");
  await dialog.getByTestId("action-submit").click();
  await expect(dialog.getByRole("alert")).toContainText("could not be reached");
  await expect(dialog.getByLabel("Reason (required)")).toBeDisabled();
  return bodies;
}

test.describe.serial("an operator takes the bad nodes out of service", () => {
  test.setTimeout(120_000);
  const env = stackPerFile(test, { scenario: "incident", seed: 1, account: ACCOUNT, speed: 0.001 });
  let bad: string[];

  test.beforeAll(async () => {
    const ids = await poolNodeIds(env());
    bad = INCIDENT_BAD_NODES.map((i) => ids[i]!);
    await fillThePool(env());
    // The truth, through the SDK: each bad node runs something the operator's action will touch.
    for (const id of bad) expect((await env().client.computeNode.get(POOL, id)).runningTasksCount).toBeGreaterThan(0);
  });

  test("selects the bad nodes on the heatmap, disables scheduling with requeue, sees the tasks requeued, the nodes offline and the records", async ({
    page,
  }) => {
    const running = await runningOn(env(), bad);
    expect(running.length).toBeGreaterThanOrEqual(3);
    const bar = await selectBadNodesOnHeatmap(page, env().dashboard.url, bad);
    await disableSchedulingWithRequeue(page, bar, running);
    const requestIds = await checkNodesOfflineAndTasksRequeued(page, env(), bad, running);
    await checkAuditRecords(page, bad, requestIds);
  });

  test("removing a bad node saves its evidence, which its record still shows after the node is gone", async ({ page }) => {
    const node = bad[0]!;
    await removeNodeConfirmingItsId(page, env().dashboard.url, node);
    // Move simulated time past the node's departure instead of waiting for it.
    await env().advance(120);
    await expect(page.getByTestId("follow-status")).toHaveText("Settled: 1 removed");
    await expect(page.getByRole("heading", { name: `Node ${node} no longer exists` })).toBeVisible();
    await expect(env().client.computeNode.get(POOL, node)).rejects.toMatchObject({ statusCode: 404 });
    await checkRecordKeepsEvidence(page);
    await checkTaskLinksToSavedStderr(page, env(), node);
  });

  test("a request whose answer is lost is retried with the same operation id, and Batch is not asked twice", async ({ page }) => {
    const node = bad[1]!;
    const bodies = await enableSchedulingLosingTheFirstAnswer(page, env().dashboard.url, node);
    const dialog = page.getByRole("dialog");
    const retry = dialog.getByRole("button", { name: `Retry: enable scheduling node ${shortId(node)}` });
    await expect((await env().client.computeNode.get(POOL, node)).schedulingState).toBe("enabled");
    await retry.click();
    await expect(dialog).toBeHidden();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.operationId).toBe(bodies[0]!.operationId);
    await expect(page.getByTestId("action-result-node")).toHaveAttribute("data-outcome", /^(accepted|alreadyDone)$/);
    // Tasks are still queued (the pool was filled past its slots), so the node takes them at once.
    await expect(page.getByTestId("follow-status")).toHaveText("Settled: 1 running");

    // One record for the enable, beside the disable of the first test: nothing was sent twice.
    const history = page.getByTestId("audit-table").getByTestId("audit-row");
    await expect(history).toHaveCount(2);
    await expect(history.filter({ hasText: "Enable scheduling" })).toHaveCount(1);
  });
});
