/**
 * The one way the functions read a configured variable. An empty value means the same as an
 * unset one: the CloudBase CLI fills every `{{env.…}}` placeholder of cloudbaserc.json that the deploying
 * machine does not set with `""` and sends it as an empty variable (docs/platform/deploy-tools.md,
 * "The CloudBase CLI (`tcb`)"), and the cloud console keeps a cleared field as `""` too.
 * Surrounding blanks are dropped for the same reason (a value pasted with a trailing space).
 */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A comma-separated variable (ADMIN_OPENIDS, OPERATOR_OPENIDS, ALLOWED_SOURCES): its non-blank items. */
export function envList(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const value = envValue(env, name);
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
