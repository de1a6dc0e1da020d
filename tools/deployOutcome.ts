/**
 * Reads what `tcb fn deploy` printed. The CLI exits 0 even when a function failed to deploy
 * (platform-notes.md, "Deploy tools, as they really behave"), so the only trustworthy signal is
 * its output: a failed function is reported on a line starting with ✖, a deployed one with
 * ✔ and its name in brackets (the same marks in its English and Chinese messages).
 */
export interface DeployOutcome {
  ok: boolean;
  deployed: string[];
  notDeployed: string[];
  /** The CLI's ✖ lines, as printed. */
  failures: string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function readDeployOutcome(output: string, names: readonly string[], exitCode: number | null): DeployOutcome {
  const lines = output.replace(ANSI, '').split(/\r?\n/).map((line) => line.trim());
  const failures = lines.filter((line) => line.startsWith('✖'));
  const deployed = names.filter((name) => lines.some((line) => line.startsWith('✔') && line.includes(`[${name}]`)));
  const notDeployed = names.filter((name) => !deployed.includes(name));
  return { ok: exitCode === 0 && failures.length === 0 && notDeployed.length === 0, deployed, notDeployed, failures };
}
