import { createLogger } from '../../../shared/log/logger';
import { registerSecret } from '../../../shared/secrets/redact';

describe('createLogger', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes one JSON line per record with the base fields', () => {
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    createLogger({ fn: 'getOwnList', requestId: 'r1' }, 'info').info('done', { errCode: 0 });
    expect(JSON.parse(lines[0] as string)).toEqual({ level: 'info', event: 'done', fn: 'getOwnList', requestId: 'r1', errCode: 0 });
  });

  it('redacts registered secrets and token-carrying URLs and bodies in every field', () => {
    const lines: string[] = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    registerSecret('refreshtoken@@@logger-test-secret');
    createLogger({}, 'debug').warn('failed', {
      url: 'https://api.weixin.qq.com/x?access_token=ACCESS_abcdefgh&start=0',
      body: '{"component_appsecret":"zzzzzzzzzz"}',
      nested: { why: 'bad refreshtoken@@@logger-test-secret' },
    });
    expect(lines[0]).not.toMatch(/ACCESS_abcdefgh|zzzzzzzzzz|logger-test-secret/);
    expect(lines[0]).toContain('access_token=***');
  });

  it('respects the level', () => {
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    createLogger({}, 'warn').info('x');
    createLogger({}, 'silent').error('x');
    expect(spy).not.toHaveBeenCalled();
  });
});
