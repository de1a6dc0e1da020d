import { parseSettings } from '../../tools/settingsFile';

describe('NAME=VALUE settings files (deploy.env, local.env)', () => {
  it('reads names and values, skipping comments and blank lines, taking off one pair of outer quotes', () => {
    const text = ['# comment', '', 'A=1', '  B = two words  ', "C='quoted # not a comment'", 'D="x"', 'export E=e', 'F=', 'G=a=b'].join('\n');
    expect(parseSettings(text)).toEqual({ A: '1', B: 'two words', C: 'quoted # not a comment', D: 'x', E: 'e', F: '', G: 'a=b' });
  });

  it('names the line it cannot read', () => {
    expect(() => parseSettings('A=1\nnot a setting\n', 'local.env')).toThrow('local.env line 2: expected NAME=VALUE');
  });
});
