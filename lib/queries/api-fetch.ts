import type { z } from "zod";
import { apiErrorBody, type ApiErrorInfo } from "@/lib/schemas/api-error";

/** A failed call to our own API, carrying Batch's category, code and request id to the screen. */
export class ApiError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.message);
    this.name = "ApiError";
  }
}

/** Every queryFn goes through here: it checks the status, and parses the body with the route's schema. */
export async function apiFetch<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { Accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiError({ kind: "network", status: 0, message: "The dashboard server could not be reached." });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = apiErrorBody.safeParse(body);
    throw new ApiError(parsed.success ? parsed.data.error : { kind: "server", status: res.status, message: `The dashboard answered ${res.status}.` });
  }
  return schema.parse(body);
}

/** The ApiError behind a query's error, if that is what it is. */
export function errorInfo(error: unknown): ApiErrorInfo | undefined {
  return error instanceof ApiError ? error.info : undefined;
}
