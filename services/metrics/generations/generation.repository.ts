import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { GenerationEvent } from '../../../libs/contracts';
import { GenerationRecord } from './generation-record.entity';

/** Column and value side by side, so the INSERT can never list them in different orders. */
const COLUMNS: ReadonlyArray<readonly [column: string, value: (event: GenerationEvent) => unknown]> = [
  ['id', (event) => event.id],
  ['created_at', (event) => event.createdAt],
  ['model', (event) => event.model],
  ['provider_id', (event) => event.providerId],
  ['provider_name', (event) => event.providerName],
  ['upstream_model', (event) => event.upstreamModel],
  ['upstream_id', (event) => event.upstreamId],
  ['streamed', (event) => event.streamed],
  ['cancelled', (event) => event.cancelled],
  ['status', (event) => event.status],
  ['error_code', (event) => event.errorCode],
  ['error_message', (event) => event.errorMessage],
  ['finish_reason', (event) => event.finishReason],
  ['native_finish_reason', (event) => event.nativeFinishReason],
  ['tokens_prompt', (event) => event.tokensPrompt],
  ['tokens_completion', (event) => event.tokensCompletion],
  ['tokens_reasoning', (event) => event.tokensReasoning],
  ['tokens_cached', (event) => event.tokensCached],
  ['total_cost', (event) => event.totalCost],
  ['latency_ms', (event) => event.latencyMs],
  ['generation_time_ms', (event) => event.generationTimeMs],
  // pg would send a JS array as a Postgres array; jsonb wants the JSON text.
  ['provider_responses', (event) => JSON.stringify(event.attempts)],
  ['api_key_id', (event) => event.apiKeyId],
  ['user_id', (event) => event.user],
  ['session_id', (event) => event.sessionId],
];

@Injectable()
export class GenerationRepository {
  constructor(@InjectRepository(GenerationRecord) private readonly records: Repository<GenerationRecord>) {}

  findById(id: string): Promise<GenerationRecord | null> {
    return this.records.findOneBy({ id });
  }

  /**
   * Stores a batch as one multi-row INSERT: a single statement is its own transaction, so the batch
   * lands whole or not at all. An id already stored (a redelivered or republished event) is skipped.
   */
  async insertMany(events: readonly GenerationEvent[]): Promise<void> {
    const rows = events.map(
      (_, row) => `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
    );
    const values = events.flatMap((event) => COLUMNS.map(([, value]) => value(event)));
    await this.records.query(
      `INSERT INTO generations (${COLUMNS.map(([column]) => column).join(', ')})
       VALUES ${rows.join(', ')}
       ON CONFLICT (id) DO NOTHING`,
      values,
    );
  }
}
