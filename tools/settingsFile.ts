import { readFileSync } from 'node:fs';

/**
 * Reads a `NAME=VALUE` settings file (deploy.env, local.env): one variable a line, `#` starts a
 * comment line, blank lines are skipped, blanks around the name and the value are dropped and
 * one pair of matching outer quotes ('…' or "…") is taken off. No interpolation, no escapes:
 * what is between the quotes is the value. A missing file is an empty one.
 */
export function readSettingsFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  return parseSettings(text, file);
}

export function parseSettings(text: string, where = 'settings'): Record<string, string> {
  const settings: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!match) throw new Error(`${where} line ${index + 1}: expected NAME=VALUE, got ${JSON.stringify(line.slice(0, 40))}`);
    settings[match[1] as string] = unquote((match[2] as string).trim());
  });
  return settings;
}

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  return value;
}

/** One `NAME=VALUE` given on a command line (`--env`); the value is taken as it is. */
export function parseEnvAssignment(text: string): Record<string, string> {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`expects NAME=VALUE, got ${JSON.stringify(text)}`);
  return { [match[1] as string]: match[2] as string };
}
