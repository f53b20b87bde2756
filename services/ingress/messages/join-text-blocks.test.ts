import { joinTextBlocks } from './join-text-blocks';

describe('joinTextBlocks', () => {
  it.each([
    ['no blocks', [], ''],
    ['one block', [{ text: 'a' }], 'a'],
    ['several blocks, a blank line apart', [{ text: 'a' }, { text: 'b' }], 'a\n\nb'],
  ])('joins %s', (_case, blocks, expected) => {
    expect(joinTextBlocks(blocks)).toBe(expected);
  });
});
