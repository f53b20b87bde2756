/** Nest injection token for the router's HealthView (services/router/health/endpoint-health.ts). */
export const HEALTH_VIEW = Symbol('HEALTH_VIEW');
