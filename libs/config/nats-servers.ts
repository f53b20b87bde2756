/**
 * `NATS_URL` may list several servers of a cluster, comma-separated: the client picks one, and
 * fails over to the others when it goes (the cluster also tells it of the rest).
 */
export function natsServers(url: string): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}
