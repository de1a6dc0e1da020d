import { isSharpShrink, SUSPECT_SHARE } from '../../../shared/sync/shrinkCheck';

describe('isSharpShrink: when a pass reads its list again before marking entries gone', () => {
  it('never when nothing is missing', () => {
    expect(isSharpShrink(0, 40, 40)).toBe(false);
    expect(isSharpShrink(0, 0, 0)).toBe(false);
  });

  it('an empty list, whatever was stored', () => {
    expect(isSharpShrink(1, 1, 0)).toBe(true);
    expect(isSharpShrink(40, 40, 0)).toBe(true);
  });

  it(`more than ${SUSPECT_SHARE * 100}% of the stored entries`, () => {
    expect(isSharpShrink(4, 40, 36)).toBe(false);
    expect(isSharpShrink(5, 40, 35)).toBe(true);
    expect(isSharpShrink(1, 5, 4)).toBe(true); // a list of a few: any loss costs one more call to confirm
  });

  it('a page\'s worth (1000) or more, however long the list: a short page ending a long list early', () => {
    expect(isSharpShrink(999, 30_000, 29_001)).toBe(false);
    expect(isSharpShrink(1000, 30_000, 29_000)).toBe(true);
  });
});
