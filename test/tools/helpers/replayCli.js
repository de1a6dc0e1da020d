'use strict';
/**
 * Stands in for the CloudBase CLI (bin/tcb of @cloudbase/cli) in a project of the deploy test
 * (deployProject.ts, `cli: 'replayed'`): answers each command with what the real CLI printed for
 * it, recorded by recordCli.ts into ../fixtures/cloudbase-cli.json, and exits with the real
 * CLI's exit code. CLI_REPLAY names the recorded runs it may answer with (a command matching
 * none of them fails loudly); CLI_REPLAY_LOG gets one line per command it was asked. Plain
 * JavaScript: run by node as is.
 */
const { appendFileSync, readFileSync } = require('node:fs');
const path = require('node:path');

const recorded = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'cloudbase-cli.json'), 'utf8'));
const args = process.argv.slice(2);
if (process.env.CLI_REPLAY_LOG) appendFileSync(process.env.CLI_REPLAY_LOG, `${JSON.stringify(args)}\n`);
const names = (process.env.CLI_REPLAY || '').split(',').filter(Boolean);
const run = names.map((name) => recorded.runs[name]).find((r) => r && JSON.stringify(r.args) === JSON.stringify(args));
if (!run) {
  process.stderr.write(`replayCli: no recorded run among ${names.join(', ') || '(none)'} for tcb ${args.join(' ')}\n`);
  process.exit(97);
}
process.stdout.write(run.output);
process.exitCode = run.code ?? 1;
