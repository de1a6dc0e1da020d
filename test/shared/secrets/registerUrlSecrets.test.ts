import { redact } from '../../../shared/secrets/redact';
import { registerUrlSecrets, safeUrlForMessages } from '../../../shared/secrets/registerUrlSecrets';

describe('registerUrlSecrets', () => {
  it('masks every query value of the URL wherever it shows up later', () => {
    registerUrlSecrets('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa');
    expect(redact('robot 693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa failed')).toBe('robot *** failed');
    expect(() => registerUrlSecrets(undefined)).not.toThrow();
    expect(() => registerUrlSecrets('not a url')).not.toThrow();
  });

  it('gives a URL fit for a message: query values and password masked', () => {
    expect(safeUrlForMessages('https://u:pw-secret@host.example/send?key=abc123456789&x=1')).toBe('https://u:***@host.example/send?key=***&x=***');
    expect(safeUrlForMessages('::')).toBe('(not a URL)');
  });
});
