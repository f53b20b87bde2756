import { isGemini3OrLater } from './model-generation';

describe('isGemini3OrLater', () => {
  it.each([
    ['gemini-2.5-flash', false],
    ['gemini-2.0-flash-lite', false],
    ['models/gemini-2.5-pro', false],
    ['gemini-3-pro-preview', true],
    ['gemini-3.1-pro-preview', true],
    ['models/gemini-3-flash-preview', true],
    ['gemini-10-ultra', true],
    ['gemma-3-27b-it', false],
    ['tunedModels/my-model', false],
  ])('%s → %p', (model, expected) => {
    expect(isGemini3OrLater(model)).toBe(expected);
  });
});
