import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityDirectoryModule } from '@app/identity';
import { EnterpriseController } from './enterprise.controller';
import { EnterpriseProfile } from './enterprise-profile.entity';
import { EnterpriseService } from './enterprise.service';
import { EnterpriseProfileRepository } from './enterprise-profile.repository';

@Module({
  imports: [TypeOrmModule.forFeature([EnterpriseProfile]), AuditModule, IdentityDirectoryModule],
  controllers: [EnterpriseController],
  providers: [EnterpriseProfileRepository, EnterpriseService],
  exports: [EnterpriseService],
})
export class EnterprisesModule {}
