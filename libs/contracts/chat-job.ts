import type { ChatRequest } from './chat-request';
import type { EndpointRef } from './route-plan';

/** One attempt, sent by ingress to a provider worker; the worker answers with frames on the reply inbox. */
export interface ChatJob {
  generationId: string;
  attempt: number;
  model: string;
  endpoint: EndpointRef;
  stream: boolean;
  /** Epoch ms after which the answer is of no use; the worker aborts the upstream call then. */
  deadline: number;
  request: ChatRequest;
}
