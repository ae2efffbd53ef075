/** The local provider's accounts: an operator (in the operator group) and a viewer. Any password signs in. */
export const OIDC_OPERATOR_GROUP = "Batch-Operators";

export const OIDC_ACCOUNTS: Record<string, { email: string; name: string; claims: Record<string, unknown> }> = {
  olga: { email: "olga@example.com", name: "Olga Operator", claims: { groups: ["staff", OIDC_OPERATOR_GROUP.toLowerCase()] } },
  vera: { email: "vera@example.com", name: "Vera Viewer", claims: { groups: ["staff", "readers"], roles: ["Reader"] } },
};
