import { Module } from '@nestjs/common';
import { CatalogModule } from '../../libs/catalog';
import { MessagingModule } from '../../libs/messaging';
import { PlanService } from './planning/plan.service';

@Module({
  imports: [MessagingModule.forRoot('router'), CatalogModule],
  providers: [PlanService],
})
export class RouterModule {}
