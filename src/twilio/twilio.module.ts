import { Module } from '@nestjs/common';
import { TwilioSignatureGuard } from './twilio-signature.guard.js';

@Module({
  providers: [TwilioSignatureGuard],
  exports: [TwilioSignatureGuard],
})
export class TwilioModule {}
