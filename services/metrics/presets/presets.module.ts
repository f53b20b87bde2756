import { Module } from '@nestjs/common';
import { GenerationsModule } from '../generations/generations.module';
import { PresetReportHandler } from './preset-report.handler';

@Module({
  imports: [GenerationsModule],
  providers: [PresetReportHandler],
})
export class PresetsModule {}
