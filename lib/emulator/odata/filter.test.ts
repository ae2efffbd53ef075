import { describe, it, expect } from "vitest";
import { compileFilter, ODataError, type FilterSchema } from "./filter";
import { FILE_FILTER, JOB_FILTER, NODE_FILTER, NODECOUNTS_FILTER, POOL_FILTER, TASK_FILTER } from "./schemas";

interface Task {
  id: string;
  state?: string;
  lastModified?: string;
  creationTime?: unknown;
  executionInfo?: { exitCode?: number; result?: string; startTime?: string };
}

const tasks: Task[] = [
  { id: "ok", state: "completed", executionInfo: { exitCode: 0, result: "success" } },
  { id: "neg", state: "completed", executionInfo: { exitCode: -1073741510, result: "failure" } },
  { id: "pos", state: "completed", executionInfo: { exitCode: 2, result: "failure" } },
  { id: "Render-1", state: "running", executionInfo: { startTime: "2011-05-08T08:00:00Z" } },
  { id: "waiting", state: "active" },
];

const ids = (expr: string, schema: FilterSchema = TASK_FILTER, items: readonly Task[] = tasks) => items.filter(compileFilter(expr, schema)).map((t) => t.id);

describe("compileFilter: matching", () => {
  it("finds non-zero exits with the reference's own example", () => {
    expect(ids("(executionInfo/exitCode lt 0) or (executionInfo/exitCode gt 0)")).toEqual(["neg", "pos"]);
  });

  it("combines an enum state with the execution result", () => {
    expect(ids("state eq 'completed' and executionInfo/result eq 'failure'")).toEqual(["neg", "pos"]);
  });

  it("compares values and keywords case-insensitively", () => {
    expect(ids("state eq 'Completed' AND executionInfo/result Eq 'FAILURE'")).toEqual(["neg", "pos"]);
    expect(ids("id eq 'render-1'")).toEqual(["Render-1"]);
  });

  it("accepts negative integer literals", () => {
    expect(ids("executionInfo/exitCode eq -1073741510")).toEqual(["neg"]);
    expect(ids("executionInfo/exitCode ge 0")).toEqual(["ok", "pos"]);
  });

  it("does prefix matching with startswith, case-insensitively", () => {
    expect(ids("startswith(id, 'RENDER-')")).toEqual(["Render-1"]);
    expect(ids("StartsWith( id ,'w' ) or startswith(id, 'o')")).toEqual(["ok", "waiting"]);
    expect(ids("startswith(id, '')")).toHaveLength(tasks.length);
  });

  it("unescapes doubled quotes in string literals", () => {
    const items = [{ id: "it's" }, { id: "its" }];
    expect(ids("id eq 'it''s'", TASK_FILTER, items)).toEqual(["it's"]);
  });

  it("orders string ids", () => {
    expect(ids("id ge 'p' and id lt 's'")).toEqual(["pos", "Render-1"]);
  });

  it("binds and tighter than or", () => {
    // Read as: state eq 'active' or (state eq 'completed' and exitCode gt 0).
    expect(ids("state eq 'active' or state eq 'completed' and executionInfo/exitCode gt 0")).toEqual(["pos", "waiting"]);
    expect(ids("(state eq 'active' or state eq 'completed') and executionInfo/exitCode gt 0")).toEqual(["pos"]);
  });

  it("negates with not", () => {
    expect(ids("not state eq 'completed'")).toEqual(["Render-1", "waiting"]);
    expect(ids("not (state eq 'completed' or state eq 'active')")).toEqual(["Render-1"]);
  });

  it("tolerates any whitespace", () => {
    expect(ids("\t( state   eq\n'active' )  ")).toEqual(["waiting"]);
  });

  it("treats a blank expression as match-all", () => {
    expect(ids("   ")).toHaveLength(tasks.length);
  });
});

describe("compileFilter: missing values", () => {
  it("is false for eq, ordering and startswith, and true for ne", () => {
    // "waiting" has no executionInfo at all, "Render-1" has one without exitCode or result.
    expect(ids("executionInfo/exitCode eq 0")).toEqual(["ok"]);
    expect(ids("executionInfo/exitCode ne 0")).toEqual(["neg", "pos", "Render-1", "waiting"]);
    expect(ids("executionInfo/exitCode lt 100")).toEqual(["ok", "neg", "pos"]);
    expect(ids("executionInfo/result ne 'success'")).toEqual(["neg", "pos", "Render-1", "waiting"]);
    const files = [{ id: "a", name: "stdout.txt" }, { id: "b" }];
    expect(files.filter(compileFilter("startswith(name, 'std')", FILE_FILTER)).map((f) => f.id)).toEqual(["a"]);
  });

  it("treats null like undefined", () => {
    const items = [{ id: "n", state: null as unknown as string }];
    expect(ids("state eq 'active'", TASK_FILTER, items)).toEqual([]);
    expect(ids("state ne 'active'", TASK_FILTER, items)).toEqual(["n"]);
  });
});

