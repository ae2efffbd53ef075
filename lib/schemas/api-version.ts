import { z } from "zod";

/**
 * The Batch data-plane API versions the dashboard can speak (docs/real-service.md "API versions"). The
 * SDK (@azure/batch 10.2.0) was built for 2022-10-01.16.0; Batch retires every version before 2025-06-01,
 * so that one is the default and the older one stays for accounts behind a gateway that still needs it.
 */
export const API_VERSIONS = ["2025-06-01", "2022-10-01.16.0"] as const;
export const apiVersion = z.enum(API_VERSIONS);
export type ApiVersion = z.infer<typeof apiVersion>;
export const DEFAULT_API_VERSION: ApiVersion = "2025-06-01";

/** 2025-06-01 added deallocate/start and reimage on virtual-machine nodes, and dropped the RDP file. */
export const isModernApi = (v: ApiVersion): boolean => v === "2025-06-01";
