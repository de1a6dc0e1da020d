import type { FunctionsConfig } from './functionsConfig';

/** Settings of the deploy itself, read from deploy.env or the shell but never sent to a function. */
export const DEPLOY_ONLY = ['ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN'] as const;

/** The placeholder envId config.json ships with. */
export const PLACEHOLDER_ENV_ID = 'your-env-id';

export interface DeployVariables {
  /** The environment to deploy to: ENV_ID, else config.json's envId. */
  envId: string;
  /** What the CLI fills `{{env.NAME}}` with, for every variable some function reads ('' = unset). */
  values: Record<string, string>;
  /** Names in deploy.env that no function reads and the deploy does not use (likely typos). */
  unknown: string[];
}

/**
 * Decides the value of every variable a deploy sends. The shell's environment wins over
 * deploy.env, as it does in the CLI's own loader (docs/platform/deploy-tools.md, "The CloudBase
 * CLI (`tcb`)"). The CLI substitutes `{{env.NAME}}` into cloudbaserc.json without escaping, so
 * a `"` or `\` (or a line break) in a value would break its JSON parse or arrive changed: such a
 * value is refused here, naming the variable, before anything is sent.
 */
export function deployVariables(config: FunctionsConfig, fromFile: Record<string, string>, shell: NodeJS.ProcessEnv): DeployVariables {
  const read = [...new Set(Object.values(config.functions).flatMap((fn) => fn.envVariables))];
  const pick = (name: string): string => shell[name] ?? fromFile[name] ?? '';
  const values = Object.fromEntries(read.map((name) => [name, pick(name)]));
  const problems = Object.entries({ ...values, ENV_ID: pick('ENV_ID') })
    .filter(([, value]) => /["\\\u0000-\u001f]/.test(value))
    .map(([name, value]) => `${name} holds ${describeBadCharacter(value)}, which the CloudBase CLI cannot carry into cloudbaserc.json; set it in the cloud console instead, or change the value`);
  const envId = pick('ENV_ID').trim() || config.envId;
  if (envId === PLACEHOLDER_ENV_ID) {
    problems.push(`no environment to deploy to: set ENV_ID in deploy.env (or the shell), or "envId" in config.json (it is still "${PLACEHOLDER_ENV_ID}")`);
  }
  if (problems.length > 0) throw new DeployConfigError(problems);
  const known = new Set<string>([...read, ...DEPLOY_ONLY]);
  return { envId, values, unknown: Object.keys(fromFile).filter((name) => !known.has(name)) };
}

function describeBadCharacter(value: string): string {
  if (value.includes('"')) return 'a double quote (")';
  if (value.includes('\\')) return 'a backslash (\\)';
  return 'a control character (such as a line break)';
}

export class DeployConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'DeployConfigError';
  }
}
