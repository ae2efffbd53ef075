import type { LogLevel } from "./log-vocabulary";

/** Text styles of generated logs; "ansi" wraps the prefix in SGR colour codes as a TTY-aware logger would. */
export type TextStyle = "app" | "ansi";

const RESET = "\x1b[0m";
const LEVEL_SGR: Record<LogLevel, string> = {
  ERROR: "\x1b[1;31m",
  WARN: "\x1b[33m",
  INFO: "\x1b[32m",
  DEBUG: "\x1b[36m",
};

/** Everything before the message, trailing space included. */
export function linePrefix(timestamp: string, level: LogLevel, component: string, style: TextStyle): string {
  const paddedLevel = level.padEnd(5);
  if (style === "app") return `${timestamp} ${paddedLevel} [${component}] `;
  return `\x1b[2m${timestamp}${RESET} ${LEVEL_SGR[level]}${paddedLevel}${RESET} \x1b[1m[${component}]${RESET} `;
}

export function logLine(timestamp: string, level: LogLevel, component: string, text: string, style: TextStyle): string {
  return `${linePrefix(timestamp, level, component, style)}${text}\n`;
}

export function continuationLine(text: string, style: TextStyle): string {
  return style === "app" ? `${text}\n` : `\x1b[31m${text}${RESET}\n`;
}
