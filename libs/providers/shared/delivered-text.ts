/**
 * What an answer's delta (or whole message) carries that the model wrote, in OpenRouter's shape:
 * every family's translator produces it, streamed or not.
 */
export interface WrittenPiece {
  content?: string | null;
  refusal?: string | null;
  reasoning?: string | null;
  tool_calls?: ReadonlyArray<{ function?: { name?: string; arguments?: string } }>;
}

/**
 * The text an answer has delivered so far, kept to count its tokens should the provider not count
 * them. Pieces are only joined here (V8 joins strings without copying them); tokenizing once at
 * the end costs far less than per chunk. Reasoning is kept apart, as its own count is reported.
 * Signatures and encrypted reasoning are opaque to any tokenizer and are left out.
 */
export class DeliveredText {
  answer = '';
  reasoning = '';

  add(piece: WrittenPiece): void {
    if (piece.content) this.answer += piece.content;
    if (piece.refusal) this.answer += piece.refusal;
    if (piece.reasoning) this.reasoning += piece.reasoning;
    for (const call of piece.tool_calls ?? []) {
      if (call.function?.name) this.answer += call.function.name;
      if (call.function?.arguments) this.answer += call.function.arguments;
    }
  }

  get empty(): boolean {
    return this.answer === '' && this.reasoning === '';
  }
}
