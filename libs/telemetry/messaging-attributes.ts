import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
} from '@opentelemetry/semantic-conventions/incubating';

/**
 * The messaging semantic conventions of a span that sends a message on NATS or processes one,
 * with the queue group that shares the work when there is one.
 * https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/
 */
export function natsAttributes(
  subject: string,
  operation: 'send' | 'process',
  queueGroup?: string,
): Attributes {
  return {
    [ATTR_MESSAGING_SYSTEM]: 'nats',
    [ATTR_MESSAGING_DESTINATION_NAME]: subject,
    [ATTR_MESSAGING_OPERATION_TYPE]: operation,
    ...(queueGroup && { [ATTR_MESSAGING_CONSUMER_GROUP_NAME]: queueGroup }),
  };
}
