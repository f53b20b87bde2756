import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LimitReset } from '../../../libs/accounts';
import { numericAsNumber } from '../generations/generation-record.entity';

/** A managed API key. Only its hash is stored: the plaintext is shown once, when it is created. */
@Entity('api_keys')
export class ApiKeyRecord {
  @PrimaryColumn('text')
  hash!: string;

  @Column('text')
  name!: string;

  @Column('text')
  label!: string;

  @Column('boolean')
  disabled!: boolean;

  @Column('numeric', {
    name: 'spend_limit',
    precision: 20,
    scale: 10,
    nullable: true,
    transformer: numericAsNumber,
  })
  limit!: number | null;

  @Column('text', { name: 'limit_reset', nullable: true })
  limitReset!: LimitReset | null;

  @Column('boolean', { name: 'include_byok_in_limit' })
  includeByokInLimit!: boolean;

  @Column('integer', { name: 'rate_limit_requests', nullable: true })
  rateLimitRequests!: number | null;

  @Column('integer', { name: 'rate_limit_tokens', nullable: true })
  rateLimitTokens!: number | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', nullable: true })
  updatedAt!: Date | null;
}
