/** What metrics, the owner of keys and of their usage, answers about them. */
export const accountsOperations = [
  'keys.create',
  'keys.list',
  'keys.get',
  'keys.update',
  'keys.delete',
  'byok.put',
  'byok.list',
  'byok.delete',
  'usage',
  'activity',
] as const;
export type AccountsOperation = (typeof accountsOperations)[number];

/**
 * Every NATS subject the services use, under one namespace so that several stacks (or test runs)
 * can share a NATS server without hearing each other.
 */
export interface Subjects {
  readonly namespace: string;
  /** Request/reply: one generation record (metrics, queue group `metrics`). */
  readonly generationLookup: string;
  /** Request/reply: a preset's per-variant A/B report (metrics, queue group `metrics`). */
  readonly presetReport: string;
  /** Request/reply: keys, their BYOK credentials, usage and activity (metrics, queue group `metrics`). */
  accounts(operation: AccountsOperation): string;
  /** Everything published to JetStream lives under this prefix. */
  readonly eventsWildcard: string;
  /** GenerationEvents, a JSON array of them per message (ingress batches them). */
  readonly generationEvent: string;
  /**
   * AttemptEvents, a JSON array of them per message (batched under load: see AttemptReports), on core
   * NATS only (outside the events stream: health tolerates a lost event, and storing them would double
   * the stream's writes); the router learns health from them.
   */
  readonly attemptEvent: string;
  /** The router's HealthTable (every router replica, every second and when a circuit changes); every ingress plans with it. */
  readonly healthTable: string;
  /** Request/reply: a model's endpoints with live health, OpenRouter's shape (router, queue group `router`). */
  readonly endpointsLookup: string;
  /** Starts the name of every JetStream stream and KV bucket of the namespace. */
  readonly streamPrefix: string;
  /** JetStream stream that holds the events. */
  readonly eventsStream: string;
  /** Where a worker for `providerId` takes chat jobs. */
  providerChat(providerId: string): string;
  /**
   * Where a worker takes chat jobs for `providerId` that carry the key's own credential (BYOK):
   * every worker of the family serves it, whether or not the gateway has a key for the provider.
   */
  providerByokChat(providerId: string): string;
  /** Queue group shared by the replicas serving one provider. */
  providerQueue(providerId: string): string;
  /** Published by ingress when the client went away; the worker aborts the upstream call. */
  cancel(generationId: string): string;
  readonly cancelWildcard: string;
}

const NAMESPACE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

export function subjectsFor(namespace = 'sy'): Subjects {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(`SWITCHYARD_NAMESPACE "${namespace}" must match ${NAMESPACE_PATTERN}`);
  }
  const streamPrefix = namespace.toUpperCase().replace(/-/g, '_');
  return {
    namespace,
    generationLookup: `${namespace}.metrics.generation.get`,
    presetReport: `${namespace}.metrics.preset.report`,
    accounts: (operation) => `${namespace}.accounts.${operation}`,
    eventsWildcard: `${namespace}.events.>`,
    generationEvent: `${namespace}.events.generation`,
    attemptEvent: `${namespace}.health.attempt`,
    healthTable: `${namespace}.health.table`,
    endpointsLookup: `${namespace}.router.endpoints`,
    streamPrefix,
    eventsStream: `${streamPrefix}_EVENTS`,
    providerChat: (providerId) => `${namespace}.provider.${providerId}.chat`,
    providerByokChat: (providerId) => `${namespace}.provider.${providerId}.byok.chat`,
    providerQueue: (providerId) => `workers.${providerId}`,
    cancel: (generationId) => `${namespace}.cancel.${generationId}`,
    cancelWildcard: `${namespace}.cancel.*`,
  };
}
