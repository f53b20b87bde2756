/**
 * The text of consecutive text blocks as one string. Several OpenAI-compatible providers (DeepSeek,
 * Groq's system messages) take only string content, so text-only content travels as a string; a blank
 * line keeps the blocks apart as the model saw them.
 */
export function joinTextBlocks(blocks: readonly { text: string }[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}
