import { AsyncLocalStorage } from "node:async_hooks";
import diagnostics from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";
import type { WireRequest } from "./report";
import { principalClaims, type PrincipalClaims } from "./token-claims";

/** Where one check's requests go: its list, and the account's origin, so a token request to Entra ID is not counted. */
interface Sink {
  origin: string;
  requests: WireRequest[];
  /** Claims of the last bearer token sent to the account (the token itself is not kept). */
  onPrincipal(claims: PrincipalClaims): void;
}

/**
 * Records what actually went out to Batch, from Node's own HTTP client events: the path and query as sent
 * (so the api-version is the one on the wire, whoever set it), the status and request id of the answer.
 * Each check runs inside its sink (AsyncLocalStorage), so accounts can be checked at the same time.
 */
export class WireLog {
  private readonly current = new AsyncLocalStorage<Sink>();
  private readonly open = new WeakMap<ClientRequest, WireRequest>();

  private readonly onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const sink = this.current.getStore();
    if (!sink || `${request.protocol}//${String(request.getHeader("host") ?? request.host)}`.toLowerCase() !== sink.origin) return;
    const apiVersion = new URL(request.path, sink.origin).searchParams.get("api-version") ?? undefined;
    const record: WireRequest = { method: request.method, path: request.path, ...(apiVersion !== undefined ? { apiVersion } : {}) };
    sink.requests.push(record);
    this.open.set(request, record);
    const claims = principalClaims(String(request.getHeader("authorization") ?? ""));
    if (claims) sink.onPrincipal(claims);
  };

  private readonly onFinish = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const record = this.open.get(request);
    if (!record) return;
    record.status = response.statusCode;
    const id = response.headers["request-id"];
    if (typeof id === "string") record.requestId = id;
  };

  start(): void {
    diagnostics.subscribe("http.client.request.start", this.onStart);
    diagnostics.subscribe("http.client.response.finish", this.onFinish);
  }

  stop(): void {
    diagnostics.unsubscribe("http.client.request.start", this.onStart);
    diagnostics.unsubscribe("http.client.response.finish", this.onFinish);
  }

  /** Runs `fn` with every request it sends to `origin` recorded in `requests`. */
  capture<T>(sink: Sink, fn: () => Promise<T>): Promise<T> {
    return this.current.run(sink, fn);
  }
}
