import { Module } from '@nestjs/common';
import { CatalogModule } from '../../../libs/catalog';
import { MessagingModule } from '../../../libs/messaging';
import { Cancellations } from './chat/cancellations';
import { ChatJobService } from './chat/chat-job.service';

@Module({
  imports: [MessagingModule.forRoot('worker-openai-compatible'), CatalogModule],
  providers: [Cancellations, ChatJobService],
})
export class WorkerModule {}
