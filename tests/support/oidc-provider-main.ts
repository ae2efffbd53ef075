// A local OpenID Connect provider for the browser tests, run as its own process (node --import tsx):
// oidc-provider with its development login form (any password), two accounts, consent skipped. It prints
// "listening" once it answers. Settings come from the environment its parent (./oidc-provider.ts) sets.
import { createServer } from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { OIDC_ACCOUNTS } from "./oidc-accounts";

const port = Number(process.env.OIDC_PORT);
const dashboard = process.env.OIDC_DASHBOARD_URL!;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID!,
      client_secret: process.env.OIDC_CLIENT_SECRET!,
      redirect_uris: [`${dashboard}/auth/callback`],
      post_logout_redirect_uris: [`${dashboard}/auth/signed-out`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  // The test asks for these in the id token, as Entra ID puts them there.
  conformIdTokenClaims: false,
  claims: { openid: ["sub", "groups", "roles"], profile: ["name", "preferred_username"], email: ["email"] },
  pkce: { required: () => true },
  cookies: { keys: ["batchscope-test-provider-cookie-key"] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(_ctx: KoaContextWithOIDC, id: string) {
    const account = OIDC_ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, preferred_username: account.email, name: account.name, ...account.claims }) };
  },
  // No consent screen: the test signs in, it does not grant scopes.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const { Grant } = ctx.oidc.provider;
    const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
    if (existing) return Grant.find(existing);
    const grant = new Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
    await grant.save();
    return grant;
  },
});

const server = createServer(provider.callback());
server.listen(port, "127.0.0.1", () => console.log(`listening ${issuer}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
