import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { AttemptRecord, FinishReason } from '../../../libs/contracts';

/** pg returns numeric as a string to keep its precision; a cost in USD fits a double for our use. */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One finished generation (a GenerationEvent as stored). The schema itself lives in the migrations. */
@Entity('generations')
@Index('generations_created_at_idx', ['createdAt'])
@Index('generations_model_created_at_idx', ['model', 'createdAt'])
@Index('generations_preset_variant_created_at_idx', ['preset', 'variant', 'createdAt'])
export class GenerationRecord {
  @PrimaryColumn('text')
  id!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('text')
  model!: string;

  @Column('text', { name: 'provider_id', nullable: true })
  providerId!: string | null;

  @Column('text', { name: 'provider_name', nullable: true })
  providerName!: string | null;

  @Column('text', { name: 'upstream_model', nullable: true })
  upstreamModel!: string | null;

  @Column('text', { name: 'upstream_id', nullable: true })
  upstreamId!: string | null;

  @Column('boolean')
  streamed!: boolean;

  @Column('boolean')
  cancelled!: boolean;

  @Column('text')
  status!: 'success' | 'error';

  @Column('integer', { name: 'error_code', nullable: true })
  errorCode!: number | null;

  @Column('text', { name: 'error_message', nullable: true })
  errorMessage!: string | null;

  @Column('text', { name: 'finish_reason', nullable: true })
  finishReason!: FinishReason | null;

  @Column('text', { name: 'native_finish_reason', nullable: true })
  nativeFinishReason!: string | null;

  @Column('integer', { name: 'tokens_prompt' })
  tokensPrompt!: number;

  @Column('integer', { name: 'tokens_completion' })
  tokensCompletion!: number;

  @Column('integer', { name: 'tokens_reasoning' })
  tokensReasoning!: number;

  @Column('integer', { name: 'tokens_cached' })
  tokensCached!: number;

  @Column('boolean', { name: 'usage_estimated' })
  usageEstimated!: boolean;

  @Column('numeric', { name: 'total_cost', precision: 20, scale: 10, transformer: numericAsNumber })
  totalCost!: number;

  @Column('boolean', { name: 'is_byok' })
  isByok!: boolean;

  @Column('numeric', {
    name: 'upstream_inference_cost',
    precision: 20,
    scale: 10,
    nullable: true,
    transformer: numericAsNumber,
  })
  upstreamInferenceCost!: number | null;

  @Column('integer', { name: 'latency_ms', nullable: true })
  latencyMs!: number | null;

  @Column('integer', { name: 'generation_time_ms' })
  generationTimeMs!: number;

  @Column('real', { name: 'gateway_overhead_ms', nullable: true })
  gatewayOverheadMs!: number | null;

  @Column('jsonb', { name: 'provider_responses' })
  providerResponses!: AttemptRecord[];

  @Column('text', { name: 'api_key_id', nullable: true })
  apiKeyId!: string | null;

  @Column('text', { name: 'user_id', nullable: true })
  userId!: string | null;

  @Column('text', { name: 'session_id', nullable: true })
  sessionId!: string | null;

  @Column('text', { nullable: true })
  preset!: string | null;

  @Column('text', { nullable: true })
  variant!: string | null;

  @Column('text', { name: 'app_referer', nullable: true })
  appReferer!: string | null;

  @Column('text', { name: 'app_title', nullable: true })
  appTitle!: string | null;

  @Column('text', { name: 'dropped_parameters', array: true, default: () => "'{}'" })
  droppedParameters!: string[];

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
