import { describe, expect, it } from "vitest";
import { hasGroupOverage, sessionFromClaims } from "./oidc-claims";

const OPERATORS = ["batch-operators", "batchoperator"];

describe("sessionFromClaims", () => {
  it("keeps the name and only the groups and app roles that are operator groups, in any case", () => {
    expect(
      sessionFromClaims(
        { sub: "s1", preferred_username: "ana@contoso.com", groups: ["staff", "Batch-Operators"], roles: ["BatchOperator", "Reader"] },
        OPERATORS,
      ),
    ).toEqual({ name: "ana@contoso.com", sub: "s1", operatorGroups: ["batch-operators", "batchoperator"], overage: false });
    expect(sessionFromClaims({ sub: "s2", email: "bo@contoso.com", groups: ["staff"] }, OPERATORS)).toEqual({
      name: "bo@contoso.com",
      sub: "s2",
      operatorGroups: [],
      overage: false,
    });
  });

  it("names the user from preferred_username, email, name, then sub, without control characters", () => {
    expect(sessionFromClaims({ sub: "s", name: "Cy\u001b[31m" }, []).name).toBe("Cy[31m");
    expect(sessionFromClaims({ sub: "only-sub" }, []).name).toBe("only-sub");
    expect(sessionFromClaims({ sub: "s", groups: "not-a-list", roles: [1, null] }, OPERATORS).operatorGroups).toEqual([]);
  });

  it("flags Entra's group overage: _claim_names.groups and no groups claim", () => {
    const overage = { sub: "s", _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/…" } } };
    expect(hasGroupOverage(overage)).toBe(true);
    expect(sessionFromClaims(overage, OPERATORS)).toMatchObject({ overage: true, operatorGroups: [] });
    // An app role still makes them an operator: that is the fix the note suggests.
    expect(sessionFromClaims({ ...overage, roles: ["BatchOperator"] }, OPERATORS)).toMatchObject({ overage: true, operatorGroups: ["batchoperator"] });
    expect(hasGroupOverage({ sub: "s", groups: [], _claim_names: { groups: "src1" } })).toBe(false);
    expect(hasGroupOverage({ sub: "s" })).toBe(false);
  });
});
