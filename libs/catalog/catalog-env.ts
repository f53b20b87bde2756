import { z } from 'zod';

/** How a service gets its catalog at start; see settleCatalog. */
export const catalogEnvSchema = z.object({
  /** The catalog file, applied at start when it changed since it was last applied or pushed. */
  SWITCHYARD_CATALOG: z.string().min(1).default('config/catalog.yaml'),
  /**
   * `file`: as above. `watch`: no file is read; the service takes the cluster's catalog (waiting
   * for a first `catalog:push` if there is none), as in Kubernetes, where a Job pushes the ConfigMap.
   */
  SWITCHYARD_CATALOG_MODE: z.enum(['file', 'watch']).default('file'),
});
