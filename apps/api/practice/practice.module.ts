import { Module } from '@nestjs/common';
import { PracticeController } from './practice.controller';
import { PracticeService } from './practice.service';

/** Practice data: a dummy course offer to practise on, and its removal with everything made on it. */
@Module({
  controllers: [PracticeController],
  providers: [PracticeService],
})
export class PracticeModule {}
