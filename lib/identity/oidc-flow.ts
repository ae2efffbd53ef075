import "server-only";
import * as client from "openid-client";
import type { OidcIdentityConfig } from "./config";
import { clearCookieHeader, cookieHeader, loginCookieName, readCookie, sessionCookieName } from "./cookies";
import { sessionFromClaims } from "./oidc-claims";
import type { OidcSettings } from "./oidc-config";
import { LOGIN_LIFETIME_SECONDS, SESSION_LIFETIME_SECONDS, openLoginTransaction, sealLoginTransaction, sealSession } from "./session";

/** A step of the sign-in failed in a way the user should be told about (a provider's refusal, a stale login). */
export class SignInError extends Error {
  override name = "SignInError";
}

let discovered: { key: string; config: Promise<client.Configuration> } | undefined;

/**
 * The provider's metadata and keys, fetched once per process (and again after a failure). A plain-http
 * issuer is accepted only because the configuration check allowed it, which it does on loopback only.
 */
export function providerConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = [settings.issuer.href, settings.clientId, settings.clientSecret].join("\0");
  if (discovered?.key === key) return discovered.config;
  const options = settings.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined;
  const config = client.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, options);
  discovered = { key, config };
  config.catch(() => {
    if (discovered?.config === config) discovered = undefined;
  });
  return config;
}

export interface Redirect {
  location: string;
  cookies: string[];
}

/** Leaves for the provider: PKCE (S256), state and nonce, kept with the return address in the login cookie. */
export async function beginSignIn(config: OidcIdentityConfig, returnTo: string): Promise<Redirect> {
  const settings = config.oidc;
  const provider = await providerConfiguration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: settings.redirectUri,
    scope: "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const tx = await sealLoginTransaction({ codeVerifier, state, nonce, returnTo }, settings.sessionSecret);
  return { location: url.href, cookies: [cookieHeader(loginCookieName(settings.secureCookies), tx, LOGIN_LIFETIME_SECONDS, settings.secureCookies)] };
}

/**
 * The provider's answer: the login cookie must be there and fresh, the code is exchanged with the PKCE
 * verifier, and the id token's signature, issuer, audience, nonce and the state are checked by
 * openid-client. The session replaces the login cookie; the user goes back to where they started.
 */
export async function finishSignIn(config: OidcIdentityConfig, request: Request): Promise<Redirect> {
  const settings = config.oidc;
  const tx = await openLoginTransaction(readCookie(request.headers, loginCookieName(settings.secureCookies)), settings.sessionSecret);
  if (!tx) throw new SignInError("This sign-in was started more than 10 minutes ago or in another browser. Sign in again.");
  const provider = await providerConfiguration(settings);
  // The address the provider redirected to, as registered: behind a proxy request.url is an internal one.
  const current = new URL(`/auth/callback${new URL(request.url).search}`, settings.publicUrl);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, current, {
      pkceCodeVerifier: tx.codeVerifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
  } catch (e) {
    throw new SignInError(describeGrantError(e));
  }
  const claims = tokens.claims();
  if (!claims) throw new SignInError("The provider sent no id token.");
  const session = await sealSession(sessionFromClaims(claims, config.operatorGroups), settings.sessionSecret);
  return {
    location: new URL(tx.returnTo, settings.publicUrl).href,
    cookies: [
      cookieHeader(sessionCookieName(settings.secureCookies), session, SESSION_LIFETIME_SECONDS, settings.secureCookies),
      clearCookieHeader(loginCookieName(settings.secureCookies), settings.secureCookies),
    ],
  };
}

/** The provider's refusal in its own words (error and description), or the check that failed; never a token. */
function describeGrantError(e: unknown): string {
  if (e instanceof client.AuthorizationResponseError)
    return `The provider refused the sign-in: ${e.error}${e.error_description ? ` (${e.error_description})` : ""}.`;
  if (e instanceof client.ResponseBodyError) return `The provider refused the code: ${e.error}${e.error_description ? ` (${e.error_description})` : ""}.`;
  return `The provider's answer did not pass the checks: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * Signs out: the session cookie is cleared, and the provider's session is ended through its
 * end_session_endpoint when it advertises one (it then returns to /auth/signed-out).
 */
export async function signOut(config: OidcIdentityConfig): Promise<Redirect> {
  const settings = config.oidc;
  const cookies = [clearCookieHeader(sessionCookieName(settings.secureCookies), settings.secureCookies)];
  const signedOut = `${settings.publicUrl}/auth/signed-out`;
  try {
    const provider = await providerConfiguration(settings);
    if (!provider.serverMetadata().end_session_endpoint) return { location: signedOut, cookies };
    const url = client.buildEndSessionUrl(provider, { post_logout_redirect_uri: signedOut, client_id: settings.clientId });
    return { location: url.href, cookies };
  } catch {
    // The provider cannot be reached: the dashboard's own session is gone all the same.
    return { location: signedOut, cookies };
  }
}
