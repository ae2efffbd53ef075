/**
 * Response headers named and cased as recordings of the real service show them (docs/real-service.md): every
 * Batch response carries the service's fixed headers; single pools, jobs and tasks their ETag (unquoted) and
 * Last-Modified, which lists and nodes never do; creations and actions a DataServiceId naming the resource.
 */
export const SERVICE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  DataServiceVersion: "3.0",
  Server: "Microsoft-HTTPAPI/2.0",
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
});

interface Versioned {
  eTag: string;
  lastModified: string;
}

/** ETag and Last-Modified (RFC 1123, whole seconds) of one entity, equal to its body's eTag and lastModified. */
export function entityHeaders(wire: Versioned): Record<string, string> {
  return { ETag: wire.eTag, "Last-Modified": new Date(wire.lastModified).toUTCString() };
}

/** A 201 for a created pool, job or task: where it lives, and its first version. */
export function createdHeaders(url: string, wire: Versioned): Record<string, string> {
  return { DataServiceId: url, Location: url, ...entityHeaders(wire) };
}

/** A 200/202 for an action on an entity (resize, terminate, reboot …). */
export function actionHeaders(url: string, wire?: Versioned): Record<string, string> {
  return { DataServiceId: url, ...(wire ? entityHeaders(wire) : {}) };
}
