export * from './endpoint-health';
export * from './health-table';
export * from './plan-route';
export * from './route-candidate';
export * from './session-endpoints';
