import { Controller, Get, Header } from '@nestjs/common';
import { Catalog } from '../../../libs/catalog';
import { Public } from '../auth/public.decorator';
import { toModelList } from './model-list';

@Controller(['api/v1', 'v1'])
export class ModelsController {
  /** The list only changes with the catalog, so it is rendered once. */
  private readonly body: string;

  constructor(catalog: Catalog) {
    this.body = JSON.stringify(toModelList(catalog));
  }

  @Public()
  @Get('models')
  @Header('content-type', 'application/json; charset=utf-8')
  list(): string {
    return this.body;
  }
}
