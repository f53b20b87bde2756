import type { ServiceProcess } from './process-group';

/**
 * Which services a rebuild touched, from the paths under `dist/` that changed: a service's own
 * folder restarts that service; shared code (`dist/libs`, `dist/config`, anything outside a
 * service's folder but `dist/scripts` and `dist/test`) restarts them all, in the stack's order.
 */
export function changedServices(
  changed: readonly string[],
  services: readonly ServiceProcess[],
): ServiceProcess[] {
  const folderOf = (service: ServiceProcess) => service.entry.slice(0, service.entry.lastIndexOf('/') + 1);
  const hit = new Set<ServiceProcess>();
  for (const raw of changed) {
    const path = raw.replace(/^\.\//, '');
    if (!path.startsWith('dist/') || /^dist\/(scripts|test)\//.test(path) || !/\.js$/.test(path)) continue;
    const owners = services.filter((service) => path.startsWith(folderOf(service)));
    const inServices = path.startsWith('dist/services/');
    for (const service of owners.length > 0 || inServices ? owners : services) hit.add(service);
  }
  return services.filter((service) => hit.has(service));
}
