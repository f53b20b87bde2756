import { Controller, Get, Header, Query } from '@nestjs/common';
import { CatalogStore, type Catalog } from '../../../libs/catalog';
import { Public } from '../auth/public.decorator';
import { selectModels, toModelList, type ModelFilters } from './model-list';

@Controller(['api/v1', 'v1'])
export class ModelsController {
  /** The whole list only changes with the catalog, so it is rendered once per catalog version. */
  private rendered?: { catalog: Catalog; body: string };

  constructor(private readonly catalogs: CatalogStore) {}

  /** OpenRouter's model list; `?supported_parameters=tools,response_format` and `?category=` filter it. */
  @Public()
  @Get('models')
  @Header('content-type', 'application/json; charset=utf-8')
  list(@Query() filters: ModelFilters): string {
    const catalog = this.catalogs.current;
    if (filters.supported_parameters || filters.category) {
      return JSON.stringify(toModelList(selectModels(catalog, filters)));
    }
    if (this.rendered?.catalog !== catalog) {
      this.rendered = { catalog, body: JSON.stringify(toModelList(selectModels(catalog))) };
    }
    return this.rendered.body;
  }

  /** How many models the list holds, with the same filters. */
  @Public()
  @Get('models/count')
  count(@Query() filters: ModelFilters): { data: { count: number } } {
    return { data: { count: selectModels(this.catalogs.current, filters).length } };
  }
}
