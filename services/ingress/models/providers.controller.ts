import { Controller, Get } from '@nestjs/common';
import { CatalogStore } from '../../../libs/catalog';
import { Public } from '../auth/public.decorator';

/**
 * The catalog's providers in OpenRouter's shape (`name`, `slug` and the policy links the catalog
 * gives, null otherwise). https://openrouter.ai/docs/api-reference/providers/list-providers
 */
@Controller(['api/v1', 'v1'])
export class ProvidersController {
  constructor(private readonly catalogs: CatalogStore) {}

  @Public()
  @Get('providers')
  list() {
    const providers = [...this.catalogs.current.providers.values()];
    return {
      data: providers.map((provider) => ({
        name: provider.name,
        slug: provider.id,
        privacy_policy_url: provider.privacyPolicyUrl ?? null,
        terms_of_service_url: provider.termsOfServiceUrl ?? null,
        status_page_url: provider.statusPageUrl ?? null,
      })),
    };
  }
}
