import "server-only";
import { DefaultAzureCredential, type AccessToken, type TokenCredential } from "@azure/identity";
import type { ServiceClientCredentials, WebResource } from "@azure/ms-rest-js";

/**
 * The Batch audience, double slash included. A plain TokenCredential handed to the 10.x SDK is wrapped in
 * an adapter that asks for the ARM audience (https://management.azure.com), not Batch's, so the dashboard signs requests itself.
 */
export const BATCH_SCOPE = "https://batch.core.windows.net//.default";
const REFRESH_EARLY_MS = 5 * 60_000;

export class BatchTokenCredentials implements ServiceClientCredentials {
  private token: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;

  constructor(private readonly credential: TokenCredential = new DefaultAzureCredential()) {}

  async signRequest(request: WebResource): Promise<WebResource> {
    request.headers.set("authorization", `Bearer ${(await this.current()).token}`);
    return request;
  }

  private async current(): Promise<AccessToken> {
    if (this.token && this.token.expiresOnTimestamp - REFRESH_EARLY_MS > Date.now()) return this.token;
    this.pending ??= this.credential
      .getToken(BATCH_SCOPE)
      .then((token) => {
        if (!token) throw new Error("Microsoft Entra ID returned no token for Azure Batch.");
        this.token = token;
        return token;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}
