import { SetMetadata } from '@nestjs/common';

export const ACCESS = 'switchyard:access';

/**
 * Who may call a route. Routes say nothing for "any valid key, the admin key included" (what a
 * route does for each, e.g. show one key's data or all, is its own business).
 */
export type Access = 'public' | 'admin';

/** Routes that answer without an API key (model list, health), as on OpenRouter. */
export const Public = () => SetMetadata(ACCESS, 'public' satisfies Access);

/** Routes for the admin (management) key only: the keys API. */
export const AdminOnly = () => SetMetadata(ACCESS, 'admin' satisfies Access);
