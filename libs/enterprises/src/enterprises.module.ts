import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EnterpriseController } from './enterprise.controller';
import { EnterpriseProfile } from './enterprise-profile.entity';
import { EnterpriseService } from './enterprise.service';

@Module({
  imports: [TypeOrmModule.forFeature([EnterpriseProfile]), AuditModule],
  controllers: [EnterpriseController],
  providers: [EnterpriseService],
  exports: [EnterpriseService],
})
export class EnterprisesModule {}
