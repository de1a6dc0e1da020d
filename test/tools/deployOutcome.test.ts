import { readDeployOutcome } from '../../tools/deployOutcome';

// Lines as @cloudbase/cli 2.12.10 prints them (colours included), in English and in Chinese.
const names = ['getPluginDevApplyList', 'getOwnList'];

describe('reading what tcb fn deploy printed', () => {
  it('is a success only when every function is reported deployed and nothing failed', () => {
    const out = '\u001b[32m✔\u001b[39m [getOwnList] Cloud function deployed successfully\n✔ [getPluginDevApplyList] 云函数部署成功\n✔ Successfully deployed 2 function(s)\n';
    expect(readDeployOutcome(out, names, 0)).toEqual({ ok: true, deployed: names, notDeployed: [], failures: [] });
  });

  it('sees a failure although the CLI exited 0', () => {
    const out = '✔ [getOwnList] Cloud function deployed successfully\n✖ [getPluginDevApplyList] 函数部署失败\n✖   错误信息: No valid identity information, please use cloudbase login to login\n';
    const outcome = readDeployOutcome(out, names, 0);
    expect(outcome.ok).toBe(false);
    expect(outcome.notDeployed).toEqual(['getPluginDevApplyList']);
    expect(outcome.failures).toHaveLength(2);
  });

  it('is a failure when a function is never mentioned, or the CLI exits non-zero', () => {
    expect(readDeployOutcome('✔ [getOwnList] ok\n', names, 0).notDeployed).toEqual(['getPluginDevApplyList']);
    expect(readDeployOutcome('✔ [getOwnList] ok\n✔ [getPluginDevApplyList] ok\n', names, 1).ok).toBe(false);
  });
});
