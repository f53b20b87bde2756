import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A key's own credential for one provider, sealed with SWITCHYARD_ENCRYPTION_KEY (never in the clear);
 * deleted with its key (the foreign key in the migration).
 */
@Entity('byok_credentials')
export class ByokCredential {
  @PrimaryColumn('text', { name: 'key_hash' })
  keyHash!: string;

  @PrimaryColumn('text', { name: 'provider_id' })
  providerId!: string;

  @Column('text')
  sealed!: string;

  /** A masked form to recognise it by (`sk-...AbCd`). */
  @Column('text')
  label!: string;

  @Column('boolean', { name: 'always_use' })
  alwaysUse!: boolean;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', nullable: true })
  updatedAt!: Date | null;
}
