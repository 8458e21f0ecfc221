import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule, piiCipherProvider } from '@app/identity';
import { SeekerController } from './seeker.controller';
import { SeekerIndexHandler } from './seeker-index.handler';
import { SeekerService } from './seeker.service';

/** The API side: seeker profiles, consent, staff registration and one-to-one help notes. */
@Module({
  imports: [AuditModule, IdentityModule],
  controllers: [SeekerController],
  providers: [SeekerService],
  exports: [SeekerService],
})
export class SeekersModule {}

/** The worker side: the feed of the `seekers` search index (needs the PII cipher for age bands). */
@Module({
  providers: [piiCipherProvider, SeekerIndexHandler],
})
export class SeekersWorkerModule {}
