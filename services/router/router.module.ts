import { Module } from '@nestjs/common';
import { CatalogModule } from '../../libs/catalog';
import { MessagingModule } from '../../libs/messaging';
import { RouteJobService } from './planning/route-job.service';

@Module({
  imports: [MessagingModule.forRoot('router'), CatalogModule],
  providers: [RouteJobService],
})
export class RouterModule {}
