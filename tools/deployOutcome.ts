/**
 * Reads what the CloudBase CLI printed. The CLI exits 0 even when a function failed to deploy
 * (docs/platform/deploy-tools.md), so the only trustworthy signal is its output: a failure is
 * reported on a line starting with ✖, a deployed function with ✔ and its name in brackets (the
 * same marks in its English and Chinese messages). The deploy's login step reads the same marks
 * (tools/deployLogin.ts).
 */
export interface DeployOutcome {
  ok: boolean;
  deployed: string[];
  notDeployed: string[];
  /** The CLI's ✖ lines, as printed. */
  failures: string[];
}

/** The CLI colours its marks: ESC [ … m. Built from its code so the pattern holds no control character. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/** The CLI's output as lines, colours taken off, trimmed. */
function cliLines(output: string): string[] {
  return output.replace(ANSI, '').split(/\r?\n/).map((line) => line.trim());
}

/** The lines the CLI marked as failures (✖). */
export function cliFailures(output: string): string[] {
  return cliLines(output).filter((line) => line.startsWith('✖'));
}

export function readDeployOutcome(output: string, names: readonly string[], exitCode: number | null): DeployOutcome {
  const lines = cliLines(output);
  const failures = cliFailures(output);
  const deployed = names.filter((name) => lines.some((line) => line.startsWith('✔') && line.includes(`[${name}]`)));
  const notDeployed = names.filter((name) => !deployed.includes(name));
  return { ok: exitCode === 0 && failures.length === 0 && notDeployed.length === 0, deployed, notDeployed, failures };
}
