import { Module } from '@nestjs/common';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

/** The credential register: lists of credentials, filtered and paged. */
@Module({
  controllers: [RegisterController],
  providers: [RegisterService],
})
export class RegisterModule {}
