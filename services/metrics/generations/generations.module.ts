import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GenerationIngestionService } from './generation-ingestion.service';
import { GenerationLookupHandler } from './generation-lookup.handler';
import { GenerationRecord } from './generation-record.entity';
import { GenerationRepository } from './generation.repository';

@Module({
  imports: [TypeOrmModule.forFeature([GenerationRecord])],
  providers: [GenerationRepository, GenerationIngestionService, GenerationLookupHandler],
  exports: [GenerationRepository],
})
export class GenerationsModule {}