describe("compileFilter: DateTime", () => {
  const items: Task[] = [
    { id: "early", creationTime: "2011-05-08T08:49:36.9999999Z" },
    { id: "exact", creationTime: "2011-05-08T08:49:37Z" },
    { id: "date", creationTime: new Date("2011-05-09T00:00:00Z") },
    { id: "epoch", creationTime: Date.parse("2011-05-10T00:00:00Z") },
    { id: "none" },
  ];

  it("accepts the ISO form", () => {
    expect(ids("creationTime ge DateTime'2011-05-08T08:49:37Z'", TASK_FILTER, items)).toEqual(["exact", "date", "epoch"]);
    expect(ids("creationTime lt DateTime'2011-05-08T08:49:37Z'", TASK_FILTER, items)).toEqual(["early"]);
  });

  it("accepts the RFC 1123 form", () => {
    expect(ids("creationTime ge datetime'Sun, 08 May 2011 08:49:37 GMT'", TASK_FILTER, items)).toEqual(["exact", "date", "epoch"]);
    expect(ids("creationTime eq DateTime'Sun, 08 May 2011 08:49:37 GMT'", TASK_FILTER, items)).toEqual(["exact"]);
  });

  it("accepts a plain ISO string, read as UTC even without a zone", () => {
    expect(ids("creationTime ge '2011-05-09T00:00:00' and creationTime lt '2011-05-10'", TASK_FILTER, items)).toEqual(["date"]);
  });

  it("reads nested datetimes and the lastModifiedTime alias of lastModified", () => {
    expect(ids("executionInfo/startTime lt DateTime'2011-05-08T09:00:00Z'")).toEqual(["Render-1"]);
    const modified = [{ id: "m", lastModified: "2020-01-01T00:00:00Z" }];
    expect(ids("lastModifiedTime gt DateTime'2019-12-31T00:00:00Z'", TASK_FILTER, modified)).toEqual(["m"]);
    expect(ids("lastModified gt DateTime'2019-12-31T00:00:00Z'", TASK_FILTER, modified)).toEqual(["m"]);
  });
});

describe("compileFilter: other schemas", () => {
  it("compares booleans on pools", () => {
    const pools = [
      { id: "a", enableAutoScale: true, vmSize: "STANDARD_D2_V3" },
      { id: "b", enableAutoScale: false, vmSize: "standard_d4_v3" },
    ];
    const match = (expr: string) => pools.filter(compileFilter(expr, POOL_FILTER)).map((p) => p.id);
    expect(match("enableAutoScale eq true")).toEqual(["a"]);
    expect(match("enableAutoScale ne TRUE")).toEqual(["b"]);
    expect(match("vmSize eq 'Standard_D2_v3'")).toEqual(["a"]);
  });

  it("walks nested node and job paths", () => {
    const nodes = [
      { id: "n1", state: "starttaskfailed", startTaskInfo: { state: "completed", result: "failure", exitCode: 1 } },
      { id: "n2", state: "idle", startTaskInfo: { state: "completed", result: "success", exitCode: 0 } },
    ];
    expect(nodes.filter(compileFilter("startTaskInfo/exitCode ne 0", NODE_FILTER)).map((n) => n.id)).toEqual(["n1"]);
    expect(nodes.filter(compileFilter("state eq 'StartTaskFailed'", NODE_FILTER)).map((n) => n.id)).toEqual(["n1"]);
    const jobs = [{ id: "j", executionInfo: { poolId: "pool-A" } }];
    expect(jobs.filter(compileFilter("startswith(executionInfo/poolId, 'pool-a')", JOB_FILTER))).toHaveLength(1);
    expect([{ poolId: "p" }].filter(compileFilter("poolId eq 'P'", NODECOUNTS_FILTER))).toHaveLength(1);
  });
});

describe("compileFilter: errors", () => {
  const cases: [string, RegExp][] = [
    ["foo eq 1", /Unknown property 'foo'/],
    ["State eq 'active'", /Unknown property 'State'.*did you mean 'state'/],
    ["executionInfo/exitcode eq 1", /Unknown property 'executionInfo\/exitcode'/],
    ["constructor eq 'x'", /Unknown property 'constructor'/],
    ["state gt 'x'", /Operator 'gt' is not supported for property 'state'/],
    ["startswith(state, 'a')", /Operator 'startswith' is not supported for property 'state'/],
    ["state like 'x'", /Expected a comparison operator .* found 'like'/],
    ["executionInfo/exitCode eq 'zero'", /'executionInfo\/exitCode' is an int: expected an integer/],
    ["executionInfo/exitCode eq 1.5", /only integer literals/],
    ["state eq 3", /'state' is an enum: expected a quoted string/],
    ["id eq true", /expected a quoted string/],
    ["creationTime ge 'yesterday'", /'creationTime' is a datetime/],
    ["creationTime ge 5", /'creationTime' is a datetime/],
    ["creationTime ge DateTime'not a date'", /Invalid DateTime literal/],
    ["(state eq 'active'", /Expected '\)' at position 18, found end of expression/],
    ["state eq 'active')", /Unexpected '\)' at position 17/],
    ["state eq 'active' garbage", /Unexpected 'garbage'/],
    ["state eq 'active' and", /Expected a property name .* end of expression/],
    ["state eq", /expected a quoted string .* end of expression/],
    ["state eq 'active", /Unterminated string literal/],
    ["state eq 'a' && id eq 'b'", /Unexpected character '&'/],
    ["startswith(id 'a')", /Expected ','/],
    ["()", /Expected a property name/],
  ];

  it.each(cases)("rejects %s", (expr, message) => {
    let error: unknown;
    try {
      compileFilter(expr, TASK_FILTER);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).parameter).toBe("$filter");
    expect((error as ODataError).value).toBe(expr);
    expect((error as ODataError).message).toMatch(message);
  });

  it("rejects booleans that are not true/false", () => {
    expect(() => compileFilter("enableAutoScale eq yes", POOL_FILTER)).toThrow(/expected true or false/);
  });

  it("rejects names only one schema knows", () => {
    expect(() => compileFilter("name eq 'x'", FILE_FILTER)).toThrow(/Operator 'eq' is not supported/);
    expect(() => compileFilter("executionInfo/exitCode eq 0", JOB_FILTER)).toThrow(ODataError);
  });
});
