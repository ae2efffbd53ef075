import { parseArgs } from "node:util";
import { isScenario, SCENARIOS } from "./scenarios";
import { startEmulator } from "./server";

const HELP = `Batch emulator: speaks the Azure Batch REST API (api-version 2022-10-01.16.0) for @azure/batch.

  npm run emulator -- [--port 4600] [--host 127.0.0.1] [--scenario demo] [--speed 1] [--seed 1]
                      [--account emulator] [--key BASE64] [--throttle-rate 0] [--server-busy-rate 0]
                      [--internal-error-rate 0] [--drop-rate 0] [--latency-ms 0] [--per-item-ms 0]
                      [--retry-after 2]

  --scenario   ${SCENARIOS.join(" | ")}
  --speed      simulated seconds per real second (1 = real time)
  --key        base64 account key (default: random, printed at start)
  Fault rates are probabilities per request, 0 to 1. --latency-ms delays every Batch request;
  --per-item-ms adds that much per item a list page returns (the README's latency profile: 100 and 0.5
  model a page of 1,000 tasks at about 0.6 s). The control API is under /__emulator.`;

function main(): Promise<void> | void {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4600" },
      host: { type: "string", default: "127.0.0.1" },
      scenario: { type: "string", default: "demo" },
      speed: { type: "string", default: "1" },
      seed: { type: "string", default: "1" },
      account: { type: "string", default: "emulator" },
      key: { type: "string" },
      "throttle-rate": { type: "string", default: "0" },
      "server-busy-rate": { type: "string", default: "0" },
      "internal-error-rate": { type: "string", default: "0" },
      "drop-rate": { type: "string", default: "0" },
      "latency-ms": { type: "string", default: "0" },
      "per-item-ms": { type: "string", default: "0" },
      "retry-after": { type: "string", default: "2" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(HELP);
  const scenario = values.scenario;
  if (!isScenario(scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(", ")}`);
  const num = (name: keyof typeof values) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v)) throw new Error(`--${name} must be a number, got ${String(values[name])}`);
    return v;
  };
  const started = Date.now();
  return startEmulator({
    port: num("port"),
    host: values.host,
    scenario,
    speed: num("speed"),
    seed: num("seed"),
    account: values.account,
    ...(values.key ? { key: values.key } : {}),
    faults: {
      throttleRate: num("throttle-rate"),
      serverBusyRate: num("server-busy-rate"),
      internalErrorRate: num("internal-error-rate"),
      dropRate: num("drop-rate"),
      latencyMs: num("latency-ms"),
      perItemMs: num("per-item-ms"),
      retryAfterSeconds: num("retry-after"),
    },
  }).then((emu) => {
    console.log(`Batch emulator listening on ${emu.url}`);
    console.log(`  account   ${emu.account}`);
    console.log(`  key       ${emu.key}`);
    console.log(`  scenario  ${emu.scenario} (seed ${emu.seed}, speed ${emu.speed}x), ready in ${Date.now() - started} ms`);
    console.log(`Point the dashboard at it:\n  BATCH_ACCOUNT_NAME=${emu.account} BATCH_ACCOUNT_URL=${emu.url} BATCH_ACCOUNT_KEY=${emu.key} npm start`);
    const stop = () => void emu.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

Promise.resolve()
  .then(main)
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
