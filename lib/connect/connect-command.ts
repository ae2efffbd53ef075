/** The exact command an operator pastes; the user name goes before @ so no ssh config is needed. */
export function sshCommand(userName: string, address: string, port: number): string {
  const host = address.includes(":") ? `[${address}]` : address;
  return port === 22 ? `ssh ${userName}@${host}` : `ssh -p ${port} ${userName}@${host}`;
}

/** Windows' Remote Desktop client pointed at the node's remote login address and port. */
export function remoteDesktopCommand(address: string, port: number): string {
  const host = address.includes(":") ? `[${address}]` : address;
  return `mstsc /v:${host}:${port}`;
}
