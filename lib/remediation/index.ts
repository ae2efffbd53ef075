// Pure remediation rules, shared by the dialogs (what to offer) and the action route (what to enforce).
export * from "./availability";
export * from "./capacity";
export * from "./confirmation";
export * from "./explain-error";
export * from "./options";
