import { Controller, Get, Header } from '@nestjs/common';
import { CatalogStore, type Catalog } from '../../../libs/catalog';
import { Public } from '../auth/public.decorator';
import { toModelList } from './model-list';

@Controller(['api/v1', 'v1'])
export class ModelsController {
  /** The list only changes with the catalog, so it is rendered once per catalog version. */
  private rendered?: { catalog: Catalog; body: string };

  constructor(private readonly catalogs: CatalogStore) {}

  @Public()
  @Get('models')
  @Header('content-type', 'application/json; charset=utf-8')
  list(): string {
    const catalog = this.catalogs.current;
    if (this.rendered?.catalog !== catalog)
      this.rendered = { catalog, body: JSON.stringify(toModelList(catalog)) };
    return this.rendered.body;
  }
}
